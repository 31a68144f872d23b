package org.switchboard.billing;

import java.util.List;

import org.switchboard.catalog.Money;

/**
 * Net by subscriptions and airtime (and, on an invoice to a partner, training: the rest of the
 * net), VAT on the whole net (rounded once), and gross.
 */
public record InvoiceTotals(Money netSubscriptions, Money netAirtime, Money net, VatPolicy.Treatment treatment,
        Money vat, Money gross) {

    public static InvoiceTotals of(List<InvoiceLine> lines, VatPolicy.Treatment treatment) {
        Money subscriptions = Money.zero(Money.EUR);
        Money airtime = Money.zero(Money.EUR);
        Money training = Money.zero(Money.EUR);
        for (InvoiceLine line : lines) {
            if (line.kind().subscription()) {
                subscriptions = subscriptions.plus(line.amount());
            } else if (line.kind() == InvoiceLine.Kind.AIRTIME) {
                airtime = airtime.plus(line.amount());
            } else {
                training = training.plus(line.amount());
            }
        }
        Money net = subscriptions.plus(airtime).plus(training);
        Money vat = treatment.vatOn(net);
        return new InvoiceTotals(subscriptions, airtime, net, treatment, vat, net.plus(vat));
    }

    /** The net of training lines: what is neither subscriptions nor airtime. */
    public Money netTraining() {
        return net.minus(netSubscriptions).minus(netAirtime);
    }
}
