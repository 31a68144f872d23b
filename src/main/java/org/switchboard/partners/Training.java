package org.switchboard.partners;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;

/** The records of training. */
public final class Training {

    private Training() {
    }

    public record Video(UUID id, String title, String url) {
    }

    /** A question of the bank; {@code correct} is the index of the right option, never shown to partners. */
    public record Question(UUID id, String text, List<String> options, int correct, boolean active) {
    }

    /** A question as a partner sees it in a test. */
    public record ShownQuestion(UUID id, String text, List<String> options) {
    }

    public record Test(UUID id, PartnerId partnerId, Instant startedAt, List<ShownQuestion> questions,
            Instant answeredAt, Integer correct, Boolean passed) {
    }

    public record Webinar(UUID id, String title, Instant startsAt, int seats, int booked, Money listPrice) {

        public int seatsLeft() {
            return Math.max(0, seats - booked);
        }
    }

    public record Booking(UUID id, UUID webinarId, String webinarTitle, Instant startsAt, PartnerId partnerId,
            Instant bookedAt, Money listPrice, BigDecimal discount, Money price, String chargeStatus,
            Instant attendedAt) {
    }

    /**
     * A charge billing is to invoice to the partner: the seam for billing, which lists these with
     * {@link PartnerTraining#chargesToInvoice()} and confirms with {@link PartnerTraining#markInvoiced(UUID)}.
     */
    public record Charge(UUID bookingId, PartnerId partnerId, String description, Money net, Instant bookedAt) {
    }
}
