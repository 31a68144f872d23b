package org.switchboard.numbers;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.InstanceId;
import org.switchboard.platform.ConflictException;

/**
 * A porting order and its life: draft, submitted (forwarded to the carrier), confirmed with a
 * porting date or rejected with the releasing provider's reason, corrected and submitted again,
 * completed on the porting date, or cancelled. Each transition is checked here.
 */
public record PortingOrder(UUID id, CustomerId customerId, InstanceId instanceId, PortingStatus status,
        PortingRequest request, LocalDate portingDate, String carrierReference, RejectionCode rejectionCode,
        String rejectionText, SignedForm signedForm, Instant createdAt, String createdBy, List<Step> history) {

    /** The uploaded signed form (its content is read separately). */
    public record SignedForm(String name, String contentType, Instant uploadedAt) {
    }

    /** One step of the order's life. */
    public record Step(Instant at, String actor, PortingStatus status, String note) {
    }

    public void requireEditable() {
        if (!status.editable()) {
            throw new ConflictException("status", "The order is " + status.name().toLowerCase()
                    + ": it can be changed only as a draft or after a rejection.");
        }
    }

    public void requireSubmittable() {
        requireEditable();
        if (signedForm == null) {
            throw new ConflictException("document", "Upload the signed porting request form first.");
        }
    }

    public void requireSubmitted() {
        if (status != PortingStatus.SUBMITTED) {
            throw new ConflictException("status", "The order is " + status.name().toLowerCase()
                    + ": the carrier answers only a submitted order.");
        }
    }

    /** Completed on its porting date, not before. */
    public boolean dueOn(LocalDate today) {
        return status == PortingStatus.CONFIRMED && portingDate != null && !portingDate.isAfter(today);
    }

    public void requireCancellable() {
        if (!status.open()) {
            throw new ConflictException("status", "The order is " + status.name().toLowerCase() + " already.");
        }
    }

    public String numbersLabel() {
        return String.join(", ", request.numbers().stream().map(PortingRequest.PortedNumbers::label).toList());
    }
}
