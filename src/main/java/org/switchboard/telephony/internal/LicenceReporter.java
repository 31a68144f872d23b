package org.switchboard.telephony.internal;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;

/**
 * Where the SIP core reports its licence events: the connector port, in process; and how long a
 * desktop session may stay silent before the licence engine reclaims it (the registrar keeps a
 * desktop client's registrations shorter than that, so that their refresh is its heartbeat).
 */
interface LicenceReporter {

    Decision report(InstanceId instance, LicenceEvent event);

    /** An event the SIP core does not wait for (a call's end, a call received): see the port's {@code reportLater}. */
    CompletionStage<Decision> reportLater(InstanceId instance, LicenceEvent event);

    Duration heartbeatTimeout();
}
