package org.switchboard.licensing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.switchboard.connector.EventType;
import org.switchboard.connector.LicenceEvent;
import org.switchboard.instances.InstanceId;

/** Pools and events for domain tests, without a database. */
final class LicenceFixtures {

    static final Instant NINE = Instant.parse("2026-03-02T08:00:00Z");

    private LicenceFixtures() {
    }

    /** A pool of {@code licensed} with employees 100..(100+employees-1) and function extensions 900.. */
    static LicencePool pool(int licensed, int employees, int functions) {
        Map<String, SubjectKind> subjects = new HashMap<>();
        for (int i = 0; i < employees; i++) {
            subjects.put(String.valueOf(100 + i), SubjectKind.EMPLOYEE);
        }
        for (int i = 0; i < functions; i++) {
            subjects.put(String.valueOf(900 + i), SubjectKind.FUNCTION);
        }
        return new LicencePool(new InstanceId(UUID.randomUUID()), licensed, "DE", subjects);
    }

    static LicenceEvent event(EventType type, String subject, String ref) {
        return new LicenceEvent(type, subject, ref, null, NINE);
    }

    static LicenceEvent call(String subject, String ref, String destination) {
        return new LicenceEvent(EventType.OUTBOUND_CALL_STARTED, subject, ref, destination, NINE);
    }
}
