package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;
import org.switchboard.instances.BankAccount;
import org.switchboard.instances.InstanceEvents.SubscriptionActivated;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.partners.ReviewPolicy.Decision;
import org.switchboard.partners.ReviewPolicy.PendingNotice;
import org.switchboard.partners.internal.Commissions;
import org.switchboard.partners.internal.LevelHistory;
import org.switchboard.partners.internal.Members;
import org.switchboard.partners.internal.Sales;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Links;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * The partner programme's use cases: recording what partners' customers buy, deciding levels,
 * commission statements, the CSP option and the partner's programme settings.
 */
@Service
public class PartnerProgramme {

    /** Where a partner stands: level, figures of the last twelve months and what the next level asks for. */
    public record Standing(Partner partner, Member member, LevelFigures figures, PartnerLevel qualifiedLevel,
            Optional<LevelPolicy.Requirement> next, Optional<LevelNotice> notice, int nfrConcurrentUsers,
            java.math.BigDecimal commissionRate, Money commissionThisYear, List<LevelChange> changes,
            List<Statement> statements) {
    }

    private final Members members;
    private final Sales sales;
    private final LevelHistory history;
    private final Commissions commissions;
    private final CustomerDirectory directory;
    private final AccountManagement accounts;
    private final InstanceManagement instances;
    private final Outbox outbox;
    private final Links links;
    private final Clock clock;
    private final String issuerName;

    PartnerProgramme(Members members, Sales sales, LevelHistory history, Commissions commissions,
            CustomerDirectory directory, AccountManagement accounts, InstanceManagement instances, Outbox outbox,
            Links links, Clock clock,
            @org.springframework.beans.factory.annotation.Value("${switchboard.partners.payout.debtor-name:Switchboard}") String issuerName) {
        this.issuerName = issuerName;
        this.members = members;
        this.sales = sales;
        this.history = history;
        this.commissions = commissions;
        this.directory = directory;
        this.accounts = accounts;
        this.instances = instances;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
    }

    // ---- what partners' customers buy ----------------------------------------------------------

    /**
     * Billing's seam: a finalised invoice of a partner's customer. Counts as turnover; earns
     * commission at the rate of the level the partner held when it was finalised, unless it was
     * a wholesale invoice to a CSP partner. Handing in the same invoice twice changes nothing.
     *
     * @return false when the invoice was recorded before
     */
    @Transactional
    public boolean recordCustomerInvoice(CustomerInvoice invoice) {
        return recordCustomerInvoice(invoice, null);
    }

    /**
     * The same for a credit note against invoice {@code corrects} (null for none): its negative
     * nets lower the turnover, and its negative commission takes back, at the rate of the level the
     * corrected invoice earned its commission at, what that invoice earned on the credited amount.
     */
    @Transactional
    public boolean recordCustomerInvoice(CustomerInvoice invoice, UUID corrects) {
        Partner partner = directory.partner(invoice.partnerId())
                .orElseThrow(() -> new NotFoundException("There is no partner " + invoice.partnerId().value()));
        members.ensure(partner.id());
        // A credit note of an invoice whose debit came back: that return took the invoice out of
        // the turnover and reversed its commission, so the credit note changes neither again.
        LocalDate correctedReturnedOn = corrects == null ? null
                : sales.lockInvoice(corrects).map(Sales.RecordedInvoice::returnedOn).orElse(null);
        if (!sales.insertInvoice(invoice, corrects, correctedReturnedOn, clock.instant())) {
            return false;
        }
        if (!invoice.wholesale() && correctedReturnedOn == null) {
            PartnerLevel level = Optional.ofNullable(corrects)
                    .flatMap(original -> commissions.line(original, CommissionLine.Kind.COMMISSION))
                    .map(CommissionLine::level)
                    .orElseGet(() -> history.levelAtStartOf(partner.id(), invoice.finalisedOn()));
            commissions.insertLine(CommissionPolicy.commission(invoice, level));
        }
        evaluate(partner, today(), false);
        return true;
    }

