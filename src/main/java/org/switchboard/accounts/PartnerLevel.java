package org.switchboard.accounts;

/** The partner programme's levels, lowest first. Not to be confused with the plan "Premium". */
public enum PartnerLevel {
    REGISTERED("Registered"), CERTIFIED("Certified"), PREMIUM("Premium"), EXCELLENCE("Excellence");

    private final String label;

    PartnerLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
