package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.CustomerInvitations;
import org.switchboard.accounts.InvitationAcceptance;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.Registration;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.billing.CreditNotePolicy;
import org.switchboard.billing.CreditNotes;
import org.switchboard.billing.Invoice;
import org.switchboard.billing.InvoiceManagement;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.billing.TariffManagement;
import org.switchboard.connector.CallRecord;
import org.switchboard.connector.Decision;
import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.connector.PhoneSystemPort;
import org.switchboard.instances.InstanceCommands.ChangeSubscription;
import org.switchboard.instances.InstanceCommands.CreateInstance;
import org.switchboard.instances.InstanceCommands.Subscribe;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceLifecycle;
import org.switchboard.instances.InstanceSales;
import org.switchboard.instances.SubscriptionAmendment;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.licensing.SubjectManagement.NewSubject;
import org.switchboard.licensing.WorkdayModel;
import org.switchboard.mail.Outbox;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.PartnerPayouts;
import org.switchboard.partners.ProgrammeJobs;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.simulation.ExpectedMoney;
import org.switchboard.simulation.SimulationSettings;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Plays the period day by day through the other modules' services, moving the clock: the
 * lifecycle job every night, on the 1st the invoice run, the partner programme's monthly run and
 * a payout batch, collections and returns of direct debits on the 5th, credit notes on the 10th;
 * between them partners registering, customers invited, trials, subscriptions, upgrades, working
 * days of licence events and the call records of the calls admitted. Every choice comes from one
 * {@link Random} of the seed, in one order, so a seed plays the same world.
 */
@Component
class World {

    private static final Logger log = LoggerFactory.getLogger(World.class);
    static final String PASSWORD = "simulated business year";
    static final String IBAN = "DE89370400440532013000";
    private static final int FIRST_EXTENSION = 201;
    /** Phone systems reporting side by side. */
    private static final int REPORTERS = 8;
    private static final CurrentUser OPERATOR = new CurrentUser(UserId.random(), "simulation@switchboard.invalid",
            "Simulation", Role.OPERATOR, null, null);

    private final Registration registration;
    private final CustomerInvitations invitations;
    private final InvitationAcceptance acceptance;
    private final AccountManagement accounts;
    private final Outbox outbox;
    private final InstanceSales sales;
    private final SubscriptionAmendment amendment;
    private final InstanceLifecycle lifecycle;
    private final SubjectManagement subjects;
    private final PhoneSystemPort port;
    private final InvoiceRun invoiceRun;
    private final InvoiceManagement invoices;
    private final org.switchboard.billing.InvoicePayments payments;
    private final CreditNotes creditNotes;
    private final TariffManagement tariffs;
    private final MembershipManagement membership;
    private final ProgrammeJobs programme;
    private final PartnerPayouts payouts;
    private final EventsSettled settled;
    private final Clock clock;

    World(Registration registration, CustomerInvitations invitations, InvitationAcceptance acceptance,
            AccountManagement accounts, Outbox outbox, InstanceSales sales, SubscriptionAmendment amendment,
            InstanceLifecycle lifecycle, SubjectManagement subjects, PhoneSystemPort port, InvoiceRun invoiceRun,
            InvoiceManagement invoices, org.switchboard.billing.InvoicePayments payments, CreditNotes creditNotes,
            TariffManagement tariffs,
            MembershipManagement membership, ProgrammeJobs programme, PartnerPayouts payouts, EventsSettled settled,
            Clock clock) {
        this.registration = registration;
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.accounts = accounts;
        this.outbox = outbox;
        this.sales = sales;
        this.amendment = amendment;
        this.lifecycle = lifecycle;
        this.subjects = subjects;
        this.port = port;
        this.invoiceRun = invoiceRun;
        this.invoices = invoices;
        this.payments = payments;
        this.creditNotes = creditNotes;
        this.tariffs = tariffs;
        this.membership = membership;
        this.programme = programme;
        this.payouts = payouts;
        this.settled = settled;
        this.clock = clock;
    }

