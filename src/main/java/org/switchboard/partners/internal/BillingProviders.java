package org.switchboard.partners.internal;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Partner;
import org.switchboard.billing.PartnerChargeProvider;
import org.switchboard.billing.WholesaleTermsProvider;
import org.switchboard.partners.LevelBenefits;
import org.switchboard.partners.Member;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.WholesaleTerms;
import org.switchboard.partners.PartnerTraining;

/**
 * What billing asks the partner programme in its invoice run (through interfaces billing defines,
 * so that billing does not depend on the programme): which partners buy as CSP at which discount
 * (the commission rate of their current level), and the webinar seats to invoice.
 */
@Component
class BillingProviders implements WholesaleTermsProvider, PartnerChargeProvider {

    private final Members members;
    private final CustomerDirectory directory;
    private final MembershipManagement membership;
    private final PartnerTraining training;

    BillingProviders(Members members, CustomerDirectory directory, MembershipManagement membership,
            PartnerTraining training) {
        this.members = members;
        this.directory = directory;
        this.membership = membership;
        this.training = training;
    }

    @Override
    @Transactional(readOnly = true)
    public List<WholesaleBuyer> wholesaleBuyers() {
        return members.all().stream().filter(Member::csp)
                .flatMap(m -> directory.partner(m.partnerId()).stream())
                .filter(Partner::active)
                .map(p -> new WholesaleBuyer(p.id(), LevelBenefits.commissionRate(p.level())))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<WholesaleBuyer> wholesaleBuyerOf(CustomerId customer) {
        return membership.wholesaleTermsFor(customer).map(WholesaleTerms::buyer);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PartnerCharge> chargesToInvoice() {
        return training.chargesToInvoice().stream()
                .map(c -> new PartnerCharge(c.bookingId(), c.partnerId(), c.description(), c.net(), c.bookedAt()))
                .toList();
    }
}
