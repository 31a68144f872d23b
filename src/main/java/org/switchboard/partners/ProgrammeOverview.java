package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.partners.internal.Commissions;
import org.switchboard.partners.internal.LevelHistory;
import org.switchboard.partners.internal.Members;

/** The programme as a partner and the operators see it: each partner's {@link Standing}, and an evaluation on demand. */
@Service
public class ProgrammeOverview {

    private final PartnerAccess access;
    private final LevelReview review;
    private final Members members;
    private final LevelHistory history;
    private final Commissions commissions;
    private final CustomerDirectory directory;
    private final Clock clock;

    ProgrammeOverview(PartnerAccess access, LevelReview review, Members members, LevelHistory history,
            Commissions commissions, CustomerDirectory directory, Clock clock) {
        this.access = access;
        this.review = review;
        this.members = members;
        this.history = history;
        this.commissions = commissions;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Standing standing(CurrentUser user, PartnerId id) {
        Partner partner = access.visiblePartner(user, id);
        LocalDate today = LocalDate.now(clock);
        LevelFigures f = review.figures(id, today);
        return new Standing(partner, members.of(id), f, LevelPolicy.qualifiedLevel(f), LevelPolicy.next(partner.level()),
                history.pendingNotice(id), LevelBenefits.nfrConcurrentUsers(partner.level()),
                LevelBenefits.commissionRate(partner.level()),
                commissions.statedBetween(id, LocalDate.of(today.getYear(), 1, 1).minusDays(1), today),
                history.changesOf(id), commissions.statementsOf(id));
    }

    @Transactional(readOnly = true)
    public List<Standing> standings(CurrentUser operator) {
        operator.requireOperator("may do this");
        return directory.activePartners().stream().map(p -> standing(operator, p.id())).toList();
    }

    /** An evaluation on demand: the partner rises at once if it qualifies; falls wait for the yearly review. */
    @Transactional
    public Standing evaluate(CurrentUser user, PartnerId id) {
        review.evaluateNow(access.visiblePartner(user, id));
        return standing(user, id);
    }
}
