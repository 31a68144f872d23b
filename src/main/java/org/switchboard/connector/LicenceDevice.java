package org.switchboard.connector;

import java.util.Objects;

/**
 * The device a licence reason comes from: its id in the phone system (a SIP device's id, a mobile
 * pairing's id, or whatever an outside PBX names it by) and a name a person reads, such as
 * "Desk phone 101", "Desktop client 102" or "iPhone (mobile app)".
 */
public record LicenceDevice(String id, String name) {

    public static final int MAX_ID = 100;
    public static final int MAX_NAME = 100;

    public LicenceDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        id = cut(id, MAX_ID);
        name = cut(name, MAX_NAME);
    }

    private static String cut(String value, int max) {
        String v = value.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }
}
