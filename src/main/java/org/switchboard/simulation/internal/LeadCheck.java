package org.switchboard.simulation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.switchboard.accounts.PartnerId;
import org.switchboard.partners.Lead;
import org.switchboard.simulation.internal.Ledger.LeadRecord;
import org.switchboard.simulation.internal.Ledger.Offer;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * The leads, by the programme's rules and the levels {@link LevelCheck} computed: each offer went to
 * a partner of level Certified or up not offered the lead before, of the first group that had one
 * (Premium and up serving the lead's region, then any serving it, then the others), within the
 * group the one whose last offer is oldest (never offered first); a lead was left unassigned only
 * when no such partner was left; and each ends as the partners' answers make it: accepted by the
 * one that accepted it, converted when its customer accepted the invitation. A level that changed
 * on the day of an offer may be taken before or after the change (the offer's minute decides).
 */
final class LeadCheck {

    private LeadCheck() {
    }

    static void check(Ledger ledger, LevelCheck.Levels levels, Function<UUID, Lead> app, boolean exclusive,
            Findings findings) {
        Map<PartnerId, Instant> lastOffer = new HashMap<>();
        ledger.leads.stream().flatMap(r -> r.offers.stream().map(o -> Map.entry(r, o)))
                .sorted(Map.Entry.comparingByValue((a, b) -> a.at().compareTo(b.at()))).forEach(e -> {
                    LeadRecord r = e.getKey();
                    Offer offer = e.getValue();
                    checkOffer(ledger, levels, r, offer, lastOffer, exclusive, findings);
                    if (offer.partner() != null) {
                        lastOffer.put(offer.partner(), offer.at());
                    }
                });
        for (LeadRecord r : ledger.leads) {
            Lead lead = app.apply(r.id);
            Offer last = r.offers.isEmpty() ? null : r.offers.get(r.offers.size() - 1);
            String who = "lead " + r.company;
            if (!exclusive && r.acceptedBy == null && last != null && last.partner() != null
                    && ledger.partners.stream().noneMatch(x -> x.id().equals(last.partner()))) {
                // Offered to a partner the simulation does not play (data of its own in a shared
                // database): that partner answers, or the offer runs out, outside the ledger.
                continue;
            }
            if (r.acceptedBy != null) {
                if (lead.status() != Lead.Status.ACCEPTED || !r.acceptedBy.id().equals(lead.partnerId())
                        || lead.invitationId() == null) {
                    findings.mismatch(who + ": " + lead.status() + " by " + lead.partnerId() + ", expected accepted by "
                            + r.acceptedBy.name() + " with an invitation");
                }
                Instant converted = lead.convertedAt() == null ? null : lead.convertedAt().truncatedTo(ChronoUnit.MILLIS);
                Instant expected = r.convertedAt == null ? null : r.convertedAt.truncatedTo(ChronoUnit.MILLIS);
                if (!Objects.equals(converted, expected)) {
                    findings.mismatch(who + ": converted " + lead.convertedAt() + ", expected " + r.convertedAt);
                }
            } else if (last != null && last.partner() == null) {
                if (lead.status() != Lead.Status.UNASSIGNED) {
                    findings.mismatch(who + ": " + lead.status() + ", expected unassigned");
                }
            } else if (last != null && (lead.status() != Lead.Status.OFFERED
                    || !last.partner().equals(lead.partnerId()))) {
                findings.mismatch(who + ": " + lead.status() + " to " + lead.partnerId() + ", expected offered to "
                        + last.partner());
            }
        }
    }

    private static void checkOffer(Ledger ledger, LevelCheck.Levels levels, LeadRecord r, Offer offer,
            Map<PartnerId, Instant> lastOffer, boolean exclusive, Findings findings) {
        LocalDate day = LocalDate.ofInstant(offer.at(), ledger.zone);
        Set<PartnerId> before = new HashSet<>();
        for (Offer o : r.offers) {
            if (o == offer) {
                break;
            }
            before.add(o.partner());
        }
        // The best group of a partner not offered the lead yet, by the levels at the start of the day (3: none left).
        int best = 3;
        for (PartnerRecord q : ledger.partners) {
            int lo = levels.atStartOf(q.id(), day);
            if (!before.contains(q.id()) && lo >= 1) {
                best = Math.min(best, group(ledger, r, q.id(), lo));
            }
        }
        String who = "lead " + r.company + " on " + day;
        if (offer.partner() == null) {
            if (best < 3) {
                findings.mismatch(who + ": left unassigned, though a partner of level Certified or up was left");
            }
            return;
        }
        PartnerRecord p = ledger.partners.stream().filter(x -> x.id().equals(offer.partner())).findFirst().orElse(null);
        if (p == null) {
            if (exclusive) {
                findings.mismatch(who + ": offered to a partner the simulation does not know");
            }
            return;
        }
        int hi = levels.atStartOf(p.id(), day.plusDays(1));
        if (hi < 1) {
            findings.mismatch(who + ": offered to " + p.name() + ", whose level by the rules is "
                    + LevelCheck.Levels.name(hi));
            return;
        }
        int group = group(ledger, r, p.id(), hi);
        if (group > best) {
            findings.mismatch(who + ": offered to " + p.name() + " (group " + group + "), though a partner of group "
                    + best + " was left");
            return;
        }
        if (!exclusive) {
            return;
        }
        Instant mine = lastOffer.get(p.id());
        for (PartnerRecord q : ledger.partners) {
            int lo = levels.atStartOf(q.id(), day);
            if (q == p || before.contains(q.id()) || lo < 1 || group(ledger, r, q.id(), lo) != group) {
                continue;
            }
            Instant theirs = lastOffer.get(q.id());
            if (mine != null && (theirs == null || theirs.isBefore(mine))) {
                findings.mismatch(who + ": offered to " + p.name() + ", though " + q.name()
                        + " had waited longer for a lead");
                return;
            }
        }
    }

    /** 0: Premium and up serving the lead's region; 1: serving it; 2: the others. */
    private static int group(Ledger ledger, LeadRecord r, PartnerId partner, int level) {
        if (!r.region.equals(ledger.regionServed.get(partner))) {
            return 2;
        }
        return level >= 2 ? 0 : 1;
    }
}
