package org.switchboard.numbers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * Porting out, driven by operators: another provider's order for a number reaches them through the
 * carrier. START: the request arrived (PORTING_OUT; the number still routes and costs until it is
 * gone); CONFIRM: the platform agreed to release it on a date; REJECT: refused with a reason
 * (ACTIVE again); WITHDRAW: the receiving provider withdrew it (ACTIVE again); COMPLETE: ported out
 * (it stops routing and costing, and is never handed out again). Each step is recorded and mailed
 * to the customer's admins, its partner's admins and the operator who entered it.
 */
@Service
public class PortingOut {

    /** A step: {@code date} the porting date (START: the one asked for, CONFIRM: required), the receiving provider, a reason. */
    public record Step(String step, LocalDate date, String provider, String reason) {
    }

    /** A step as it was entered: what, the porting date, the receiving provider, the reason, when and by whom. */
    public record StepRecord(String step, LocalDate portingOn, String provider, String note, Instant at, String by) {
    }

    /** A range and the steps of its porting out so far (oldest first). */
    public record History(NumberRange range, List<StepRecord> steps) {
    }

    private final Ranges ranges;
    private final NumberCharging charging;
    private final NumberMails mails;
    private final Clock clock;

    PortingOut(Ranges ranges, NumberCharging charging, NumberMails mails, Clock clock) {
        this.ranges = ranges;
        this.charging = charging;
        this.mails = mails;
        this.clock = clock;
    }

    /** Operators: a range with every step of its porting out. */
    @Transactional(readOnly = true)
    public History history(CurrentUser user, UUID rangeId) {
        NumberInventory.requireOperator(user);
        NumberRange r = ranges.find(rangeId).orElseThrow(() -> new NotFoundException("There is no range " + rangeId));
        return new History(r, ranges.portingOutSteps(rangeId));
    }

    @Transactional
    public NumberRange portOut(CurrentUser user, UUID rangeId, Step c) {
        NumberInventory.requireOperator(user);
        NumberRange r = ranges.lock(rangeId).orElseThrow(() -> new NotFoundException("There is no range " + rangeId));
        String s = c.step() == null ? "" : c.step().trim().toUpperCase(Locale.ROOT);
        NumberState expected = switch (s) {
            case "START" -> NumberState.ACTIVE;
            case "CONFIRM", "REJECT", "WITHDRAW", "COMPLETE" -> NumberState.PORTING_OUT;
            default -> throw new InvalidInputException("step", "Step must be START, CONFIRM, REJECT, WITHDRAW or COMPLETE");
        };
        String provider = Validation.trimToNull(c.provider());
        String reason = Validation.trimToNull(c.reason());
        Validation v = new Validation().optionalText("provider", "Receiving provider", provider, 200)
                .optionalText("reason", "Reason", reason, 1000);
        LocalDate today = LocalDate.now(clock);
        if (s.equals("CONFIRM")) {
            v.check(c.date() != null && !c.date().isBefore(today), "date",
                    "The porting date is required and may not be in the past");
        }
        if (s.equals("START") && c.date() != null && c.date().isBefore(today)) {
            v.reject("date", "The date asked for may not be in the past");
        }
        v.check(!s.equals("REJECT") || reason != null, "reason", "Give the reason for the rejection");
        v.throwIfInvalid();
        if (r.state() != expected) {
            throw new ConflictException("state", r.label() + " is " + r.state() + ": " + s.toLowerCase(Locale.ROOT)
                    + " needs a range that is " + expected + ".");
        }
        Instant now = clock.instant();
        ranges.portingOutStep(rangeId, s, c.date(), provider, reason, now, user.email());
        String number = r.label();
        String from = provider == null ? "" : " by " + provider;
        switch (s) {
            case "START" -> {
                ranges.setState(rangeId, NumberState.PORTING_OUT);
                mails.portingOut(r, user, "Porting out requested for " + number, "a request to port " + number
                        + " away to another provider arrived" + from + (c.date() == null ? "" : " for " + c.date())
                        + ". The number keeps working until the porting date. If you did not ask your new provider"
                        + " for this, tell us at once: we can reject the request.");
            }
            case "CONFIRM" -> mails.portingOut(r, user, "Porting out confirmed for " + c.date(), "the porting of "
                    + number + " to another provider" + from + " is confirmed for " + c.date()
                    + ". Calls to it reach your phone system until that day; from then on your new provider has it.");
            case "REJECT" -> {
                ranges.setState(rangeId, NumberState.ACTIVE);
                mails.portingOut(r, user, "Porting out rejected for " + number, "the request to port " + number
                        + " to another provider" + from + " was rejected.\n\nReason: " + reason
                        + "\n\nThe number stays on your phone system. If you want to move it, ask your new provider to"
                        + " send the request again with the corrected details.");
            }
            case "WITHDRAW" -> {
                ranges.setState(rangeId, NumberState.ACTIVE);
                mails.portingOut(r, user, "Porting out withdrawn for " + number, "the request to port " + number
                        + " to another provider" + from + " was withdrawn. The number stays on your phone system.");
            }
            default -> {
                ranges.portedOut(rangeId);
                charging.recharge(r.instanceId(), now);
                mails.portingOut(r, user, "Number ported out: " + number, number + " was ported to another provider"
                        + from + " today. It no longer reaches your phone system and is no longer charged.");
            }
        }
        return ranges.find(rangeId).orElseThrow();
    }
}
