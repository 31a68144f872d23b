package org.switchboard.partners;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.CustomerInvitations;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Invitation;
import org.switchboard.accounts.InvitationAccepted;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.partners.LeadDistributionPolicy.Candidate;
import org.switchboard.partners.ProgrammeCommands.RecordLead;
import org.switchboard.partners.internal.Leads;
import org.switchboard.partners.internal.Members;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.Links;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * Leads: recorded by operators, offered in turn, accepted or declined within 72 hours, turned into
 * invitations, converted when the invited customer registers.
 */
@Service
public class LeadManagement {

    private final Leads leads;
    private final Members members;
    private final CustomerDirectory directory;
    private final CustomerInvitations invitations;
    private final Outbox outbox;
    private final Links links;
    private final TransactionTemplate tx;
    private final Clock clock;

    LeadManagement(Leads leads, Members members, CustomerDirectory directory, CustomerInvitations invitations, Outbox outbox,
            Links links, TransactionTemplate tx, Clock clock) {
        this.leads = leads;
        this.members = members;
        this.directory = directory;
        this.invitations = invitations;
        this.outbox = outbox;
        this.links = links;
        this.tx = tx;
        this.clock = clock;
    }

    @Transactional
    public Lead record(CurrentUser operator, RecordLead c) {
        operator.requireOperator("may do this");
        Validation v = new Validation()
                .text("company", "Company", c.company(), 200)
                .text("contactName", "Contact", c.contactName(), 200)
                .email("contactEmail", c.contactEmail())
                .optionalText("contactPhone", "Phone", c.contactPhone(), 40)
                .optionalText("notes", "Notes", c.notes(), 1000);
        if (c.country() == null || c.country().isBlank()) {
            v.reject("country", "Country is required");
        } else if (!Regions.supportsCountry(c.country())) {
            v.reject("country", "Leads are taken for Germany (DE), Austria (AT) and Switzerland (CH)");
        }
        if (c.postcode() == null || c.postcode().isBlank()) {
            v.reject("postcode", "Postcode is required");
        } else if (Regions.supportsCountry(c.country()) && !Regions.validPostcode(c.country(), c.postcode())) {
            v.reject("postcode", "'" + c.postcode().trim() + "' is not a postcode of " + c.country().trim().toUpperCase()
                    + ": " + Regions.postcodeRule(c.country()));
        }
        Optional<String> region = Regions.normalize(c.region());
        if (c.region() == null || c.region().isBlank()) {
            v.reject("region", "Region is required: leads are offered by region");
        } else if (region.isEmpty()) {
            v.reject("region", "'" + c.region().trim() + "' is not a known region; use a code such as DE-BY, AT-9 or CH-ZH");
        } else if (c.country() != null && !region.get().startsWith(c.country().trim().toUpperCase() + "-")) {
            v.reject("region", Regions.name(region.get()) + " is not in " + c.country().trim().toUpperCase());
        }
        if (c.employees() == null) {
            v.reject("employees", "Number of employees is required");
        } else if (c.employees() < 1 || c.employees() > 1_000_000) {
            v.reject("employees", "Number of employees must be between 1 and 1,000,000");
        }
        v.throwIfInvalid();
        Lead lead = new Lead(UUID.randomUUID(), c.company().trim(), c.contactName().trim(),
                Validation.normalizeEmail(c.contactEmail()), Validation.trimToNull(c.contactPhone()),
                c.country().trim().toUpperCase(), c.postcode().trim(), region.get(), c.employees(),
                Validation.trimToNull(c.notes()), Lead.Status.UNASSIGNED, null, null, null, null, null, null, null,
                clock.instant());
        leads.insert(lead);
        offerToNext(lead.id(), lead.region());
        return leads.byId(lead.id()).orElseThrow();
    }

    /** Operators see every lead; a partner the leads offered to or accepted by it, the contact only once accepted. */
    @Transactional(readOnly = true)
    public List<Lead> leads(CurrentUser user) {
        if (user.isOperator()) {
            return leads.all();
        }
        requirePartner(user);
        return leads.ofPartner(user.partnerId()).stream().map(LeadManagement::asSeenByPartner).toList();
    }

    @Transactional(readOnly = true)
    public Lead lead(CurrentUser user, UUID id) {
        Lead lead = leads.byId(id).orElseThrow(() -> notFound(id));
        if (user.isOperator()) {
            return lead;
        }
        if (!user.isPartner() || !user.partnerId().equals(lead.partnerId())) {
            throw notFound(id);
        }
        return asSeenByPartner(lead);
    }

    @Transactional
    public Lead accept(CurrentUser user, UUID id) {
        Lead lead = openOffer(user, id);
        Instant now = clock.instant();
        leads.answer(id, user.partnerId(), "ACCEPTED", now);
        leads.accept(id, now);
        return leads.byId(id).orElseThrow();
    }

    @Transactional
    public Lead decline(CurrentUser user, UUID id) {
        Lead lead = openOffer(user, id);
        leads.answer(id, user.partnerId(), "DECLINED", clock.instant());
        offerToNext(id, lead.region());
        return asSeenByPartner(lead);
    }

