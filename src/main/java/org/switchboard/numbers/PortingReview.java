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
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.numbers.internal.PortingOrders;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;

/**
 * A porting order's life up to its date: submitted to the carrier, the carrier's answer
 * (confirmed with a date, or rejected with the releasing provider's reason), cancelled; and
 * reading orders, the operators' queue among them. Each step mails the customer and its partner.
 */
@Service
public class PortingReview {

    private final PortingOrders orders;
    private final Ranges ranges;
    private final PortingAccess access;
    private final PortingCarrier carrier;
    private final NumberMails mails;
    private final InstanceManagement instances;
    private final Clock clock;

    PortingReview(PortingOrders orders, Ranges ranges, PortingAccess access, PortingCarrier carrier,
            NumberMails mails, InstanceManagement instances, Clock clock) {
        this.orders = orders;
        this.ranges = ranges;
        this.access = access;
        this.carrier = carrier;
        this.mails = mails;
        this.instances = instances;
        this.clock = clock;
    }

    @Transactional
    public PortingOrder submit(CurrentUser user, UUID orderId) {
        PortingOrder order = access.locked(user, orderId, true);
        order.requireSubmittable();
        String dateProblem = PortingCalendar.problem(order.request().desiredDate(), today(),
                order.request().atContractEnd());
        if (dateProblem != null) {
            throw new InvalidInputException("desiredDate", dateProblem + ": correct the date, sign and upload again");
        }
        PortingOrders.Document signed = orders.document(orderId).orElseThrow();
        String reference = carrier.forward(orderId, order.request(), signed.content(), signed.contentType());
        Instant now = clock.instant();
        boolean again = order.status() == PortingStatus.REJECTED;
        orders.submitted(orderId, reference, now);
        orders.step(orderId, now, user.email(), PortingStatus.SUBMITTED, (again ? "submitted again" : "submitted")
                + ", carrier reference " + reference);
        PortingOrder submitted = orders.find(orderId).orElseThrow();
        mails.porting(submitted, "Porting order submitted", "the porting order for " + submitted.numbersLabel()
                + " from " + submitted.request().provider() + " was " + (again ? "submitted again" : "submitted")
                + ". The releasing provider answers within a few working days; we tell you its answer.");
        return submitted;
    }

    /** The carrier's answer: the releasing provider agreed to port on {@code portingDate}. */
    @Transactional
    public PortingOrder confirm(CurrentUser user, UUID orderId, LocalDate portingDate) {
        NumberInventory.requireOperator(user);
        PortingOrder order = orders.lock(orderId).orElseThrow(() -> PortingAccess.notFound(orderId));
        order.requireSubmitted();
        if (portingDate == null || portingDate.isBefore(today())) {
            throw new InvalidInputException("portingDate", "The porting date is required and may not be in the past");
        }
        Instant now = clock.instant();
        orders.confirmed(orderId, portingDate, now);
        orders.step(orderId, now, user.email(), PortingStatus.CONFIRMED, "porting date " + portingDate);
        PortingOrder confirmed = orders.find(orderId).orElseThrow();
        mails.porting(confirmed, "Porting confirmed for " + portingDate, "the releasing provider "
                + confirmed.request().provider() + " confirmed the porting of " + confirmed.numbersLabel() + " on "
                + portingDate + ". From that day calls to these numbers reach your phone system; set where they "
                + "ring on the numbers page now.");
        return confirmed;
    }

    /** The carrier's answer: refused with the releasing provider's reason. */
    @Transactional
    public PortingOrder reject(CurrentUser user, UUID orderId, String code, String text) {
        NumberInventory.requireOperator(user);
        PortingOrder order = orders.lock(orderId).orElseThrow(() -> PortingAccess.notFound(orderId));
        RejectionCode reason;
        try {
            reason = RejectionCode.valueOf(code == null ? "" : code.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("code", "Reason must be one of " + java.util.Arrays.toString(RejectionCode.values()));
        }
        String note = Validation.trimToNull(text);
        Validation v = new Validation().optionalText("text", "Text", note, 1000);
        v.check(reason != RejectionCode.OTHER || note != null, "text", "Give the provider's reason in words");
        v.throwIfInvalid();
        order.requireSubmitted();
        Instant now = clock.instant();
        orders.rejected(orderId, reason, note, now);
        orders.step(orderId, now, user.email(), PortingStatus.REJECTED, reason.label() + (note == null ? "" : ": " + note));
        PortingOrder rejected = orders.find(orderId).orElseThrow();
        mails.porting(rejected, "Porting rejected: " + reason.label(), "the releasing provider " + rejected.request().provider()
                + " rejected the porting of " + rejected.numbersLabel() + ".\n\nReason: " + reason.label()
                + (note == null ? "" : " (" + note + ")") + "\n\nWhat to do: " + reason.explanation()
                + "\n\nCorrect the order in the porting assistant, sign the new form and submit it again.");
        return rejected;
    }

    @Transactional
    public PortingOrder cancel(CurrentUser user, UUID orderId) {
        PortingOrder order = access.locked(user, orderId, true);
        order.requireCancellable();
        for (UUID range : orders.ranges(orderId)) {
            ranges.deletePorted(range);
        }
        orders.unlinkRanges(orderId);
        if (order.status() == PortingStatus.SUBMITTED || order.status() == PortingStatus.CONFIRMED) {
            carrier.withdraw(orderId, order.carrierReference());
        }
        Instant now = clock.instant();
        orders.setStatus(orderId, PortingStatus.CANCELLED, now);
        orders.step(orderId, now, user.email(), PortingStatus.CANCELLED, "cancelled");
        PortingOrder cancelled = orders.find(orderId).orElseThrow();
        mails.porting(cancelled, "Porting order cancelled", "the porting order for " + order.numbersLabel() + " was cancelled by "
                + user.email() + ". The numbers stay with " + order.request().provider() + ".");
        return cancelled;
    }

    @Transactional(readOnly = true)
    public PortingOrder order(CurrentUser user, UUID orderId) {
        return access.visible(user, orderId);
    }

    @Transactional(readOnly = true)
    public List<PortingOrder> orders(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        return orders.ofInstance(id);
    }

    /** Operators: the open orders, oldest change first. */
    @Transactional(readOnly = true)
    public List<PortingOrder> queue(CurrentUser user) {
        NumberInventory.requireOperator(user);
        return orders.byStatus(List.of("SUBMITTED", "CONFIRMED", "REJECTED", "DRAFT"));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