    static CurrentUser operator() {
        return OPERATOR;
    }

    /** Whether the database holds partners or customers (anything besides the first start's operator). */
    boolean holdsData() {
        return !accounts.partners(OPERATOR).isEmpty() || !accounts.customers(OPERATOR).isEmpty();
    }

    Ledger play(SimulationSettings s, Consumer<Instant> setClock) {
        ZoneId zone = clock.getZone();
        List<ExpectedMoney.Zone> tariff = tariffs.tariff().zones().stream().map(z -> {
            String[] inc = z.increment().code().split("/");
            return new ExpectedMoney.Zone(z.name(), List.copyOf(z.prefixes()), z.pricePerMinute(),
                    Integer.parseInt(inc[0]), Integer.parseInt(inc[1]), z.connectFee());
        }).toList();
        Ledger ledger = new Ledger(s, zone, tariff);
        Random random = new Random(s.seed());
        Plan plan = plan(s, random);
        LocalDate first = s.from().atDay(1);
        LocalDate end = s.to().plusMonths(1).atDay(1);
        settled.startCounting();
        for (LocalDate day = first; !day.isAfter(end); day = day.plusDays(1)) {
            at(setClock, day, LocalTime.of(0, 5));
            lifecycle.runDue();
            if (day.getDayOfMonth() == 1 && day.isAfter(first)) {
                monthStart(ledger, YearMonth.from(day).minusMonths(1), day, setClock);
            }
            if (day.equals(end)) {
                break;
            }
            if (day.getDayOfMonth() == 5) {
                payments(ledger, random, YearMonth.from(day).minusMonths(1), day, setClock);
            }
            if (day.getDayOfMonth() == 10) {
                credits(ledger, random, YearMonth.from(day).minusMonths(1), day, setClock);
            }
            for (Action a : plan.on(day)) {
                at(setClock, day, a.time());
                a.run().accept(ledger);
            }
            settled.await();
            if (plan.workdays.contains(day)) {
                // A random of the day alone: what the phone systems do never changes what the business does.
                workday(ledger, new Random(s.seed() * 1_000_003L + day.toEpochDay()), day, setClock);
            }
        }
        settled.await();
        ledger.counts.put("partners", (long) ledger.partners.size());
        ledger.counts.put("customers", (long) ledger.customers.size());
        ledger.counts.put("phone systems", (long) ledger.instances.size());
        ledger.counts.put("call records", (long) ledger.calls.size());
        ledger.counts.put("licence events", ledger.licenceEvents);
        ledger.counts.put("licence refusals", ledger.refused);
        ledger.counts.put("emergency calls", ledger.emergencies);
        return ledger;
    }

    private void at(Consumer<Instant> setClock, LocalDate day, LocalTime time) {
        setClock.accept(day.atTime(time).atZone(clock.getZone()).toInstant());
    }

    // ---- the plan: who does what on which day ----------------------------------------------

    record Action(LocalTime time, Consumer<Ledger> run) {
    }

    final class Plan {
        final Map<LocalDate, List<Action>> byDay = new TreeMap<>();
        final java.util.Set<LocalDate> workdays = new java.util.HashSet<>();

        List<Action> on(LocalDate day) {
            List<Action> actions = byDay.getOrDefault(day, List.of());
            return actions.stream().sorted(Comparator.comparing(Action::time)).toList();
        }

        void add(LocalDate day, LocalTime time, Consumer<Ledger> run) {
            byDay.computeIfAbsent(day, d -> new ArrayList<>()).add(new Action(time, run));
        }
    }