    /** An accepted lead becomes an invitation of the contact as a customer of the partner. */
    @Transactional
    public Lead invite(CurrentUser user, UUID id) {
        requirePartner(user);
        Lead lead = leads.lock(id).filter(l -> user.partnerId().equals(l.partnerId())).orElseThrow(() -> notFound(id));
        if (lead.status() != Lead.Status.ACCEPTED) {
            throw new RefusedException("lead", "Accept the lead before inviting " + lead.company() + ".");
        }
        if (lead.invitationId() != null) {
            throw new RefusedException("lead", lead.company() + " was invited on " + lead.invitedAt() + " already.");
        }
        Invitation invitation = invitations.invite(user, new InviteCustomer(lead.company(), lead.contactEmail()));
        leads.invited(id, invitation.id(), clock.instant());
        return leads.byId(id).orElseThrow();
    }

    /**
     * The customer invited from a lead registered: the lead is converted. Safe to deliver twice
     * (the first time stands); an invitation that came from no lead changes nothing.
     */
    @Transactional
    public void recordConversion(InvitationAccepted accepted) {
        leads.converted(accepted.invitationId(), accepted.partnerId(), accepted.at());
    }

    /** Offers whose 72 hours ran out move on to the next partner; one transaction per lead. */
    public int handOnExpired() {
        int handed = 0;
        while (true) {
            Integer n = tx.execute(s -> {
                List<UUID> expired = leads.lockExpired(clock.instant(), 50);
                for (UUID id : expired) {
                    Lead lead = leads.byId(id).orElseThrow();
                    leads.answer(id, lead.partnerId(), "EXPIRED", lead.offerExpiresAt());
                    offerToNext(id, lead.region());
                }
                return expired.size();
            });
            if (n == null || n == 0) {
                return handed;
            }
            handed += n;
        }
    }

    /** The offers of a lead in order, for operators: partner name and outcome. */
    @Transactional(readOnly = true)
    public List<String> offerHistory(CurrentUser operator, UUID id) {
        operator.requireOperator("may do this");
        return leads.offers(id).stream().map(o -> directory.partner(new PartnerId(UUID.fromString(o[0])))
                .map(Partner::name).orElse(o[0]) + ": " + (o[1] == null ? "open" : o[1].toLowerCase())).toList();
    }

    private void offerToNext(UUID id, String region) {
        Map<PartnerId, Member> settings = new HashMap<>();
        members.all().forEach(m -> settings.put(m.partnerId(), m));
        List<Candidate> candidates = directory.activePartners().stream().map(p -> {
            Member m = settings.getOrDefault(p.id(), Member.empty(p.id()));
            return new Candidate(p.id(), p.level(), new HashSet<>(m.regions()), m.lastLeadOfferedAt(), p.registeredOn());
        }).toList();
        Optional<Candidate> next = LeadDistributionPolicy.next(region, candidates, leads.offeredTo(id));
        if (next.isEmpty()) {
            leads.unassign(id);
            return;
        }
        Instant now = clock.instant();
        PartnerId partner = next.get().partnerId();
        members.ensure(partner);
        leads.offer(id, partner, now, now.plus(Duration.ofHours(LeadDistributionPolicy.ANSWER_HOURS)));
        members.leadOffered(partner, now);
        Lead lead = leads.byId(id).orElseThrow();
        String link = links.to("/partner/leads");
        for (String to : directory.partnerAdminEmails(partner)) {
            outbox.send(new OutgoingMail(to, "A new lead for you: " + lead.company(),
                    "Hello,\n\nWe have a lead for you: " + lead.company() + " (" + lead.employees() + " employees) in "
                            + lead.postcode() + ", " + lead.regionName() + ".\n\nPlease accept or decline it within "
                            + LeadDistributionPolicy.ANSWER_HOURS + " hours; after that it goes to another partner:\n\n"
                            + link + "\n", List.of(link)));
        }
    }

    private Lead openOffer(CurrentUser user, UUID id) {
        requirePartner(user);
        Lead lead = leads.lock(id).filter(l -> user.partnerId().equals(l.partnerId())).orElseThrow(() -> notFound(id));
        if (lead.status() != Lead.Status.OFFERED) {
            throw new RefusedException("lead", "You have answered this lead already.");
        }
        if (!clock.instant().isBefore(lead.offerExpiresAt())) {
            throw new RefusedException("lead", "The " + LeadDistributionPolicy.ANSWER_HOURS
                    + " hours to answer this lead ran out; it goes to another partner.");
        }
        return lead;
    }

    private static Lead asSeenByPartner(Lead lead) {
        return lead.status() == Lead.Status.ACCEPTED ? lead : lead.withoutContact();
    }

    private static void requirePartner(CurrentUser user) {
        if (!user.isPartner()) {
            throw new ForbiddenException("Only partner users answer leads");
        }
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("There is no lead " + id);
    }
}
