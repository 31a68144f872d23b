package org.switchboard.accounts;

import java.util.Objects;

import org.switchboard.platform.ForbiddenException;

/**
 * Who is asking, with the tenant they belong to. Every use case that reads or changes a tenant's
 * records takes one and decides with {@link #maySee} what it may see.
 */
public record CurrentUser(UserId id, String email, String name, Role role, PartnerId partnerId, CustomerId customerId) {

    public CurrentUser {
        Objects.requireNonNull(id);
        Objects.requireNonNull(role);
    }

    public boolean isOperator() {
        return role == Role.OPERATOR;
    }

    public boolean isPartner() {
        return role.isPartner();
    }

    public boolean isCustomer() {
        return role.isCustomer();
    }

    public boolean isCustomerAdmin() {
        return role == Role.CUSTOMER_ADMIN;
    }

    /**
     * Refuses (403) anyone but an operator, saying what only operators do, e.g.
     * {@code requireOperator("manage billing")} answers "Only operators manage billing.".
     */
    public void requireOperator(String onlyOperators) {
        if (!isOperator()) {
            throw new ForbiddenException("Only operators " + onlyOperators + ".");
        }
    }

    /** A partner's records are visible to operators and to the partner's own users. */
    public boolean maySee(PartnerId partner) {
        return isOperator() || (isPartner() && partnerId.equals(partner));
    }

    /** A customer's records are visible to operators, to the partner that invited it and to itself. */
    public boolean maySee(CustomerId customer, PartnerId customersPartner) {
        return isOperator()
                || (isPartner() && partnerId.equals(customersPartner))
                || (isCustomer() && customerId.equals(customer));
    }
}
