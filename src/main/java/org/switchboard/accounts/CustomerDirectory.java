package org.switchboard.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.internal.Customers;
import org.switchboard.accounts.internal.Partners;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;

/**
 * Lookups for other modules' background work (reminders, invoices, alerts), which acts for no
 * user: a customer, the addresses of its admins, a partner's customers.
 */
@Service
@Transactional(readOnly = true)
public class CustomerDirectory {

    private final Customers customers;
    private final Users users;
    private final Partners partners;

    CustomerDirectory(Customers customers, Users users, Partners partners) {
        this.customers = customers;
        this.users = users;
        this.partners = partners;
    }

    public Optional<Partner> partner(PartnerId id) {
        return partners.byId(id.value());
    }

    /** Every partner whose registration is complete, oldest first. */
    public List<Partner> activePartners() {
        return partners.active();
    }

    public Optional<Customer> find(CustomerId id) {
        return customers.byId(id.value());
    }

    /** Many customers at once (a batch of the invoice run), by id; unknown ids are left out. */
    public java.util.Map<CustomerId, Customer> findAll(java.util.Collection<CustomerId> ids) {
        java.util.Map<CustomerId, Customer> found = new java.util.HashMap<>();
        for (Customer c : customers.byIds(ids.stream().map(CustomerId::value).toList())) {
            found.put(c.id(), c);
        }
        return found;
    }

    /** The verified e-mail addresses of the customer's admins. */
    public List<String> adminEmails(CustomerId id) {
        return users.ofCustomer(id.value()).stream()
                .filter(u -> u.role() == Role.CUSTOMER_ADMIN && u.verified())
                .map(UserRow::email)
                .toList();
    }

    /** The verified e-mail addresses of the partner's admins. */
    public List<String> partnerAdminEmails(PartnerId id) {
        return users.ofPartner(id.value()).stream()
                .filter(u -> u.role() == Role.PARTNER_ADMIN && u.verified())
                .map(UserRow::email)
                .toList();
    }

    public List<CustomerId> customersOf(PartnerId partner) {
        return customers.ofPartner(partner.value()).stream().map(Customer::id).toList();
    }
}
