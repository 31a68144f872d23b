package org.switchboard.connector;

import org.switchboard.instances.InstanceId;

/**
 * Decides and stores licence events; the licensing module implements it, so that the connector
 * never depends on licensing and licensing may depend on the connector for its vocabulary and keys.
 */
public interface LicenceEngine {

    /** See {@link PhoneSystemPort#report}. */
    Decision decide(InstanceId instance, LicenceEvent event);
}
