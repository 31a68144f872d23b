package org.switchboard.partners.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.PartnerPayouts;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.PartnerTraining;
import org.switchboard.partners.ProgrammeCommands.RecordLead;
import org.switchboard.partners.Regions;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.web.FormErrors;
import org.switchboard.platform.web.WebPage;

/** Operators: every partner with the same figures partners see, listings to confirm, leads, training, payouts. */
@WebPage
class OperatorProgrammePages {

    private final ProgrammeOverview overview;
    private final MembershipManagement membership;
    private final LeadManagement leads;
    private final PartnerTraining training;
    private final PartnerPayouts payouts;
    private final java.time.Clock clock;
    private final org.switchboard.partners.PartnerSupport support;

    OperatorProgrammePages(ProgrammeOverview overview, MembershipManagement membership,
            LeadManagement leads, PartnerTraining training,
            PartnerPayouts payouts, java.time.Clock clock, org.switchboard.partners.PartnerSupport support) {
        this.support = support;
        this.overview = overview;
        this.membership = membership;
        this.leads = leads;
        this.training = training;
        this.payouts = payouts;
        this.clock = clock;
    }

    /** The programme's pages for operators, one topic each: partners and payouts first, then these. */
    static final List<String> TABS = List.of("leads", "support", "training", "media");

    @GetMapping("/operator/programme")
    String page(CurrentUser user, @ModelAttribute("lead") RecordLead lead, Model model) {
        return page(user, lead, model, "partners");
    }

    @GetMapping("/operator/programme/{tab}")
    String tab(CurrentUser user, @PathVariable String tab, Model model) {
        if (!TABS.contains(tab)) {
            throw new org.switchboard.platform.NotFoundException("There is no such page of the partner programme");
        }
        return page(user, noLead(), model, tab);
    }

    private static RecordLead noLead() {
        return new RecordLead(null, null, null, null, "DE", null, null, null, null);
    }

    private String page(CurrentUser user, RecordLead lead, Model model, String tab) {
        model.addAttribute("tab", tab);
        model.addAttribute("lead", lead); // also when a form of this page is shown again with its errors
        var standings = overview.standings(user);
        model.addAttribute("standings", standings);
        java.util.Map<PartnerId, String> names = new java.util.HashMap<>();
        standings.forEach(st -> names.put(st.partner().id(), st.partner().name()));
        model.addAttribute("partnerNames", names);
        model.addAttribute("leads", leads.leads(user));
        model.addAttribute("webinars", training.webinars());
        model.addAttribute("videos", training.videos());
        model.addAttribute("questions", training.questionBank(user));
        model.addAttribute("regions", Regions.all());
        model.addAttribute("media", support.media());
        model.addAttribute("partnerQueue", support.requests(user, java.util.Optional.of("PARTNER_SUPPORT")));
        model.addAttribute("licenceQueue", support.requests(user, java.util.Optional.of("LICENCE_SUPPORT")));
        return "partners/operator-programme";
    }

    @PostMapping("/operator/programme/partners/{id}/listing-confirmation")
    String confirm(CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        membership.confirmListing(user, new PartnerId(id));
        redirect.addFlashAttribute("done", "Website listing confirmed.");
        return "redirect:/operator/programme";
    }

    @PostMapping("/operator/programme/leads")
    String recordLead(CurrentUser user, @ModelAttribute("lead") RecordLead lead, Model model,
            RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> leads.record(user, lead))) {
            return page(user, lead, model, "leads");
        }
        redirect.addFlashAttribute("done", "Lead recorded and offered.");
        return "redirect:/operator/programme/leads";
    }

    @PostMapping("/operator/programme/webinars")
    String webinar(CurrentUser user, @RequestParam(required = false) String title,
            @RequestParam(required = false) String startsAt, @RequestParam(required = false) Integer seats,
            @RequestParam(required = false) String listPrice, Model model, RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> training.addWebinar(user, title, parseTime(startsAt), seats,
                parseMoney(listPrice)))) {
            return page(user, noLead(), model, "training");
        }
        redirect.addFlashAttribute("done", "Webinar added.");
        return "redirect:/operator/programme/training";
    }

    @PostMapping("/operator/programme/questions")
    String question(CurrentUser user, @RequestParam(required = false) String text,
            @RequestParam(required = false) String options, @RequestParam(required = false) Integer correct,
            Model model, RedirectAttributes redirect) {
        List<String> list = options == null ? List.of() : Arrays.stream(options.split("\\R")).toList();
        if (!FormErrors.submit(model, () -> training.addQuestion(user, text, list, correct == null ? null : correct - 1))) {
            return page(user, noLead(), model, "training");
        }
        redirect.addFlashAttribute("done", "Question added.");
        return "redirect:/operator/programme/training";
    }

    @PostMapping("/operator/programme/videos")
    String video(CurrentUser user, @RequestParam(required = false) String title,
            @RequestParam(required = false) String url, Model model, RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> training.addVideo(user, title, url))) {
            return page(user, noLead(), model, "training");
        }
        redirect.addFlashAttribute("done", "Video added.");
        return "redirect:/operator/programme/training";
    }

    @PostMapping("/operator/programme/media")
    String upload(CurrentUser user, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String title,
            @RequestParam(name = "file", required = false) org.springframework.web.multipart.MultipartFile file,
            Model model, RedirectAttributes redirect) throws java.io.IOException {
        byte[] content = file == null ? null : file.getBytes();
        if (!FormErrors.submit(model, () -> support.upload(user, kind, title,
                file == null ? null : file.getOriginalFilename(), file == null ? null : file.getContentType(), content))) {
            return page(user, noLead(), model, "media");
        }
        redirect.addFlashAttribute("done", "File published to partners.");
        return "redirect:/operator/programme/media";
    }

    @PostMapping("/operator/programme/support/{id}/answer")
    String answer(CurrentUser user, @org.springframework.web.bind.annotation.PathVariable java.util.UUID id,
            @RequestParam(required = false) String answer, Model model, RedirectAttributes redirect) {
        if (!FormErrors.submit(model, () -> support.answer(user, id, answer))) {
            return page(user, noLead(), model, "support");
        }
        redirect.addFlashAttribute("done", "Answer sent.");
        return "redirect:/operator/programme/support";
    }

    @PostMapping("/operator/programme/payouts")
    Object payout(CurrentUser user, @RequestParam(required = false) String executionOn, Model model) {
        java.util.concurrent.atomic.AtomicReference<java.util.Optional<org.switchboard.partners.PayoutBatch>> batch =
                new java.util.concurrent.atomic.AtomicReference<>(java.util.Optional.empty());
        if (!FormErrors.submit(model, () -> batch.set(payouts.createBatch(user, parseDay(executionOn))))) {
            model.addAttribute("executionOn", executionOn);
            return page(user, noLead(), model, "partners");
        }
        return batch.get()
                .map(b -> ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + b.messageId() + ".xml\"")
                        .body(b.document()))
                .orElse(ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("No statement is waiting for a payout."));
    }

    /** The execution day typed into the payout form: today when left empty. */
    private LocalDate parseDay(String value) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("executionOn", "Execution date must be a date such as "
                    + LocalDate.now(clock).plusDays(2));
        }
    }

    private java.time.Instant parseTime(String value) {
        try {
            return value == null || value.isBlank() ? null
                    : LocalDateTime.parse(value).atZone(clock.getZone()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("startsAt", "Start must be a date and time such as 2026-03-01T10:00");
        }
    }

    private static Money parseMoney(String value) {
        try {
            return value == null || value.isBlank() ? null : Money.euros(value.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("listPrice", "List price must be an amount such as 399.00");
        }
    }
}
