package org.switchboard.partners.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;
import org.switchboard.partners.LeadManagement;
import org.switchboard.partners.PartnerDirectory;
import org.switchboard.partners.PartnerPayouts;
import org.switchboard.partners.CommissionLedger;
import org.switchboard.partners.MembershipManagement;
import org.switchboard.partners.ProgrammeOverview;
import org.switchboard.partners.PartnerTraining;
import org.switchboard.partners.ProgrammeCommands.PayoutAccount;
import org.switchboard.partners.ProgrammeCommands.RecordLead;
import org.switchboard.partners.ProgrammeCommands.UpdateProfile;
import org.switchboard.partners.Training;
import org.switchboard.partners.web.ProgrammeJson.BookingView;
import org.switchboard.partners.web.ProgrammeJson.LeadView;
import org.switchboard.partners.web.ProgrammeJson.MemberView;
import org.switchboard.partners.web.ProgrammeJson.StandingView;
import org.switchboard.partners.web.ProgrammeJson.StatementView;
import org.switchboard.partners.web.ProgrammeJson.WebinarView;
import org.switchboard.platform.InvalidInputException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Partner programme", description = "Levels, statements, CSP, leads, directory profile, training")
class ProgrammeApi {

    record CspSwitch(Boolean enabled) {
    }

    record Listing(String url) {
    }

    record TestAnswers(Map<UUID, Integer> answers) {
    }

    record NewWebinar(String title, Instant startsAt, Integer seats, BigDecimal listPrice) {
    }

    record NewQuestion(String text, List<String> options, Integer correct) {
    }

    record NewPayout(LocalDate executionOn) {
    }

    record PayoutView(UUID id, String messageId, LocalDate executionOn, int transfers, BigDecimal total) {
    }

    private final ProgrammeOverview overview;
    private final CommissionLedger ledger;
    private final MembershipManagement membership;
    private final LeadManagement leads;
    private final PartnerDirectory directory;
    private final PartnerTraining training;
    private final PartnerPayouts payouts;

    ProgrammeApi(ProgrammeOverview overview, CommissionLedger ledger, MembershipManagement membership,
            LeadManagement leads, PartnerDirectory directory, PartnerTraining training,
            PartnerPayouts payouts) {
        this.overview = overview;
        this.ledger = ledger;
        this.membership = membership;
        this.leads = leads;
        this.directory = directory;
        this.training = training;
        this.payouts = payouts;
    }

    @GetMapping("/partners/{id}/programme")
    @Operation(summary = "Level, figures of the last twelve months, the next level's requirements, notice, statements")
    StandingView standing(CurrentUser user, @PathVariable UUID id) {
        return StandingView.of(overview.standing(user, new PartnerId(id)));
    }

    @PostMapping("/partners/{id}/programme/evaluation")
    @Operation(summary = "Evaluate the level now: a partner that qualifies rises at once")
    StandingView evaluate(CurrentUser user, @PathVariable UUID id) {
        return StandingView.of(overview.evaluate(user, new PartnerId(id)));
    }

    @GetMapping("/partners/{id}/statements")
    List<StatementView> statements(CurrentUser user, @PathVariable UUID id) {
        return ledger.statements(user, new PartnerId(id)).stream().map(StatementView::of).toList();
    }

    @GetMapping("/statements/{id}")
    @Operation(summary = "A commission statement (credit note) with its lines")
    StatementView statement(CurrentUser user, @PathVariable UUID id) {
        return StatementView.of(ledger.statement(user, id));
    }