    private Plan plan(SimulationSettings s, Random random) {
        Plan plan = new Plan();
        LocalDate first = s.from().atDay(1);
        LocalDate last = s.to().atEndOfMonth();
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        // Partners register in the first tenth of the period; about a third of them will rise.
        for (int p = 0; p < s.partners(); p++) {
            int n = p;
            LocalDate on = first.plusDays(random.nextInt((int) Math.max(1, Math.min(days / 10, 20))));
            boolean rising = p % 3 == 0;
            plan.add(on, time(random, 6, 0, 60), ledger -> registerPartner(ledger, n, rising, random));
        }
        // Customers are invited over the first two thirds of the period, after their partners.
        for (int c = 0; c < s.customers(); c++) {
            int n = c;
            LocalDate on = first.plusDays(Math.min(days - 1, 21 + random.nextInt((int) Math.max(1, days * 2 / 3))));
            plan.add(on, time(random, 6, 0, 80), ledger -> customer(ledger, n, random, plan, on));
        }
        // Working days of licence events: the first {workdaysPerMonth} Tuesdays to Thursdays of each month.
        for (YearMonth m = s.from(); !m.isAfter(s.to()); m = m.plusMonths(1)) {
            int found = 0;
            for (LocalDate d = m.atDay(2); d.getMonth() == m.getMonth() && found < s.workdaysPerMonth(); d = d.plusDays(1)) {
                DayOfWeek w = d.getDayOfWeek();
                if (w == DayOfWeek.TUESDAY || w == DayOfWeek.WEDNESDAY || w == DayOfWeek.THURSDAY) {
                    plan.workdays.add(d);
                    found++;
                    d = d.plusDays(random.nextInt(5));
                }
            }
        }
        return plan;
    }

    /** A time on the morning of a day: from {@code hour}:{@code minute}, within {@code spread} minutes. */
    private static LocalTime time(Random random, int hour, int minute, int spread) {
        return LocalTime.of(hour, minute).plusMinutes(random.nextInt(spread)).plusSeconds(random.nextInt(60));
    }

    // ---- partners -------------------------------------------------------------------------

    private void registerPartner(Ledger ledger, int n, boolean rising, Random random) {
        String tag = ledger.settings.seed() + "-" + n;
        String email = "partner-" + tag + "@sim.switchboard.invalid";
        String name = "Reseller " + tag + " GmbH";
        String[] cities = { "10115|Berlin", "80331|München", "20095|Hamburg", "50667|Köln", "70173|Stuttgart",
                "01067|Dresden", "90402|Nürnberg", "04109|Leipzig" };
        String[] city = cities[random.nextInt(cities.length)].split("\\|");
        PartnerId id = registration.registerPartner(new RegisterPartner(name, "Hauptstraße " + (n + 1), city[0],
                city[1], "DE", "DE" + (100_000_000 + n), "https://reseller-" + tag + ".example", "Rita Reseller",
                "+49 30 " + (1_000_000 + n), "Rita Reseller", email, PASSWORD));
        CurrentUser admin = registration.verifyEmail(secret(email, "/verify-email?token="));
        membership.setPayoutAccount(admin, id, IBAN, name);
        PartnerRecord partner = new PartnerRecord(id, name, email, admin, rising);
        ledger.partners.add(partner);
        ledger.count("partners registered");
        if (rising) {
            // The basic training test passed and the own website presenting the product, confirmed.
            membership.recordTraining(id, false, LocalDate.now(clock));
            membership.submitListing(admin, id, "https://reseller-" + tag + ".example/telephony");
            membership.confirmListing(OPERATOR, id);
            ledger.count("partners trained and listed");
        }
    }

    private String secret(String email, String marker) {
        for (var mail : outbox.to(email)) {
            for (String link : mail.links()) {
                int at = link.indexOf(marker);
                if (at >= 0) {
                    return link.substring(at + marker.length());
                }
            }
        }
        throw new IllegalStateException("no link '" + marker + "' was mailed to " + email);
    }

    // ---- customers and their phone systems ------------------------------------------------