    /**
     * Billing's seam: the direct debit of an invoice came back. What is left of its commission
     * (after the credit notes correcting it) is reversed on the next statement, and it and its
     * credit notes no longer count as turnover. Unknown invoices (not of a partner's customer) and
     * repeats are ignored.
     */
    @Transactional
    public boolean recordDirectDebitReturned(UUID invoiceId, LocalDate returnedOn) {
        Optional<Sales.RecordedInvoice> recorded = sales.lockInvoice(invoiceId);
        if (recorded.isEmpty() || recorded.get().returnedOn() != null) {
            return false;
        }
        sales.markReturned(invoiceId, returnedOn);
        commissions.line(invoiceId, CommissionLine.Kind.COMMISSION)
                .flatMap(line -> CommissionPolicy.reversal(line, commissions.corrections(invoiceId), returnedOn))
                .ifPresent(commissions::insertLine);
        return true;
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
        directory.partner(partner.get()).ifPresent(p -> evaluate(p, today(), false));
    }

    // ---- levels --------------------------------------------------------------------------------

    /** The figures a level is decided by, for the twelve months up to {@code on}. */
    @Transactional(readOnly = true)
    public LevelFigures figures(PartnerId partner, LocalDate on) {
        return figures(partner, members.of(partner), on, sales.turnover(LevelPolicy.windowStart(on), on, partner),
                sales.newSubscriptions(LevelPolicy.windowStart(on), on, clock.getZone(), partner));
    }

