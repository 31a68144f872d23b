package org.switchboard.accounts;

import static org.switchboard.accounts.AccountFields.address;
import static org.switchboard.accounts.AccountFields.vatId;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.internal.Customers;
import org.switchboard.accounts.internal.Partners;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * Partners and customers as the signed-in user may see them, their billing details, and what the
 * partner programme changes on them (level, own-use customer). New accounts: {@link Registration},
 * {@link CustomerInvitations}, {@link InvitationAcceptance}; passwords: {@link CredentialManagement}.
 */
@Service
public class AccountManagement {

    private final Partners partners;
    private final Customers customers;
    private final Clock clock;

    AccountManagement(Partners partners, Customers customers, Clock clock) {
        this.partners = partners;
        this.customers = customers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<Partner> partners(CurrentUser viewer) {
        viewer.requireOperator("may do this");
        return partners.all();
    }

    @Transactional(readOnly = true)
    public Partner partner(CurrentUser viewer, PartnerId id) {
        if (!viewer.maySee(id)) {
            throw new NotFoundException("There is no partner " + id.value());
        }
        return partners.byId(id.value()).orElseThrow(() -> new NotFoundException("There is no partner " + id.value()));
    }

    /**
     * The partner programme setting a partner's level after its evaluation; the programme keeps
     * the history and the figures behind each change. Acts for no user.
     */
    @Transactional
    public void changePartnerLevel(PartnerId id, PartnerLevel level) {
        partners.changeLevel(id.value(), level);
    }

    @Transactional(readOnly = true)
    public Customer customer(CurrentUser viewer, CustomerId id) {
        Customer customer = customers.byId(id.value())
                .orElseThrow(() -> new NotFoundException("There is no customer " + id.value()));
        if (!viewer.maySee(customer.id(), customer.partnerId())) {
            throw new NotFoundException("There is no customer " + id.value());
        }
        return customer;
    }

    /** Operators see every customer, a partner its own, a customer itself. */
    @Transactional(readOnly = true)
    public List<Customer> customers(CurrentUser viewer) {
        if (viewer.isOperator()) {
            return customers.all();
        }
        if (viewer.isPartner()) {
            return customers.ofPartner(viewer.partnerId().value());
        }
        return customers.byId(viewer.customerId().value()).stream().toList();
    }

    /**
     * The customer record that holds the partner's own phone system (its NFR licence), created on
     * first need with the partner's name and address. Acts for no user: the partner programme calls it.
     */
    @Transactional
    public CustomerId ownUseCustomer(PartnerId partnerId) {
        Partner partner = partners.byId(partnerId.value())
                .orElseThrow(() -> new NotFoundException("There is no partner " + partnerId.value()));
        return new CustomerId(customers.ownUseOf(partner.id().value(), partner.name() + " (own use)",
                partner.address(), partner.vatId(), clock.instant()));
    }

    @Transactional
    public Customer updateBillingDetails(CurrentUser viewer, CustomerId id, UpdateBillingDetails c) {
        Customer customer = customer(viewer, id);
        if (!viewer.isOperator() && !viewer.isCustomerAdmin()) {
            throw new ForbiddenException("Only a customer admin or an operator may change the billing details");
        }
        new Validation()
                .text("companyName", "Company name", c.companyName(), 200)
                .text("street", "Street", c.street(), 200)
                .postcode("postcode", c.postcode(), c.country())
                .text("city", "City", c.city(), 100)
                .country("country", c.country())
                .optionalText("vatId", "VAT ID", c.vatId(), 20)
                .check(VatIds.wellFormed(c.vatId()), "vatId", VatIds.PROBLEM)
                .check(VatIds.ofCountry(c.vatId(), c.country()), "vatId", VatIds.countryProblem(c.country()))
                .throwIfInvalid();
        customers.updateBilling(customer.id().value(), c.companyName().trim(),
                address(c.street(), c.postcode(), c.city(), c.country()), vatId(c.vatId()));
        return customers.byId(id.value()).orElseThrow();
    }
}
