package org.switchboard.connector;

import java.util.List;

import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.InstanceId;

/** Rates and keeps call records; the billing module implements it. */
public interface CallLedger {

    /** See {@link PhoneSystemPort#record}. */
    CallBatchResult record(InstanceId instance, CustomerId customer, List<CallRecord> calls);
}
