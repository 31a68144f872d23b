package org.switchboard.licensing.web;

import org.switchboard.accounts.CurrentUser;
import org.switchboard.licensing.ConnectorKey;

/** Who reads an instance's licence: a phone system with its connector key, or a signed-in person. */
record Caller(ConnectorKey key, CurrentUser user, String authorization) {
}
