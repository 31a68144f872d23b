package org.switchboard.partners;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.accounts.Partner;
import org.switchboard.accounts.PartnerId;
import org.switchboard.catalog.Money;
import org.switchboard.partners.internal.TrainingRecords;
import org.switchboard.partners.internal.TrainingRecords.Sitting;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * Basic training (video tutorials and the online test from the operator's question bank) and
 * premium training (webinars the partner books a seat in).
 */
@Service
public class PartnerTraining {

    private final TrainingRecords records;
    private final PartnerAccess access;
    private final MembershipManagement membership;
    private final Clock clock;

    PartnerTraining(TrainingRecords records, PartnerAccess access, MembershipManagement membership, Clock clock) {
        this.records = records;
        this.access = access;
        this.membership = membership;
        this.clock = clock;
    }

    // ---- the operator's bank -------------------------------------------------------------------

    @Transactional
    public Training.Video addVideo(CurrentUser operator, String title, String url) {
        operator.requireOperator("may do this");
        new Validation().text("title", "Title", title, 200).text("url", "Address", url, 500)
                .check(url == null || url.trim().matches("(?i)https?://[^\\s<>\"]+"), "url",
                        "Address must start with http:// or https://")
                .throwIfInvalid();
        Training.Video v = new Training.Video(UUID.randomUUID(), title.trim(), url.trim());
        records.insertVideo(v, clock.instant());
        return v;
    }

    @Transactional
    public Training.Question addQuestion(CurrentUser operator, String text, List<String> options, Integer correct) {
        operator.requireOperator("may do this");
        List<String> cleaned = options == null ? List.of()
                : options.stream().filter(o -> o != null && !o.isBlank()).map(String::trim).toList();
        new Validation().text("text", "Question", text, 1000)
                .check(cleaned.size() >= 2 && cleaned.size() <= 6, "options", "Give between 2 and 6 answers")
                .check(cleaned.stream().allMatch(o -> o.length() <= 300), "options", "An answer has at most 300 characters")
                .check(correct != null && correct >= 0 && correct < cleaned.size(), "correct",
                        "Mark which answer is correct")
                .throwIfInvalid();
        Training.Question q = new Training.Question(UUID.randomUUID(), text.trim(), cleaned, correct, true);
        records.insertQuestion(q, clock.instant());
        return q;
    }

    @Transactional
    public void retireQuestion(CurrentUser operator, UUID id) {
        operator.requireOperator("may do this");
        records.deactivateQuestion(id);
    }

    @Transactional(readOnly = true)
    public List<Training.Video> videos() {
        return records.videos();
    }

    @Transactional(readOnly = true)
    public List<Training.Question> questionBank(CurrentUser operator) {
        operator.requireOperator("may do this");
        return records.activeQuestions();
    }

    // ---- the online test -----------------------------------------------------------------------

    /** A new sitting with every active question of the bank in random order. */
    @Transactional
    public Training.Test startTest(CurrentUser user, PartnerId partner) {
        access.visiblePartner(user, partner);
        Instant now = clock.instant();
        List<Sitting> sittings = records.sittingsOf(partner);
        if (sittings.stream().anyMatch(s -> Boolean.TRUE.equals(s.passed()))) {
            throw new RefusedException("test", "The basic training test is passed already.");
        }
        Optional<Sitting> lastFailed = sittings.stream().filter(s -> Boolean.FALSE.equals(s.passed())).findFirst();
        if (lastFailed.isPresent()) {
            Instant retake = lastFailed.get().answeredAt().plus(TrainingPolicy.RETAKE_AFTER);
            if (now.isBefore(retake)) {
                throw new RefusedException("test", "The test can be taken again 24 hours after the last attempt, from "
                        + retake.atZone(clock.getZone()).toLocalDateTime().withSecond(0).withNano(0) + ".");
            }
        }
        List<Training.Question> bank = new ArrayList<>(records.activeQuestions());
        if (bank.isEmpty()) {
            throw new RefusedException("test", "The test has no questions yet; please try again later.");
        }
        Collections.shuffle(bank);
        UUID id = UUID.randomUUID();
        records.insertSitting(id, partner, now, bank.stream().map(Training.Question::id).toList());
        return test(records.sitting(id).orElseThrow(), bank);
    }

    /**
     * The answers of a sitting, once: question id to the index of the chosen answer. A sitting
     * answered before is refused (409); questions left out count as wrong.
     */
    @Transactional
    public Training.Test answerTest(CurrentUser user, UUID testId, Map<UUID, Integer> answers) {
        Sitting sitting = records.lockSitting(testId)
                .filter(s -> user.isOperator() || (user.isPartner() && user.partnerId().equals(s.partnerId())))
                .orElseThrow(() -> new NotFoundException("There is no test " + testId));
        if (sitting.answeredAt() != null) {
            throw new ConflictException("test", "This test was answered already; start a new one to try again.");
        }
        Map<UUID, Training.Question> byId = new HashMap<>();
        records.questions(sitting.questionIds()).forEach(q -> byId.put(q.id(), q));
        int correct = 0;
        for (UUID q : sitting.questionIds()) {
            Integer answer = answers == null ? null : answers.get(q);
            if (answer != null && byId.containsKey(q) && byId.get(q).correct() == answer) {
                correct++;
            }
        }
        int total = sitting.questionIds().size();
        boolean passed = TrainingPolicy.passed(correct, total);
        Instant now = clock.instant();
        records.answer(testId, now, correct, passed);
        if (passed) {
            membership.recordTraining(sitting.partnerId(), false, LocalDate.ofInstant(now, clock.getZone()));
        }
        return test(records.sitting(testId).orElseThrow(), sitting.questionIds().stream().map(byId::get).toList());
    }

    @Transactional(readOnly = true)
    public Training.Test test(CurrentUser user, UUID testId) {
        Sitting sitting = records.sitting(testId)
                .filter(s -> user.isOperator() || (user.isPartner() && user.partnerId().equals(s.partnerId())))
                .orElseThrow(() -> new NotFoundException("There is no test " + testId));
        Map<UUID, Training.Question> byId = new HashMap<>();
        records.questions(sitting.questionIds()).forEach(q -> byId.put(q.id(), q));
        return test(sitting, sitting.questionIds().stream().map(byId::get).toList());
    }

    @Transactional(readOnly = true)
    public List<Training.Test> tests(CurrentUser user, PartnerId partner) {
        access.visiblePartner(user, partner);
        return records.sittingsOf(partner).stream().map(s -> test(s, List.of())).toList();
    }

    private static Training.Test test(Sitting s, List<Training.Question> questions) {
        return new Training.Test(s.id(), s.partnerId(), s.startedAt(),
                questions.stream().filter(java.util.Objects::nonNull)
                        .map(q -> new Training.ShownQuestion(q.id(), q.text(), q.options())).toList(),
                s.answeredAt(), s.correct(), s.passed());
    }

    // ---- webinars ------------------------------------------------------------------------------

    @Transactional
    public Training.Webinar addWebinar(CurrentUser operator, String title, Instant startsAt, Integer seats,
            Money listPrice) {
        operator.requireOperator("may do this");
        new Validation().text("title", "Title", title, 200)
                .check(startsAt != null && startsAt.isAfter(clock.instant()), "startsAt", "The webinar must start in the future")
                .check(startsAt == null || !startsAt.isAfter(clock.instant().atZone(clock.getZone())
                        .plus(TrainingPolicy.MAX_WEBINAR_AHEAD).toInstant()), "startsAt",
                        "The webinar may start at most two years from now")
                .check(seats != null && seats >= 1 && seats <= 1000, "seats", "Seats must be between 1 and 1000")
                .amount("listPrice", "The list price", listPrice == null ? null : listPrice.amount(), BigDecimal.ZERO,
                        TrainingPolicy.MAX_WEBINAR_PRICE, 2)
                .throwIfInvalid();
        UUID id = UUID.randomUUID();
        records.insertWebinar(id, title.trim(), startsAt, seats, listPrice, clock.instant());
        return records.lockWebinar(id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Training.Webinar> webinars() {
        return records.webinars();
    }

    /**
     * A seat for the partner, at the list price, or half of it when booked within 28 days of the
     * partner's registration. Full and past webinars are refused. The charge waits for billing.
     */
    @Transactional
    public Training.Booking book(CurrentUser user, PartnerId partnerId, UUID webinarId) {
        Partner partner = access.visiblePartner(user, partnerId);
        Training.Webinar w = records.lockWebinar(webinarId)
                .orElseThrow(() -> new NotFoundException("There is no webinar " + webinarId));
        Instant now = clock.instant();
        if (!w.startsAt().isAfter(now)) {
            throw new RefusedException("webinar", "The webinar \"" + w.title() + "\" has already taken place; choose a later date.");
        }
        if (records.booked(webinarId, partnerId)) {
            throw new ConflictException("webinar", partner.name() + " has a seat in this webinar already.");
        }
        if (w.seatsLeft() == 0) {
            throw new RefusedException("webinar", "The webinar \"" + w.title() + "\" is full; choose another date.");
        }
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        BigDecimal discount = TrainingPolicy.discount(partner.registeredOn(), today);
        Training.Booking booking = new Training.Booking(UUID.randomUUID(), webinarId, w.title(), w.startsAt(),
                partnerId, now, w.listPrice(), discount, TrainingPolicy.price(w.listPrice(), discount), "TO_INVOICE",
                null);
        records.insertBooking(booking);
        return records.booking(booking.id()).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Training.Booking> bookings(CurrentUser user, PartnerId partner) {
        access.visiblePartner(user, partner);
        return records.bookingsOf(partner);
    }

    /** The operator confirms the partner attended: the premium training counts from the webinar's day. */
    @Transactional
    public Training.Booking recordAttendance(CurrentUser operator, UUID bookingId) {
        operator.requireOperator("may do this");
        Training.Booking b = records.booking(bookingId).orElseThrow(() -> new NotFoundException("There is no booking " + bookingId));
        if (b.startsAt().isAfter(clock.instant())) {
            throw new RefusedException("booking", "Attendance can be recorded once the webinar has started.");
        }
        records.attended(bookingId, clock.instant());
        membership.recordTraining(b.partnerId(), true, LocalDate.ofInstant(b.startsAt(), clock.getZone()));
        return records.booking(bookingId).orElseThrow();
    }

    /** The seam for billing: webinar seats booked and not yet invoiced. */
    @Transactional(readOnly = true)
    public List<Training.Charge> chargesToInvoice() {
        return records.bookingsToInvoice().stream().map(b -> new Training.Charge(b.id(), b.partnerId(),
                "Premium training webinar \"" + b.webinarTitle() + "\""
                        + (b.discount().signum() > 0 ? " (50% early-booking discount)" : ""),
                b.price(), b.bookedAt())).toList();
    }

    @Transactional
    public void markInvoiced(UUID bookingId) {
        records.markInvoiced(bookingId);
    }

    static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(field, message);
    }
}
