package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.CustomerInvitations;
import org.switchboard.accounts.InvitationAcceptance;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceSales;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * The commercial start of a customer: invited by a partner, the invitation accepted by the mailed
 * link, the billing address given, a phone system bought at once or tried first, its employees
 * and function extensions; what the customer changes later is planned with {@link SubscriptionChanges}.
 * <p>
 * Why this class is large: nine collaborators, because each step of a customer's start is a use
 * case of another module (accounts, instances, licensing, mail), taken in the order a customer goes
 * through them.
 */
@Component
class CustomerLife {

    static final int FIRST_EXTENSION = 201;
    /** Founders are numbered after every customer the settings allow, so that their addresses are their own. */
    private static final int FOUNDERS = 100_000;
    private static final List<String> FUNCTIONS = List.of("FAX", "DOOR_INTERCOM", "CONFERENCE_ROOM", "LIFT");

    private final CustomerInvitations invitations;
    private final InvitationAcceptance acceptance;
    private final AccountManagement accounts;
    private final Mailbox mailbox;
    private final InstanceSales sales;
    private final SubjectManagement subjects;
    private final SubscriptionChanges changes;
    private final EventsSettled settled;
    private final Clock clock;

    CustomerLife(CustomerInvitations invitations, InvitationAcceptance acceptance, AccountManagement accounts,
            Mailbox mailbox, InstanceSales sales, SubjectManagement subjects, SubscriptionChanges changes,
            EventsSettled settled, Clock clock) {
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.accounts = accounts;
        this.mailbox = mailbox;
        this.sales = sales;
        this.subjects = subjects;
        this.changes = changes;
        this.settled = settled;
        this.clock = clock;
    }

    /**
     * A customer of the first start taken into the simulation: it buys a phone system for the
     * staff {@code size} (managers, office staff, part-timers, function extensions) on {@code on}.
     */
    void adopt(Ledger ledger, CustomerRecord customer, String subdomain, String name, int[] size, Random random,
            Plan plan, LocalDate on) {
        ledger.customers.add(customer);
        ledger.count("customers taken over");
        phoneSystem(ledger, customer, subdomain, name, random, plan, on, size);
    }

    void customer(Ledger ledger, int n, Random random, Plan plan, LocalDate on) {
        if (ledger.partners.isEmpty()) {
            return;
        }
        // Partners that rise get more customers; the others one now and then.
        PartnerRecord partner = random.nextInt(3) < 2
                ? ledger.partners.stream().filter(PartnerRecord::rising).skip(random.nextInt(
                        (int) Math.max(1, ledger.partners.stream().filter(PartnerRecord::rising).count()))).findFirst()
                        .orElse(ledger.partners.get(0))
                : ledger.partners.get(random.nextInt(ledger.partners.size()));
        String tag = ledger.settings.seed() + "-" + n;
        String email = "customer-" + ledger.unique(n) + "@sim.switchboard.invalid";
        int kind = random.nextInt(20);
        String country = kind == 0 ? "AT" : kind == 1 ? "CH" : "DE";
        String name = "Customer " + tag + (country.equals("AT") ? " GesmbH" : country.equals("CH") ? " AG" : " GmbH");
        invitations.invite(partner.admin(), new InviteCustomer(name, email));
        accepted(ledger, partner, n, name, email, country, random, plan, on);
        ledger.count("customers invited");
    }

    /**
     * Founder {@code f} of the world, an established office, is invited by a rising partner
     * (in turn) in the founding year and buys a phone system for 33 people at once (23 concurrent
     * users); a month and a half before its first term end every third asks for one user fewer,
     * every third cancels and the others let it renew.
     */
    void founder(Ledger ledger, int f, Random random, Plan plan, LocalDate on) {
        List<PartnerRecord> rising = ledger.partners.stream().filter(PartnerRecord::rising).toList();
        if (ledger.partners.isEmpty()) {
            return;
        }
        PartnerRecord partner = rising.isEmpty() ? ledger.partners.get(0) : rising.get(f % rising.size());
        int n = FOUNDERS + f;
        String email = "customer-" + ledger.unique(n) + "@sim.switchboard.invalid";
        String name = "Founder " + ledger.settings.seed() + "-" + f + " GmbH";
        invitations.invite(partner.admin(), new InviteCustomer(name, email));
        CustomerRecord customer = accepted(ledger, partner, n, name, email, "DE", random, plan, on,
                new int[] { 4, 20, 5, 4 });
        ledger.count("founders");
        InstanceRecord record = ledger.instances.get(ledger.instances.size() - 1);
        if (f % 3 != 2 && record.customer.equals(customer)) {
            Instant termEnd = record.termEndAfter(clock.instant(), ledger.zone);
            plan.add(LocalDate.ofInstant(termEnd, ledger.zone).minusDays(45), LocalTime.of(7, 40),
                    l -> changes.askForTermEnd(l, record, f % 3 == 0, random));
        }
    }

