package org.switchboard.portal.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Role;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.billing.OpenMonth;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.licensing.LicenceInsights;
import org.switchboard.licensing.LicenceManagement;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.Lead;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.PartnerSupport;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.Standing;
import org.switchboard.partners.Statement;
import org.switchboard.platform.web.WebPage;

/**
 * Where everyone lands after logging in: each role's answer to "what needs me today". A customer
 * sees its phone systems, licences in use, trials ending with the way to subscribe and the open
 * month; a partner its level and the way to the next, commission, trials ending, leads to answer
 * and customers; an operator the recurring revenue, instances, trials ending, refusals today, the
 * last invoice run, payouts due and the support queue. Each part says what to do when it is empty.
 */
@WebPage
class DashboardPages {

    /** A trial counts as ending within this many days. */
    static final int TRIAL_ENDING_DAYS = 7;

    /** One phone system of a customer on its dashboard. */
    record SystemLine(InstanceDetails details, Integer inUse) {
    }

    private final AccountManagement accounts;
    private final InstanceManagement instances;
    private final LicenceManagement licences;
    private final LicenceInsights insights;
    private final OpenMonth openMonth;
    private final InvoiceRun runs;
    private final ProgrammeOverview programme;
    private final CommissionLedger commissions;
    private final LeadManagement leads;
    private final PartnerSupport support;
    private final Clock clock;

    DashboardPages(AccountManagement accounts, InstanceManagement instances, LicenceManagement licences,
            LicenceInsights insights, OpenMonth openMonth, InvoiceRun runs, ProgrammeOverview programme,
            CommissionLedger commissions, LeadManagement leads, PartnerSupport support, Clock clock) {
        this.accounts = accounts;
        this.instances = instances;
        this.licences = licences;
        this.insights = insights;
        this.openMonth = openMonth;
        this.runs = runs;
        this.programme = programme;
        this.commissions = commissions;
        this.leads = leads;
        this.support = support;
        this.clock = clock;
    }

    @GetMapping("/dashboard")
    String dashboard(CurrentUser user, Model model) {
        if (user.role() == Role.EMPLOYEE) {
            return "redirect:/phone"; // an employee has the desktop client and nothing else
        }
        model.addAttribute("user", user);
        if (user.isOperator()) {
            operator(user, model);
        } else if (user.isPartner()) {
            partner(user, model);
        } else if (user.isCustomer()) {
            customer(user, model);
        }
        return "portal/dashboard";
    }

    private void customer(CurrentUser user, Model model) {
        model.addAttribute("customer", accounts.customer(user, user.customerId()));
        List<InstanceDetails> systems = instances.instances(user, Optional.empty());
        model.addAttribute("systems", systems.stream().map(d -> new SystemLine(d, inUse(user, d))).toList());
        model.addAttribute("trialsEnding", systems.stream()
                .filter(d -> d.instance().status() == InstanceStatus.TRIAL).toList());
        model.addAttribute("openMonth", openMonth.ofCustomer(user));
    }

    private Integer inUse(CurrentUser user, InstanceDetails d) {
        InstanceStatus status = d.instance().status();
        if (status == InstanceStatus.DEACTIVATED || status == InstanceStatus.DELETED) {
            return null;
        }
        return licences.state(user, d.instance().id()).occupied();
    }

    private void partner(CurrentUser user, Model model) {
        model.addAttribute("partner", accounts.partner(user, user.partnerId()));
        Standing s = programme.standing(user, user.partnerId());
        model.addAttribute("s", s);
        YearMonth lastMonth = YearMonth.now(clock).minusMonths(1);
        model.addAttribute("lastMonth", lastMonth);
        model.addAttribute("commissionLastMonth", commissions.statements(user, user.partnerId()).stream()
                .filter(st -> st.period().equals(lastMonth)).map(Statement::total)
                .reduce(Money.zero(Money.EUR), Money::plus));
        model.addAttribute("trialsEnding", trialsEnding(user));
        model.addAttribute("openLeads", leads.leads(user).stream()
                .filter(l -> l.status() == Lead.Status.OFFERED && user.partnerId().equals(l.partnerId())).toList());
    }

    private void operator(CurrentUser user, Model model) {
        model.addAttribute("partnerCount", accounts.partners(user).size());
        model.addAttribute("customerCount", accounts.customers(user).size());
        List<InstanceDetails> all = instances.instances(user, Optional.empty());
        Money mrr = all.stream().filter(d -> d.instance().status().hasSubscription())
                .map(d -> d.instance().subscription().orElseThrow().monthlyNet())
                .reduce(Money.zero(Money.EUR), Money::plus);
        model.addAttribute("mrr", mrr);
        model.addAttribute("activeCount", all.stream().filter(d -> d.instance().status().hasSubscription()).count());
        model.addAttribute("trialCount", all.stream().filter(d -> d.instance().status() == InstanceStatus.TRIAL).count());
        model.addAttribute("trialsEnding", trialsEnding(user));
        model.addAttribute("refusalsToday", insights.refusalsToday(all.stream()
                .filter(d -> d.instance().status() != InstanceStatus.DELETED).map(d -> d.instance().id()).toList()));
        model.addAttribute("lastRun", runs.all().stream().max(Comparator.comparing(InvoiceRun.Progress::month)).orElse(null));
        List<Statement> due = programme.standings(user).stream().flatMap(st -> st.statements().stream())
                .filter(st -> st.status() == Statement.Status.ISSUED).toList();
        model.addAttribute("payoutsDue", due.size());
        model.addAttribute("payoutsDueTotal", due.stream().map(Statement::total).reduce(Money.zero(Money.EUR), Money::plus));
        model.addAttribute("openRequests", support.requests(user, Optional.empty()).stream()
                .filter(PartnerSupport.Request::isOpen).toList());
        model.addAttribute("today", LocalDate.now(clock));
    }

    private List<InstanceDetails> trialsEnding(CurrentUser user) {
        return instances.instances(user, Optional.of(InstanceStatus.TRIAL)).stream()
                .filter(d -> d.trialDaysLeft() <= TRIAL_ENDING_DAYS)
                .sorted(Comparator.comparingLong(InstanceDetails::trialDaysLeft)).toList();
    }
}
