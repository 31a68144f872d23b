package org.switchboard.numbers;

/**
 * Why a releasing provider refuses a porting request, as German carriers answer one another, each
 * with what the customer should correct before the order is submitted again.
 */
public enum RejectionCode {
    NUMBER_NOT_ACTIVE("Number not active",
            "A number is not (or no longer) switched on at the releasing provider. Check the list of numbers against "
                    + "your last bill of that provider and remove numbers that are no longer yours."),
    ADDRESS_WRONG("Address wrong",
            "The address differs from the one the releasing provider holds for the line. Enter it exactly as on that "
                    + "provider's bill (street, house number, postcode, city)."),
    LINE_HOLDER_WRONG("Line holder wrong",
            "The company or person named is not the holder of the line. Enter the contract holder exactly as on the "
                    + "releasing provider's bill, with the legal form."),
    FURTHER_LINE_HOLDERS("Further line holders",
            "The line has further holders who must agree. Name all of them and have each sign the request form."),
    CUSTOMER_NOT_IDENTIFIABLE("Customer not identifiable",
            "The releasing provider cannot find the contract. Add your customer number at that provider and check "
                    + "the company name and address against its bill."),
    OTHER_ORDER_EXISTS("Another provider's order exists",
            "Another provider has asked to take over these numbers already. Withdraw that order with the other "
                    + "provider (or with the releasing provider), then submit again."),
    OTHER("Other", "The releasing provider gave the reason below. Correct what it names and submit again.");

    private final String label;
    private final String explanation;

    RejectionCode(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }
}
