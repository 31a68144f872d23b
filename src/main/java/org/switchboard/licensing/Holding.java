package org.switchboard.licensing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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

    /** What storage needs: the reasons, since when, over the limit or not. */
    Holder view() {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        refs.forEach(r -> reasons.add(r.reason()));
        return new Holder(subject, reasons, since, overLimit);
    }

    /** What a person reads: also each reason with its device and since when. */
    Holder detailedView() {
        Set<Reason> reasons = EnumSet.noneOf(Reason.class);
        refs.forEach(r -> reasons.add(r.reason()));
        List<Holder.Hold> holds = refs.stream()
                .map(r -> new Holder.Hold(r.reason(), r.device(), r.since(), r.emergency()))
                .sorted(Comparator.comparing(Holder.Hold::since)).toList();
        return new Holder(subject, reasons, since, overLimit, holds);
    }
}
