package org.switchboard.licensing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.switchboard.connector.Reason;

/** Within a {@link LicencePool}: a subject's licence and the refs that hold it. */
final class Holding {

    final String subject;
    final Instant since;
    boolean overLimit;
    final List<HeldRef> refs = new ArrayList<>(2);

    Holding(String subject, Instant since, boolean overLimit) {
        this.subject = subject;
        this.since = since;
        this.overLimit = overLimit;
    }

    Holder view() {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        refs.forEach(r -> reasons.add(r.reason()));
        return new Holder(subject, reasons, since, overLimit);
    }
}
