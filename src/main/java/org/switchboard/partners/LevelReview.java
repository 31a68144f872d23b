package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.instances.NfrProvision;
import org.switchboard.partners.ReviewPolicy.Decision;
import org.switchboard.partners.ReviewPolicy.PendingNotice;
import org.switchboard.partners.internal.LevelHistory;
import org.switchboard.partners.internal.Members;
import org.switchboard.partners.internal.Sales;

/**
 * Deciding partner levels: the figures of the last twelve months (turnover, new subscriptions,
 * listing, training), rises at once, notices of falls, the yearly review, and what a change of
 * level brings (the level in accounts, the NFR licence, the partner's mail).
 */
@Service
public class LevelReview {

    private final Members members;
    private final Sales sales;
    private final LevelHistory history;
    private final CustomerDirectory directory;
    private final AccountManagement accounts;
    private final NfrProvision nfr;
    private final ProgrammeMail mail;
    private final Clock clock;

    LevelReview(Members members, Sales sales, LevelHistory history, CustomerDirectory directory,
            AccountManagement accounts, NfrProvision nfr, ProgrammeMail mail, Clock clock) {
        this.members = members;
        this.sales = sales;
        this.history = history;
        this.directory = directory;
        this.accounts = accounts;
        this.nfr = nfr;
        this.mail = mail;
        this.clock = clock;
    }

    /** A subscription activated for a partner's customer (a converted trial or a direct sale) is a new subscription. */
    @Transactional
    public void recordSubscriptionActivated(SubscriptionActivated event) {
        Optional<PartnerId> partner = directory.find(event.customerId()).map(Customer::partnerId);
        if (partner.isEmpty()) {
            return;
        }
        members.ensure(partner.get());
        sales.insertNewSubscription(event.instanceId().value(), event.at(), partner.get(), event.customerId(),
                event.fromTrial());
        directory.partner(partner.get()).ifPresent(this::evaluateNow);
    }

    /** The figures a level is decided by, for the twelve months up to {@code on}. */
    @Transactional(readOnly = true)
    public LevelFigures figures(PartnerId partner, LocalDate on) {
        return figures(partner, members.of(partner), on, sales.turnover(LevelPolicy.windowStart(on), on, partner),
                sales.newSubscriptions(LevelPolicy.windowStart(on), on, clock.getZone(), partner));
    }

    /**
     * Every active partner, as on the 1st of each month: rises, notices of falls and withdrawn
     * notices. Figures are read for all partners at once.
     */
    @Transactional
    public int evaluateAll(LocalDate on) {
        return evaluateAll(on, null);
    }

    /** The monthly evaluation for one partner, or all when {@code only} is null. */
    @Transactional
    int evaluateAll(LocalDate on, PartnerId only) {
        LocalDate from = LevelPolicy.windowStart(on);
        Map<PartnerId, Money> turnover = sales.turnover(from, on, only);
        Map<PartnerId, Integer> subscriptions = sales.newSubscriptions(from, on, clock.getZone(), only);
        Map<PartnerId, Member> settings = new HashMap<>();
        members.all().forEach(m -> settings.put(m.partnerId(), m));
        Map<PartnerId, LevelNotice> notices = history.pendingNotices();
        int changed = 0;
        List<Partner> partners = only == null ? directory.activePartners()
                : directory.partner(only).stream().toList();
        for (Partner partner : partners) {
            LevelFigures f = figures(partner.id(), settings.getOrDefault(partner.id(), Member.empty(partner.id())), on,
                    turnover, subscriptions);
            if (apply(partner, f, on, Optional.ofNullable(notices.get(partner.id())), true)) {
                changed++;
            }
        }
        return changed;
    }

    /** Yearly reviews due by {@code on}: a partner still below its level falls, one that qualifies again keeps it. */
    @Transactional
    public int reviewDue(LocalDate on) {
        int reviewed = 0;
        for (PartnerId id : history.dueReviews(on)) {
            Optional<Partner> partner = directory.partner(id);
            if (partner.isPresent()) {
                evaluate(partner.get(), on, true);
                reviewed++;
            }
        }
        return reviewed;
    }

    /** An evaluation today, after the figures changed: the partner rises at once if it qualifies; falls wait for the yearly review. */
    void evaluateNow(Partner partner) {
        evaluate(partner, LocalDate.now(clock), false);
    }

