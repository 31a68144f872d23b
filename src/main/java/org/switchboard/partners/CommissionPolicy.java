package org.switchboard.partners;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.switchboard.accounts.PartnerLevel;
import org.switchboard.catalog.Money;

/**
 * Commission on a customer invoice: its net for subscriptions and airtime times the rate of the
 * partner's level held when the invoice was finalised, rounded once per invoice. A returned
 * direct debit reverses what is left of it after the credit notes correcting the invoice. Lines go on the statement of the month they occur
 * in, issued in the month after; a partner whose open lines do not add up to more than zero gets
 * no statement that month and the lines wait for the next one.
 */
public final class CommissionPolicy {

    public static final String CREDIT_NOTE_SERIES = "PC";

    private CommissionPolicy() {
    }

    public static CommissionLine commission(CustomerInvoice invoice, PartnerLevel levelWhenFinalised) {
        BigDecimal rate = LevelBenefits.commissionRate(levelWhenFinalised);
        return new CommissionLine(UUID.randomUUID(), invoice.partnerId(), invoice.invoiceId(),
                CommissionLine.Kind.COMMISSION, invoice.customerId(), invoice.finalisedOn(), invoice.finalisedOn(),
                invoice.subscriptionsNet(), invoice.airtimeNet(), levelWhenFinalised, rate, invoice.net().times(rate),
                null);
    }

    /**
     * The reversal after the direct debit of {@code original}'s invoice came back: what the invoice
     * still earns, its commission less what the credit notes correcting it took back already
     * ({@code corrections}); empty when nothing is left.
     */
    public static Optional<CommissionLine> reversal(CommissionLine original, List<CommissionLine> corrections,
            LocalDate returnedOn) {
        Money subscriptions = original.subscriptionsNet();
        Money airtime = original.airtimeNet();
        Money amount = original.amount();
        for (CommissionLine c : corrections) {
            subscriptions = subscriptions.plus(c.subscriptionsNet());
            airtime = airtime.plus(c.airtimeNet());
            amount = amount.plus(c.amount());
        }
        if (!amount.greaterThanZero()) {
            return Optional.empty();
        }
        Money zero = Money.zero(original.amount().currency());
        return Optional.of(new CommissionLine(UUID.randomUUID(), original.partnerId(), original.invoiceId(),
                CommissionLine.Kind.REVERSAL, original.customerId(), original.finalisedOn(), returnedOn,
                zero.minus(subscriptions), zero.minus(airtime), original.level(), original.rate(), zero.minus(amount),
                null));
    }

    /** The statement of {@code period} is issued on the first day of the month after it. */
    public static LocalDate issueDay(YearMonth period) {
        return period.plusMonths(1).atDay(1);
    }

    public static String creditNoteNumber(int year, int number) {
        return CREDIT_NOTE_SERIES + "-" + year + "-" + String.format("%06d", number);
    }
}
