package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.switchboard.instances.InstanceId;
import org.switchboard.licensing.LicensingFixtures.Setup;
import org.switchboard.telephony.DeviceKind;
import org.switchboard.telephony.TelephonyFixtures;
import org.switchboard.telephony.internal.Bindings.Binding;
import org.switchboard.telephony.internal.Bindings.Reachable;
import org.switchboard.testing.IntegrationTestBase;

/**
 * A node routes calls to the registrations it keeps in memory, and they stay true: a binding another
 * node writes (a row committed in PostgreSQL, not through this node) is used here within the
 * notification's delay, one the other node removes is not, one past its expiry is not even from
 * memory, and one the other node only refreshed is read again once this node's copy of it expires.
 */
class BindingCacheIntegrationTest extends IntegrationTestBase {

    @Autowired
    TelephonyFixtures fixtures;
    @Autowired
    Bindings bindings;
    @Autowired
    BindingCache cache;
    @Autowired
    JdbcTemplate otherNode;

    @Test
    void aBindingOfAnotherNodeIsUsedHereAndOneRemovedThereOrExpiredIsNot() throws Exception {
        Setup setup = fixtures.instance(20, 2, 0);
        fixtures.phone(setup, "101", DeviceKind.DESK_PHONE);
        InstanceId instance = setup.instance();
        UUID device = otherNode.queryForObject("select id from sip_devices where instance_id = ? and extension = '101'",
                UUID.class, instance.value());
        await(cache::listening, "this node listens for changed registrations");

        // nobody registered: this node keeps that in memory
        assertThat(bindings.ofExtension(instance, "101", clock.instant())).isEmpty();

        // the phone registers through the other node, for 2 s: its row is committed there
        Instant soon = clock.instant().plusSeconds(2);
        otherNode.update("""
                insert into sip_bindings (id, instance_id, device_id, contact, flow, call_id, cseq, user_agent,
                    registered_at, refreshed_at, expires_at) values (?, ?, ?, ?, ?, ?, 1, 'desk', now(), now(), ?)""",
                UUID.randomUUID(), instance.value(), device, "sip:101@127.0.0.9:5070", "udp:127.0.0.9:5070", "c-1",
                Timestamp.from(soon));
        await(() -> bindings.ofExtension(instance, "101", clock.instant()).size() == 1,
                "the other node's binding is used here");
        assertThat(bindings.ofDevice(instance, device, clock.instant())).extracting(Binding::flow)
                .containsExactly("udp:127.0.0.9:5070");

        // used from memory: a change that nobody announces (the other node's CSeq) is not read again
        otherNode.update("update sip_bindings set cseq = 2 where device_id = ?", device);
        Thread.sleep(300);
        assertThat(bindings.ofExtension(instance, "101", clock.instant())).extracting(r -> r.binding().cseq())
                .containsExactly(1L);

        // the other node only extends it (a refresh announces nothing): once this node's copy has
        // expired, the binding is read again and used with its new expiry
        otherNode.update("update sip_bindings set expires_at = ? where device_id = ?",
                Timestamp.from(clock.instant().plusSeconds(3600)), device);
        clock.set(soon.plusMillis(100));
        List<Reachable> refreshed = bindings.ofExtension(instance, "101", clock.instant());
        assertThat(refreshed).extracting(r -> r.binding().cseq()).containsExactly(2L);

        // the other node removes it: not used here any more
        otherNode.update("delete from sip_bindings where device_id = ?", device);
        await(() -> bindings.ofExtension(instance, "101", clock.instant()).isEmpty(), "the removed binding is not used");
        assertThat(bindings.ofDevice(instance, device, clock.instant())).isEmpty();

        // past its expiry (by the platform's clock, which the housekeeping uses too) a binding is not used
        Instant shortly = clock.instant().plusSeconds(1);
        otherNode.update("""
                insert into sip_bindings (id, instance_id, device_id, contact, flow, call_id, cseq, user_agent,
                    registered_at, refreshed_at, expires_at) values (?, ?, ?, ?, ?, ?, 1, 'desk', now(), now(), ?)""",
                UUID.randomUUID(), instance.value(), device, "sip:101@127.0.0.9:5071", "udp:127.0.0.9:5071", "c-2",
                Timestamp.from(shortly));
        await(() -> bindings.ofExtension(instance, "101", clock.instant()).size() == 1, "the second binding is used");
        clock.set(shortly.plusMillis(100));
        assertThat(bindings.ofExtension(instance, "101", clock.instant())).isEmpty();
        assertThat(bindings.ofDevice(instance, device, clock.instant())).isEmpty();

        // written and removed through this node: used, and not used, at once (before the registrar answers)
        Instant now = clock.instant();
        bindings.upsert(new Binding(UUID.randomUUID(), instance, device, "sip:101@127.0.0.9:5072",
                "udp:127.0.0.9:5072", "c-3", 1, "desk", now, now, now.plusSeconds(300)));
        assertThat(bindings.ofExtension(instance, "101", clock.instant())).extracting(r -> r.binding().contact())
                .containsExactly("sip:101@127.0.0.9:5072");
        bindings.remove(device, "sip:101@127.0.0.9:5072");
        assertThat(bindings.ofExtension(instance, "101", clock.instant())).isEmpty();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(until);
            Thread.sleep(20);
        }
    }
}
