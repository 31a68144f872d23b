package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;
import org.switchboard.billing.Invoice;
import org.switchboard.simulation.internal.Ledger.CustomerRecord;
import org.switchboard.simulation.internal.Ledger.InstanceRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Each partner's level as the programme's rules give it, computed from the ledger alone: the
 * figures of the rolling twelve months (turnover of its customers' invoices as the reconciliation
 * expects them and, as CSP, of its wholesale invoices, less credit notes, without invoices whose debit came back; new subscriptions of its
 * customers; listing and trainings as the simulation did them), evaluated at the end of every day.
 * A partner rises as soon as it qualifies, the new level counting from the next day; it falls only
 * at its yearly review after notice: the monthly run gives notice when the figures meet only a
 * lower level, the review day is the first anniversary of its registration at least 30 days later,
 * a notice is withdrawn when the figures meet the level again, and the review is held on the
 * review day (the simulation runs the programme's job every night, as the application does hourly).
 * Compared with the level the application had at the start of every invoice day and at the end.
 */
final class LevelCheck {

    private static final String[] LEVELS = { "REGISTERED", "CERTIFIED", "PREMIUM", "EXCELLENCE" };
    /** Turnover, new subscriptions, premium training asked from Certified, Premium, Excellence (listing and basic training by all three). */
    private static final BigDecimal[] TURNOVER = { new BigDecimal("2000"), new BigDecimal("5000"),
            new BigDecimal("20000") };
    private static final int[] NEW_SUBSCRIPTIONS = { 1, 4, 8 };

    /** A change of turnover on a day; {@code invoice} the invoice it belongs to (its return takes it out). */
    private record Turnover(LocalDate on, BigDecimal net, UUID invoice) {
    }

    /** The levels the rules give: each partner's level from a day's start on (index in LEVELS), by the days it changed. */
    record Levels(Map<PartnerId, TreeMap<LocalDate, Integer>> changes) {

        /** The level the rules give {@code partner} at the start of {@code day}: 0 Registered to 3 Excellence. */
        int atStartOf(PartnerId partner, LocalDate day) {
            TreeMap<LocalDate, Integer> c = changes.get(partner);
            Map.Entry<LocalDate, Integer> e = c == null ? null : c.floorEntry(day);
            return e == null ? 0 : e.getValue();
        }

        /** How often a partner fell (always at a yearly review, by the rules). */
        long falls() {
            long falls = 0;
            for (TreeMap<LocalDate, Integer> c : changes.values()) {
                Integer before = null;
                for (Integer level : c.values()) {
                    if (before != null && level < before) {
                        falls++;
                    }
                    before = level;
                }
            }
            return falls;
        }

        static String name(int level) {
            return LEVELS[level];
        }
    }

    private LevelCheck() {
    }

    /**
     * Checks every partner's level; {@code registeredOn} and {@code levelNow} are the application's
     * registration days and current levels. Answers the levels the rules give.
     */
    static Levels check(Ledger ledger, InvoiceCheck.Result invoiced, PartnerInvoiceCheck.Result bought,
            Map<UUID, Invoice> byId, Map<PartnerId, LocalDate> registeredOn, Map<PartnerId, String> levelNow, Findings findings) {
        Map<PartnerId, List<Turnover>> turnover = new HashMap<>();
        invoiced.expectedNetOf().forEach((id, net) -> {
            CustomerRecord c = invoiced.customerOf().get(id);
            turnover.computeIfAbsent(c.partner().id(), x -> new ArrayList<>())
                    .add(new Turnover(LocalDate.ofInstant(byId.get(id).finalisedAt(), ledger.zone), net, id));
        });
        // A CSP partner's wholesale invoices are its turnover ("bought as CSP"), paid by transfer: never returned.
        bought.wholesaleNetOf().forEach((id, net) -> turnover.computeIfAbsent(bought.partnerOf().get(id).id(),
                x -> new ArrayList<>()).add(new Turnover(LocalDate.ofInstant(byId.get(id).finalisedAt(), ledger.zone),
                        net, id)));
        for (Ledger.Credited cr : ledger.credits) {
            CustomerRecord c = invoiced.customerOf().get(cr.invoiceId());
            if (c != null) {
                turnover.computeIfAbsent(c.partner().id(), x -> new ArrayList<>()).add(new Turnover(
                        LocalDate.ofInstant(cr.at(), ledger.zone), cr.amount().negate(), cr.invoiceId()));
            }
        }
        Map<UUID, LocalDate> returnedOn = new HashMap<>();
        ledger.returns.forEach(r -> returnedOn.put(r.invoiceId(), r.on()));
        Map<PartnerId, List<LocalDate>> subscriptions = new HashMap<>();
        for (InstanceRecord i : ledger.instances) {
            if (!i.changes.isEmpty()) {
                subscriptions.computeIfAbsent(i.customer.partner().id(), x -> new ArrayList<>())
                        .add(LocalDate.ofInstant(i.changes.get(0).at(), ledger.zone));
            }
        }
        LocalDate first = ledger.settings.playedFrom().atDay(1);
        LocalDate end = ledger.settings.to().plusMonths(1).atDay(1);
        Map<PartnerId, TreeMap<LocalDate, Integer>> changes = new HashMap<>();
        for (PartnerRecord p : ledger.partners) {
            List<Turnover> sales = turnover.getOrDefault(p.id(), List.of());
            List<LocalDate> subscribed = subscriptions.getOrDefault(p.id(), List.of());
            TreeMap<LocalDate, String> noted = ledger.levels.getOrDefault(p.id(), new TreeMap<>());
            LocalDate registered = registeredOn.get(p.id());
            int level = 0;
            LocalDate reviewOn = null;
            TreeMap<LocalDate, Integer> changed = new TreeMap<>();
            changes.put(p.id(), changed);
            for (LocalDate day = first; !day.isAfter(end); day = day.plusDays(1)) {
                changed.put(day, level);
                String app = noted.get(day);
                if (app != null && !app.equals(LEVELS[level])) {
                    findings.mismatch(p.name() + ": level " + app + " at the start of " + day + ", the rules give "
                            + LEVELS[level]);
                }
                int qualified = qualified(ledger, p.id(), day, sales, subscribed, returnedOn);
                boolean monthlyRun = noted.containsKey(day);
                if (reviewOn != null && qualified >= level) {
                    reviewOn = null; // the figures meet the level again: the notice is withdrawn
                }
                if (reviewOn != null && !reviewOn.isAfter(day)) {
                    level = qualified; // the yearly review, on its day: the level the figures meet
                    reviewOn = null;
                } else if (qualified > level) {
                    level = qualified;
                } else if (monthlyRun && qualified < level && reviewOn == null && registered != null) {
                    reviewOn = registered.plusYears(1);
                    while (reviewOn.isBefore(day.plusDays(30))) {
                        reviewOn = reviewOn.plusYears(1);
                    }
                }
            }
            changed.put(end.plusDays(1), level);
            String now = levelNow.get(p.id());
            if (now != null && !now.equals(LEVELS[level])) {
                findings.mismatch(p.name() + ": level " + now + " at the end, the rules give " + LEVELS[level]);
            }
        }
        return new Levels(changes);
    }

    /** The highest level whose requirements the figures of the twelve months up to {@code day} meet (index in LEVELS). */
    private static int qualified(Ledger ledger, PartnerId partner, LocalDate day, List<Turnover> sales,
            List<LocalDate> subscribed, Map<UUID, LocalDate> returnedOn) {
        LocalDate from = day.minusYears(1);
        BigDecimal net = BigDecimal.ZERO;
        for (Turnover t : sales) {
            LocalDate returned = returnedOn.get(t.invoice());
            if (t.on().isAfter(from) && !t.on().isAfter(day) && (returned == null || returned.isAfter(day))) {
                net = net.add(t.net());
            }
        }
        long count = subscribed.stream().filter(d -> d.isAfter(from) && !d.isAfter(day)).count();
        boolean listed = known(ledger.listedOn.get(partner), day) && !known(ledger.unlistedOn.get(partner), day);
        boolean basic = known(ledger.basicTrainingOn.get(partner), day);
        boolean premium = known(ledger.premiumTrainingOn.get(partner), day);
        int level = 0;
        for (int l = 0; l < 3; l++) {
            if (net.compareTo(TURNOVER[l]) >= 0 && count >= NEW_SUBSCRIPTIONS[l] && listed && basic
                    && (l == 0 || premium)) {
                level = l + 1;
            }
        }
        return level;
    }

    private static boolean known(LocalDate since, LocalDate day) {
        return since != null && !since.isAfter(day);
    }
}
