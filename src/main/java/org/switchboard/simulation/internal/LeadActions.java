package org.switchboard.simulation.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Random;

import org.springframework.stereotype.Component;
import org.switchboard.partners.Lead;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.ProgrammeCommands.RecordLead;
import org.switchboard.simulation.SimulationSettings;
import org.switchboard.simulation.internal.Ledger.LeadRecord;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * Leads: in the second half of the period the operator records one lead for every ten customers
 * (at least one), a company in the region of one of the partners' cities; the partner it is
 * offered to answers the next morning, one in three declining (the lead goes to the next
 * partner), the others accepting and inviting the company, which accepts the invitation the day
 * after and becomes a customer like the invited ones. Every offer the application makes goes into
 * the ledger. A random of their own, so that the rest of the world plays as it would without them.
 */
@Component
class LeadActions {

    private final LeadManagement leads;
    private final CustomerLife customers;
    private final Clock clock;

    LeadActions(LeadManagement leads, CustomerLife customers, Clock clock) {
        this.leads = leads;
        this.customers = customers;
        this.clock = clock;
    }

    void plan(Plan plan, SimulationSettings s) {
        Random random = new Random(s.seed() * 7_919 + 5);
        LocalDate first = s.from().atDay(1);
        long days = ChronoUnit.DAYS.between(first, s.to().atEndOfMonth()) + 1;
        int count = Math.max(1, s.customers() / 10);
        for (int k = 0; k < count; k++) {
            LocalDate on = first.plusDays(days / 2 + random.nextInt((int) Math.max(1, days / 2 - 4)));
            int n = s.customers() + k; // the number of its customer, after the invited ones
            String[] city = PartnerActions.CITIES[random.nextInt(PartnerActions.CITIES.length)].split("\\|");
            int employees = 5 + random.nextInt(40);
            plan.add(on, LocalTime.of(11, 0), ledger -> record(ledger, plan, n, city, employees, random));
        }
    }

    private void record(Ledger ledger, Plan plan, int n, String[] city, int employees, Random random) {
        String email = "lead-" + ledger.unique(n) + "@sim.switchboard.invalid";
        Lead lead = leads.record(World.operator(), new RecordLead("Lead " + ledger.unique(n) + " GmbH", "Lena Lead",
                email, null, "DE", city[0], city[2], employees, null));
        LeadRecord r = new LeadRecord(lead.id(), lead.company(), city[2]);
        ledger.leads.add(r);
        ledger.count("leads recorded");
        offered(ledger, plan, r, lead, n, email, random);
    }

    /** The application offered the lead (or left it unassigned): the partner answers the next morning. */
    private void offered(Ledger ledger, Plan plan, LeadRecord r, Lead lead, int n, String email, Random random) {
        Instant now = clock.instant();
        if (lead.status() != Lead.Status.OFFERED) {
            r.offers.add(new Ledger.Offer(null, now));
            ledger.count("leads left unassigned");
            return;
        }
        r.offers.add(new Ledger.Offer(lead.partnerId(), now));
        PartnerRecord partner = ledger.partners.stream().filter(p -> p.id().equals(lead.partnerId())).findFirst()
                .orElse(null);
        if (partner == null) {
            return; // a partner the simulation did not create (on a database it does not hold alone)
        }
        LocalDate next = LocalDate.ofInstant(now, ledger.zone).plusDays(1);
        boolean decline = random.nextInt(3) == 0;
        plan.add(next, LocalTime.of(9, 0), l -> {
            if (decline) {
                leads.decline(partner.admin(), r.id);
                l.count("leads declined");
                offered(l, plan, r, leads.lead(World.operator(), r.id), n, email, random);
                return;
            }
            leads.accept(partner.admin(), r.id);
            leads.invite(partner.admin(), r.id);
            r.acceptedBy = partner;
            l.count("leads accepted");
            LocalDate joins = next.plusDays(1);
            plan.add(joins, LocalTime.of(10, 0), l2 -> {
                r.convertedAt = clock.instant();
                customers.accepted(l2, partner, n, r.company, email, "DE", random, plan, joins);
                l2.count("customers from leads");
            });
        });
    }
}
