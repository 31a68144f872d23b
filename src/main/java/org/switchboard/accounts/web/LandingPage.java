package org.switchboard.accounts.web;

import org.springframework.web.bind.annotation.GetMapping;

/** The public front page: what Switchboard is and where to go next. */
@AccountsPage
class LandingPage {

    @GetMapping("/")
    String landing() {
        return "landing";
    }
}
