package org.switchboard.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.connector.CallRecord.Incoming;
import org.switchboard.connector.CallRecord;
import org.switchboard.platform.InvalidInputException;

class CallRecordTest {

    static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    static Incoming good(String id) {
        return new Incoming(id, "ext-101", "+4930123456", "+4915112345678", T, T.plusSeconds(5), T.plusSeconds(65),
                "outbound", "platform");
    }

    @Test
    void aGoodBatchBecomesCallRecords() {
        List<CallRecord> records = CallRecord.checkBatch(List.of(good("a"), good("b")));
        assertThat(records).hasSize(2);
        assertThat(records.get(0).direction()).isEqualTo(CallRecord.Direction.OUTBOUND);
        assertThat(records.get(0).talkSeconds()).isEqualTo(60);
    }

    @Test
    void everyFaultOfEveryRecordIsNamed() {
        Incoming endBeforeStart = new Incoming("c", "ext-101", "+4930123456", "+4915112345678", T, null,
                T.minusSeconds(1), "OUTBOUND", "platform");
        Incoming badNumbers = new Incoming("d", "ext-101", "030 123456", "0151-123", T, T, T.plusSeconds(1), "sideways", "platform");
        Incoming negative = new Incoming("e", "ext-101", "+4930123456", "+4930654321", T, T.plusSeconds(30),
                T.plusSeconds(10), "OUTBOUND", "platform");
        assertThatThrownBy(() -> CallRecord.checkBatch(List.of(good("a"), endBeforeStart, badNumbers, negative)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.messageFor("records[1].end")).contains("is before start");
                    assertThat(e.messageFor("records[2].from")).contains("is not an E.164 number");
                    assertThat(e.messageFor("records[2].to")).contains("is not an E.164 number");
                    assertThat(e.messageFor("records[2].direction")).isNotNull();
                    assertThat(e.messageFor("records[3].end")).contains("negative");
                    assertThat(e.messageFor("records[0].end")).isNull();
                });
    }

    @Test
    void anEmptyBatchIsRefused() {
        assertThatThrownBy(() -> CallRecord.checkBatch(List.of())).isInstanceOf(InvalidInputException.class);
    }
}
