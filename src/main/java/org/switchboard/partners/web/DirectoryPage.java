package org.switchboard.partners.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.partners.PartnerDirectory;
import org.switchboard.platform.web.WebPage;

/** The public partner directory: Certified partners and up that chose to be listed, searchable by postcode, city or region. */
@WebPage
class DirectoryPage {

    private final PartnerDirectory directory;

    DirectoryPage(PartnerDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/directory")
    String directory(@RequestParam(name = "q", required = false) String query, Model model) {
        String q = query == null ? "" : query.strip();
        if (q.length() > 100) {
            q = q.substring(0, 100);
        }
        model.addAttribute("q", q);
        model.addAttribute("entries", directory.search(q));
        return "partners/directory";
    }
}
