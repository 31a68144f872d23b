package org.switchboard.partners;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.switchboard.accounts.PartnerId;
import org.switchboard.accounts.PartnerLevel;

/**
 * Who is offered a lead next. Only Certified partners and up receive leads. In turn, the first
 * group with anyone not yet offered this lead: Premium and Excellence partners serving the lead's
 * region; then every partner serving the region; then every partner. Within a group, round robin:
 * the partner whose last offer is oldest (never offered first), then the longest registered.
 */
public final class LeadDistributionPolicy {

    public static final int ANSWER_HOURS = 72;

    public record Candidate(PartnerId partnerId, PartnerLevel level, Set<String> regions, Instant lastOfferedAt,
            LocalDate registeredOn) {
    }

    private static final Comparator<Candidate> ROUND_ROBIN = Comparator
            .comparing(Candidate::lastOfferedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Candidate::registeredOn, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(c -> c.partnerId().value());

    private LeadDistributionPolicy() {
    }

    public static Optional<Candidate> next(String region, List<Candidate> candidates, Set<PartnerId> alreadyOffered) {
        List<Candidate> eligible = candidates.stream()
                .filter(c -> LevelBenefits.receivesLeads(c.level()))
                .filter(c -> !alreadyOffered.contains(c.partnerId()))
                .toList();
        List<Predicate<Candidate>> groups = List.of(
                c -> LevelBenefits.hasRegionalPriority(c.level()) && c.regions().contains(region),
                c -> c.regions().contains(region),
                c -> true);
        for (Predicate<Candidate> group : groups) {
            Optional<Candidate> next = eligible.stream().filter(group).min(ROUND_ROBIN);
            if (next.isPresent()) {
                return next;
            }
        }
        return Optional.empty();
    }
}
