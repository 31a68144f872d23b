package org.switchboard.billing;

import java.time.Instant;

import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;

/**
 * One line of an invoice, its amount net and rounded to the cent. A pro-rata line shows its
 * period and the fraction of the month; an airtime line sums the calls of one zone, which the
 * invoice itemises in its appendix. A training line (a partner's webinar seat, on an invoice to
 * a partner) belongs to no instance: its {@code instanceId} is null. A numbers line charges phone
 * numbers beyond those included, or a porting fee.
 */
public record InvoiceLine(InstanceId instanceId, Kind kind, String description, Instant periodFrom, Instant periodTo,
        String quantity, Money amount) {

    public enum Kind {
        SUBSCRIPTION_FEE, PRO_RATA, AIRTIME, TRAINING, NUMBERS;

        /** Counted with the subscriptions in the totals: numbers are a monthly part of the service. */
        public boolean subscription() {
            return this == SUBSCRIPTION_FEE || this == PRO_RATA || this == NUMBERS;
        }
    }
}
