package org.switchboard.portal.web;

import java.time.Clock;
import java.time.YearMonth;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Money;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.Lead;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.Standing;
import org.switchboard.partners.Statement;

/**
 * A partner's dashboard: its level and the way to the next, commission this year and last month,
 * its customers' trials ending, the leads waiting for its answer and its customers.
 */
@Component
class PartnerDashboard {

    private final AccountManagement accounts;
    private final ProgrammeOverview programme;
    private final CommissionLedger commissions;
    private final LeadManagement leads;
    private final TrialsEnding trialsEnding;
    private final Clock clock;

    PartnerDashboard(AccountManagement accounts, ProgrammeOverview programme, CommissionLedger commissions,
            LeadManagement leads, TrialsEnding trialsEnding, Clock clock) {
        this.accounts = accounts;
        this.programme = programme;
        this.commissions = commissions;
        this.leads = leads;
        this.trialsEnding = trialsEnding;
        this.clock = clock;
    }

    void fill(CurrentUser user, Model model) {
        model.addAttribute("partner", accounts.partner(user, user.partnerId()));
        Standing s = programme.standing(user, user.partnerId());
        model.addAttribute("s", s);
        YearMonth lastMonth = YearMonth.now(clock).minusMonths(1);
        model.addAttribute("lastMonth", lastMonth);
        model.addAttribute("commissionLastMonth", commissions.statements(user, user.partnerId()).stream()
                .filter(st -> st.period().equals(lastMonth)).map(Statement::total)
                .reduce(Money.zero(Money.EUR), Money::plus));
        model.addAttribute("trialsEnding", trialsEnding.of(user));
        model.addAttribute("openLeads", leads.leads(user).stream()
                .filter(l -> l.status() == Lead.Status.OFFERED && user.partnerId().equals(l.partnerId())).toList());
    }
}
