package org.switchboard.partners;

/** What pages and the API ask the programme to do, as plain records. */
public final class ProgrammeCommands {

    private ProgrammeCommands() {
    }

    /** An operator recording a lead. */
    public record RecordLead(String company, String contactName, String contactEmail, String contactPhone,
            String country, String postcode, String region, Integer employees, String notes) {
    }

    /** The partner's public profile: listed in the directory or not, its short text, the regions it serves. */
    public record UpdateProfile(Boolean listed, String text, java.util.List<String> regions) {
    }

    public record PayoutAccount(String iban, String accountHolder) {
    }
}
