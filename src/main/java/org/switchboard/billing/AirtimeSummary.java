package org.switchboard.billing;

import java.math.BigDecimal;
import java.time.YearMonth;

import org.switchboard.instances.InstanceId;

/**
 * The rated calls of one instance in one zone and month: count, billed seconds and the sum of
 * their 4-decimal charges. {@code month} is the month the calls were made in; null stands for the
 * month being invoiced.
 */
public record AirtimeSummary(InstanceId instanceId, String zone, long calls, long billedSeconds, BigDecimal charge,
        YearMonth month) {

    /** Calls of the month being invoiced. */
    public AirtimeSummary(InstanceId instanceId, String zone, long calls, long billedSeconds, BigDecimal charge) {
        this(instanceId, zone, calls, billedSeconds, charge, null);
    }

    /** Whether these calls belong to a month before {@code invoiced}: call records that came after its run. */
    boolean lateFor(YearMonth invoiced) {
        return month != null && month.isBefore(invoiced);
    }
}
