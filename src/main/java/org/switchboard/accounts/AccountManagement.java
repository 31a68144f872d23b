package org.switchboard.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.Commands.AcceptInvitation;
import org.switchboard.accounts.Commands.CreatePartner;
import org.switchboard.accounts.Commands.InviteCustomer;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.ResetPassword;
import org.switchboard.accounts.Commands.SignUpCustomer;
import org.switchboard.accounts.Commands.UpdateBillingDetails;
import org.switchboard.accounts.internal.AccountTokens;
import org.switchboard.accounts.internal.AccountTokens.Purpose;
import org.switchboard.accounts.internal.Customers;
import org.switchboard.accounts.internal.Invitations;
import org.switchboard.accounts.internal.Partners;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Links;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/** The use cases of accounts: registration, invitation, verification, password reset, and who may see whom. */
@Service
public class AccountManagement {

    static final Duration INVITATION_VALIDITY = Duration.ofDays(14);
    static final Duration VERIFICATION_VALIDITY = Duration.ofDays(7);
    static final Duration ACCOUNT_SETUP_VALIDITY = Duration.ofDays(14);
    static final Duration PASSWORD_RESET_VALIDITY = Duration.ofHours(1);

    private final Users users;
    private final Partners partners;
    private final Customers customers;
    private final Invitations invitations;
    private final AccountTokens tokens;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final Links links;
    private final ApplicationEventPublisher events;

    AccountManagement(Users users, Partners partners, Customers customers, Invitations invitations,
            AccountTokens tokens, Outbox outbox, PasswordEncoder passwords, Clock clock, Links links,
            ApplicationEventPublisher events) {
        this.users = users;
        this.partners = partners;
        this.customers = customers;
        this.invitations = invitations;
        this.tokens = tokens;
        this.outbox = outbox;
        this.passwords = passwords;
        this.clock = clock;
        this.links = links;
        this.events = events;
    }

    // ---- partners -------------------------------------------------------------------------------

    /** The public "register free as a partner": the partner is Registered once its admin verifies the e-mail. */
    @Transactional
    public PartnerId registerPartner(RegisterPartner c) {
        String email = Validation.normalizeEmail(c.email());
        Validation v = partnerFields(c.companyName(), c.street(), c.postcode(), c.city(), c.country(), c.vatId(),
                c.website(), c.contactName(), c.contactPhone(), c.adminName(), c.email());
        v.check(PasswordPolicy.problemWith(c.password(), c.email()) == null, "password",
                PasswordPolicy.problemWith(c.password(), c.email()));
        v.throwIfInvalid();
        requireUnusedEmail(email);
        Instant now = clock.instant();
        PartnerId id = PartnerId.random();
        partners.insert(new Partner(id, c.companyName().trim(), address(c.street(), c.postcode(), c.city(), c.country()),
                vatId(c.vatId()), Validation.trimToNull(c.contactName()), Validation.trimToNull(c.contactPhone()),
                Validation.trimToNull(c.website()), PartnerLevel.REGISTERED, false, now, null, 0));
        UserRow admin = new UserRow(UUID.randomUUID(), email, c.adminName().trim(), passwords.encode(c.password()),
                Role.PARTNER_ADMIN, id.value(), null, null, now);
        users.insert(admin);
        sendVerification(admin, "Confirm your partner registration",
                "Thank you for registering " + c.companyName().trim() + " as a partner.");
        return id;
    }

    /** An operator creates a partner directly; it is Registered from today and its admin is invited to set a password. */
    @Transactional
    public PartnerId createPartner(CurrentUser operator, CreatePartner c) {
        requireOperator(operator);
        String email = Validation.normalizeEmail(c.email());
        partnerFields(c.companyName(), c.street(), c.postcode(), c.city(), c.country(), c.vatId(), c.website(),
                c.contactName(), c.contactPhone(), c.adminName(), c.email()).throwIfInvalid();
        requireUnusedEmail(email);
        Instant now = clock.instant();
        PartnerId id = PartnerId.random();
        partners.insert(new Partner(id, c.companyName().trim(), address(c.street(), c.postcode(), c.city(), c.country()),
                vatId(c.vatId()), Validation.trimToNull(c.contactName()), Validation.trimToNull(c.contactPhone()),
                Validation.trimToNull(c.website()), PartnerLevel.REGISTERED, true, now, today(), 0));
        UserRow admin = new UserRow(UUID.randomUUID(), email, c.adminName().trim(), null, Role.PARTNER_ADMIN,
                id.value(), null, null, now);
        users.insert(admin);
        String secret = tokens.issue(Purpose.SET_PASSWORD, admin.id(), now, now.plus(ACCOUNT_SETUP_VALIDITY));
        String link = links.to("/password/reset?token=" + secret);
        outbox.send(new OutgoingMail(email, "Your partner account at Switchboard",
                "Hello " + admin.name() + ",\n\n" + c.companyName().trim()
                        + " is now a Switchboard partner. Set the password of your account here (valid for 14 days):\n\n"
                        + link + "\n", List.of(link)));
        return id;
    }

