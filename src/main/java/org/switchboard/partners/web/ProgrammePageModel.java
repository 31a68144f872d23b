package org.switchboard.partners.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Catalog;
import org.switchboard.catalog.Money;
import org.switchboard.catalog.Plan;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.LevelBenefits;
import org.switchboard.partners.PartnerSupport;
import org.switchboard.partners.PartnerTraining;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.Regions;
import org.switchboard.partners.Standing;
import org.switchboard.partners.WholesaleTerms;

/** Everything the partner's programme page shows, gathered for the page and for a form shown again with its errors. */
@Component
class ProgrammePageModel {

    private final ProgrammeOverview overview;
    private final LeadManagement leads;
    private final PartnerTraining training;
    private final PartnerSupport support;
    private final InstanceManagement instances;
    private final Catalog catalog;
    private final Clock clock;

    ProgrammePageModel(ProgrammeOverview overview, LeadManagement leads, PartnerTraining training,
            PartnerSupport support, InstanceManagement instances, Catalog catalog, Clock clock) {
        this.overview = overview;
        this.leads = leads;
        this.training = training;
        this.support = support;
        this.instances = instances;
        this.catalog = catalog;
        this.clock = clock;
    }

    String render(CurrentUser user, Model model) {
        Standing s = overview.standing(user, user.partnerId());
        model.addAttribute("s", s);
        model.addAttribute("leads", leads.leads(user));
        model.addAttribute("regions", Regions.all());
        if (!model.containsAttribute("profileText")) {
            model.addAttribute("profileText", s.member().directoryText());
            model.addAttribute("profileRegions", String.join(", ", s.member().regions()));
        }
        model.addAttribute("expiringTrials", instances.instances(user, Optional.of(InstanceStatus.TRIAL)).stream()
                .filter(i -> i.trialDaysLeft() <= 7).toList());
        model.addAttribute("videos", training.videos());
        model.addAttribute("tests", training.tests(user, user.partnerId()));
        model.addAttribute("webinars", training.webinars().stream()
                .filter(w -> w.startsAt().isAfter(Instant.now(clock))).toList());
        model.addAttribute("bookings", training.bookings(user, user.partnerId()));
        model.addAttribute("rate", s.commissionRate());
        model.addAttribute("ratePercent", LevelBenefits.percent(s.commissionRate()));
        WholesaleTerms terms = new WholesaleTerms(s.partner().id(), s.partner().level(), s.commissionRate());
        model.addAttribute("prices", catalog.priceListInForce(Plan.BASIC, LocalDate.now(clock))
                .map(p -> p.tiers().stream()
                        .map(t -> new PriceRow(t.range(), p.unitPrice(t), terms.wholesale(p.unitPrice(t)))).toList())
                .orElse(List.of()));
        model.addAttribute("partnerSupport", LevelBenefits.partnerSupport(s.partner().level()));
        PartnerLevel nfrFrom = LevelBenefits.firstWith(l -> LevelBenefits.nfrConcurrentUsers(l) > 0);
        model.addAttribute("nfrFrom", nfrFrom.label() + ": " + LevelBenefits.nfrConcurrentUsers(nfrFrom) + " CU");
        model.addAttribute("leadsFrom", LevelBenefits.firstWith(LevelBenefits::receivesLeads).label());
        model.addAttribute("listedFrom", LevelBenefits.firstWith(LevelBenefits::listedInDirectory).label());
        model.addAttribute("supportFrom", LevelBenefits.firstWith(LevelBenefits::partnerSupport).label());
        model.addAttribute("media", support.media());
        model.addAttribute("supportRequests", support.requests(user, Optional.empty()));
        return "partners/programme";
    }

    /** A volume tier with the retail unit price and what a CSP partner of this level pays. */
    record PriceRow(String range, Money retail, Money wholesale) {
    }
}
