package org.switchboard.simulation.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.instances.InstanceLifecycle;
import org.switchboard.simulation.SimulationSettings;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Plays the period day by day, moving the clock: the lifecycle job every night, on the 1st the
 * {@link MonthlyRun}, collections and returns of direct debits on the 5th and credit notes on the
 * 10th ({@link DebitsAndCredits}); between them what the plan holds for the day (partners
 * registering, customers invited, trials, subscriptions, changes, leads recorded and answered
 * ({@link LeadActions})) and the working days of licence
 * events ({@link LicenceDays}). Every choice comes from one {@link Random} of the seed, in one
 * order, so a seed plays the same world.
 */
@Component
class World {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(World.class);
    static final String PASSWORD = "simulated business year";
    static final String IBAN = "DE89370400440532013000";
    private static final CurrentUser OPERATOR = new CurrentUser(UserId.random(), "simulation@switchboard.invalid",
            "Simulation", Role.OPERATOR, null, null);

    private final InstanceLifecycle lifecycle;
    private final PartnerActions partners;
    private final CustomerLife customers;
    private final LicenceDays licenceDays;
    private final MonthlyRun monthly;
    private final DebitsAndCredits debits;
    private final EventsSettled settled;
    private final LeadActions leads;

    World(InstanceLifecycle lifecycle, PartnerActions partners, CustomerLife customers, LicenceDays licenceDays,
            MonthlyRun monthly, DebitsAndCredits debits, EventsSettled settled, LeadActions leads) {
        this.lifecycle = lifecycle;
        this.partners = partners;
        this.customers = customers;
        this.licenceDays = licenceDays;
        this.monthly = monthly;
        this.debits = debits;
        this.settled = settled;
        this.leads = leads;
    }

    static CurrentUser operator() {
        return OPERATOR;
    }

    /** Sets the clock to {@code time} of {@code day} in the ledger's zone. */
    static void at(Consumer<Instant> setClock, Ledger ledger, LocalDate day, LocalTime time) {
        setClock.accept(day.atTime(time).atZone(ledger.zone).toInstant());
    }

    /**
     * Accounts of the first start that the demo year takes in: the demo partner (the first partner,
     * one of the rising ones) and a customer of it, who buys a phone system on the first day.
     */
    record Adopted(PartnerId partner, UserId partnerAdmin, String partnerEmail, String partnerName,
            CustomerId customer, String customerEmail, String customerName, String vatId) {
    }

    /** Plays the ledger's period; {@code adopted} (may be null) are the first start's accounts it takes in. */
    Ledger play(Ledger ledger, Consumer<Instant> setClock, Adopted adopted) {
        SimulationSettings s = ledger.settings;
        Random random = new Random(s.seed());
        Plan plan = plan(s, random);
        if (adopted != null) {
            adopt(plan, adopted, s);
        }
        LocalDate first = s.playedFrom().atDay(1);
        LocalDate end = s.to().plusMonths(1).atDay(1);
        settled.startCounting();
        long t0 = System.nanoTime();
        long nightly = 0;
        long monthRuns = 0;
        long business = 0;
        long licence = 0;
        for (LocalDate day = first; !day.isAfter(end); day = day.plusDays(1)) {
            long t = System.nanoTime();
            at(setClock, ledger, day, LocalTime.of(0, 5));
            lifecycle.runDue();
            nightly += System.nanoTime() - t;
            t = System.nanoTime();
            if (day.getDayOfMonth() == 1 && day.isAfter(first)) {
                monthly.monthStart(ledger, YearMonth.from(day).minusMonths(1), day, setClock);
            } else if (!day.equals(end)) {
                monthly.night(ledger, day, setClock);
            }
            if (day.equals(end)) {
                break;
            }
            if (day.getDayOfMonth() == 5) {
                debits.payments(ledger, random, YearMonth.from(day).minusMonths(1), day, setClock);
            }
            if (day.getDayOfMonth() == 10) {
                debits.credits(ledger, random, YearMonth.from(day).minusMonths(1), day, setClock);
            }
            monthRuns += System.nanoTime() - t;
            t = System.nanoTime();
            for (Plan.Action a : plan.on(day)) {
                at(setClock, ledger, day, a.time());
                a.run().accept(ledger);
            }
            settled.await();
            business += System.nanoTime() - t;
            t = System.nanoTime();
            if (plan.workdays.contains(day)) {
                // A random of the day alone (its place in the period): what the phone systems do never
                // changes what the business does, and the same period later plays the same days.
                licenceDays.workday(ledger, new Random(s.seed() * 1_000_003L + day.toEpochDay() - first.toEpochDay()),
                        day, setClock);
            }
            licence += System.nanoTime() - t;
        }
        settled.await();
        log.info("Simulation played in {} ms: nightly jobs {} ms, monthly runs, debits and credits {} ms, partners' and "
                + "customers' actions {} ms, licence days {} ms", (System.nanoTime() - t0) / 1_000_000,
                nightly / 1_000_000, monthRuns / 1_000_000, business / 1_000_000, licence / 1_000_000);
        ledger.counts.put("partners", (long) ledger.partners.size());
        ledger.counts.put("customers", (long) ledger.customers.size());
        ledger.counts.put("phone systems", (long) ledger.instances.size());
        ledger.counts.put("call records", (long) ledger.calls.size());
        ledger.counts.put("renewals", renewals(ledger, end.atStartOfDay(ledger.zone).toInstant()));
        ledger.counts.put("licence events", ledger.licenceEvents);
        ledger.counts.put("licence refusals", ledger.refused);
        ledger.counts.put("licence refusals by the admission rules", ledger.refusedByModel);
        ledger.counts.put("licence engine transactions", ledger.licenceTransactions);
        ledger.counts.put("emergency calls", ledger.emergencies);
        return ledger;
    }

