package org.switchboard.telephony;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.platform.NotFoundException;
import org.switchboard.telephony.internal.Devices;
import org.switchboard.telephony.sip.SipTransport;

/** What a phone needs to register: the SIP domain of an instance and the settings of a device. */
@Service
public class DeviceProvisioning {

    /** What a phone needs to register: registrar, domain, user, transports, port. */
    public record Provisioning(String registrar, int port, List<String> transports, String domain, String user,
            String authUser, String extension, List<String> digestAlgorithms) {
    }

    private final InstanceManagement instances;
    private final Devices devices;
    private final SipSettings settings;
    private final SipTransport transport;

    DeviceProvisioning(InstanceManagement instances, Devices devices, SipSettings settings, SipTransport transport) {
        this.instances = instances;
        this.devices = devices;
        this.settings = settings;
        this.transport = transport;
    }

    public Provisioning provisioning(CurrentUser viewer, InstanceId id, UUID deviceId) {
        Instance instance = instances.instance(viewer, id).instance();
        Device device = devices.find(id, deviceId).orElseThrow(() -> DeviceManagement.notFound(deviceId));
        return provisioning(realm(instance), device);
    }

    /** The SIP domain of an instance: {@code <subdomain>.<platform SIP domain>}. */
    public String sipDomain(CurrentUser viewer, InstanceId id) {
        return realm(instances.instance(viewer, id).instance());
    }

    /** The instance's SIP domain, which is also the digest realm of its devices' credentials. */
    String realm(Instance instance) {
        return settings.domainOf(instance.subdomain().value());
    }

    Provisioning provisioning(String realm, Device device) {
        int port = transport.port() > 0 ? transport.port() : settings.port();
        return new Provisioning(settings.advertisedHost(), port, List.of("UDP", "TCP"), realm,
                device.sipUser(), device.sipUser(), device.extension(), List.of("SHA-256", "MD5"));
    }
}
