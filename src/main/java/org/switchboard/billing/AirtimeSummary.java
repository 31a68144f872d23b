package org.switchboard.billing;

import java.math.BigDecimal;

import org.switchboard.instances.InstanceId;

/** The rated calls of one instance in one zone and month: count, billed seconds and the sum of their 4-decimal charges. */
public record AirtimeSummary(InstanceId instanceId, String zone, long calls, long billedSeconds, BigDecimal charge) {
}
