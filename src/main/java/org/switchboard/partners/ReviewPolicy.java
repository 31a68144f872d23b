package org.switchboard.partners;

import java.time.LocalDate;
import java.util.Optional;

import org.switchboard.accounts.PartnerLevel;

/**
 * When a level changes. A partner rises as soon as it qualifies. It falls only at its yearly
 * review, on the anniversary of its registration, and only after notice given at least
 * {@value #NOTICE_DAYS} days before; a notice lapses when the partner qualifies again.
 */
public final class ReviewPolicy {

    public static final int NOTICE_DAYS = 30;

    public enum Kind { NONE, RISE, GIVE_NOTICE, FALL, WITHDRAW_NOTICE }

    /** What to do; {@code level} is the new or expected level, {@code reviewOn} the date of the review a notice names. */
    public record Decision(Kind kind, PartnerLevel level, LocalDate reviewOn) {
    }

    /** A notice given earlier and not yet applied or withdrawn. */
    public record PendingNotice(PartnerLevel expectedLevel, LocalDate reviewOn) {
    }

    private ReviewPolicy() {
    }

    /**
     * @param mayGiveNotice whether this evaluation may start a notice (the monthly run and the
     *        review do; an evaluation on demand only lets a partner rise)
     */
    public static Decision decide(PartnerLevel current, PartnerLevel qualified, LocalDate registeredOn,
            LocalDate today, Optional<PendingNotice> pending, boolean mayGiveNotice) {
        if (qualified.compareTo(current) > 0) {
            return new Decision(Kind.RISE, qualified, null);
        }
        if (qualified == current) {
            return pending.isPresent() ? new Decision(Kind.WITHDRAW_NOTICE, current, null) : none(current);
        }
        if (pending.isPresent()) {
            return pending.get().reviewOn().isAfter(today) ? none(current) : new Decision(Kind.FALL, qualified, null);
        }
        if (!mayGiveNotice) {
            return none(current);
        }
        return new Decision(Kind.GIVE_NOTICE, qualified, reviewAfterNotice(registeredOn, today));
    }

    /** The first anniversary of the registration at least {@value #NOTICE_DAYS} days after {@code noticeOn}. */
    public static LocalDate reviewAfterNotice(LocalDate registeredOn, LocalDate noticeOn) {
        LocalDate earliest = noticeOn.plusDays(NOTICE_DAYS);
        int years = Math.max(1, earliest.getYear() - registeredOn.getYear());
        LocalDate review = registeredOn.plusYears(years);
        while (review.isBefore(earliest)) {
            years++;
            review = registeredOn.plusYears(years);
        }
        return review;
    }

    private static Decision none(PartnerLevel current) {
        return new Decision(Kind.NONE, current, null);
    }
}
