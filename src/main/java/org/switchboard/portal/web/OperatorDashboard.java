package org.switchboard.portal.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.billing.InvoiceRun;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.licensing.LicenceInsights;
import org.switchboard.partners.PartnerSupport;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.Statement;

/**
 * The operator's dashboard: monthly recurring revenue, instances, trials ending, refusals today,
 * the last invoice run, commission payouts due and the partners' support queue.
 */
@Component
class OperatorDashboard {

    private final AccountManagement accounts;
    private final InstanceManagement instances;
    private final LicenceInsights insights;
    private final InvoiceRun runs;
    private final ProgrammeOverview programme;
    private final PartnerSupport support;
    private final TrialsEnding trialsEnding;
    private final Clock clock;

    OperatorDashboard(AccountManagement accounts, InstanceManagement instances, LicenceInsights insights,
            InvoiceRun runs, ProgrammeOverview programme, PartnerSupport support, TrialsEnding trialsEnding,
            Clock clock) {
        this.accounts = accounts;
        this.instances = instances;
        this.insights = insights;
        this.runs = runs;
        this.programme = programme;
        this.support = support;
        this.trialsEnding = trialsEnding;
        this.clock = clock;
    }

    void fill(CurrentUser user, Model model) {
        model.addAttribute("partnerCount", accounts.partners(user).size());
        model.addAttribute("customerCount", accounts.customers(user).size());
        List<InstanceDetails> all = instances.instances(user, Optional.empty());
        Money mrr = all.stream().filter(d -> d.instance().status().hasSubscription())
                .map(d -> d.instance().subscription().orElseThrow().monthlyNet())
                .reduce(Money.zero(Money.EUR), Money::plus);
        model.addAttribute("mrr", mrr);
        model.addAttribute("activeCount", all.stream().filter(d -> d.instance().status().hasSubscription()).count());
        model.addAttribute("trialCount", all.stream().filter(d -> d.instance().status() == InstanceStatus.TRIAL).count());
        model.addAttribute("trialsEnding", trialsEnding.of(user));
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
}
