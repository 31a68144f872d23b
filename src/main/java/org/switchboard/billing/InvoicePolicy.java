package org.switchboard.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.switchboard.billing.InvoiceLine.Kind;
import org.switchboard.billing.SubscriptionTimeline.Change;
import org.switchboard.billing.SubscriptionTimeline.Entry;
import org.switchboard.catalog.Money;
import org.switchboard.instances.InstanceId;

/**
 * What a customer's invoice for a closed month holds, per instance: the pro-rata lines of the
 * month just ended (a first month from the activation instant, upgrades, renewals at another
 * price such as a downgrade at term end, and a credit after deactivation); the subscription fee
 * of the new month in advance, at the net in force when the closed month ended; and the rated
 * airtime of the month just ended, one line per zone. Trials and free (NFR) instances cost
 * nothing, and nothing is charged after a deactivation. The invoice run and the preview of the
 * open month both compose with this one rule.
 * <p>
 * What an earlier run did not bill comes along: a change of an earlier month not billed yet (its
 * event came after that month's run) is charged for the rest of its month and for the months
 * since, which were paid in advance at the old net; calls of earlier months not billed yet (their
 * records came after that month's run) get a line per month and zone, labelled as late.
 */
public final class InvoicePolicy {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    private InvoicePolicy() {
    }

    public static List<InvoiceLine> compose(YearMonth closed, BillingCalendar calendar,
            List<SubscriptionTimeline> timelines, List<AirtimeSummary> airtime) {
        Instant from = calendar.start(closed);
        Instant to = calendar.end(closed);
        Map<InstanceId, List<AirtimeSummary>> airtimeByInstance = airtime.stream()
                .collect(Collectors.groupingBy(AirtimeSummary::instanceId));
        List<InvoiceLine> lines = new ArrayList<>();
        List<SubscriptionTimeline> ordered = new ArrayList<>(timelines);
        ordered.sort(Comparator.comparing(SubscriptionTimeline::instanceName, Comparator.nullsLast(Comparator.naturalOrder())));
        for (SubscriptionTimeline timeline : ordered) {
            for (Change change : timeline.unbilledBefore(to)) {
                lines.addAll(proRata(timeline, change, calendar));
            }
            advanceFee(timeline, closed.plusMonths(1), calendar).ifPresent(lines::add);
            List<AirtimeSummary> own = new ArrayList<>(airtimeByInstance.getOrDefault(timeline.instanceId(), List.of()));
            // late months first, as the calls were made; within a month in the order given (by zone)
            own.sort(Comparator.comparing((AirtimeSummary a) -> a.lateFor(closed) ? a.month() : closed));
            for (AirtimeSummary zone : own) {
                lines.add(zone.lateFor(closed) ? lateAirtimeLine(timeline, zone, calendar)
                        : airtimeLine(timeline, zone, from, to));
            }
        }
        // Airtime of instances billing has no subscription for (all calls free) never reaches here:
        // only rated calls are summed, and a call is rated only while its instance was subscribed.
        return lines;
    }

    /** A change's parts, one per month from its instant to where its difference ends; none when the net is unchanged. */
    private static List<InvoiceLine> proRata(SubscriptionTimeline timeline, Change change, BillingCalendar calendar) {
        Money oldNet = change.oldNet();
        Money newNet = change.newNet();
        if (oldNet.equals(newNet)) {
            return List.of();
        }
        Entry after = change.after();
        String what = switch (after.kind()) {
            case ACTIVATED -> after.describe() + ", first month from activation";
            // amounts with their currency, as every amount a person reads
            case UPGRADED -> "Upgrade to " + after.describe() + " (" + oldNet + " → " + newNet + " a month)";
            case RENEWED -> "Renewal as " + after.describe() + " (" + oldNet + " → " + newNet + " a month)";
            case DEACTIVATED -> "Credit after deactivation (" + oldNet + " a month)";
        };
        List<InvoiceLine> lines = new ArrayList<>();
        for (ProRataPolicy.ProRata part : ProRataPolicy.parts(oldNet, newNet, after.at(), change.until(), calendar)) {
            String description = timeline.instanceName() + ": " + what + ", " + format(part.from(), calendar) + " – "
                    + format(part.to(), calendar) + ", " + part.fraction() + " of the month";
            lines.add(new InvoiceLine(timeline.instanceId(), Kind.PRO_RATA, description, part.from(), part.to(),
                    part.fraction(), part.amount()));
        }
        return lines;
    }

    private static java.util.Optional<InvoiceLine> advanceFee(SubscriptionTimeline timeline, YearMonth month,
            BillingCalendar calendar) {
        Instant start = calendar.start(month);
        Entry inForce = timeline.entries().stream().filter(e -> e.at().isBefore(start))
                .reduce((a, b) -> b).orElse(null);
        if (inForce == null || !inForce.chargedNet().greaterThanZero()) {
            return java.util.Optional.empty();
        }
        String description = timeline.instanceName() + ": " + inForce.describe() + ", "
                + monthName(month) + " in advance";
        return java.util.Optional.of(new InvoiceLine(timeline.instanceId(), Kind.SUBSCRIPTION_FEE, description, start,
                calendar.end(month), "1 month", inForce.chargedNet()));
    }

    private static InvoiceLine airtimeLine(SubscriptionTimeline timeline, AirtimeSummary zone, Instant from, Instant to) {
        long minutes = zone.billedSeconds() / 60;
        long seconds = zone.billedSeconds() % 60;
        String quantity = String.format(Locale.ENGLISH, "%,d calls, %,d:%02d min", zone.calls(), minutes, seconds);
        return new InvoiceLine(timeline.instanceId(), Kind.AIRTIME,
                timeline.instanceName() + ": airtime " + zone.zone() + " (itemised in the appendix)", from, to,
                quantity, Money.euros(zone.charge()));
    }

    /** Calls of an earlier month whose records came after that month's run. */
    private static InvoiceLine lateAirtimeLine(SubscriptionTimeline timeline, AirtimeSummary zone,
            BillingCalendar calendar) {
        YearMonth month = zone.month();
        long minutes = zone.billedSeconds() / 60;
        long seconds = zone.billedSeconds() % 60;
        String quantity = String.format(Locale.ENGLISH, "%,d calls, %,d:%02d min", zone.calls(), minutes, seconds);
        return new InvoiceLine(timeline.instanceId(), Kind.AIRTIME, timeline.instanceName() + ": airtime " + zone.zone()
                + ", " + monthName(month) + " (late call records, itemised in the appendix)", calendar.start(month),
                calendar.end(month), quantity, Money.euros(zone.charge()));
    }

    private static String monthName(YearMonth month) {
        return month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear();
    }

    private static String format(Instant instant, BillingCalendar calendar) {
        return AT.format(instant.atZone(calendar.zone()));
    }
}
