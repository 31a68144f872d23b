package org.switchboard.phone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.phone.internal.Mobiles;
import org.switchboard.phone.internal.Mobiles.Code;
import org.switchboard.phone.internal.Mobiles.Mobile;
import org.switchboard.phone.internal.PairingThrottle;
import org.switchboard.phone.internal.PairingThrottlePolicy;
import org.switchboard.phone.internal.PhoneEmployees;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;
import org.switchboard.telephony.DeviceManagement;
import org.switchboard.telephony.DeviceManagement.DeviceWithPassword;

/**
 * Pairing a mobile app with an employee's client. The client shows a one-time code (and its QR
 * code) valid for ten minutes; the app sends it with a device name. Pairing is {@code MOBILE_PAIRED}
 * to the licence, named by the app's own SIP device ({@code MOBILE_APP}, labelled with the app's
 * name, its credentials in the answer): a refused pairing is not paired and leaves no device. The
 * app gets a token of its own to unpair with; the employee can unpair any of its devices from the
 * client ({@code MOBILE_UNPAIRED}); unpairing removes the app's SIP device.
 */
@Service
public class MobilePairing {

    static final Duration CODE_VALIDITY = Duration.ofMinutes(10);
    private static final String CODE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A code to show: the code itself, when it stops working. */
    public record PairingCode(String code, Instant expiresAt) {
    }

    /** A paired device as the employee sees it. */
    public record PairedDevice(UUID id, String name, Instant pairedAt) {
    }

    /**
     * What the app gets when it is paired: its id and the token to unpair with, and the SIP account of
     * its own device to register with (user, password, domain; shown once).
     */
    public record Paired(UUID id, String name, String token, String extension, String employee, String sipUser,
            String sipPassword, String sipDomain) {
    }

    private final EmployeeDirectory employees;
    private final PhoneEmployees employeeRows;
    private final Mobiles mobiles;
    private final PhoneSystemPort port;
    private final PairingThrottle throttle;
    private final DeviceManagement devices;
    private final Clock clock;

    MobilePairing(EmployeeDirectory employees, PhoneEmployees employeeRows, Mobiles mobiles, PhoneSystemPort port,
            PairingThrottle throttle, DeviceManagement devices, Clock clock) {
        this.devices = devices;
        this.throttle = throttle;
        this.employees = employees;
        this.employeeRows = employeeRows;
        this.mobiles = mobiles;
        this.port = port;
        this.clock = clock;
    }

    /** A new code; the employee's older unused codes stop working. Refused (429) after too many in a row. */
    @Transactional
    public PairingCode newCode(CurrentUser user) {
        Employee me = employees.me(user);
        String subject = me.userId().value().toString();
        Duration wait = throttle.waitFor(PairingThrottlePolicy.EMPLOYEE, subject);
        if (!wait.isZero()) {
            throw new TooManyAttemptsException("Too many pairing codes asked for in a row: try again in "
                    + seconds(wait) + " seconds.", wait);
        }
        throttle.count(PairingThrottlePolicy.EMPLOYEE, subject);
        mobiles.retireCodes(me.userId(), clock.instant());
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(CODE_CHARS.charAt(RANDOM.nextInt(CODE_CHARS.length())));
        }
        Instant expires = clock.instant().plus(CODE_VALIDITY);
        mobiles.insertCode(hash(code.toString()), me.userId(), me.instanceId(), expires);
        return new PairingCode(code.toString(), expires);
    }

    /**
     * The app pairs with a code; refused (409, with the licence's reason) when no licence is free.
     * A wrong, used or expired code counts against the source address; after too many the address
     * waits (429) before its next try, and while it waits its codes are not even looked at.
     */
    @Transactional
    public Paired pair(String rawCode, String rawName, String address) {
        String from = address == null || address.isBlank() ? "unknown" : address;
        Duration wait = throttle.waitFor(PairingThrottlePolicy.ADDRESS, from);
        if (!wait.isZero()) {
            throw new TooManyAttemptsException("Too many wrong pairing codes from this address: try again in "
                    + seconds(wait) + " seconds.", wait);
        }
        Validation v = new Validation();
        String code = rawCode == null ? null : rawCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        v.check(code != null && !code.isEmpty(), "code", "The pairing code is required: the one the client shows");
        v.text("deviceName", "Device name", rawName, 100);
        v.throwIfInvalid();
        Instant now = clock.instant();
        Code c = mobiles.lockCode(hash(code)).filter(x -> x.usedAt() == null && now.isBefore(x.expiresAt()))
                .orElse(null);
        if (c == null) {
            throttle.count(PairingThrottlePolicy.ADDRESS, from);
            throw new InvalidInputException("code",
                    "This pairing code is not valid: it is wrong, used or older than ten minutes. Show a new one.");
        }
        Employee e = employeeRows.byUser(c.user()).orElseThrow(() -> new NotFoundException("The employee is gone."));
        UUID id = UUID.randomUUID();
        // In this transaction: a refused pairing throws, and the device made for it goes with the rollback.
        DeviceWithPassword sip = devices.addPairedApp(e.instanceId(), e.extension(), rawName.trim());
        Decision d = port.report(e.instanceId(), new LicenceEvent(EventType.MOBILE_PAIRED, e.extension(), ref(id), null,
                now, sip.device().licenceDevice()));
        if (!d.admitted()) {
            throw new ConflictException("code", "Not paired: " + d.reason());
        }
        mobiles.useCode(c.hash(), now);
        String token = "sbm_" + UUID.randomUUID().toString().replace("-", "") + Long.toHexString(RANDOM.nextLong());
        mobiles.insert(new Mobile(id, e.userId(), e.customerId().value(), e.instanceId(), rawName.trim(), now, null,
                sip.device().id()), hash(token));
        return new Paired(id, rawName.trim(), token, e.extension(), e.name(), sip.device().sipUser(), sip.password(),
                sip.provisioning().domain());
    }

    @Transactional(readOnly = true)
    public List<PairedDevice> paired(CurrentUser user) {
        Employee me = employees.me(user);
        return mobiles.pairedOf(me.userId()).stream().map(m -> new PairedDevice(m.id(), m.name(), m.pairedAt()))
                .toList();
    }

    /** The employee unpairs one of its devices. */
    @Transactional
    public void unpair(CurrentUser user, UUID id) {
        Employee me = employees.me(user);
        Mobile m = mobiles.paired(id).filter(x -> x.user().equals(me.userId()))
                .orElseThrow(() -> new NotFoundException("There is no paired device " + id + "."));
        unpair(me, m);
    }

    /** The app unpairs itself with its token. */
    @Transactional
    public void unpairByApp(UUID id, String token) {
        Mobile m = token == null ? null : mobiles.pairedByToken(id, hash(token)).orElse(null);
        if (m == null) {
            throw new NotFoundException("There is no paired device " + id + " with this token.");
        }
        unpair(employeeRows.byUser(m.user()).orElseThrow(), m);
    }

    private void unpair(Employee e, Mobile m) {
        Instant now = clock.instant();
        mobiles.unpair(m.id(), now);
        port.report(e.instanceId(), new LicenceEvent(EventType.MOBILE_UNPAIRED, e.extension(), ref(m.id()), null, now));
        if (m.sipDevice() != null) {
            devices.deletePairedApp(e.instanceId(), m.sipDevice());
        }
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String ref(UUID mobile) {
        return "mobile-" + mobile;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
