package org.switchboard.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.catalog.internal.Occupancies;
import org.switchboard.catalog.internal.PriceLists;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Validation;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;

/**
 * The catalog's use cases: what a plan costs on a day, the price lists in force, how many
 * concurrent users a customer needs, and the operator's changes to prices and occupancy.
 * Subscriptions and billing keep the {@link PriceQuote#priceListId()} of a sale and quote
 * against that version with {@link #quote(PriceListId, int)} until the renewal.
 */
@Service
public class Catalog {

    private final PriceLists priceLists;
    private final Occupancies occupancies;
    private final Clock clock;

    Catalog(PriceLists priceLists, Occupancies occupancies, Clock clock) {
        this.priceLists = priceLists;
        this.occupancies = occupancies;
        this.clock = clock;
    }

    /** Today in the platform's time zone: the day whose price lists are in force. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * What {@code concurrentUsers} of {@code plan} cost under the price list in force on {@code on}.
     *
     * @throws InvalidInputException on a count outside 1 to {@value PriceList#MAX_CONCURRENT_USERS} (field concurrentUsers)
     * @throws RefusedException when no price list of the plan is in force that day (field plan)
     */
    @Transactional(readOnly = true)
    public PriceQuote quote(Plan plan, int concurrentUsers, LocalDate on) {
        PriceList.requireQuotable(concurrentUsers);
        return priceListInForce(plan, on).orElseThrow(() -> notForSale(plan, on)).quote(concurrentUsers);
    }

    /** A quote under the price list in force today. */
    @Transactional(readOnly = true)
    public PriceQuote quote(Plan plan, int concurrentUsers) {
        return quote(plan, concurrentUsers, today());
    }

    /** A quote under one given version, as a subscription sold on it is charged until its renewal. */
    @Transactional(readOnly = true)
    public PriceQuote quote(PriceListId priceList, int concurrentUsers) {
        PriceList.requireQuotable(concurrentUsers);
        return priceList(priceList).quote(concurrentUsers);
    }

    @Transactional(readOnly = true)
    public Optional<PriceList> priceListInForce(Plan plan, LocalDate on) {
        return priceLists.inForce(plan, on);
    }

    @Transactional(readOnly = true)
    public PriceList priceList(PriceListId id) {
        return priceLists.byId(id).orElseThrow(() -> new NotFoundException("There is no price list " + id + "."));
    }

    /** All versions of a plan's price list, oldest first, including those not yet in force. */
    @Transactional(readOnly = true)
    public List<PriceList> priceListVersions(Plan plan) {
        return priceLists.versionsOf(plan);
    }

    /** Every plan with the price list in force on {@code on}, in catalog order. */
    @Transactional(readOnly = true)
    public List<PlanOffer> offers(LocalDate on) {
        return Arrays.stream(Plan.values()).map(plan -> new PlanOffer(plan, priceLists.inForce(plan, on))).toList();
    }

    @Transactional(readOnly = true)
    public boolean isForSale(Plan plan, LocalDate on) {
        return priceLists.inForce(plan, on).isPresent();
    }

    /** The sizing rule with the occupancy percentages the operator set. */
    @Transactional(readOnly = true)
    public SizingPolicy sizingPolicy() {
        return new SizingPolicy(occupancies.all());
    }

    /**
     * How many concurrent users these employees and function extensions need.
     *
     * @throws InvalidInputException when nobody is counted (field employees)
     */
    @Transactional(readOnly = true)
    public SizingResult size(EmployeeCounts counts) {
        if (counts.isEmpty()) {
            throw new InvalidInputException("employees",
                    "Count at least one employee or function extension: all four counts are 0.");
        }
        return sizingPolicy().size(counts);
    }

    /** The operator changing the share of time an employee type is assumed to hold a licence. */
    @Transactional
    public SizingPolicy changeOccupancy(EmployeeType type, BigDecimal percent) {
        Map<EmployeeType, BigDecimal> one = new EnumMap<>(EmployeeType.class);
        one.put(type, percent);
        return changeOccupancies(one);
    }

    /**
     * The operator changing several occupancies at once: all are checked first, and either all
     * are saved or, when one is wrong, none (each wrong one is named by its field occupancy1..4).
     */
    @Transactional
    public SizingPolicy changeOccupancies(Map<EmployeeType, BigDecimal> percents) {
        Validation validation = new Validation();
        for (Map.Entry<EmployeeType, BigDecimal> entry : percents.entrySet()) {
            EmployeeType type = entry.getKey();
            BigDecimal percent = entry.getValue();
            String field = "occupancy" + type.number();
            if (percent == null) {
                validation.reject(field, "The occupancy of " + type.label() + " is required.");
                continue;
            }
            try {
                SizingPolicy.requireValidOccupancy(percent);
            } catch (IllegalArgumentException e) {
                validation.reject(field,
                        "The occupancy of " + type.label() + " must be between 0 and 100 percent with at most two decimals.");
            }
        }
        validation.throwIfInvalid();
        Map<EmployeeType, BigDecimal> current = occupancies.all();
        for (Map.Entry<EmployeeType, BigDecimal> entry : new EnumMap<>(percents).entrySet()) {
            if (current.get(entry.getKey()) == null || current.get(entry.getKey()).compareTo(entry.getValue()) != 0) {
                occupancies.change(entry.getKey(), entry.getValue(), clock.instant());
            }
        }
        Map<EmployeeType, BigDecimal> changed = new EnumMap<>(occupancies.all());
        return new SizingPolicy(changed);
    }

    /**
     * The operator publishing a new version of a plan's price list. It takes effect on a later day
     * than today and than every earlier version, so no quote already given and no version already
     * in force ever changes.
     */
    @Transactional
    public PriceList publishPriceList(Plan plan, LocalDate effectiveFrom, Money listPrice, List<Tier> tiers) {
        if (effectiveFrom == null || !effectiveFrom.isAfter(today())) {
            throw new InvalidInputException("effectiveFrom",
                    "A new price list takes effect from tomorrow (" + today().plusDays(1) + ") at the earliest.");
        }
        Optional<LocalDate> latest = priceLists.latestEffectiveFrom(plan);
        if (latest.isPresent() && !effectiveFrom.isAfter(latest.get())) {
            throw new InvalidInputException("effectiveFrom", "A new " + plan.label()
                    + " price list must take effect after the latest one, which takes effect on " + latest.get() + ".");
        }
        new Validation().amount("listPrice", "The list price", listPrice == null ? null : listPrice.amount(),
                PriceList.MIN_LIST_PRICE, PriceList.MAX_LIST_PRICE, 2).throwIfInvalid();
        PriceList list;
        try {
            list = new PriceList(new PriceListId(UUID.randomUUID()), plan, priceLists.latestVersion(plan) + 1,
                    effectiveFrom, listPrice, tiers);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("tiers", "The tiers are not valid: " + e.getMessage() + ".");
        }
        try {
            priceLists.insert(list, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("effectiveFrom",
                    "Another " + plan.label() + " price list was published at the same time; reload and try again.");
        }
        return list;
    }

    private static RefusedException notForSale(Plan plan, LocalDate on) {
        return new RefusedException("plan", "The plan " + plan.label() + " is not for sale yet: it has no price list in force on "
                + on + ".");
    }
}
