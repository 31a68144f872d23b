package org.switchboard.telephony;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.switchboard.licensing.LicensingFixtures;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.DeviceManagement.DeviceWithPassword;
import org.switchboard.telephony.DeviceManagement.NewDevice;
import org.switchboard.telephony.sip.SipTransport;

/** An instance with subjects and devices, and what sipp needs to be one of its phones. */
@Component
public class TelephonyFixtures {

    /** A device's SIP identity, as sipp's -set variables. */
    public record Phone(String extension, String user, String password, String domain) {
        public Map<String, String> vars() {
            Map<String, String> v = new HashMap<>();
            v.put("user", user);
            v.put("domain", domain);
            v.put("expires", "300");
            return v;
        }

        public String[] auth() {
            return new String[] { "-au", user, "-ap", password };
        }
    }

    /** A call scenario's variables: the phone's, the number it dials and how long it holds (ms). */
    public static Map<String, String> vars(Phone phone, String dialled, String hold) {
        Map<String, String> v = phone.vars();
        v.put("dialled", dialled);
        v.put("hold", hold);
        return v;
    }

    /** The variables with the final status the scenario expects. */
    public static Map<String, String> status(Map<String, String> vars, int status) {
        vars.put("status", String.valueOf(status));
        return vars;
    }

    private final LicensingFixtures licensing;
    private final DeviceManagement devices;
    private final SipTransport transport;

    TelephonyFixtures(LicensingFixtures licensing, DeviceManagement devices, SipTransport transport) {
        this.licensing = licensing;
        this.devices = devices;
        this.transport = transport;
    }

    public Setup instance(int concurrentUsers, int employees, int functions) {
        return licensing.subscribed(concurrentUsers, employees, functions);
    }

    public Phone phone(Setup setup, String extension, DeviceKind kind) {
        DeviceWithPassword d = devices.add(setup.customer().admin(), setup.instance(),
                new NewDevice(extension, kind.name(), null));
        return new Phone(extension, d.device().sipUser(), d.password(), d.provisioning().domain());
    }

    public int sipPort() {
        return transport.port();
    }

    /** The SIP over TLS port, when the application has a TLS keystore. */
    public int sipTlsPort() {
        return transport.port(org.switchboard.telephony.sip.Flow.Transport.TLS);
    }
}
