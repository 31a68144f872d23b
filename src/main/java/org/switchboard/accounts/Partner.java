package org.switchboard.accounts;

import java.time.Instant;
import java.time.LocalDate;

/** A reseller company. It becomes a partner at level Registered on the day its e-mail is verified. */
public record Partner(PartnerId id, String name, Address address, String vatId, String contactName,
        String contactPhone, String website, PartnerLevel level, boolean active, Instant createdAt,
        LocalDate registeredOn, long customers) {
}
