package org.switchboard.accounts.web;

import org.switchboard.platform.web.WebPage;
import org.springframework.web.bind.annotation.GetMapping;

/** The public front page: what Switchboard is and where to go next. */
@WebPage
class LandingPage {

    @GetMapping("/")
    String landing() {
        return "landing";
    }
}
