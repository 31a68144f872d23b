package org.switchboard.accounts;

public enum Role {
    OPERATOR, PARTNER_ADMIN, PARTNER_MEMBER, CUSTOMER_ADMIN, CUSTOMER_MEMBER,
    /** A person of a customer's phone system: sees its own desktop client and call history, nothing else. */
    EMPLOYEE;

    public boolean isPartner() {
        return this == PARTNER_ADMIN || this == PARTNER_MEMBER;
    }

    public boolean isCustomer() {
        return this == CUSTOMER_ADMIN || this == CUSTOMER_MEMBER;
    }

    public String label() {
        return switch (this) {
            case OPERATOR -> "Operator";
            case PARTNER_ADMIN -> "Partner admin";
            case PARTNER_MEMBER -> "Partner member";
            case CUSTOMER_ADMIN -> "Customer admin";
            case CUSTOMER_MEMBER -> "Customer member";
            case EMPLOYEE -> "Employee";
        };
    }
}
