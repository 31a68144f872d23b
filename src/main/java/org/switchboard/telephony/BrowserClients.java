package org.switchboard.telephony;

import java.util.Optional;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;

/**
 * Which device a signed-in user's browser registers as, over SIP over WebSocket: the module that
 * gives people a client in the browser implements it. A socket whose user has no such device is
 * refused at the handshake.
 */
public interface BrowserClients {

    /** The device a browser client of {@code user} is, with the instance it belongs to. */
    record BrowserDevice(InstanceId instanceId, String sipUser) {
    }

    Optional<BrowserDevice> deviceOf(CurrentUser user);
}
