package org.switchboard.telephony;

/**
 * What a device is. Desk phones and DECT handsets hold no licence when registered; a desktop
 * client's registration is its desktop session; function devices belong to function extensions.
 */
public enum DeviceKind {
    DESK_PHONE("Desk phone"), DECT_HANDSET("DECT handset"), DESKTOP_CLIENT("Desktop client"),
    MOBILE_APP("Mobile app"), FUNCTION_DEVICE("Function device");

    private final String label;

    DeviceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether an employee (not a function extension) uses this kind. */
    public boolean forEmployees() {
        return this != FUNCTION_DEVICE;
    }

    /** Whether a function extension may have this kind: never a desktop client or mobile app. */
    public boolean forFunctions() {
        return this == FUNCTION_DEVICE || this == DESK_PHONE || this == DECT_HANDSET;
    }
}