    /** An evaluation on demand: the partner rises at once if it qualifies; falls wait for the yearly review. */
    @Transactional
    public Standing evaluate(CurrentUser user, PartnerId id) {
        Partner partner = visiblePartner(user, id);
        evaluate(partner, today(), false);
        return standing(user, id);
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
        Map<PartnerId, Member> settings = new java.util.HashMap<>();
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
                instances.provideNfrLicence(partner.id(), LevelBenefits.nfrConcurrentUsers(d.level()));
                mail(partner, d.kind() == ReviewPolicy.Kind.RISE
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
                mail(partner, "Notice: your partner level will be reviewed on " + d.reviewOn(),
                        "The figures of " + partner.name() + " for the last twelve months no longer meet the requirements of "
                                + partner.level().label() + ".\n\nUnless they do again by your yearly review on "
                                + d.reviewOn() + ", your partner level will change to " + d.level().label()
                                + " on that day.\n\n" + describe(f));
            }
            case WITHDRAW_NOTICE -> {
                pending.ifPresent(n -> history.closeNotice(n.id(), "WITHDRAWN", on));
                mail(partner, "Your partner level stays " + partner.level().label(),
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

    private void mail(Partner partner, String subject, String body) {
        String link = links.to("/partner/programme");
        for (String to : directory.partnerAdminEmails(partner.id())) {
            outbox.send(new OutgoingMail(to, subject, "Hello,\n\n" + body + "\nYour partner programme: " + link + "\n",
                    List.of(link)));
        }
    }

    // ---- statements ----------------------------------------------------------------------------

    /**
     * The statements of {@code period}, issued on the first day of the following month: every
     * partner whose open commission lines up to the end of the period add up to more than zero gets
     * one, numbered without gaps in the credit-note series of the year of issue.
     */
    @Transactional
    public int issueStatements(YearMonth period) {
        return issueStatements(period, null);
    }

    /** The statements of one partner, or all when {@code only} is null. */
    @Transactional
    int issueStatements(YearMonth period, PartnerId only) {
        LocalDate issuedOn = CommissionPolicy.issueDay(period);
        List<Commissions.OpenBalance> balances = commissions.positiveOpenBalances(period, only);
        if (balances.isEmpty()) {
            return 0;
        }
        int first = commissions.takeNumbers(CommissionPolicy.CREDIT_NOTE_SERIES, issuedOn.getYear(), balances.size());
        List<Statement> statements = new ArrayList<>(balances.size());
        for (int i = 0; i < balances.size(); i++) {
            Commissions.OpenBalance b = balances.get(i);
            statements.add(new Statement(UUID.randomUUID(), b.partnerId(),
                    CommissionPolicy.creditNoteNumber(issuedOn.getYear(), first + i), period, issuedOn, b.total(),
                    Statement.Status.ISSUED, List.of()));
        }
        commissions.insertStatements(statements);
        commissions.assignOpenLines(period, only);
        return statements.size();
    }

    @Transactional(readOnly = true)
    public List<Statement> statements(CurrentUser user, PartnerId id) {
        visiblePartner(user, id);
        return commissions.statementsOf(id);
    }

    /** One statement with its lines; another partner's answers 404. */
    @Transactional(readOnly = true)
    public Statement statement(CurrentUser user, UUID id) {
        Statement s = commissions.statement(id).orElseThrow(() -> new NotFoundException("There is no statement " + id));
        if (!user.isOperator() && !(user.isPartner() && user.partnerId().equals(s.partnerId()))) {
            throw new NotFoundException("There is no statement " + id);
        }
        return s;
    }

    /** The statement as a PDF credit note. */
    @Transactional(readOnly = true)
    public byte[] statementPdf(CurrentUser user, UUID id) {
        Statement s = statement(user, id);
        Partner p = directory.partner(s.partnerId()).orElseThrow();
        java.util.function.Function<Money, String> eur = m -> String.format(java.util.Locale.ENGLISH, "%,.2f EUR", m.amount());
        return org.switchboard.partners.documents.StatementPdf.render(new org.switchboard.partners.documents.StatementPdf.Content(
                issuerName, p.name(), p.address().street() + ", " + p.address().postcode() + " " + p.address().city()
                        + ", " + p.address().country(),
                s.number(), s.period().toString(), s.issuedOn().toString(),
                s.lines().stream().map(l -> new org.switchboard.partners.documents.StatementPdf.Row(
                        l.finalisedOn().toString(),
                        (l.kind() == CommissionLine.Kind.REVERSAL ? "returned " + l.occurredOn() + " " : "")
                                + l.invoiceId().toString().substring(0, 8),
                        eur.apply(l.subscriptionsNet()), eur.apply(l.airtimeNet()), LevelBenefits.percent(l.rate()),
                        eur.apply(l.amount()))).toList(),
                eur.apply(s.total())));
    }

    @Transactional(readOnly = true)
    public List<CommissionLine> openLines(CurrentUser user, PartnerId id) {
        visiblePartner(user, id);
        return commissions.openLines(id);
    }

    // ---- CSP and payout account ----------------------------------------------------------------

    /**
     * Switches the CSP option. Switching on is refused while a statement is issued but not paid
     * out, so that no partner holds commission and wholesale terms for the same month unsettled;
     * invoices finalised before the switch still earn commission on the next statement.
     */
    @Transactional
    public Member switchCsp(CurrentUser user, PartnerId id, boolean on) {
        Partner partner = visiblePartner(user, id);
        requireAdminOrOperator(user);
        Member m = members.lock(partner.id());
        if (on && !m.csp()) {
            int open = commissions.unpaidStatements(partner.id());
            if (open > 0) {
                throw new ConflictException("csp", "The CSP option cannot be switched on while " + open
                        + (open == 1 ? " statement is" : " statements are")
                        + " not paid out yet. Switch it on after the next payout; nothing was changed.");
            }
        }
        if (on != m.csp()) {
            members.setCsp(partner.id(), on, clock.instant());
        }
        return members.of(partner.id());
    }

    /** The seam for billing: the discount a customer's invoices get when its partner buys them as CSP. */
    @Transactional(readOnly = true)
    public Optional<WholesaleTerms> wholesaleTermsFor(CustomerId customer) {
        return directory.find(customer).map(Customer::partnerId)
                .flatMap(p -> members.find(p).filter(Member::csp).flatMap(m -> directory.partner(p)))
                .map(p -> new WholesaleTerms(p.id(), p.level(), LevelBenefits.commissionRate(p.level())));
    }

    @Transactional
    public Member setPayoutAccount(CurrentUser user, PartnerId id, String iban, String accountHolder) {
        visiblePartner(user, id);
        requireAdminOrOperator(user);
        BankAccount account = BankAccount.of(iban, accountHolder);
        members.setPayoutAccount(id, account.ibanForPayment(), account.accountHolder());
        return members.of(id);
    }

    // ---- website listing -----------------------------------------------------------------------

    /** The partner names the page where it presents the product; an operator confirms it. */
    @Transactional
    public Member submitListing(CurrentUser user, PartnerId id, String url) {
        visiblePartner(user, id);
        new Validation().text("listingUrl", "Page address", url, 300)
                .check(url == null || url.trim().matches("(?i)https?://[^\\s<>\"]+\\.[^\\s<>\"]+"), "listingUrl",
                        "Page address must be a web address starting with http:// or https://")
                .throwIfInvalid();
        members.submitListing(id, url.trim(), clock.instant());
        return members.of(id);
    }

    @Transactional
    public Member confirmListing(CurrentUser operator, PartnerId id) {
        requireOperator(operator);
        Partner partner = directory.partner(id).orElseThrow(() -> new NotFoundException("There is no partner " + id.value()));
        Member m = members.of(id);
        if (m.listingUrl() == null) {
            throw new ConflictException("listingUrl", partner.name() + " has not named a page yet; nothing to confirm.");
        }
        members.confirmListing(id, clock.instant());
        evaluate(partner, today(), false);
        return members.of(id);
    }

    /** Training passed (the basic test, or attendance of a premium webinar), counted from {@code on}. */
    @Transactional
    public void recordTraining(PartnerId id, boolean premium, LocalDate on) {
        if (premium) {
            members.setPremiumTraining(id, on);
        } else {
            members.setBasicTraining(id, on);
        }
        directory.partner(id).ifPresent(p -> evaluate(p, today(), false));
    }

    // ---- the partner's view --------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Standing standing(CurrentUser user, PartnerId id) {
        Partner partner = visiblePartner(user, id);
        LocalDate today = today();
        LevelFigures f = figures(id, today);
        return new Standing(partner, members.of(id), f, LevelPolicy.qualifiedLevel(f), LevelPolicy.next(partner.level()),
                history.pendingNotice(id), LevelBenefits.nfrConcurrentUsers(partner.level()),
                LevelBenefits.commissionRate(partner.level()),
                commissions.statedBetween(id, LocalDate.of(today.getYear(), 1, 1).minusDays(1), today),
                history.changesOf(id), commissions.statementsOf(id));
    }

    @Transactional(readOnly = true)
    public List<Standing> standings(CurrentUser operator) {
        requireOperator(operator);
        return directory.activePartners().stream().map(p -> standing(operator, p.id())).toList();
    }

    @Transactional(readOnly = true)
    public Member member(PartnerId id) {
        return members.of(id);
    }

    Partner visiblePartner(CurrentUser user, PartnerId id) {
        if (!user.isOperator() && !(user.isPartner() && user.partnerId().equals(id))) {
            throw new NotFoundException("There is no partner " + id.value());
        }
        return directory.partner(id).orElseThrow(() -> new NotFoundException("There is no partner " + id.value()));
    }

    static void requireOperator(CurrentUser user) {
        if (!user.isOperator()) {
            throw new ForbiddenException("Only operators may do this");
        }
    }

    private static void requireAdminOrOperator(CurrentUser user) {
        if (!user.isOperator() && user.role() != org.switchboard.accounts.Role.PARTNER_ADMIN) {
            throw new ForbiddenException("Only a partner admin or an operator may change this");
        }
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(field, message);
    }
}
