package org.switchboard.accounts.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CredentialManagement;
import org.switchboard.accounts.CustomerInvitations;
import org.switchboard.accounts.InvitationAcceptance;
import org.switchboard.accounts.Registration;
import org.switchboard.accounts.Address;
import org.switchboard.accounts.Commands;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Customer;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Invitation;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Accounts for scripts: who am I, partners, customers, invitations, and the public sign-up steps. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts", description = "Partners, customers, invitations, registration and passwords")
class AccountsApi {

    record Me(UUID id, String email, String name, String role, UUID partnerId, UUID customerId) {
    }

    record CustomerView(UUID id, String name, Address billingAddress, String vatId, UUID partnerId,
            String partnerName, boolean validated, List<String> missingForValidation, String adminEmail,
            Instant createdAt, boolean ownUse) {

        static CustomerView of(Customer c) {
            return new CustomerView(c.id().value(), c.name(), c.billingAddress(), c.vatId(),
                    c.partnerId() == null ? null : c.partnerId().value(), c.partnerName(), c.isValidated(),
                    c.missingForValidation(), c.adminEmail(), c.createdAt(), c.ownUse());
        }
    }

    record PartnerView(UUID id, String name, Address address, String vatId, String website, String contactName,
            String contactPhone, String level, String status, java.time.LocalDate registeredOn, long customers) {

        static PartnerView of(Partner p) {
            return new PartnerView(p.id().value(), p.name(), p.address(), p.vatId(), p.website(), p.contactName(),
                    p.contactPhone(), p.level().name(), p.active() ? "ACTIVE" : "PENDING_VERIFICATION",
                    p.registeredOn(), p.customers());
        }
    }

    record InvitationView(UUID id, String partnerName, String companyName, String email, String state,
            Instant createdAt, Instant expiresAt) {

        static InvitationView of(Invitation i, Instant now) {
            return new InvitationView(i.id(), i.partnerName(), i.companyName(), i.email(), i.stateAt(now).name(),
                    i.createdAt(), i.expiresAt());
        }
    }

    record Registered(UUID id, String status, String message) {
    }

    record TokenRequest(String token) {
    }

    record EmailRequest(String email) {
    }

    private final AccountManagement accounts;
    private final Registration registration;
    private final CredentialManagement credentials;
    private final CustomerInvitations invitations;
    private final InvitationAcceptance acceptance;
    private final java.time.Clock clock;

    AccountsApi(AccountManagement accounts, Registration registration, CredentialManagement credentials,
            CustomerInvitations invitations, InvitationAcceptance acceptance, java.time.Clock clock) {
        this.accounts = accounts;
        this.registration = registration;
        this.credentials = credentials;
        this.invitations = invitations;
        this.acceptance = acceptance;
        this.clock = clock;
    }

    @GetMapping("/me")
    @Operation(summary = "The account this request is authenticated as")
    Me me(CurrentUser user) {
        return new Me(user.id().value(), user.email(), user.name(), user.role().name(),
                user.partnerId() == null ? null : user.partnerId().value(),
                user.customerId() == null ? null : user.customerId().value());
    }

    // ---- public sign-up steps -------------------------------------------------------------------