    /** Term ends before {@code end} at which a subscription went on unchanged for another year. */
    private static long renewals(Ledger ledger, Instant end) {
        long renewed = 0;
        for (Ledger.InstanceRecord i : ledger.instances) {
            if (i.changes.isEmpty()) {
                continue;
            }
            for (Instant t = i.termEndAfter(i.changes.get(0).at(), ledger.zone); t.isBefore(end);
                    t = i.termEndAfter(t, ledger.zone)) {
                Instant te = t;
                if (i.subscribedAt(te) && i.changes.stream().noneMatch(c -> c.at().equals(te))) {
                    renewed++;
                }
            }
        }
        return renewed;
    }

    private void adopt(Plan plan, Adopted a, SimulationSettings s) {
        LocalDate first = s.from().atDay(1);
        // A random of its own: the rest of the world plays as it would without them.
        Random random = new Random(s.seed() * 31 + 17);
        PartnerRecord partner = new PartnerRecord(a.partner(), a.partnerName(), a.partnerEmail(), new CurrentUser(
                a.partnerAdmin(), a.partnerEmail(), a.partnerName(), Role.PARTNER_ADMIN, a.partner(), null), true);
        plan.add(first, LocalTime.of(5, 0), ledger -> partners.adopt(ledger, partner,
                "https://partner.demo.test/telephony", "DE-BY"));
        CustomerRecord customer = new CustomerRecord(a.customer(), a.customerName(), a.customerEmail(),
                new CurrentUser(UserId.random(), a.customerEmail(), a.customerName(), Role.CUSTOMER_ADMIN, null,
                        a.customer()), partner, "DE", a.vatId());
        plan.add(first, LocalTime.of(5, 30), ledger -> customers.adopt(ledger, customer, "demo-branch",
                "Branch office", new int[] { 8, 30, 8, 8 }, random, plan, first));
    }

    private Plan plan(SimulationSettings s, Random random) {
        Plan plan = new Plan();
        partners.offerWebinars(plan, s);
        LocalDate first = s.from().atDay(1);
        LocalDate last = s.to().atEndOfMonth();
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        // Partners register in the first tenth of the period (with founders: of the founding year); about a third rise.
        for (int p = 0; p < s.partners(); p++) {
            int n = p;
            LocalDate on = s.playedFrom().atDay(1).plusDays(random.nextInt((int) Math.max(1, Math.min(days / 10, 20))));
            boolean rising = p % 3 == 0;
            plan.add(on, Plan.time(random, 6, 0, 60), ledger -> partners.register(ledger, n, rising, random, plan, on));
        }
        // Customers are invited over the first two thirds of the period, after their partners.
        for (int c = 0; c < s.customers(); c++) {
            int n = c;
            LocalDate on = first.plusDays(Math.min(days - 1, 21 + random.nextInt((int) Math.max(1, days * 2 / 3))));
            plan.add(on, Plan.time(random, 6, 0, 80), ledger -> customers.customer(ledger, n, random, plan, on));
        }
        // Founders buy in the founding year, within the period's length of its start: their first term ends fall in the period.
        for (int f = 0; f < s.founders(); f++) {
            int n = f;
            LocalDate on = s.playedFrom().atDay(1).plusDays(21 + random.nextInt((int) Math.max(1, Math.min(days, 330) - 21)));
            plan.add(on, Plan.time(random, 6, 0, 80), ledger -> customers.founder(ledger, n, random, plan, on));
        }
        leads.plan(plan, s);
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
}
