package org.switchboard.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.CustomerId;
import org.switchboard.accounts.Role;
import org.switchboard.accounts.UserId;
import org.switchboard.connector.ConnectorKeys.CreatedKey;
import org.switchboard.connector.ConnectorKeys.KeyRejectedException;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.Subdomain;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.testing.ModuleIntegrationTest;

/**
 * The connector on its own: the licence engine and the call ledger (licensing's and billing's
 * implementations) and the instances are mocked; keys are real, in the database.
 */
@ModuleIntegrationTest
class ConnectorModuleIntegrationTest {

    @MockitoBean
    InstanceManagement instances;
    @MockitoBean
    LicenceEngine engine;
    @MockitoBean
    CallLedger ledger;

    @Autowired
    ConnectorKeys keys;
    @Autowired
    PhoneSystemPort port;
    @Autowired
    Clock clock;

    @Test
    void aKeyOpensItsOwnInstanceUntilItIsRevoked() {
        CustomerId customer = CustomerId.random();
        Instance mine = instance(customer);
        Instance other = instance(customer);
        CurrentUser admin = user(Role.CUSTOMER_ADMIN, customer);

        CreatedKey created = keys.create(admin, mine.id(), "PBX in the basement");

        assertThat(created.key()).startsWith(created.details().hint().replace("…", ""));
        assertThat(keys.authenticate("Bearer " + created.key(), mine.id()).id()).isEqualTo(created.details().id());
        assertThat(keys.keys(admin, mine.id())).extracting(ConnectorKey::label).containsExactly("PBX in the basement");
        assertThatThrownBy(() -> keys.authenticate("Bearer " + created.key(), other.id()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("another instance");
        assertThatThrownBy(() -> keys.authenticate("Basic " + created.key(), mine.id()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("Bearer");
        assertThatThrownBy(() -> keys.create(user(Role.CUSTOMER_MEMBER, customer), mine.id(), "mine"))
                .isInstanceOf(ForbiddenException.class);

        keys.revoke(admin, mine.id(), created.details().id());

        assertThatThrownBy(() -> keys.authenticate("Bearer " + created.key(), mine.id()))
                .isInstanceOf(KeyRejectedException.class).hasMessageContaining("revoked");
    }

    @Test
    void callRecordsGoToTheLedgerWithTheInstancesCustomerInBatchesOfAtMostTheLimit() {
        CustomerId customer = CustomerId.random();
        Instance mine = instance(customer);
        Instant answer = clock.instant().minusSeconds(600);
        CallRecord call = new CallRecord("c-1", "101", "+4930123456", "+4930901820", answer.minusSeconds(5), answer,
                answer.plusSeconds(61), CallRecord.Direction.OUTBOUND, "platform");
        when(ledger.record(mine.id(), customer, List.of(call))).thenReturn(new CallBatchResult(1, 1, 0, Map.of()));

        assertThat(port.record(mine.id(), List.of(call)).stored()).isEqualTo(1);
        verify(ledger).record(mine.id(), customer, List.of(call));

        List<CallRecord> tooMany = new ArrayList<>();
        for (int i = 0; i <= CallRecord.MAX_BATCH; i++) {
            tooMany.add(call);
        }
        InstanceId unknown = InstanceId.random();
        when(instances.find(unknown)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> port.record(mine.id(), tooMany)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> port.record(unknown, List.of(call))).isInstanceOf(NotFoundException.class);
        verifyNoInteractions(engine);
    }

    private Instance instance(CustomerId customer) {
        Instance instance = Instance.startTrial(InstanceId.random(), customer, "Head office",
                Subdomain.of("con-" + UUID.randomUUID().toString().substring(0, 8)), "DE", 5, clock.instant(),
                ZoneId.of("Europe/Berlin"), "admin@kunde.example");
        when(instances.instance(any(), eq(instance.id()))).thenReturn(new InstanceDetails(instance, null, 5, 30, null));
        when(instances.find(instance.id())).thenReturn(Optional.of(instance));
        return instance;
    }

    private static CurrentUser user(Role role, CustomerId customer) {
        return new CurrentUser(new UserId(UUID.randomUUID()), role + "@kunde.example", role.name(), role, null, customer);
    }
}