    private void customer(Ledger ledger, int n, Random random, Plan plan, LocalDate on) {
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
        String email = "customer-" + tag + "@sim.switchboard.invalid";
        int kind = random.nextInt(20);
        String country = kind == 0 ? "AT" : kind == 1 ? "CH" : "DE";
        String vatId = switch (country) {
            case "AT" -> "ATU" + (10_000_000 + n);
            case "CH" -> null;
            default -> "DE" + (200_000_000 + n);
        };
        String name = "Customer " + tag + (country.equals("AT") ? " GesmbH" : country.equals("CH") ? " AG" : " GmbH");
        invitations.invite(partner.admin(), new InviteCustomer(name, email));
        String secret = secret(email, "/invitations/");
        CustomerId id = acceptance.acceptInvitation(secret, new AcceptInvitation("Carla Customer", PASSWORD, country));
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
        ledger.count("customers invited");

        // Size: mostly small offices, a few larger companies.
        int[] types = { 1 + random.nextInt(4), 2 + random.nextInt(8), random.nextInt(5), random.nextInt(6) };
        if (random.nextInt(10) == 0) {
            types = new int[] { 5 + random.nextInt(10), 20 + random.nextInt(20), 5 + random.nextInt(10), 5 + random.nextInt(10) };
        }
        int cu = Math.max(1, (int) Math.ceil(types[0] + types[1] * 0.8 + types[2] * 0.4 + types[3] * 0.1));
        boolean trial = random.nextInt(5) < 3;
        String subdomain = "sim" + ledger.settings.seed() + "x" + n;
        Instant now = clock.instant();
        InstanceId instance = sales.create(admin, new CreateInstance(name.substring(0, Math.min(60, name.length())),
                subdomain, "DE", trial, trial ? null : "basic", trial ? null : cu, trial ? null : IBAN,
                trial ? null : name, trial ? null : true)).instance().id();
        InstanceRecord record = new InstanceRecord(instance, customer, name, types, now, trial);
        ledger.instances.add(record);
        if (!trial) {
            record.changes.add(new Ledger.Change(now, cu));
            ledger.count("subscriptions sold without trial");
        } else {
            ledger.count("trials started");
            if (random.nextInt(4) == 0) {
                record.neverSubscribed = true;
            } else {
                LocalDate subscribeOn = on.plusDays(3 + random.nextInt(25));
                plan.add(subscribeOn, time(random, 6, 30, 50), l -> {
                    sales.subscribe(admin, instance, new Subscribe("basic", cu, IBAN, name, true));
                    record.changes.add(new Ledger.Change(clock.instant(), cu));
                    l.count("trials subscribed");
                });
            }
        }
        settled.await();
        int ext = FIRST_EXTENSION;
        for (int type = 0; type < 4; type++) {
            for (int i = 0; i < types[type]; i++, ext++) {
                subjects.add(admin, instance, type < 3
                        ? new NewSubject("EMPLOYEE", String.valueOf(ext), "Employee " + ext, null, null)
                        : new NewSubject("FUNCTION", String.valueOf(ext), "Function " + ext, null,
                                List.of("FAX", "DOOR_INTERCOM", "CONFERENCE_ROOM", "LIFT").get(i % 4)));
            }
        }
        // Some grow during a month; some ask for fewer at the term end.
        if (!record.neverSubscribed && random.nextInt(3) == 0) {
            LocalDate upgradeOn = on.plusDays(35 + random.nextInt(120));
            int more = 1 + random.nextInt(Math.max(2, cu / 2));
            plan.add(upgradeOn, time(random, 6, 0, 85), l -> {
                if (!record.subscribedAt(clock.instant())) {
                    return;
                }
                int newCu = record.concurrentUsersAt(clock.instant()) + more;
                amendment.change(admin, instance, new ChangeSubscription(newCu, null));
                record.changes.add(new Ledger.Change(clock.instant(), newCu));
                l.count("upgrades");
            });
        }
        if (!record.neverSubscribed && random.nextInt(6) == 0) {
            LocalDate askOn = on.plusDays(40 + random.nextInt(100));
            plan.add(askOn, time(random, 7, 0, 20), l -> {
                Instant at = clock.instant();
                if (!record.subscribedAt(at) || record.changes.get(0).at().plus(Duration.ofDays(365))
                        .isBefore(l.settings.to().plusMonths(1).atDay(1).atStartOfDay(l.zone).toInstant())) {
                    return; // the term would end within the period: not yet modelled
                }
                int current = record.concurrentUsersAt(at);
                if (current > 1 && random.nextBoolean()) {
                    amendment.change(admin, instance, new ChangeSubscription(current - 1, null));
                    l.count("downgrades requested for the term end");
                } else {
                    amendment.cancel(admin, instance);
                    l.count("cancellations requested for the term end");
                }
                record.downgradeRequested = true;
            });
        }
    }

