package org.switchboard.accounts.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.accounts.Address;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.DemoAccountsCreated;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;
import org.switchboard.accounts.PasswordPolicy;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.platform.Validation;

/**
 * On an empty database: the first operator and, unless switched off, the demo partner and
 * customer. An advisory lock makes sure only one of several starting nodes does it.
 */
@Component
class FirstStart {

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    private static final long LOCK_KEY = 0x5b0a_4d01L;

    private final JdbcClient jdbc;
    private final Users users;
    private final Partners partners;
    private final Customers customers;
    private final PasswordEncoder encoder;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String adminEmail;
    private final String adminPassword;
    private final boolean demo;
    private final String demoPassword;

    FirstStart(JdbcClient jdbc, Users users, Partners partners, Customers customers, PasswordEncoder encoder,
            TransactionTemplate tx, ApplicationEventPublisher events, Clock clock,
            @Value("${switchboard.admin.email:}") String adminEmail,
            @Value("${switchboard.admin.password:}") String adminPassword,
            @Value("${switchboard.demo.enabled:true}") boolean demo,
            @Value("${switchboard.demo.password:}") String demoPassword) {
        this.jdbc = jdbc;
        this.users = users;
        this.partners = partners;
        this.customers = customers;
        this.encoder = encoder;
        this.tx = tx;
        this.events = events;
        this.clock = clock;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
        this.demo = demo;
        this.demoPassword = demoPassword;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query((rs, n) -> 1).list();
            if (users.count() > 0) {
                return;
            }
            createOperator();
            if (demo) {
                createDemo();
            }
        });
    }

    private void createOperator() {
        String email = adminEmail.isBlank() ? "admin@demo.test" : Validation.normalizeEmail(adminEmail);
        String password = adminPassword;
        boolean generated = password.isBlank();
        if (generated) {
            password = randomPassword();
        } else if (PasswordPolicy.problemWith(password, email) != null) {
            throw new IllegalStateException("SWITCHBOARD_ADMIN_PASSWORD: " + PasswordPolicy.problemWith(password, email));
        }
        Instant now = clock.instant();
        users.insert(new UserRow(UUID.randomUUID(), email, "Operator", encoder.encode(password), Role.OPERATOR, null,
                null, now, now));
        log.warn("""

                ================================================================
                 First start: operator account created
                   e-mail:   {}
                   password: {}
                ================================================================""",
                email, generated ? password + "   (generated; shown only this once)" : "(from SWITCHBOARD_ADMIN_PASSWORD)");
    }

    private void createDemo() {
        String password = demoPassword.isBlank() ? randomPassword() : demoPassword;
        Instant now = clock.instant();
        PartnerId partner = PartnerId.random();
        partners.insert(new Partner(partner, "Demo Partner", new Address("Hauptstraße 1", "94469", "Deggendorf", "DE"),
                "DE123456789", "Petra Partner", "+49 991 1234560", "https://partner.demo.test",
                PartnerLevel.REGISTERED, true, now, LocalDate.now(clock), 0));
        UUID partnerAdmin = UUID.randomUUID();
        users.insert(new UserRow(partnerAdmin, "partner@demo.test", "Petra Partner", encoder.encode(password),
                Role.PARTNER_ADMIN, partner.value(), null, now, now));
        CustomerId customer = CustomerId.random();
        customers.insert(customer.value(), "Demo Customer GmbH",
                new Address("Bahnhofstraße 7", "80335", "München", "DE"), "DE987654321", partner.value(), now);
        users.insert(new UserRow(UUID.randomUUID(), "customer@demo.test", "Carl Customer", encoder.encode(password),
                Role.CUSTOMER_ADMIN, null, customer.value(), now, now));
        CustomerId busy = CustomerId.random();
        customers.insert(busy.value(), "Demo Office KG", new Address("Luitpoldplatz 3", "94469", "Deggendorf", "DE"),
                "DE246813579", partner.value(), now);
        users.insert(new UserRow(UUID.randomUUID(), "office@demo.test", "Olga Office", encoder.encode(password),
                Role.CUSTOMER_ADMIN, null, busy.value(), now, now));
        log.warn("""

                ================================================================
                 Demo data created
                   partner admin:  partner@demo.test   (Demo Partner)
                   customer admin: customer@demo.test  (Demo Customer GmbH, no phone system yet)
                   customer admin: office@demo.test    (Demo Office KG, a 16-user phone system in use)
                   password:       {}
                ================================================================""",
                demoPassword.isBlank() ? password + "   (generated; shown only this once)" : "(from SWITCHBOARD_DEMO_PASSWORD)");
        events.publishEvent(new DemoAccountsCreated(partner, customer, busy, "office@demo.test",
                new UserId(partnerAdmin)));
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
