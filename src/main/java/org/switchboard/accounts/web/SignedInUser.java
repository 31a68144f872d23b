package org.switchboard.accounts.web;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.switchboard.accounts.CurrentUser;

/** The principal of a logged-in session or a Basic-authenticated request. */
record SignedInUser(CurrentUser user) implements AuthenticatedPrincipal, org.switchboard.accounts.SignedIn.Principal {

    @Override
    public String getName() {
        return user.email();
    }
}
