package org.switchboard.licensing.web;

import org.switchboard.accounts.CurrentUser;

/**
 * Who reads an instance's licence: a signed-in person ({@code user}), or a phone system whose
 * {@code Authorization: Bearer} header is checked against the instance by the endpoint.
 */
record Caller(CurrentUser user, String authorization) {
}
