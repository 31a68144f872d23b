package org.switchboard.partners;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Money;
import org.switchboard.partners.internal.Commissions;
import org.switchboard.partners.sepa.CreditTransfers;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * Payouts of statements as one SEPA credit-transfer batch. Statements of partners that have not
 * given a payout IBAN wait for the next batch; each statement is paid once, also with two
 * operators creating batches at the same moment.
 */
@Service
public class PartnerPayouts {

    /** Banks take a credit transfer's requested execution date at most this far ahead. */
    public static final int MAX_DAYS_AHEAD = 90;

    private final Commissions commissions;
    private final Clock clock;
    private final CreditTransfers.Debtor debtor;

    PartnerPayouts(Commissions commissions, Clock clock,
            @Value("${switchboard.partners.payout.debtor-name:Switchboard}") String debtorName,
            @Value("${switchboard.partners.payout.debtor-iban:DE89370400440532013000}") String debtorIban) {
        this.commissions = commissions;
        this.clock = clock;
        this.debtor = new CreditTransfers.Debtor(debtorName, debtorIban);
    }

    /** @return empty when no statement is waiting for a payout */
    @Transactional
    public Optional<PayoutBatch> createBatch(CurrentUser operator, LocalDate executionOn) {
        operator.requireOperator("may do this");
        LocalDate today = LocalDate.now(clock);
        if (executionOn == null || executionOn.isBefore(today)) {
            throw new InvalidInputException("executionOn", "The execution date must be today or later");
        }
        if (executionOn.isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw new InvalidInputException("executionOn", "The execution date may be at most " + MAX_DAYS_AHEAD
                    + " days ahead, until " + today.plusDays(MAX_DAYS_AHEAD));
        }
        List<Commissions.Payable> payable = commissions.lockPayable();
        if (payable.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        String messageId = "PO-" + id.toString().replace("-", "").substring(0, 24).toUpperCase();
        Money total = payable.stream().map(Commissions.Payable::total).reduce(Money.euros("0"), Money::plus);
        String document = CreditTransfers.pain001(messageId, OffsetDateTime.now(clock), executionOn, debtor,
                payable.stream().map(p -> new CreditTransfers.Transfer(p.number(), p.holder(), p.iban(),
                        p.total().amount(), "Commission statement " + p.number())).toList());
        commissions.insertPayout(id, messageId, clock.instant(), executionOn, total, payable.size(), document,
                payable.stream().map(Commissions.Payable::statementId).toList());
        return Optional.of(new PayoutBatch(id, messageId, executionOn, payable.size(), total, document));
    }

    @Transactional(readOnly = true)
    public String document(CurrentUser operator, UUID batch) {
        operator.requireOperator("may do this");
        return commissions.payoutDocument(batch).orElseThrow(() -> new NotFoundException("There is no payout batch " + batch));
    }
}
