package org.switchboard.connector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

/**
 * One call as a phone system reports it: who made it (the licence subject), from and to which
 * numbers, set-up, answer (none when unanswered) and hang-up, the direction and the trunk it
 * used ({@value #PLATFORM_TRUNK} for the platform's own trunk to the public network).
 */
public record CallRecord(String callId, String subject, String from, String to, Instant start, Instant answer,
        Instant end, Direction direction, String trunk) {

    public static final String PLATFORM_TRUNK = "platform";
    /** A batch larger than this is refused whole (413): a connector sends more, smaller batches. */
    public static final int MAX_BATCH = 10_000;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /**
     * A short number dialled without a country code, which may be an emergency number of the phone
     * system's country: the receiver, who knows the country, decides (see {@link EmergencyNumbers}).
     */
    private static final Pattern SHORT = Pattern.compile("[0-9]{2,6}");
    /** Dialled without a country code; never rated, always connected. */
    private static final Pattern TEXT = Pattern.compile("[\\p{Graph} ]{1,100}");

    public enum Direction {
        OUTBOUND, INBOUND, INTERNAL;

        static Direction parse(String value) {
            try {
                return value == null ? null : valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public boolean answered() {
        return answer != null;
    }

    /** Seconds from answer to hang-up; 0 for an unanswered call. */
    public long talkSeconds() {
        return answer == null ? 0 : Duration.between(answer, end).getSeconds();
    }

    /** A record as it arrives, all text, checked before it becomes a {@link CallRecord}. */
    public record Incoming(String callId, String subject, String from, String to, Instant start, Instant answer,
            Instant end, String direction, String trunk) {
    }

    /**
     * Checks a whole batch: every fault of every record is named as {@code records[i].field}, and a
     * batch with any fault is refused whole, so that a connector can resend it after fixing the
     * record instead of guessing which ones were kept.
     */
    public static List<CallRecord> checkBatch(List<Incoming> batch) {
        Validation v = new Validation();
        if (batch == null || batch.isEmpty()) {
            v.reject("records", "Send at least one call record");
            v.throwIfInvalid();
        }
        for (int i = 0; i < batch.size(); i++) {
            Incoming r = batch.get(i);
            String at = "records[" + i + "].";
            if (r == null) {
                v.reject("records[" + i + "]", "Record " + i + " is empty");
                continue;
            }
            text(v, at + "callId", "callId", r.callId());
            text(v, at + "subject", "subject", r.subject());
            text(v, at + "trunk", "trunk", r.trunk());
            number(v, at + "from", r.from(), false);
            number(v, at + "to", r.to(), true);
            Direction direction = Direction.parse(r.direction());
            if (direction == null) {
                v.reject(at + "direction", "direction must be OUTBOUND, INBOUND or INTERNAL");
            }
            if (r.start() == null) {
                v.reject(at + "start", "start is required");
            }
            if (r.end() == null) {
                v.reject(at + "end", "end is required");
            }
            if (r.start() != null && r.end() != null && r.end().isBefore(r.start())) {
                v.reject(at + "end", "end " + r.end() + " is before start " + r.start());
            }
            if (r.answer() != null && r.start() != null && r.answer().isBefore(r.start())) {
                v.reject(at + "answer", "answer " + r.answer() + " is before start " + r.start());
            }
            if (r.answer() != null && r.end() != null && r.end().isBefore(r.answer())) {
                v.reject(at + "end", "end " + r.end() + " is before answer " + r.answer() + ": a call cannot last a negative time");
            }
            if (r.start() != null && r.end() != null && Duration.between(r.start(), r.end()).toHours() > 24) {
                v.reject(at + "end", "A call longer than 24 hours is not a call record this platform accepts");
            }
        }
        v.throwIfInvalid();
        return batch.stream().map(r -> new CallRecord(r.callId().trim(), r.subject().trim(), r.from(), r.to(),
                r.start(), r.answer(), r.end(), Direction.parse(r.direction()), r.trunk().trim())).toList();
    }

    private static void text(Validation v, String field, String label, String value) {
        if (value == null || value.isBlank()) {
            v.reject(field, label + " is required");
        } else if (!TEXT.matcher(value.trim()).matches()) {
            v.reject(field, label + " must be 1 to 100 printable characters");
        }
    }

    private static void number(Validation v, String field, String value, boolean emergencyAllowed) {
        if (value == null || value.isBlank()) {
            v.reject(field, field.substring(field.indexOf('.') + 1) + " is required");
        } else if (!E164.matcher(value).matches() && !(emergencyAllowed && SHORT.matcher(value).matches())) {
            v.reject(field, "'" + (value.length() > 20 ? value.substring(0, 20) + "..." : value)
                    + "' is not an E.164 number (a + and 2 to 15 digits, e.g. +4930123456)");
        }
    }

    static InvalidInputException tooMany() {
        return new InvalidInputException("records", "At most " + MAX_BATCH + " call records per batch");
    }
}