    @Transactional(readOnly = true)
    public List<Partner> partners(CurrentUser viewer) {
        requireOperator(viewer);
        return partners.all();
    }

    @Transactional(readOnly = true)
    public Partner partner(CurrentUser viewer, PartnerId id) {
        if (!viewer.isOperator() && !(viewer.isPartner() && viewer.partnerId().equals(id))) {
            throw new NotFoundException("There is no partner " + id.value());
        }
        return partners.byId(id.value()).orElseThrow(() -> new NotFoundException("There is no partner " + id.value()));
    }

    /**
     * The partner programme setting a partner's level after its evaluation; the programme keeps
     * the history and the figures behind each change. Acts for no user.
     */
    @Transactional
    public void changePartnerLevel(PartnerId id, PartnerLevel level) {
        partners.changeLevel(id.value(), level);
    }

    // ---- customers ------------------------------------------------------------------------------

    /** A customer signing up on its own, without a partner. */
    @Transactional
    public CustomerId signUpCustomer(SignUpCustomer c) {
        String email = Validation.normalizeEmail(c.email());
        Validation v = new Validation()
                .text("companyName", "Company name", c.companyName(), 200)
                .country("country", c.country())
                .text("adminName", "Your name", c.adminName(), 200)
                .email("email", c.email());
        v.check(PasswordPolicy.problemWith(c.password(), c.email()) == null, "password",
                PasswordPolicy.problemWith(c.password(), c.email()));
        v.throwIfInvalid();
        requireUnusedEmail(email);
        Instant now = clock.instant();
        CustomerId id = CustomerId.random();
        customers.insert(id.value(), c.companyName().trim(), new Address(null, null, null, country(c.country())),
                null, null, now);
        UserRow admin = new UserRow(UUID.randomUUID(), email, c.adminName().trim(), passwords.encode(c.password()),
                Role.CUSTOMER_ADMIN, null, id.value(), null, now);
        users.insert(admin);
        sendVerification(admin, "Confirm your e-mail address",
                "Welcome to Switchboard, " + c.companyName().trim() + ".");
        return id;
    }

    @Transactional(readOnly = true)
    public Customer customer(CurrentUser viewer, CustomerId id) {
        Customer customer = customers.byId(id.value())
                .orElseThrow(() -> new NotFoundException("There is no customer " + id.value()));
        if (!viewer.maySee(customer.id(), customer.partnerId())) {
            throw new NotFoundException("There is no customer " + id.value());
        }
        return customer;
    }

    /** Operators see every customer, a partner its own, a customer itself. */
    @Transactional(readOnly = true)
    public List<Customer> customers(CurrentUser viewer) {
        if (viewer.isOperator()) {
            return customers.all();
        }
        if (viewer.isPartner()) {
            return customers.ofPartner(viewer.partnerId().value());
        }
        return customers.byId(viewer.customerId().value()).stream().toList();
    }

    /**
     * The customer record that holds the partner's own phone system (its NFR licence), created on
     * first need with the partner's name and address. Acts for no user: the partner programme calls it.
     */
    @Transactional
    public CustomerId ownUseCustomer(PartnerId partnerId) {
        Partner partner = partners.byId(partnerId.value())
                .orElseThrow(() -> new NotFoundException("There is no partner " + partnerId.value()));
        return new CustomerId(customers.ownUseOf(partner.id().value(), partner.name() + " (own use)",
                partner.address(), partner.vatId(), clock.instant()));
    }

    @Transactional
    public Customer updateBillingDetails(CurrentUser viewer, CustomerId id, UpdateBillingDetails c) {
        Customer customer = customer(viewer, id);
        if (!viewer.isOperator() && !viewer.isCustomerAdmin()) {
            throw new ForbiddenException("Only a customer admin or an operator may change the billing details");
        }
        new Validation()
                .text("companyName", "Company name", c.companyName(), 200)
                .text("street", "Street", c.street(), 200)
                .text("postcode", "Postcode", c.postcode(), 20)
                .text("city", "City", c.city(), 100)
                .country("country", c.country())
                .optionalText("vatId", "VAT ID", c.vatId(), 20)
                .check(VatIds.wellFormed(c.vatId()), "vatId", VatIds.PROBLEM)
                .throwIfInvalid();
        customers.updateBilling(customer.id().value(), c.companyName().trim(),
                address(c.street(), c.postcode(), c.city(), c.country()), vatId(c.vatId()));
        return customers.byId(id.value()).orElseThrow();
    }

    // ---- invitations ----------------------------------------------------------------------------