    // ---- a working day: licence events and call records -----------------------------------

    private record Played(InstanceRecord instance, LicenceEvent event) {
    }

    private void workday(Ledger ledger, Random random, LocalDate day, Consumer<Instant> setClock) {
        Instant midnight = day.atStartOfDay(ledger.zone).toInstant();
        List<Played> events = new ArrayList<>();
        for (InstanceRecord i : ledger.instances) {
            if (!i.alive(midnight.plus(Duration.ofHours(7)))) {
                continue;
            }
            for (LicenceEvent e : WorkdayModel.day(i.subjectsByType, FIRST_EXTENSION, new Random(random.nextLong()),
                    midnight, day.toString())) {
                events.add(new Played(i, e));
            }
            if (random.nextInt(12) == 0) {
                // An emergency call from the first employee, always put through.
                Instant at = midnight.plus(Duration.ofMinutes(10 * 60 + random.nextInt(300)));
                String ref = "emergency-" + day;
                events.add(new Played(i, new LicenceEvent(EventType.OUTBOUND_CALL_STARTED,
                        String.valueOf(FIRST_EXTENSION), ref, "112", at)));
                events.add(new Played(i, new LicenceEvent(EventType.CALL_ENDED, String.valueOf(FIRST_EXTENSION), ref,
                        null, at.plus(Duration.ofMinutes(3)))));
            }
        }
        events.sort(Comparator.comparing(p -> p.event().at()));
        Decision[] decisions = decide(events, midnight, setClock);
        Map<String, LicenceEvent> admittedCalls = new HashMap<>();
        Map<InstanceRecord, List<CallRecord>> records = new HashMap<>();
        for (int n = 0; n < events.size(); n++) {
            Played p = events.get(n);
            Decision d = decisions[n];
            if (d == null) {
                ledger.count("licence events refused as invalid");
                continue;
            }
            ledger.licenceEvents++;
            String key = p.instance().id.value() + "/" + p.event().ref();
            if (p.event().type().startsReason()) {
                if (d.admitted()) {
                    ledger.admitted++;
                    if (d.emergency()) {
                        ledger.emergencies++;
                    } else if (d.occupied() > d.licensed()) {
                        ledger.poolViolations.add(p.instance().name + " at " + p.event().at() + ": " + d.occupied()
                                + " licences held of " + d.licensed());
                    }
                    if (p.event().type() == EventType.OUTBOUND_CALL_STARTED) {
                        admittedCalls.put(key, p.event());
                    }
                } else {
                    ledger.refused++;
                }
            } else if (p.event().type() == EventType.CALL_ENDED) {
                LicenceEvent started = admittedCalls.remove(key);
                if (started != null) {
                    records.computeIfAbsent(p.instance(), x -> new ArrayList<>())
                            .add(call(ledger, random, p.instance(), started, p.event().at()));
                }
            }
        }
        setClock.accept(midnight.plus(Duration.ofHours(23).plusMinutes(50)));
        for (Map.Entry<InstanceRecord, List<CallRecord>> e : records.entrySet()) {
            port.record(e.getKey().id, e.getValue());
        }
    }

