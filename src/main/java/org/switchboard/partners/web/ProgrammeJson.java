package org.switchboard.partners.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.switchboard.catalog.Money;
import org.switchboard.partners.CommissionLine;
import org.switchboard.partners.Lead;
import org.switchboard.partners.LevelChange;
import org.switchboard.partners.LevelFigures;
import org.switchboard.partners.Member;
import org.switchboard.partners.Standing;
import org.switchboard.partners.Statement;
import org.switchboard.partners.Training;

/** The programme's JSON: amounts as numbers with two decimals, levels and kinds by name. */
final class ProgrammeJson {

    private ProgrammeJson() {
    }

    static BigDecimal amount(Money m) {
        return m == null ? null : m.amount();
    }

    record FiguresView(LocalDate from, LocalDate to, BigDecimal turnover, int newSubscriptions,
            boolean websiteListing, boolean basicTraining, boolean premiumTraining) {
        static FiguresView of(LevelFigures f) {
            return new FiguresView(f.windowFrom().plusDays(1), f.windowTo(), amount(f.turnover()), f.newSubscriptions(),
                    f.listingConfirmed(), f.basicTraining(), f.premiumTraining());
        }
    }

    record RequirementView(String level, BigDecimal turnover, int newSubscriptions, boolean websiteListing,
            boolean basicTraining, boolean premiumTraining) {
    }

    record ChangeView(String from, String to, LocalDate effectiveOn, String reason, FiguresView figures) {
        static ChangeView of(LevelChange c) {
            return new ChangeView(c.from().name(), c.to().name(), c.effectiveOn(), c.reason(), FiguresView.of(c.figures()));
        }
    }

    record NoticeView(String currentLevel, String expectedLevel, LocalDate noticedOn, LocalDate reviewOn) {
    }

    record StandingView(UUID partnerId, String name, String level, LocalDate registeredOn, BigDecimal commissionRate,
            int nfrConcurrentUsers, boolean csp, String payoutIban, FiguresView figures, String qualifiedLevel,
            RequirementView nextLevel, NoticeView notice, BigDecimal commissionThisYear, List<ChangeView> changes,
            List<StatementView> statements) {
        static StandingView of(Standing s) {
            return new StandingView(s.partner().id().value(), s.partner().name(), s.partner().level().name(),
                    s.partner().registeredOn(), s.commissionRate(), s.nfrConcurrentUsers(), s.member().csp(),
                    s.member().maskedIban(), FiguresView.of(s.figures()), s.qualifiedLevel().name(),
                    s.next().map(r -> new RequirementView(r.level().name(), amount(r.turnover()), r.newSubscriptions(),
                            r.listing(), r.basicTraining(), r.premiumTraining())).orElse(null),
                    s.notice().map(n -> new NoticeView(n.currentLevel().name(), n.expectedLevel().name(), n.noticedOn(),
                            n.reviewOn())).orElse(null),
                    amount(s.commissionThisYear()), s.changes().stream().map(ChangeView::of).toList(),
                    s.statements().stream().map(StatementView::of).toList());
        }
    }

    record LineView(UUID invoiceId, String kind, UUID customerId, LocalDate finalisedOn, LocalDate occurredOn,
            BigDecimal subscriptionsNet, BigDecimal airtimeNet, String level, BigDecimal rate, BigDecimal commission) {
        static LineView of(CommissionLine l) {
            return new LineView(l.invoiceId(), l.kind().name(), l.customerId().value(), l.finalisedOn(), l.occurredOn(),
                    amount(l.subscriptionsNet()), amount(l.airtimeNet()), l.level().name(), l.rate(), amount(l.amount()));
        }
    }

    record StatementView(UUID id, String number, String period, LocalDate issuedOn, BigDecimal total, String status,
            List<LineView> lines) {
        static StatementView of(Statement s) {
            return new StatementView(s.id(), s.number(), s.period().toString(), s.issuedOn(), amount(s.total()),
                    s.status().name(), s.lines().isEmpty() ? null : s.lines().stream().map(LineView::of).toList());
        }
    }

    record MemberView(boolean csp, String payoutIban, String payoutAccountHolder, String listingUrl,
            boolean listingConfirmed, boolean directoryListed, String directoryText, List<String> regions) {
        static MemberView of(Member m) {
            return new MemberView(m.csp(), m.maskedIban(), m.payoutHolder(), m.listingUrl(), m.listingConfirmed(),
                    m.directoryListed(), m.directoryText(), m.regions());
        }
    }

    record LeadView(UUID id, String company, String contactName, String contactEmail, String contactPhone,
            String country, String postcode, String region, int employees, String notes, String status,
            UUID partnerId, Instant offerExpiresAt, Instant acceptedAt, Instant invitedAt, Instant convertedAt) {
        static LeadView of(Lead l) {
            return new LeadView(l.id(), l.company(), l.contactName(), l.contactEmail(), l.contactPhone(), l.country(),
                    l.postcode(), l.region(), l.employees(), l.notes(), l.status().name(),
                    l.partnerId() == null ? null : l.partnerId().value(), l.offerExpiresAt(), l.acceptedAt(),
                    l.invitedAt(), l.convertedAt());
        }
    }

    record BookingView(UUID id, UUID webinarId, String webinar, Instant startsAt, BigDecimal listPrice,
            BigDecimal discount, BigDecimal price, String chargeStatus) {
        static BookingView of(Training.Booking b) {
            return new BookingView(b.id(), b.webinarId(), b.webinarTitle(), b.startsAt(), amount(b.listPrice()),
                    b.discount(), amount(b.price()), b.chargeStatus());
        }
    }

    record WebinarView(UUID id, String title, Instant startsAt, int seats, int seatsLeft, BigDecimal listPrice) {
        static WebinarView of(Training.Webinar w) {
            return new WebinarView(w.id(), w.title(), w.startsAt(), w.seats(), w.seatsLeft(), amount(w.listPrice()));
        }
    }
}
