package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.instances.BankAccount;
import org.switchboard.partners.internal.Commissions;
import org.switchboard.partners.internal.Members;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.Validation;

/**
 * A partner's membership of the programme: the CSP option, the payout account, the website
 * listing and the training passed. Listing and training count towards the level at once.
 */
@Service
public class MembershipManagement {

    private final Members members;
    private final Commissions commissions;
    private final CustomerDirectory directory;
    private final PartnerAccess access;
    private final LevelReview review;
    private final Clock clock;

    MembershipManagement(Members members, Commissions commissions, CustomerDirectory directory, PartnerAccess access,
            LevelReview review, Clock clock) {
        this.members = members;
        this.commissions = commissions;
        this.directory = directory;
        this.access = access;
        this.review = review;
        this.clock = clock;
    }

    /**
     * Switches the CSP option. Switching on is refused while a statement is issued but not paid
     * out, so that no partner holds commission and wholesale terms for the same month unsettled;
     * invoices finalised before the switch still earn commission on the next statement.
     */
    @Transactional
    public Member switchCsp(CurrentUser user, PartnerId id, boolean on) {
        Partner partner = access.visiblePartner(user, id);
        PartnerAccess.requireAdminOrOperator(user);
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
        access.visiblePartner(user, id);
        PartnerAccess.requireAdminOrOperator(user);
        BankAccount account = BankAccount.of(iban, accountHolder);
        members.setPayoutAccount(id, account.ibanForPayment(), account.accountHolder());
        return members.of(id);
    }

    /** The partner names the page where it presents the product; an operator confirms it. */
    @Transactional
    public Member submitListing(CurrentUser user, PartnerId id, String url) {
        access.visiblePartner(user, id);
        new Validation().text("listingUrl", "Page address", url, 300)
                .check(url == null || url.trim().matches("(?i)https?://[^\\s<>\"]+\\.[^\\s<>\"]+"), "listingUrl",
                        "Page address must be a web address starting with http:// or https://")
                .throwIfInvalid();
        members.submitListing(id, url.trim(), clock.instant());
        return members.of(id);
    }

    @Transactional
    public Member confirmListing(CurrentUser operator, PartnerId id) {
        operator.requireOperator("may do this");
        Partner partner = access.partner(id);
        Member m = members.of(id);
        if (m.listingUrl() == null) {
            throw new ConflictException("listingUrl", partner.name() + " has not named a page yet; nothing to confirm.");
        }
        members.confirmListing(id, clock.instant());
        review.evaluateNow(partner);
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
        directory.partner(id).ifPresent(review::evaluateNow);
    }

    @Transactional(readOnly = true)
    public Member member(PartnerId id) {
        return members.of(id);
    }
}