    private void evaluate(Partner partner, LocalDate on, boolean mayGiveNotice) {
        if (!partner.active()) {
            return;
        }
        apply(partner, figures(partner.id(), on), on, history.pendingNotice(partner.id()), mayGiveNotice);
    }

    private boolean apply(Partner partner, LevelFigures f, LocalDate on, Optional<LevelNotice> pending,
            boolean mayGiveNotice) {
        PartnerLevel qualified = LevelPolicy.qualifiedLevel(f);
        LocalDate registeredOn = partner.registeredOn() != null ? partner.registeredOn()
                : LocalDate.ofInstant(partner.createdAt(), clock.getZone());
        Decision d = ReviewPolicy.decide(partner.level(), qualified, registeredOn, on,
                pending.map(n -> new PendingNotice(n.expectedLevel(), n.reviewOn())), mayGiveNotice);
        switch (d.kind()) {
            case NONE -> {
                return false;
            }
            case RISE, FALL -> {
                pending.ifPresent(n -> history.closeNotice(n.id(),
                        d.kind() == ReviewPolicy.Kind.FALL ? "APPLIED" : "WITHDRAWN", on));
                history.insert(new LevelChange(UUID.randomUUID(), partner.id(), partner.level(), d.level(), on,
                        d.kind().name(), f), clock.instant());
                accounts.changePartnerLevel(partner.id(), d.level());
                nfr.provideNfrLicence(partner.id(), LevelBenefits.nfrConcurrentUsers(d.level()));
                mail.toAdmins(partner, d.kind() == ReviewPolicy.Kind.RISE
                        ? "Your partner level is now " + d.level().label()
                        : "Your partner level changed to " + d.level().label(),
                        (d.kind() == ReviewPolicy.Kind.RISE
                                ? partner.name() + " now meets every requirement of the partner level " + d.level().label()
                                        + ". From " + on.plusDays(1) + " your commission rate is "
                                        + LevelBenefits.percent(LevelBenefits.commissionRate(d.level())) + "."
                                : "At the yearly review on " + on + " the figures of " + partner.name()
                                        + " met the requirements of " + d.level().label() + " only, as announced.")
                                + "\n\n" + describe(f));
            }
            case GIVE_NOTICE -> {
                history.insertNotice(new LevelNotice(UUID.randomUUID(), partner.id(), partner.level(), d.level(), on,
                        d.reviewOn(), "PENDING"));
                mail.toAdmins(partner, "Notice: your partner level will be reviewed on " + d.reviewOn(),
                        "The figures of " + partner.name() + " for the last twelve months no longer meet the requirements of "
                                + partner.level().label() + ".\n\nUnless they do again by your yearly review on "
                                + d.reviewOn() + ", your partner level will change to " + d.level().label()
                                + " on that day.\n\n" + describe(f));
            }
            case WITHDRAW_NOTICE -> {
                pending.ifPresent(n -> history.closeNotice(n.id(), "WITHDRAWN", on));
                mail.toAdmins(partner, "Your partner level stays " + partner.level().label(),
                        partner.name() + " meets the requirements of " + partner.level().label()
                                + " again: the notice of a change at the yearly review is withdrawn.\n\n" + describe(f));
            }
        }
        return true;
    }

    private LevelFigures figures(PartnerId id, Member m, LocalDate on, Map<PartnerId, Money> turnover,
            Map<PartnerId, Integer> subscriptions) {
        return new LevelFigures(LevelPolicy.windowStart(on), on, turnover.getOrDefault(id, Money.euros("0")),
                subscriptions.getOrDefault(id, 0), m.listingConfirmed(),
                m.basicTrainingOn() != null && !m.basicTrainingOn().isAfter(on),
                m.premiumTrainingOn() != null && !m.premiumTrainingOn().isAfter(on));
    }

    private static String describe(LevelFigures f) {
        return "Your figures from " + f.windowFrom().plusDays(1) + " to " + f.windowTo() + ":\n"
                + "  turnover: " + f.turnover().amount().toPlainString() + " EUR\n"
                + "  new subscriptions: " + f.newSubscriptions() + "\n"
                + "  website listing confirmed: " + yesNo(f.listingConfirmed()) + "\n"
                + "  basic training: " + yesNo(f.basicTraining()) + "\n"
                + "  premium training: " + yesNo(f.premiumTraining()) + "\n";
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }
}
