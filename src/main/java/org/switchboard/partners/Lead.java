package org.switchboard.partners;

import java.time.Instant;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;

/**
 * A prospective customer recorded by an operator and offered to partners in turn. The partner
 * offered a lead sees the company, where it is and its size; the contact only once it accepts.
 */
public record Lead(UUID id, String company, String contactName, String contactEmail, String contactPhone,
        String country, String postcode, String region, int employees, String notes, Status status,
        PartnerId partnerId, Instant offeredAt, Instant offerExpiresAt, Instant acceptedAt, UUID invitationId,
        Instant invitedAt, Instant convertedAt, Instant createdAt) {

    public enum Status { OFFERED, ACCEPTED, UNASSIGNED }

    public String regionName() {
        return Regions.name(region);
    }

    /** What a partner that has not accepted may see: no contact. */
    public Lead withoutContact() {
        return new Lead(id, company, null, null, null, country, postcode, region, employees, notes, status, partnerId,
                offeredAt, offerExpiresAt, acceptedAt, invitationId, invitedAt, convertedAt, createdAt);
    }
}
