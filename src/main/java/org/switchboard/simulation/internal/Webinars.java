package org.switchboard.simulation.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.switchboard.catalog.Money;
import org.switchboard.partners.PartnerTraining;
import org.switchboard.partners.Training;
import org.switchboard.simulation.SimulationSettings;
import org.switchboard.simulation.internal.Ledger.PartnerRecord;

/**
 * The premium training webinars: the operator offers one a month (on the 20th at 10:00, 390.00
 * EUR a seat) on the first day of the period; every rising partner books a seat, every other one
 * within 28 days of registering (half price) and the others later (full price), and the operator
 * records its attendance the day after the webinar. Each booking goes into the ledger with its
 * price as the rule gives it, for the partner's invoice of the month.
 */
@Component
class Webinars {

    static final BigDecimal LIST_PRICE = new BigDecimal("390.00");

    private final PartnerTraining training;
    private final Clock clock;

    Webinars(PartnerTraining training, Clock clock) {
        this.training = training;
        this.clock = clock;
    }

    /** The period's webinars, offered on its first day; the ones starting after the period's end are offered too. */
    void offer(Plan plan, SimulationSettings s) {
        plan.add(s.playedFrom().atDay(1), LocalTime.of(4, 0), ledger -> {
            for (YearMonth m = s.playedFrom(); !m.isAfter(s.to().plusMonths(1)); m = m.plusMonths(1)) {
                Instant startsAt = m.atDay(20).atTime(10, 0).atZone(ledger.zone).toInstant();
                training.addWebinar(World.operator(), "Premium training " + m, startsAt, 50,
                        Money.euros(LIST_PRICE));
            }
            ledger.count("webinars offered");
        });
    }

    /** A seat for the partner registered on {@code registered}: early (within 28 days) or later. */
    void planBooking(Plan plan, PartnerRecord partner, LocalDate registered, boolean early) {
        LocalDate on = registered.plusDays(early ? 10 : 35);
        plan.add(on, LocalTime.of(8, 15), ledger -> {
            Instant now = clock.instant();
            Training.Webinar next = training.webinars().stream().filter(w -> w.startsAt().isAfter(now)
                    && w.title().startsWith("Premium training ")).min(Comparator.comparing(Training.Webinar::startsAt))
                    .orElse(null);
            if (next == null) {
                return;
            }
            Training.Booking booking = training.book(partner.admin(), partner.id(), next.id());
            boolean half = !LocalDate.ofInstant(now, ledger.zone).isAfter(registered.plusDays(28));
            BigDecimal price = half ? LIST_PRICE.divide(BigDecimal.valueOf(2)) : LIST_PRICE;
            ledger.bookings.add(new Ledger.Booked(partner, booking.id(), price, now));
            ledger.count(half ? "webinar seats booked within 28 days of registering" : "webinar seats booked later");
            LocalDate after = LocalDate.ofInstant(next.startsAt(), ledger.zone).plusDays(1);
            UUID id = booking.id();
            plan.add(after, LocalTime.of(9, 0), l -> {
                training.recordAttendance(World.operator(), id);
                // Known to the programme from today (the training counts from the webinar's day).
                l.premiumTrainingOn.putIfAbsent(partner.id(), LocalDate.ofInstant(clock.instant(), l.zone));
                l.count("webinar attendances recorded");
            });
        });
    }
}
