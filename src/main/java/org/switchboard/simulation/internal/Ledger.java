package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.instances.InstanceId;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.SimulationSettings;

/**
 * The simulation's own record of what it did: who registered, who bought what when, which calls
 * were made, which debits came back, what was credited and which payout batches were made. The
 * reconciliation computes from this alone what the application must have invoiced.
 */
final class Ledger {

    final SimulationSettings settings;
    final ZoneId zone;
    final List<ExpectedMoney.Zone> tariff;
    final List<PartnerRecord> partners = new ArrayList<>();
    final List<CustomerRecord> customers = new ArrayList<>();
    final List<InstanceRecord> instances = new ArrayList<>();
    final List<CallMade> calls = new ArrayList<>();
    /** Level of each partner at the start of a day an invoice run finalised invoices (by the application's partner record). */
    final Map<PartnerId, TreeMap<LocalDate, String>> levels = new HashMap<>();
    /** The day each partner's website listing was confirmed, its basic training passed, its premium training recorded. */
    final Map<PartnerId, LocalDate> listedOn = new HashMap<>();
    /** The day a partner named another page, which the operator has not confirmed (its listing no longer counts). */
    final Map<PartnerId, LocalDate> unlistedOn = new HashMap<>();
    final Map<PartnerId, LocalDate> basicTrainingOn = new HashMap<>();
    final Map<PartnerId, LocalDate> premiumTrainingOn = new HashMap<>();
    /** The region each partner serves (set on its directory profile); partners that serve none are missing. */
    final Map<PartnerId, String> regionServed = new HashMap<>();
    final List<LeadRecord> leads = new ArrayList<>();
    /** The instant each CSP partner switched the option on (the simulation never switches it off). */
    final Map<PartnerId, Instant> cspFrom = new HashMap<>();
    final List<Returned> returns = new ArrayList<>();
    final List<Credited> credits = new ArrayList<>();
    final List<Payout> payouts = new ArrayList<>();
    final List<Booked> bookings = new ArrayList<>();
    final List<YearMonth> invoicedMonths = new ArrayList<>();
    final Map<String, Long> counts = new java.util.LinkedHashMap<>();
    long licenceEvents;
    long admitted;
    long refused;
    long emergencies;
    /** Transactions of the licence engine while the working days were reported (about: its other work counts too). */
    long licenceTransactions;
    final List<String> poolViolations = new ArrayList<>();
    /** Refusals of the simulation's own admission model, and where the engine decided otherwise (the first 20). */
    long refusedByModel;
    final List<String> admissionDifferences = new ArrayList<>();
    /** The operator's monthly price of a block of 10 numbers, read when the first block is ordered. */
    BigDecimal block10Price;
    /** The trial size, an operator setting read when the simulation starts. */
    int trialConcurrentUsers = 5;
    /** The password of the accounts the simulation creates. */
    String password = World.PASSWORD;

    Ledger(SimulationSettings settings, ZoneId zone, List<ExpectedMoney.Zone> tariff) {
        this.settings = settings;
        this.zone = zone;
        this.tariff = tariff;
    }

    /** A call made and recorded, kept by the phone system too (the invoices of a customer look at its own calls only). */
    void called(CallMade call) {
        calls.add(call);
        call.instance().calls.add(call);
    }

    /**
     * What makes the e-mail address and subdomain of the simulation's {@code n}th partner or
     * customer unique: the seed, {@code n} and the period's first month, so that the same seed
     * played over another period can share a database with this one.
     */
    String unique(int n) {
        return settings.seed() + "-" + n + "-" + settings.from().toString().replace("-", "");
    }

    /**
     * Whether the partner buys its customers' month {@code month} at wholesale: it had the CSP
     * option on when that month's invoice run was created (on the 1st after it, at 00:30).
     */
    boolean buysAsCsp(PartnerRecord partner, YearMonth month) {
        Instant on = cspFrom.get(partner.id());
        return on != null && on.isBefore(month.plusMonths(1).atDay(1).atTime(0, 30).atZone(zone).toInstant());
    }

