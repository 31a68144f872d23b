package org.switchboard.licensing;

import java.time.Duration;
import java.time.Instant;

import org.switchboard.connector.EmergencyNumbers;
import org.switchboard.connector.EventType;
import org.switchboard.connector.Reason;
import org.switchboard.connector.Verdict;

import com.google.i18n.phonenumbers.ShortNumberInfo;

/**
 * The rules of the concurrent-user licence, each in one place. {@link LicencePool} applies them;
 * nothing else decides who may hold a licence.
 */
public final class LicencePolicy {

    /** A desktop session whose heartbeat stops this long is reclaimed (operator setting). */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(90);
    /**
     * A heartbeat is stored only when it is at least this much newer than the stored one: a session
     * that heartbeats often writes its row once in this interval instead of on every beat. Reclaim
     * reads the stored heartbeat, so a session whose client stops is reclaimed between
     * {@code timeout - HEARTBEAT_STORE_INTERVAL} and {@code timeout} after its last beat.
     */
    public static final Duration HEARTBEAT_STORE_INTERVAL = Duration.ofSeconds(30);
    /** A call that never reports its end is reclaimed after this long (operator setting). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofHours(12);
    /** Ended and refused refs are remembered this long, so that a repeated event changes nothing. */
    public static final Duration REF_MEMORY = Duration.ofHours(24);
    /** The country whose emergency numbers apply when an instance's country is not known. */
    public static final String DEFAULT_COUNTRY = EmergencyNumbers.DEFAULT_COUNTRY;

    private LicencePolicy() {
    }

    /**
     * Rule "what occupies": only an open desktop client, a paired mobile app or an outbound call.
     * Inbound calls, ringing and registered desk or DECT phones never do.
     */
    public static boolean occupies(EventType type) {
        return type != EventType.INBOUND_CALL;
    }

    /** Rule "function extensions": they have no desktop or mobile client and hold a licence only while calling out. */
    public static boolean mayHoldFor(SubjectKind kind, Reason reason) {
        return kind == SubjectKind.EMPLOYEE || reason == Reason.OUTBOUND_CALL;
    }

    /**
     * Rule "admission" and "shrinking pool": a subject without a licence gets one only while fewer
     * licences are held than the pool has (emergency holders not counted). After a pool shrinks,
     * nobody loses a licence, but new admissions wait until occupancy is below the new pool.
     */
    public static boolean admits(int regularHolders, int licensed) {
        return regularHolders < licensed;
    }

    /** Rule "emergency calls": always admitted, over the limit if need be, and recorded as such. */
    public static boolean isEmergency(String destination, String country) {
        return EmergencyNumbers.isEmergency(destination, country);
    }

    /** Rule "refusal": what each kind of refused request is told. */
    public static Verdict refusalOf(Reason reason) {
        return switch (reason) {
            case DESKTOP_SESSION -> Verdict.DESKTOP_REFUSED;
            case MOBILE_PAIRING -> Verdict.MOBILE_REFUSED;
            case OUTBOUND_CALL -> Verdict.CALL_REFUSED;
        };
    }

    /** Rule "reclaim": a desktop session with no heartbeat for the timeout; a call running longer than the timeout. */
    public static boolean isStale(Reason reason, Instant since, Instant lastSeen, Instant now, Duration heartbeatTimeout,
            Duration callTimeout) {
        return switch (reason) {
            case DESKTOP_SESSION -> !lastSeen.plus(heartbeatTimeout).isAfter(now);
            case OUTBOUND_CALL -> !since.plus(callTimeout).isAfter(now);
            case MOBILE_PAIRING -> false;
        };
    }

    /** Rule "pairing again": a mobile device may pair again after it was unpaired or refused; sessions and calls are used once. */
    public static boolean mayStartAgain(Reason reason) {
        return reason == Reason.MOBILE_PAIRING;
    }
}