    /**
     * Reports the day's events half an hour at a time: the clock stands at the end of the half
     * hour (the engine takes events up to an hour old), each phone system's events go in their
     * order, different phone systems side by side as they would arrive. Answers each event's
     * decision by its index (null: refused as invalid); the ledger reads them in time order after.
     */
    private Decision[] decide(List<Played> events, Instant midnight, Consumer<Instant> setClock) {
        Decision[] decisions = new Decision[events.size()];
        int n = 0;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(REPORTERS);
        try {
            while (n < events.size()) {
                long window = Duration.between(midnight, events.get(n).event().at()).toMinutes() / 30;
                Instant windowEnd = midnight.plus(Duration.ofMinutes((window + 1) * 30));
                Map<InstanceRecord, List<Integer>> byInstance = new java.util.LinkedHashMap<>();
                while (n < events.size() && events.get(n).event().at().isBefore(windowEnd)) {
                    byInstance.computeIfAbsent(events.get(n).instance(), x -> new ArrayList<>()).add(n);
                    n++;
                }
                setClock.accept(windowEnd);
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (Map.Entry<InstanceRecord, List<Integer>> e : byInstance.entrySet()) {
                    running.add(pool.submit(() -> {
                        for (int i : e.getValue()) {
                            decisions[i] = report(e.getKey().id, events.get(i).event());
                        }
                    }));
                }
                for (java.util.concurrent.Future<?> f : running) {
                    f.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("reporting licence events failed", e.getCause());
        } finally {
            pool.shutdown();
        }
        return decisions;
    }

    /** One event through the connector's port, again when the engine was too busy to answer; null when refused as invalid. */
    private Decision report(InstanceId instance, LicenceEvent event) {
        for (int attempt = 1;; attempt++) {
            try {
                return port.report(instance, event);
            } catch (InvalidInputException e) {
                return null;
            } catch (org.switchboard.connector.EngineUnavailableException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private CallRecord call(Ledger ledger, Random random, InstanceRecord instance, LicenceEvent started, Instant end) {
        String to = "112".equals(started.destination()) ? "112" : destination(random);
        Instant start = started.at();
        boolean answered = random.nextInt(10) != 0;
        Instant answer = answered ? start.plusSeconds(3 + random.nextInt(20)) : null;
        Instant hangUp = end.plusSeconds(random.nextInt(60));
        if (answer != null && hangUp.isBefore(answer)) {
            hangUp = answer;
        }
        String callId = "sim-" + instance.id.value() + "-" + started.ref();
        ledger.calls.add(new Ledger.CallMade(instance, callId, to, start, answer, hangUp));
        return new CallRecord(callId, started.subject(), "+4999150000" + (random.nextInt(90) + 10), to, start, answer,
                hangUp, CallRecord.Direction.OUTBOUND, CallRecord.PLATFORM_TRUNK);
    }

    /**
     * Where office calls go: mostly German fixed and mobile numbers, some EU, a few world, now and
     * then a number no zone rates. Geographic and mobile numbers only: special ranges (premium
     * rate, shared cost, directory enquiries) are rated by their own rule, which this simulation
     * does not play.
     */
    private static String destination(Random random) {
        int r = random.nextInt(200);
        // Subscriber digits from 2 to 7: never the start of a service range behind an area code
        // (Vienna's 1 followed by 18 would be Austria's directory enquiries, 43118).
        String digits = String.valueOf(2_000_000 + random.nextInt(6_000_000));
        if (r < 110) {
            String[] areas = { "30", "40", "89", "221", "69", "991", "711", "341" };
            return "+49" + areas[random.nextInt(areas.length)] + digits;
        }
        if (r < 170) {
            String[] mobile = { "151", "160", "170", "176", "157" };
            return "+49" + mobile[random.nextInt(mobile.length)] + digits;
        }
        if (r < 188) {
            // Paris, Vienna, Rome, Amsterdam, Warsaw, Prague
            String[] eu = { "331", "431", "3906", "3120", "4822", "4202" };
            return "+" + eu[random.nextInt(eu.length)] + digits;
        }
        if (r < 198) {
            // New York, London, Zurich, Tokyo
            String[] world = { "1212", "4420", "4144", "813" };
            return "+" + world[random.nextInt(world.length)] + digits;
        }
        return "+88216" + digits;
    }

    // ---- the monthly runs -----------------------------------------------------------------

    private void monthStart(Ledger ledger, YearMonth closed, LocalDate day, Consumer<Instant> setClock) {
        settled.await();
        at(setClock, day, LocalTime.of(0, 29));
        for (PartnerRecord p : ledger.partners) {
            ledger.levels.computeIfAbsent(p.id(), x -> new TreeMap<>()).put(day,
                    accounts.partner(OPERATOR, p.id()).level().name());
        }
        at(setClock, day, LocalTime.of(0, 30));
        invoiceRun.create(closed, "simulation");
        invoiceRun.complete(closed);
        ledger.invoicedMonths.add(closed);
        settled.await();
        at(setClock, day, LocalTime.of(2, 0));
        programme.runDue();
        settled.await();
        at(setClock, day, LocalTime.of(3, 0));
        payouts.createBatch(OPERATOR, day).ifPresent(batch -> ledger.payouts
                .add(new Ledger.Payout(day, batch.total().amount(), batch.transfers())));
        log.info("Simulation: {} invoiced, {} customers, {} calls so far", closed, ledger.customers.size(),
                ledger.calls.size());
    }

    /** Invoices of the simulation's customers for {@code month}, as the operator lists them. */
    private List<Invoice> invoicesOf(Ledger ledger, YearMonth month) {
        java.util.Set<CustomerId> mine = new java.util.HashSet<>();
        ledger.customers.forEach(c -> mine.add(c.id()));
        return invoices.invoicesOfMonth(OPERATOR, month).stream()
                .filter(i -> i.kind() == Invoice.Kind.INVOICE && i.corrects() == null && mine.contains(i.customerId()))
                .sorted(Comparator.comparing(Invoice::number)).toList();
    }

    /** The direct debits of the month's invoices: about 2% come back, the rest are collected. */
    private void payments(Ledger ledger, Random random, YearMonth month, LocalDate day, Consumer<Instant> setClock) {
        at(setClock, day, LocalTime.of(9, 0));
        List<Invoice> due = invoicesOf(ledger, month);
        // About 2% come back; in a small world at least one in the period, from the second month on.
        int forced = ledger.returns.isEmpty() && !month.equals(ledger.settings.from()) && !due.isEmpty()
                ? random.nextInt(due.size()) : -1;
        for (int n = 0; n < due.size(); n++) {
            Invoice i = due.get(n);
            if (!i.totals().gross().greaterThanZero()) {
                continue;
            }
            if (n == forced || random.nextInt(50) == 0) {
                payments.markReturned(OPERATOR, i.id(), "MD06 refund requested by the debtor");
                ledger.returns.add(new Ledger.Returned(i.id(), day));
                ledger.count("direct debits returned");
            } else {
                payments.markCollected(OPERATOR, i.id());
                ledger.count("direct debits collected");
            }
        }
        settled.await();
    }

    /** A few operator credit notes: part of the first line of an invoice, for a service outage. */
    private void credits(Ledger ledger, Random random, YearMonth month, LocalDate day, Consumer<Instant> setClock) {
        at(setClock, day, LocalTime.of(11, 0));
        List<Invoice> made = invoicesOf(ledger, month);
        // About one invoice in 25, and at least one a month.
        int forced = made.isEmpty() ? -1 : random.nextInt(made.size());
        for (int n = 0; n < made.size(); n++) {
            Invoice i = made.get(n);
            if ((n != forced && random.nextInt(25) != 0) || i.lines().isEmpty()
                    || !i.lines().get(0).amount().greaterThanZero()) {
                continue;
            }
            BigDecimal amount = i.lines().get(0).amount().amount().multiply(new BigDecimal("0.25"))
                    .setScale(2, java.math.RoundingMode.DOWN);
            if (amount.signum() <= 0) {
                continue;
            }
            Invoice note = creditNotes.issue(OPERATOR, i.id(), new CreditNotePolicy.Request(
                    "Service outage: a quarter of the fee credited", false,
                    List.of(new CreditNotePolicy.LineCredit(1, amount))));
            ledger.credits.add(new Ledger.Credited(i.id(), 1, amount, clock.instant(), note.id()));
            ledger.count("credit notes");
        }
        settled.await();
    }
}