    @PostMapping("/partner-registrations")
    @Operation(summary = "Register free as a partner; the partner is Registered once the e-mail is verified")
    ResponseEntity<Registered> registerPartner(@RequestBody Commands.RegisterPartner command) {
        PartnerId id = registration.registerPartner(command);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Registered(id.value(), "PENDING_VERIFICATION",
                "Follow the link we sent to " + command.email().trim() + " to finish the registration."));
    }

    @PostMapping("/customer-signups")
    @Operation(summary = "A customer signs up without a partner")
    ResponseEntity<Registered> signUp(@RequestBody Commands.SignUpCustomer command) {
        CustomerId id = registration.signUpCustomer(command);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Registered(id.value(), "PENDING_VERIFICATION",
                "Follow the link we sent to " + command.email().trim() + " to confirm the e-mail address."));
    }

    @PostMapping("/email-verifications")
    @Operation(summary = "Confirm an e-mail address with the token from the mailed link")
    Me verify(@RequestBody TokenRequest request) {
        return me(registration.verifyEmail(request.token()));
    }

    @PostMapping("/password-resets")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Mail a password reset link, if the address has an account (the answer is the same either way)")
    void requestReset(@RequestBody EmailRequest request) {
        credentials.requestPasswordReset(request.email());
    }

    @PostMapping("/password-resets/confirm")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set a new password with the token from the mailed link")
    void reset(@RequestBody Commands.ResetPassword command) {
        credentials.resetPassword(command);
    }

    @GetMapping("/invitation-links/{token}")
    @Operation(summary = "What an invitation link is for, while it can be accepted")
    InvitationView invitationLink(@PathVariable String token) {
        return InvitationView.of(acceptance.openInvitation(token), clock.instant());
    }

    @PostMapping("/invitation-links/{token}/acceptance")
    @Operation(summary = "Accept an invitation: creates the customer, linked to the inviting partner, and its admin")
    ResponseEntity<Registered> accept(@PathVariable String token, @RequestBody Commands.AcceptInvitation command) {
        CustomerId id = acceptance.acceptInvitation(token, command);
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id.value()))
                .body(new Registered(id.value(), "ACTIVE", "The account is ready: log in with your e-mail and password."));
    }

    // ---- partners' customers and invitations ----------------------------------------------------

    @PostMapping("/invitations")
    @Operation(summary = "A partner invites a customer by company name and contact e-mail")
    ResponseEntity<InvitationView> invite(CurrentUser user, @RequestBody Commands.InviteCustomer command) {
        Invitation invitation = invitations.invite(user, command);
        return ResponseEntity.status(HttpStatus.CREATED).body(InvitationView.of(invitation, clock.instant()));
    }

    @GetMapping("/invitations")
    @Operation(summary = "The partner's invitations, newest first")
    List<InvitationView> invitations(CurrentUser user) {
        Instant now = clock.instant();
        return invitations.invitations(user).stream().map(i -> InvitationView.of(i, now)).toList();
    }

    @GetMapping("/customers")
    @Operation(summary = "Customers: all for operators, its own for a partner, itself for a customer")
    List<CustomerView> customers(CurrentUser user) {
        return accounts.customers(user).stream().map(CustomerView::of).toList();
    }

    @GetMapping("/customers/{id}")
    CustomerView customer(CurrentUser user, @PathVariable UUID id) {
        return CustomerView.of(accounts.customer(user, new CustomerId(id)));
    }

    @PutMapping("/customers/{id}/billing-details")
    @Operation(summary = "Company name, billing address and VAT ID (customer admin or operator)")
    CustomerView billing(CurrentUser user, @PathVariable UUID id, @RequestBody Commands.UpdateBillingDetails command) {
        return CustomerView.of(accounts.updateBillingDetails(user, new CustomerId(id), command));
    }

    // ---- partners (operators) -------------------------------------------------------------------

    @GetMapping("/partners")
    List<PartnerView> partners(CurrentUser user) {
        return accounts.partners(user).stream().map(PartnerView::of).toList();
    }

    @PostMapping("/partners")
    @Operation(summary = "An operator creates a partner; its first admin is invited by e-mail to set a password")
    ResponseEntity<PartnerView> createPartner(CurrentUser user, @RequestBody Commands.CreatePartner command) {
        PartnerId id = registration.createPartner(user, command);
        return ResponseEntity.created(URI.create("/api/v1/partners/" + id.value()))
                .body(PartnerView.of(accounts.partner(user, id)));
    }

    @GetMapping("/partners/{id}")
    PartnerView partner(CurrentUser user, @PathVariable UUID id) {
        return PartnerView.of(accounts.partner(user, new PartnerId(id)));
    }
}
