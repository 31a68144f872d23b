package org.switchboard.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.switchboard.platform.InvalidInputException;

/**
 * One version of a plan's price list: in force from {@code effectiveFrom} until the next version
 * of the same plan takes over. Volume pricing: the concurrent-user count picks one tier and every
 * concurrent user costs that tier's unit price, list price x (1 - discount) rounded to the cent.
 */
public final class PriceList {

    /** Above this count there is no list price: such offers are made individually. */
    public static final int MAX_CONCURRENT_USERS = 100_000;
    /** A new price list's price per concurrent user and month lies between these (older versions stay as published). */
    public static final java.math.BigDecimal MIN_LIST_PRICE = new java.math.BigDecimal("0.01");
    public static final java.math.BigDecimal MAX_LIST_PRICE = new java.math.BigDecimal("1000.00");

    private final PriceListId id;
    private final Plan plan;
    private final int version;
    private final LocalDate effectiveFrom;
    private final Money listPrice;
    private final List<Tier> tiers;

    public PriceList(PriceListId id, Plan plan, int version, LocalDate effectiveFrom, Money listPrice, List<Tier> tiers) {
        this.id = Objects.requireNonNull(id, "id");
        this.plan = Objects.requireNonNull(plan, "plan");
        this.effectiveFrom = Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        this.listPrice = Objects.requireNonNull(listPrice, "listPrice");
        if (version < 1) {
            throw new IllegalArgumentException("Versions count from 1, not " + version);
        }
        if (!listPrice.greaterThanZero()) {
            throw new IllegalArgumentException("The list price must be above 0, not " + listPrice);
        }
        this.version = version;
        this.tiers = List.copyOf(tiers);
        requireGaplessTiers(this.tiers);
    }

    /** Tiers start at 1, follow each other without gap or overlap, and only the last is open-ended. */
    private static void requireGaplessTiers(List<Tier> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("A price list needs at least one tier");
        }
        int expectedFrom = 1;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            if (tier.from() != expectedFrom) {
                throw new IllegalArgumentException("Tier " + tier.range() + " should start at " + expectedFrom);
            }
            boolean last = i == tiers.size() - 1;
            if (last != tier.isOpenEnded()) {
                throw new IllegalArgumentException(last ? "The last tier must have no upper end"
                        : "Only the last tier may be open-ended, not " + tier.range());
            }
            if (!last) {
                expectedFrom = tier.to() + 1;
            }
        }
    }

    public PriceListId id() {
        return id;
    }

    public Plan plan() {
        return plan;
    }

    public int version() {
        return version;
    }

    public LocalDate effectiveFrom() {
        return effectiveFrom;
    }

    public Money listPrice() {
        return listPrice;
    }

    public List<Tier> tiers() {
        return tiers;
    }

    public Tier tierFor(int concurrentUsers) {
        requireQuotable(concurrentUsers);
        return tiers.stream().filter(t -> t.contains(concurrentUsers)).findFirst().orElseThrow();
    }

    /** What each concurrent user costs per month in this tier. */
    public Money unitPrice(Tier tier) {
        return listPrice.times(tier.priceFactor());
    }

    public Money monthlyNet(int concurrentUsers) {
        return unitPrice(tierFor(concurrentUsers)).times(concurrentUsers);
    }

    public PriceQuote quote(int concurrentUsers) {
        Tier tier = tierFor(concurrentUsers);
        Money unit = unitPrice(tier);
        Money monthly = unit.times(concurrentUsers);
        return new PriceQuote(plan, id, version, effectiveFrom, concurrentUsers, tier, listPrice, unit, monthly,
                monthly.times(12), cheaperAlternative(concurrentUsers, monthly));
    }

    /**
     * The count at or above {@code asked} with the lowest monthly net, when that is strictly less
     * than the asked count's; on equal prices the smaller count. Inside a tier the monthly net grows
     * with the count, so the cheapest count at or above {@code asked} is either {@code asked} itself
     * or the first count of a later tier: those are the only candidates.
     */
    private Optional<CheaperAlternative> cheaperAlternative(int asked, Money askedMonthly) {
        CheaperAlternative best = null;
        Money bestMonthly = askedMonthly;
        for (Tier tier : tiers) {
            if (tier.from() <= asked || tier.from() > MAX_CONCURRENT_USERS) {
                continue;
            }
            Money monthly = unitPrice(tier).times(tier.from());
            if (monthly.isLessThan(bestMonthly)) {
                best = new CheaperAlternative(tier.from(), monthly);
                bestMonthly = monthly;
            }
        }
        return Optional.ofNullable(best);
    }

    static void requireQuotable(int concurrentUsers) {
        if (concurrentUsers < 1 || concurrentUsers > MAX_CONCURRENT_USERS) {
            throw new InvalidInputException("concurrentUsers",
                    "Concurrent users must be between 1 and " + MAX_CONCURRENT_USERS);
        }
    }

    @Override
    public String toString() {
        return plan.label() + " v" + version + " from " + effectiveFrom;
    }
}
