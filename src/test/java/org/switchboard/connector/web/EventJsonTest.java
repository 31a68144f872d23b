package org.switchboard.connector.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.switchboard.connector.Decision;
import org.switchboard.connector.Verdict;
import org.switchboard.platform.InvalidInputException;

import tools.jackson.databind.json.JsonMapper;

class EventJsonTest {

    private final EventJson events = new EventJson(Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC));

    /** Read token by token or as a tree, a body gives the same event or the same faults. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\"}",
            "{\"type\":\"OUTBOUND_CALL_STARTED\",\"subject\":\" 101 \",\"ref\":\"c-1\",\"destination\":\"112\","
                    + "\"at\":\"2026-03-02T07:59:00Z\",\"device\":{\"id\":\"phone-17\",\"name\":\"Desk phone 101\"}}",
            "{\"type\":\"call_ended\",\"subject\":\"101\",\"ref\":\"c-1\",\"destination\":null,\"at\":null,\"device\":null}",
            "{\"type\":\"desktop_opened\",\"subject\":101,\"ref\":\"d-1\"}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\",\"colour\":\"red\"}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\",\"ref\":\"d-2\"}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\",\"device\":{\"id\":\"p\",\"name\":\"P\",\"x\":1}}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\",\"device\":{}}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\",\"device\":{\"id\":\" \",\"name\":null}}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\",\"device\":\"phone\"}",
            "{\"type\":\"desktop_opened\",\"subject\":[\"101\"],\"ref\":{\"a\":1}}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\"} {}",
            "{\"type\":\"desktop_opened\",\"subject\":\"101\",\"ref\":\"d-1\"",
            "{\"type\":\"teleport\",\"subject\":\"\",\"at\":\"yesterday\"}",
            "{\"type\":\" \",\"subject\":\"1234567890123456\",\"ref\":\"d-1\",\"destination\":\"\\u0007\"}",
            "{}", "[]", "\"event\"", "", "null", "not json" })
    void aBodyReadTokenByTokenIsReadAsTheTreeReadsIt(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(() -> events.read(bytes))).isEqualTo(outcome(() -> events.readTree(bytes)));
    }

    @Test
    void everyAnswerIsWhatTheJsonMapperWritesForIt() {
        JsonMapper json = JsonMapper.builder().build();
        for (Verdict v : Verdict.values()) {
            for (Decision d : List.of(new Decision(v, 10, 3, false), new Decision(v, 0, 12_345, true))) {
                assertThat(new String(events.answer(d), StandardCharsets.UTF_8))
                        .isEqualTo(json.writeValueAsString(ConnectorApi.DecisionView.of(d)));
            }
        }
    }

    private static Object outcome(java.util.function.Supplier<Object> read) {
        try {
            return read.get();
        } catch (InvalidInputException e) {
            return e.violations();
        }
    }
}