    /**
     * The company invited by {@code partner} as {@code name} at {@code email} accepts by the mailed
     * link, gives its billing address and buys or tries a phone system; answers the record.
     */
    CustomerRecord accepted(Ledger ledger, PartnerRecord partner, int n, String name, String email, String country,
            Random random, Plan plan, LocalDate on) {
        return accepted(ledger, partner, n, name, email, country, random, plan, on, null);
    }

    /** As above; {@code size} given: that staff, bought at once. */
    private CustomerRecord accepted(Ledger ledger, PartnerRecord partner, int n, String name, String email,
            String country, Random random, Plan plan, LocalDate on, int[] size) {
        String vatId = switch (country) {
            case "AT" -> "ATU" + (10_000_000 + n);
            case "CH" -> null;
            default -> "DE" + (200_000_000 + n);
        };
        String secret = mailbox.secret(email, "/invitations/");
        CustomerId id = acceptance.acceptInvitation(secret, new AcceptInvitation("Carla Customer", ledger.password,
                country));
        CurrentUser admin = new CurrentUser(UserId.random(), email, "Carla Customer", Role.CUSTOMER_ADMIN, null, id);
        String[] address = switch (country) {
            case "AT" -> new String[] { "Kärntner Straße " + (n + 1), "1010", "Wien" };
            case "CH" -> new String[] { "Bahnhofstrasse " + (n + 1), "8001", "Zürich" };
            default -> new String[] { "Marktplatz " + (n + 1), "94469", "Deggendorf" };
        };
        accounts.updateBillingDetails(admin, id,
                new UpdateBillingDetails(name, address[0], address[1], address[2], country, vatId));
        CustomerRecord customer = new CustomerRecord(id, name, email, admin, partner, country, vatId);
        ledger.customers.add(customer);
        phoneSystem(ledger, customer, "sim" + ledger.unique(n).replace("-", "x"), name, random, plan, on, size);
        return customer;
    }

    /**
     * A phone system of the customer, bought or tried, with its staff; its later changes planned.
     * {@code size} given: that staff, bought at once; null: a size and a trial by chance.
     */
    private void phoneSystem(Ledger ledger, CustomerRecord customer, String subdomain, String name, Random random,
            Plan plan, LocalDate on, int[] size) {
        int[] types = size;
        if (types == null) {
            // Size: mostly small offices, a few larger companies.
            types = new int[] { 1 + random.nextInt(4), 2 + random.nextInt(8), random.nextInt(5), random.nextInt(6) };
            if (random.nextInt(10) == 0) {
                types = new int[] { 5 + random.nextInt(10), 20 + random.nextInt(20), 5 + random.nextInt(10),
                        5 + random.nextInt(10) };
            }
        }
        int cu = Math.max(1, (int) Math.ceil(types[0] + types[1] * 0.8 + types[2] * 0.4 + types[3] * 0.1));
        boolean trial = size == null && random.nextInt(5) < 3;
        Instant now = clock.instant();
        CurrentUser admin = customer.admin();
        InstanceId instance = sales.create(admin, new CreateInstance(name.substring(0, Math.min(60, name.length())),
                subdomain, "DE", trial, trial ? null : "basic", trial ? null : cu, trial ? null : World.IBAN,
                trial ? null : name, trial ? null : true)).instance().id();
        InstanceRecord record = new InstanceRecord(instance, customer, name, types, now, trial);
        // Day 1 is the day it starts; at the end of day 30 a trial not subscribed is deactivated.
        record.trialEnds = now.atZone(ledger.zone).toLocalDate().plusDays(30).atStartOfDay(ledger.zone).toInstant();
        ledger.instances.add(record);
        if (!trial) {
            record.changes.add(new Ledger.Change(now, cu));
            ledger.count("subscriptions sold without trial");
        } else {
            ledger.count("trials started");
            if (random.nextInt(4) == 0) {
                record.neverSubscribed = true;
            } else {
                changes.planSubscription(plan, record, on.plusDays(3 + random.nextInt(25)),
                        Plan.time(random, 6, 30, 50), cu, name);
            }
        }
        settled.await();
        // The staff list imported at once, as a customer does with a CSV of its people and devices.
        StringBuilder csv = new StringBuilder(SubjectManagement.CSV_HEADER).append('\n');
        int ext = FIRST_EXTENSION;
        for (int type = 0; type < 4; type++) {
            for (int i = 0; i < types[type]; i++, ext++) {
                csv.append(type < 3 ? "EMPLOYEE," + ext + ",Employee " + ext + ",,"
                        : "FUNCTION," + ext + ",Function " + ext + ",," + FUNCTIONS.get(i % 4)).append('\n');
            }
        }
        SubjectManagement.ImportReport imported = subjects.importCsv(admin, instance, csv.toString());
        if (!imported.refused().isEmpty()) {
            throw new IllegalStateException("Staff of " + name + " refused: " + imported.refused());
        }
        changes.planLater(plan, record, on, cu, random, ledger);
    }
}
