package org.switchboard.licensing;

import java.time.Instant;
import java.util.Set;

import org.switchboard.connector.Reason;

/** A subject holding a licence: why, since when, and whether only an emergency call holds it over the limit. */
public record Holder(String subject, Set<Reason> reasons, Instant since, boolean overLimit) {
}
