package org.switchboard.billing;

import java.util.List;

import org.switchboard.catalog.Money;

/** Net by subscriptions and airtime, VAT on the whole net (rounded once), and gross. */
public record InvoiceTotals(Money netSubscriptions, Money netAirtime, Money net, VatPolicy.Treatment treatment,
        Money vat, Money gross) {

    public static InvoiceTotals of(List<InvoiceLine> lines, VatPolicy.Treatment treatment) {
        Money subscriptions = Money.zero(Money.EUR);
        Money airtime = Money.zero(Money.EUR);
        for (InvoiceLine line : lines) {
            if (line.kind().subscription()) {
                subscriptions = subscriptions.plus(line.amount());
            } else {
                airtime = airtime.plus(line.amount());
            }
        }
        Money net = subscriptions.plus(airtime);
        Money vat = net.times(treatment.ratePercent().movePointLeft(2));
        return new InvoiceTotals(subscriptions, airtime, net, treatment, vat, net.plus(vat));
    }
}