    void count(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    record PartnerRecord(PartnerId id, String name, String email, CurrentUser admin, boolean rising) {
    }

    record CustomerRecord(CustomerId id, String name, String email, CurrentUser admin, PartnerRecord partner,
            String country, String vatId) {
    }

    /** A change of an instance's subscription: from {@code at}, {@code concurrentUsers} (0: none). */
    record Change(Instant at, int concurrentUsers) {
    }

    static final class InstanceRecord {
        final InstanceId id;
        final CustomerRecord customer;
        final String name;
        final int[] subjectsByType;
        final Instant createdAt;
        final boolean trial;
        /** Subscription changes in time order; empty while a trial. */
        final List<Change> changes = new ArrayList<>();
        /** The calls this phone system made, in the order they were made. */
        final List<CallMade> calls = new ArrayList<>();
        boolean neverSubscribed;
        boolean downgradeRequested;
        /** When a trial ends: the end of its 30th day in the business time zone (set when it is created). */
        Instant trialEnds;
        /** When it ordered a block of 10 numbers (none: null). */
        Instant blockOrderedAt;

        InstanceRecord(InstanceId id, CustomerRecord customer, String name, int[] subjectsByType, Instant createdAt,
                boolean trial) {
            this.id = id;
            this.customer = customer;
            this.name = name;
            this.subjectsByType = subjectsByType;
            this.createdAt = createdAt;
            this.trial = trial;
        }

        /**
         * The first term end after {@code at}: the activation's date and time a year (or years)
         * later in the business time zone (29 February becomes 28 February).
         */
        Instant termEndAfter(Instant at, ZoneId zone) {
            java.time.ZonedDateTime activated = changes.get(0).at().atZone(zone);
            Instant end = activated.plusYears(1).toInstant();
            for (int years = 2; !end.isAfter(at); years++) {
                end = activated.plusYears(years).toInstant();
            }
            return end;
        }

        int concurrentUsersAt(Instant at) {
            int cu = 0;
            for (Change c : changes) {
                if (!c.at().isAfter(at)) {
                    cu = c.concurrentUsers();
                }
            }
            return cu;
        }

        /** The pool at {@code at}: the subscription's count, the trial size during the trial, 0 otherwise. */
        int poolAt(Instant at, int trialSize) {
            if (subscribedAt(at)) {
                return concurrentUsersAt(at);
            }
            boolean subscribedBefore = !changes.isEmpty() && !changes.get(0).at().isAfter(at);
            return !subscribedBefore && alive(at) ? trialSize : 0;
        }

        boolean subscribedAt(Instant at) {
            return concurrentUsersAt(at) > 0;
        }

        boolean alive(Instant at) {
            if (!changes.isEmpty() && !changes.get(0).at().isAfter(at)) {
                return subscribedAt(at); // a cancelled subscription is deactivated at its term end
            }
            return trial && !at.isBefore(createdAt) && at.isBefore(trialEnds);
        }
    }

    /** An outbound call the simulation made and recorded, answered or not. */
    record CallMade(InstanceRecord instance, String callId, String to, Instant start, Instant answer, Instant end) {

        long talkSeconds() {
            return answer == null ? 0 : java.time.Duration.between(answer, end).getSeconds();
        }
    }

    /** An offer of a lead as the application made it, at {@code at}; {@code partner} null: left unassigned. */
    record Offer(PartnerId partner, Instant at) {
    }

    /** A lead the operator recorded: the offers the application made, who accepted it, when its customer accepted the invitation. */
    static final class LeadRecord {
        final UUID id;
        final String company;
        final String region;
        final List<Offer> offers = new ArrayList<>();
        PartnerRecord acceptedBy;
        Instant convertedAt;

        LeadRecord(UUID id, String company, String region) {
            this.id = id;
            this.company = company;
            this.region = region;
        }
    }

    record Returned(UUID invoiceId, LocalDate on) {
    }

    /** An operator's credit note: {@code amount} net of line {@code line} (1-based) of the invoice. */
    record Credited(UUID invoiceId, int line, BigDecimal amount, Instant at, UUID creditNoteId) {
    }

    record Payout(LocalDate on, BigDecimal total, int transfers) {
    }

    /** A webinar seat the partner booked at {@code at}, at the net {@code price} the rule gives. */
    record Booked(PartnerRecord partner, UUID bookingId, BigDecimal price, Instant at) {
    }
}
