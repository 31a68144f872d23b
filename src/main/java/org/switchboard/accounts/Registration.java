package org.switchboard.accounts;

import static org.switchboard.accounts.AccountFields.address;
import static org.switchboard.accounts.AccountFields.country;
import static org.switchboard.accounts.AccountFields.partnerFields;
import static org.switchboard.accounts.AccountFields.vatId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.Commands.CreatePartner;
import org.switchboard.accounts.Commands.RegisterPartner;
import org.switchboard.accounts.Commands.SignUpCustomer;
import org.switchboard.accounts.internal.AccountTokens;
import org.switchboard.accounts.internal.AccountTokens.Purpose;
import org.switchboard.accounts.internal.Customers;
import org.switchboard.accounts.internal.Partners;
import org.switchboard.accounts.internal.UserRow;
import org.switchboard.accounts.internal.Users;
import org.switchboard.mail.OutgoingMail;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

/**
 * New accounts: a partner registering itself or created by an operator, a customer signing up
 * without a partner, and the confirmation of the e-mail address that completes a registration.
 * (Customers invited by a partner: {@link InvitationAcceptance}.)
 */
@Service
public class Registration {

    static final Duration VERIFICATION_VALIDITY = Duration.ofDays(7);
    static final Duration ACCOUNT_SETUP_VALIDITY = Duration.ofDays(14);

    private final Users users;
    private final Partners partners;
    private final Customers customers;
    private final AccountLinks links;
    private final Outbox outbox;
    private final PasswordEncoder passwords;
    private final Clock clock;

    Registration(Users users, Partners partners, Customers customers, AccountLinks links, Outbox outbox,
            PasswordEncoder passwords, Clock clock) {
        this.users = users;
        this.partners = partners;
        this.customers = customers;
        this.links = links;
        this.outbox = outbox;
        this.passwords = passwords;
        this.clock = clock;
    }

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
        operator.requireOperator("may do this");
        String email = Validation.normalizeEmail(c.email());
        partnerFields(c.companyName(), c.street(), c.postcode(), c.city(), c.country(), c.vatId(), c.website(),
                c.contactName(), c.contactPhone(), c.adminName(), c.email()).throwIfInvalid();
        requireUnusedEmail(email);
        Instant now = clock.instant();
        PartnerId id = PartnerId.random();
        partners.insert(new Partner(id, c.companyName().trim(), address(c.street(), c.postcode(), c.city(), c.country()),
                vatId(c.vatId()), Validation.trimToNull(c.contactName()), Validation.trimToNull(c.contactPhone()),
                Validation.trimToNull(c.website()), PartnerLevel.REGISTERED, true, now, LocalDate.now(clock), 0));
        UserRow admin = new UserRow(UUID.randomUUID(), email, c.adminName().trim(), null, Role.PARTNER_ADMIN,
                id.value(), null, null, now);
        users.insert(admin);
        String link = links.issue(Purpose.SET_PASSWORD, admin.id(), ACCOUNT_SETUP_VALIDITY, "/password/reset");
        outbox.send(new OutgoingMail(email, "Your partner account at Switchboard",
                "Hello " + admin.name() + ",\n\n" + c.companyName().trim()
                        + " is now a Switchboard partner. Set the password of your account here (valid for 14 days):\n\n"
                        + link + "\n", List.of(link)));
        return id;
    }

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

    /**
     * Checks a confirmation link before its button is shown, without using it: opening the link
     * (a person, or a mail scanner) confirms nothing. Not read-only: the check locks the token row.
     */
    @Transactional
    public String confirmationLinkEmail(String secret) {
        AccountTokens.Token token = links.requireUsable(secret, Purpose.VERIFY_EMAIL, "confirmation");
        return users.byId(token.userId()).orElseThrow().email();
    }

    /** Confirms the address; a partner registered on its own is Registered from today. */
    @Transactional
    public CurrentUser verifyEmail(String secret) {
        AccountTokens.Token token = links.requireUsable(secret, Purpose.VERIFY_EMAIL, "confirmation");
        Instant now = clock.instant();
        links.markUsed(token, now);
        users.markVerified(token.userId(), now);
        UserRow user = users.byId(token.userId()).orElseThrow();
        if (user.partnerId() != null) {
            partners.activate(user.partnerId(), LocalDate.now(clock));
        }
        return user.asCurrentUser();
    }

    private void sendVerification(UserRow user, String subject, String greeting) {
        String link = links.issue(Purpose.VERIFY_EMAIL, user.id(), VERIFICATION_VALIDITY, "/verify-email");
        outbox.send(new OutgoingMail(user.email(), subject, "Hello " + user.name() + ",\n\n" + greeting
                + " Confirm your e-mail address here (valid for 7 days):\n\n" + link + "\n", List.of(link)));
    }

    private void requireUnusedEmail(String email) {
        if (users.byEmail(email).isPresent()) {
            throw new InvalidInputException("email", "An account with " + email + " exists already: log in instead");
        }
    }
}
