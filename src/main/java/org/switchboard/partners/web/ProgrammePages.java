package org.switchboard.partners.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.LevelBenefits;
import org.switchboard.partners.PartnerDirectory;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.PartnerSupport;
import org.switchboard.partners.PartnerTraining;
import org.switchboard.partners.ProgrammeCommands.UpdateProfile;
import org.switchboard.partners.Training;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/** The partner's programme page: level and progress, statements, leads, profile, CSP, payout account, training. */
@WebPage
class ProgrammePages {

    private final ProgrammeOverview overview;
    private final MembershipManagement membership;
    private final PartnerDirectory directory;
    private final LeadManagement leads;
    private final PartnerTraining training;
    private final PartnerSupport support;
    private final ProgrammePageModel pageModel;

    ProgrammePages(ProgrammeOverview overview, MembershipManagement membership, PartnerDirectory directory,
            LeadManagement leads, PartnerTraining training, PartnerSupport support, ProgrammePageModel pageModel) {
        this.overview = overview;
        this.membership = membership;
        this.directory = directory;
        this.leads = leads;
        this.training = training;
        this.support = support;
        this.pageModel = pageModel;
    }

    /** The programme's pages, one topic each: level and progress first, then the tabs beside it. */
    static final List<String> TABS = List.of("statements", "leads", "training", "settings", "media", "support");

    @GetMapping("/partner/programme")
    String programme(CurrentUser user, Model model) {
        return page(user, model, "overview");
    }

    @GetMapping("/partner/programme/{tab}")
    String programmeTab(CurrentUser user, @PathVariable String tab, Model model) {
        if (!TABS.contains(tab)) {
            throw new org.switchboard.platform.NotFoundException("There is no such page of the partner programme");
        }
        return page(user, model, tab);
    }

    @GetMapping("/partner/leads")
    String leadsLink() {
        return "redirect:/partner/programme/leads";
    }

    @PostMapping("/partner/programme/evaluation")
    String evaluate(CurrentUser user, RedirectAttributes redirect) {
        overview.evaluate(user, user.partnerId());
        redirect.addFlashAttribute("done", "Your figures were evaluated just now.");
        return "redirect:/partner/programme";
    }

    @PostMapping("/partner/programme/listing")
    String listing(CurrentUser user, @RequestParam(required = false) String listingUrl, Model model,
            RedirectAttributes redirect) {
        return submit(user, model, redirect, "settings", () -> membership.submitListing(user, user.partnerId(), listingUrl),
                "The page address was sent; an operator will confirm it.");
    }

    @PostMapping("/partner/programme/profile")
    String profile(CurrentUser user, @RequestParam(required = false) Boolean listed,
            @RequestParam(required = false) String text, @RequestParam(required = false) String regions, Model model,
            RedirectAttributes redirect) {
        List<String> codes = regions == null ? List.of()
                : Arrays.stream(regions.split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        model.addAttribute("profileText", text);
        model.addAttribute("profileRegions", regions);
        return submit(user, model, redirect, "settings",
                () -> directory.updateProfile(user, user.partnerId(), new UpdateProfile(listed, text, codes)),
                "Your directory profile was saved.");
    }

    @PostMapping("/partner/programme/payout-account")
    String payout(CurrentUser user, @RequestParam(required = false) String iban,
            @RequestParam(required = false) String accountHolder, Model model, RedirectAttributes redirect) {
        return submit(user, model, redirect, "settings",
                () -> membership.setPayoutAccount(user, user.partnerId(), iban, accountHolder),
                "Your payout account was saved.");
    }

    @PostMapping("/partner/programme/csp")
    String csp(CurrentUser user, @RequestParam boolean enabled, Model model, RedirectAttributes redirect) {
        return submit(user, model, redirect, "settings", () -> membership.switchCsp(user, user.partnerId(), enabled),
                enabled ? "The CSP option is on." : "The CSP option is off.");
    }

    @PostMapping("/partner/leads/{id}/{action}")
    String lead(CurrentUser user, @PathVariable UUID id, @PathVariable String action, RedirectAttributes redirect) {
        switch (action) {
            case "accept" -> leads.accept(user, id);
            case "decline" -> leads.decline(user, id);
            case "invite" -> leads.invite(user, id);
            default -> throw new org.switchboard.platform.NotFoundException("There is no such action");
        }
        redirect.addFlashAttribute("done", "Lead " + action + (action.endsWith("e") ? "d." : "ed."));
        return "redirect:/partner/programme/leads";
    }

    @PostMapping("/partner/support")
    String support(CurrentUser user, @RequestParam(required = false) String subject,
            @RequestParam(required = false) String body, Model model, RedirectAttributes redirect) {
        model.addAttribute("supportSubject", subject);
        model.addAttribute("supportBody", body);
        return submit(user, model, redirect, "support", () -> support.request(user, subject, body),
                "Your request was sent to " + (LevelBenefits.partnerSupport(overview.standing(user, user.partnerId())
                        .partner().level()) ? "partner support." : "licence support."));
    }

    @GetMapping("/media/{id}")
    org.springframework.http.ResponseEntity<byte[]> media(CurrentUser user, @PathVariable UUID id) {
        PartnerSupport.Download d = support.download(user, id);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(d.contentType()))
                .header("Content-Disposition", "attachment; filename=\"" + d.filename() + "\"")
                .body(d.content());
    }

    @PostMapping("/partner/training/tests")
    String startTest(CurrentUser user) {
        return "redirect:/partner/training/tests/" + training.startTest(user, user.partnerId()).id();
    }

    @GetMapping("/partner/training/tests/{id}")
    String test(CurrentUser user, @PathVariable UUID id, Model model) {
        model.addAttribute("test", training.test(user, id));
        model.addAttribute("passMark", org.switchboard.partners.TrainingPolicy.PASS_PERCENT);
        return "partners/test";
    }

    @PostMapping("/partner/training/tests/{id}")
    String answer(CurrentUser user, @PathVariable UUID id, @RequestParam Map<String, String> form, Model model) {
        Map<UUID, Integer> answers = new HashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("q-")) {
                try {
                    answers.put(UUID.fromString(k.substring(2)), Integer.valueOf(v));
                } catch (IllegalArgumentException ignored) {
                    // a tampered field counts as no answer
                }
            }
        });
        if (!FormErrors.submit(model, () -> training.answerTest(user, id, answers))) {
            return test(user, id, model);
        }
        return "redirect:/partner/training/tests/" + id;
    }

    @PostMapping("/partner/webinars/{id}/booking")
    String book(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        Training.Booking b = training.book(user, user.partnerId(), id);
        redirect.addFlashAttribute("done", "Seat booked for " + b.webinarTitle() + " at " + b.price().amount() + " EUR.");
        return "redirect:/partner/programme/training";
    }

    /** Runs a form's use case; on a mistake the form's own page shows it again, on success that page says so. */
    private String submit(CurrentUser user, Model model, RedirectAttributes redirect, String tab, Runnable useCase,
            String done) {
        if (!FormErrors.submit(model, useCase)) {
            return page(user, model, tab);
        }
        redirect.addFlashAttribute("done", done);
        return "redirect:/partner/programme/" + tab;
    }

    private String page(CurrentUser user, Model model, String tab) {
        model.addAttribute("tab", tab);
        return pageModel.render(user, model);
    }
}