    @GetMapping(value = "/statements/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "The statement as a PDF credit note")
    byte[] statementPdf(CurrentUser user, @PathVariable UUID id) {
        return ledger.statementPdf(user, id);
    }

    @PutMapping("/partners/{id}/csp")
    @Operation(summary = "Switch the CSP option; refused (409) while a statement is not paid out")
    MemberView csp(CurrentUser user, @PathVariable UUID id, @RequestBody CspSwitch body) {
        if (body.enabled() == null) {
            throw new InvalidInputException("enabled", "enabled is required: true or false");
        }
        return MemberView.of(membership.switchCsp(user, new PartnerId(id), body.enabled()));
    }

    @PutMapping("/partners/{id}/payout-account")
    MemberView payoutAccount(CurrentUser user, @PathVariable UUID id, @RequestBody PayoutAccount body) {
        return MemberView.of(membership.setPayoutAccount(user, new PartnerId(id), body.iban(), body.accountHolder()));
    }

    @PutMapping("/partners/{id}/listing")
    @Operation(summary = "The page where the partner presents the product; an operator confirms it")
    MemberView listing(CurrentUser user, @PathVariable UUID id, @RequestBody Listing body) {
        return MemberView.of(membership.submitListing(user, new PartnerId(id), body.url()));
    }

    @PostMapping("/partners/{id}/listing/confirmation")
    MemberView confirmListing(CurrentUser user, @PathVariable UUID id) {
        return MemberView.of(membership.confirmListing(user, new PartnerId(id)));
    }

    @PutMapping("/partners/{id}/profile")
    @Operation(summary = "Directory profile: listed, plain text (at most 400 characters, no markup), regions served")
    MemberView profile(CurrentUser user, @PathVariable UUID id, @RequestBody UpdateProfile body) {
        return MemberView.of(directory.updateProfile(user, new PartnerId(id), body));
    }

    @PostMapping("/leads")
    ResponseEntity<LeadView> recordLead(CurrentUser user, @RequestBody RecordLead body) {
        LeadView lead = LeadView.of(leads.record(user, body));
        return ResponseEntity.created(URI.create("/api/v1/leads/" + lead.id())).body(lead);
    }

    @GetMapping("/leads")
    List<LeadView> leads(CurrentUser user) {
        return leads.leads(user).stream().map(LeadView::of).toList();
    }

    @GetMapping("/leads/{id}")
    LeadView lead(CurrentUser user, @PathVariable UUID id) {
        return LeadView.of(leads.lead(user, id));
    }

    @PostMapping("/leads/{id}/acceptance")
    LeadView accept(CurrentUser user, @PathVariable UUID id) {
        return LeadView.of(leads.accept(user, id));
    }

    @PostMapping("/leads/{id}/decline")
    LeadView decline(CurrentUser user, @PathVariable UUID id) {
        return LeadView.of(leads.decline(user, id));
    }

    @PostMapping("/leads/{id}/invitation")
    LeadView invite(CurrentUser user, @PathVariable UUID id) {
        return LeadView.of(leads.invite(user, id));
    }

    @PostMapping("/training/questions")
    Training.Question addQuestion(CurrentUser user, @RequestBody NewQuestion body) {
        return training.addQuestion(user, body.text(), body.options(), body.correct());
    }

    @PostMapping("/partners/{id}/training/tests")
    @Operation(summary = "Start the basic training test: every question of the bank in random order")
    Training.Test startTest(CurrentUser user, @PathVariable UUID id) {
        return training.startTest(user, new PartnerId(id));
    }

    @PostMapping("/training/tests/{id}/answers")
    @Operation(summary = "Answer a test once: question id to the index of the chosen answer")
    Training.Test answer(CurrentUser user, @PathVariable UUID id, @RequestBody TestAnswers body) {
        return training.answerTest(user, id, body.answers());
    }

    @PostMapping("/webinars")
    WebinarView addWebinar(CurrentUser user, @RequestBody NewWebinar body) {
        return WebinarView.of(training.addWebinar(user, body.title(), body.startsAt(), body.seats(),
                body.listPrice() == null ? null : Money.euros(body.listPrice())));
    }

    @GetMapping("/webinars")
    List<WebinarView> webinars() {
        return training.webinars().stream().map(WebinarView::of).toList();
    }

    @PostMapping("/partners/{id}/webinar-bookings/{webinar}")
    @Operation(summary = "Book a seat: list price, half when booked within 28 days of registration")
    BookingView book(CurrentUser user, @PathVariable UUID id, @PathVariable UUID webinar) {
        return BookingView.of(training.book(user, new PartnerId(id), webinar));
    }

    @PostMapping("/payout-batches")
    @Operation(summary = "A SEPA credit-transfer batch (pain.001.001.03) paying every issued statement")
    ResponseEntity<PayoutView> payout(CurrentUser user, @RequestBody NewPayout body) {
        return payouts.createBatch(user, body.executionOn())
                .map(b -> ResponseEntity.created(URI.create("/api/v1/payout-batches/" + b.id()))
                        .body(new PayoutView(b.id(), b.messageId(), b.executionOn(), b.transfers(), b.total().amount())))
                .orElse(ResponseEntity.noContent().build());
    }

    @GetMapping(value = "/payout-batches/{id}", produces = MediaType.APPLICATION_XML_VALUE)
    String payoutDocument(CurrentUser user, @PathVariable UUID id) {
        return payouts.document(user, id);
    }
}
