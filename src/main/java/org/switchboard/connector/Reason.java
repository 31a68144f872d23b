package org.switchboard.connector;

/** Why a subject holds a licence. Nothing else occupies one: see {@link LicencePolicy}. */
public enum Reason {
    DESKTOP_SESSION("desktop client"), MOBILE_PAIRING("mobile app"), OUTBOUND_CALL("outbound call");

    private final String label;

    Reason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
