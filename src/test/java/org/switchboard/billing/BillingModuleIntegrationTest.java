package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.accounts.AccountManagement;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerDirectory;
import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.billing.BillingSettings.Settings;
import org.switchboard.billing.TariffManagement.ZoneCommand;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.mail.Outbox;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.InvalidInputException.Violation;
import org.switchboard.testing.ModuleIntegrationTest;

/** Billing on its own, the other modules mocked: the operator's settings and tariff zones on the real database. */
@ModuleIntegrationTest
class BillingModuleIntegrationTest {

    static final CurrentUser OPERATOR = new CurrentUser(new UserId(UUID.randomUUID()), "op@switchboard.test", "Op",
            Role.OPERATOR, null, null);
    static final CurrentUser PARTNER = new CurrentUser(new UserId(UUID.randomUUID()), "p@partner.example", "Pat",
            Role.PARTNER_ADMIN, PartnerId.random(), null);

    @MockitoBean
    AccountManagement accounts;
    @MockitoBean
    CustomerDirectory directory;
    @MockitoBean
    InstanceDirectory instanceDirectory;
    @MockitoBean
    InstanceManagement instances;
    @MockitoBean
    Outbox outbox;

    @Autowired
    BillingSettings settings;
    @Autowired
    TariffManagement tariffs;

    @Test
    void theOperatorChangesTheCreditorAndNobodyElseNorWithBadData() {
        Settings seeded = settings.current();
        assertThat(seeded.creditorName()).isEqualTo("Switchboard GmbH");

        Settings changed = settings.update(OPERATOR, new Settings(" Switchboard AG ", "DE98 ZZZ09999999999",
                "DE02 1203 0000 0000 2020 51", "BYLADEM1001", 7, "Friedrichstraße 101", "10117", "Berlin", "de",
                "DE 123456789", "billing@switchboard.local", "+49 30 1234561"));

        assertThat(changed.creditorName()).isEqualTo("Switchboard AG");
        assertThat(changed.creditorId()).isEqualTo("DE98ZZZ09999999999");
        assertThat(changed.creditorIban()).isEqualTo("DE02120300000000202051");
        assertThat(changed.daysUntilDue()).isEqualTo(7);
        assertThat(changed.country()).isEqualTo("DE");
        assertThat(changed.vatId()).isEqualTo("DE123456789");
        assertThat(settings.current()).isEqualTo(changed);

        assertThatThrownBy(() -> settings.update(PARTNER, seeded)).isInstanceOf(ForbiddenException.class)
                .hasMessage("Only operators manage billing.");
        assertThatThrownBy(() -> settings.update(OPERATOR, new Settings("X", "nonsense", "DE02", "BYLADEM1001", 1,
                "Street", "10117", "Berlin", "DE", "DE123456789", "billing@switchboard.local", "1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("creditorId", "creditorIban", "daysUntilDue", "phone"));
        assertThat(settings.current()).isEqualTo(changed);
    }

    @Test
    void aTariffZoneRatesTheNumbersOfItsPrefixes() {
        TariffZone zone = tariffs.create(OPERATOR, new ZoneCommand("Module mobile", List.of("+882 99"),
                new BigDecimal("0.0900"), "60/60", new BigDecimal("0.0000")));

        assertThat(zone.prefixes()).containsExactly("88299");
        assertThat(tariffs.tariff().zoneFor("+88299123456")).map(TariffZone::name).contains("Module mobile");
        assertThatThrownBy(() -> tariffs.create(PARTNER, new ZoneCommand("Mine", List.of("+4930"),
                new BigDecimal("0.01"), "60/60", BigDecimal.ZERO))).isInstanceOf(ForbiddenException.class);
    }
}
