package org.switchboard.instances;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.PriceListId;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.catalog.Tier;

/** Instances and prices for domain tests, without a database. */
final class InstanceFixtures {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String VALID_IBAN = "DE89370400440532013000";

    static final PriceList BASIC = new PriceList(new PriceListId(UUID.randomUUID()), Plan.BASIC, 1,
            LocalDate.of(2026, 1, 1), Money.euros("8.90"),
            List.of(Tier.of(1, 10, "0"), Tier.of(11, 25, "10"), Tier.of(26, 50, "15"), Tier.of(51, 100, "20"),
                    Tier.of(101, 250, "30"), Tier.of(251, 500, "40"), Tier.of(501, 750, "50"),
                    Tier.of(751, 1000, "60"), Tier.of(1001, null, "70")));

    static final PriceList PREMIUM = new PriceList(new PriceListId(UUID.randomUUID()), Plan.PREMIUM, 1,
            LocalDate.of(2026, 1, 1), Money.euros("12.90"), List.of(Tier.of(1, null, "0")));

    private InstanceFixtures() {
    }

    static Instant berlin(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    static PriceQuote basic(int concurrentUsers) {
        return BASIC.quote(concurrentUsers);
    }

    static Mandate mandate() {
        return new Mandate("SB-TEST-1", LocalDate.of(2026, 3, 1), BankAccount.of(VALID_IBAN, "Huber GmbH"));
    }

    static Instance trial(Instant at) {
        return Instance.startTrial(InstanceId.random(), CustomerId.random(), "Head office", Subdomain.of("huber"),
                "DE", 5, at, BERLIN, "admin@huber.example");
    }

    static Instance subscribed(int concurrentUsers, Instant at) {
        return Instance.subscribeWithoutTrial(InstanceId.random(), CustomerId.random(), "Head office",
                Subdomain.of("huber"), "DE", basic(concurrentUsers), mandate(), at, BERLIN, "admin@huber.example");
    }
}
