package org.switchboard.telephony.internal;

import org.switchboard.connector.Decision;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;

/** Where the SIP core reports its licence events: the connector port, in process. */
@FunctionalInterface
interface LicenceReporter {
    Decision report(InstanceId instance, LicenceEvent event);
}