    @Transactional
    public Invitation invite(CurrentUser inviter, InviteCustomer c) {
        if (!inviter.isPartner()) {
            throw new ForbiddenException("Only partner users invite customers");
        }
        new Validation()
                .text("companyName", "Company name", c.companyName(), 200)
                .email("email", c.email())
                .throwIfInvalid();
        String email = Validation.normalizeEmail(c.email());
        if (users.byEmail(email).isPresent()) {
            throw new ConflictException("email", email
                    + " already has a Switchboard account; nothing was linked. Ask the customer to contact the operator.");
        }
        Instant now = clock.instant();
        invitations.withdrawOpen(inviter.partnerId().value(), email, now);
        UUID id = UUID.randomUUID();
        String secret = invitations.insert(id, inviter.partnerId().value(), inviter.id().value(),
                c.companyName().trim(), email, now, now.plus(INVITATION_VALIDITY));
        Partner partner = partners.byId(inviter.partnerId().value()).orElseThrow();
        String link = links.to("/invitations/" + secret);
        outbox.send(new OutgoingMail(email, partner.name() + " invites you to Switchboard",
                "Hello,\n\n" + inviter.name() + " of " + partner.name() + " invites " + c.companyName().trim()
                        + " to Switchboard, the cloud phone system.\n\nCreate your account here (the link works once, for 14 days):\n\n"
                        + link + "\n", List.of(link)));
        return invitations.ofPartner(inviter.partnerId().value()).stream().filter(i -> i.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Invitation> invitations(CurrentUser viewer) {
        if (!viewer.isPartner()) {
            throw new ForbiddenException("Only partner users have invitations");
        }
        return invitations.ofPartner(viewer.partnerId().value());
    }

    /** The invitation behind a link, if it can still be accepted. */
    @Transactional(readOnly = true)
    public Invitation openInvitation(String secret) {
        return requireOpen(invitations.bySecret(secret, false).orElse(null));
    }

    @Transactional
    public CustomerId acceptInvitation(String secret, AcceptInvitation c) {
        Invitation invitation = requireOpen(invitations.bySecret(secret, true).orElse(null));
        Validation v = new Validation()
                .text("adminName", "Your name", c.adminName(), 200)
                .country("country", c.country());
        v.check(PasswordPolicy.problemWith(c.password(), invitation.email()) == null, "password",
                PasswordPolicy.problemWith(c.password(), invitation.email()));
        v.throwIfInvalid();
        if (users.byEmail(invitation.email()).isPresent()) {
            throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "An account with " + invitation.email() + " exists already: log in instead.");
        }
        Instant now = clock.instant();
        CustomerId id = CustomerId.random();
        customers.insert(id.value(), invitation.companyName(), new Address(null, null, null, country(c.country())),
                null, invitation.partnerId().value(), now);
        // Following the e-mailed link proves the address: the admin is verified at once.
        users.insert(new UserRow(UUID.randomUUID(), invitation.email(), c.adminName().trim(),
                passwords.encode(c.password()), Role.CUSTOMER_ADMIN, null, id.value(), now, now));
        invitations.markAccepted(invitation.id(), id.value(), now);
        events.publishEvent(new InvitationAccepted(invitation.id(), id, invitation.partnerId(), now));
        return id;
    }

    private Invitation requireOpen(Invitation invitation) {
        if (invitation == null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN,
                    "This invitation link is not valid. Check that you copied the whole link from the e-mail.");
        }
        return switch (invitation.stateAt(clock.instant())) {
            case OPEN -> invitation;
            case ACCEPTED -> throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "This invitation has already been used. Log in with the account it created.");
            case WITHDRAWN -> throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "This invitation was replaced by a newer one. Use the link from the latest e-mail of "
                            + invitation.partnerName() + ".");
            case EXPIRED -> throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED,
                    "This invitation expired. Ask " + invitation.partnerName() + " to invite you again.");
        };
    }

    // ---- e-mail verification and passwords ------------------------------------------------------

    /**
     * Checks a confirmation link before its button is shown, without using it: opening the link
     * (a person, or a mail scanner) confirms nothing. Not read-only: the check locks the token row.
     */
    @Transactional
    public String confirmationLinkEmail(String secret) {
        AccountTokens.Token token = requireUsable(secret, Purpose.VERIFY_EMAIL, "confirmation");
        return users.byId(token.userId()).orElseThrow().email();
    }

    @Transactional
    public CurrentUser verifyEmail(String secret) {
        AccountTokens.Token token = requireUsable(secret, Purpose.VERIFY_EMAIL, "confirmation");
        Instant now = clock.instant();
        tokens.markUsed(token.id(), now);
        users.markVerified(token.userId(), now);
        UserRow user = users.byId(token.userId()).orElseThrow();
        if (user.partnerId() != null) {
            partners.activate(user.partnerId(), today());
        }
        return user.asCurrentUser();
    }

    /** Sends a reset link if the address has an account; says nothing either way, so addresses cannot be probed. */
    @Transactional
    public void requestPasswordReset(String rawEmail) {
        new Validation().email("email", rawEmail).throwIfInvalid();
        users.byEmail(Validation.normalizeEmail(rawEmail)).ifPresent(user -> {
            Instant now = clock.instant();
            tokens.retireOpen(user.id(), Purpose.SET_PASSWORD, now);
            String secret = tokens.issue(Purpose.SET_PASSWORD, user.id(), now, now.plus(PASSWORD_RESET_VALIDITY));
            String link = links.to("/password/reset?token=" + secret);
            outbox.send(new OutgoingMail(user.email(), "Reset your Switchboard password",
                    "Hello " + user.name() + ",\n\nSomeone asked to reset the password of this account. "
                            + "If it was you, choose a new one here (valid for one hour):\n\n" + link
                            + "\n\nIf it was not you, ignore this mail: your password stays as it is.\n",
                    List.of(link)));
        });
    }

    /** Checks a password link before the form is shown. Not read-only: the check locks the token row. */
    @Transactional
    public String passwordLinkEmail(String secret) {
        AccountTokens.Token token = requireUsable(secret, Purpose.SET_PASSWORD, "password");
        return users.byId(token.userId()).orElseThrow().email();
    }

    @Transactional
    public void resetPassword(ResetPassword c) {
        AccountTokens.Token token = requireUsable(c.token(), Purpose.SET_PASSWORD, "password");
        UserRow user = users.byId(token.userId()).orElseThrow();
        String problem = PasswordPolicy.problemWith(c.password(), user.email());
        if (problem != null) {
            throw new InvalidInputException("password", problem);
        }
        Instant now = clock.instant();
        tokens.markUsed(token.id(), now);
        users.setPassword(user.id(), passwords.encode(c.password()));
        // The link came by e-mail, so the address is proven.
        users.markVerified(user.id(), now);
    }

    private AccountTokens.Token requireUsable(String secret, Purpose purpose, String what) {
        AccountTokens.Token token = secret == null ? null : tokens.lock(secret, purpose).orElse(null);
        if (token == null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN,
                    "This " + what + " link is not valid. Check that you copied the whole link from the e-mail.");
        }
        if (token.usedAt() != null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.USED,
                    "This " + what + " link has already been used.");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED,
                    "This " + what + " link has expired. Ask for a new one.");
        }
        return token;
    }

    private void sendVerification(UserRow user, String subject, String greeting) {
        Instant now = clock.instant();
        String secret = tokens.issue(Purpose.VERIFY_EMAIL, user.id(), now, now.plus(VERIFICATION_VALIDITY));
        String link = links.to("/verify-email?token=" + secret);
        outbox.send(new OutgoingMail(user.email(), subject, "Hello " + user.name() + ",\n\n" + greeting
                + " Confirm your e-mail address here (valid for 7 days):\n\n" + link + "\n", List.of(link)));
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Validation partnerFields(String companyName, String street, String postcode, String city,
            String country, String vatId, String website, String contactName, String contactPhone, String adminName,
            String email) {
        return new Validation()
                .text("companyName", "Company name", companyName, 200)
                .text("street", "Street", street, 200)
                .text("postcode", "Postcode", postcode, 20)
                .text("city", "City", city, 100)
                .country("country", country)
                .optionalText("vatId", "VAT ID", vatId, 20)
                .check(VatIds.wellFormed(vatId), "vatId", VatIds.PROBLEM)
                .optionalText("website", "Website", website, 300)
                .check(website == null || website.isBlank() || website.trim().matches("(?i)https?://[^\\s<>\"]+"),
                        "website", "Website must be an address starting with http:// or https://")
                .optionalText("contactName", "Contact", contactName, 200)
                .optionalText("contactPhone", "Phone", contactPhone, 40)
                .text("adminName", "Your name", adminName, 200)
                .email("email", email);
    }

    private void requireUnusedEmail(String email) {
        if (users.byEmail(email).isPresent()) {
            throw new InvalidInputException("email", "An account with " + email + " exists already: log in instead");
        }
    }

    private static Address address(String street, String postcode, String city, String country) {
        return new Address(street.trim(), postcode.trim(), city.trim(), country(country));
    }

    private static String country(String country) {
        return country.trim().toUpperCase(java.util.Locale.ROOT);
    }

    private static String vatId(String vatId) {
        String v = Validation.trimToNull(vatId);
        return v == null ? null : v.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static void requireOperator(CurrentUser user) {
        if (!user.isOperator()) {
            throw new ForbiddenException("Only operators may do this");
        }
    }
}
