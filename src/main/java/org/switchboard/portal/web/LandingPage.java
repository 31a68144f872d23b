package org.switchboard.portal.web;

import org.switchboard.accounts.PartnerLevel;
import org.switchboard.partners.LevelBenefits;
import org.switchboard.platform.web.WebPage;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public front page: what Switchboard is and where to go next, with the partner programme's rates. */
@WebPage
class LandingPage {

    @GetMapping("/")
    String landing(Model model) {
        model.addAttribute("firstRate", LevelBenefits.percent(LevelBenefits.commissionRate(PartnerLevel.REGISTERED)));
        model.addAttribute("topRate", LevelBenefits.percent(LevelBenefits.commissionRate(PartnerLevel.EXCELLENCE)));
        return "landing";
    }
}
