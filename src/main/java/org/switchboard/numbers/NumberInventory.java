package org.switchboard.numbers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.numbers.NumberRange.Kind;
import org.switchboard.numbers.NumberRange.Source;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.numbers.internal.TrunkStore;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * The number inventory, for operators: importing ranges from the carrier, holding ranges back,
 * the quarantine of released numbers and the prices.
 */
@Service
public class NumberInventory {

    /** No number, block or porting fee costs more than this a month. */
    static final BigDecimal MAX_PRICE = new BigDecimal("99999.99");

    /** An import: single numbers (one per line) or one block (base number and 1-3 extension digits). */
    public record ImportRange(String kind, String numbers, String base, Integer extensionDigits, String areaCode,
            String city) {
    }

    public record Settings(Integer quarantineMonths, BigDecimal single, BigDecimal block10, BigDecimal block100,
            BigDecimal block1000, BigDecimal portingFeePerNumber) {
    }

    private final Ranges ranges;
    private final TrunkStore trunks;
    private final Clock clock;

    NumberInventory(Ranges ranges, TrunkStore trunks, Clock clock) {
        this.ranges = ranges;
        this.trunks = trunks;
        this.clock = clock;
    }

    /**
     * Imports single numbers or a block, all or none: a number already held or overlapping, or one a
     * customer's trunk carries, refuses the import.
     */
    @Transactional
    public List<NumberRange> importRange(CurrentUser user, ImportRange c) {
        requireOperator(user);
        Validation v = new Validation();
        v.text("city", "City", c.city(), 100);
        String kind = c.kind() == null ? "" : c.kind().trim().toUpperCase(Locale.ROOT);
        List<NumberRange> made = new ArrayList<>();
        Instant now = clock.instant();
        String area = Validation.trimToNull(c.areaCode());
        if (area != null && !area.matches("0[1-9][0-9]{1,4}")) {
            v.reject("areaCode", "Area code must be written with its leading 0, e.g. 089 or 0351");
        }
        if (kind.equals("SINGLE")) {
            Set<String> seen = new LinkedHashSet<>();
            String text = c.numbers() == null ? "" : c.numbers();
            for (String line : text.split("[\\r\\n,;]+")) {
                if (line.isBlank()) {
                    continue;
                }
                PhoneNumbers.Checked checked = PhoneNumbers.checkGeographic(line, "DE");
                if (!checked.ok()) {
                    v.reject("numbers", checked.problem());
                } else if (!seen.add(checked.e164())) {
                    v.reject("numbers", checked.e164() + " is listed twice");
                }
            }
            if (seen.isEmpty()) {
                v.reject("numbers", "List at least one number, one per line");
            } else if (seen.size() > 1000) {
                v.reject("numbers", "At most 1,000 numbers at once");
            }
            for (String e164 : seen) {
                made.add(range(Kind.SINGLE, e164, 0, area, c.city(), v, now));
            }
        } else if (kind.equals("BLOCK")) {
            Integer digits = c.extensionDigits();
            if (digits == null || digits < 1 || digits > 3) {
                v.reject("extensionDigits", "A block has 1, 2 or 3 extension digits (10, 100 or 1,000 numbers)");
            } else {
                PhoneNumbers.Checked base = PhoneNumbers.checkGeographic(c.base(), "DE");
                if (!base.ok()) {
                    v.reject("base", "Base number: " + base.problem());
                } else {
                    String first = base.e164() + "0".repeat(digits);
                    String last = base.e164() + "9".repeat(digits);
                    for (String n : List.of(first, last)) {
                        PhoneNumbers.Checked checked = PhoneNumbers.checkGeographic(n, "DE");
                        if (!checked.ok()) {
                            v.reject("extensionDigits", "With " + digits + " extension digits: " + checked.problem());
                        }
                    }
                    made.add(range(Kind.BLOCK, base.e164(), digits, area, c.city(), v, now));
                }
            }
        } else {
            v.reject("kind", "Kind must be SINGLE or BLOCK");
        }
        v.throwIfInvalid();
        ranges.lockInventory();
        for (NumberRange r : made) {
            Optional<String> clash = ranges.clash(r.base());
            if (clash.isPresent()) {
                throw new ConflictException(kind.equals("BLOCK") ? "base" : "numbers", r.label() + " overlaps "
                        + PhoneNumbers.display(clash.get()) + ", which the platform holds already: nothing was imported.");
            }
            Optional<TrunkStore.Carried> carried = trunks.clash(r.base());
            if (carried.isPresent()) {
                throw new ConflictException(kind.equals("BLOCK") ? "base" : "numbers", r.label() + " overlaps "
                        + PhoneNumbers.display(carried.get().e164()) + ", which a customer's own trunk carries (a number"
                        + " of its provider, not of the carrier): nothing was imported.");
            }
            ranges.insert(r, user.email());
        }
        return made;
    }

    private static NumberRange range(Kind kind, String base, int digits, String areaCode, String city, Validation v,
            Instant now) {
        String derived = PhoneNumbers.areaCode(base + "0".repeat(digits)).orElse("");
        if (areaCode != null && !areaCode.equals(derived)) {
            v.reject("areaCode", PhoneNumbers.display(base) + " is in area code " + derived + ", not " + areaCode);
        }
        return new NumberRange(UUID.randomUUID(), Source.INVENTORY, kind, base, digits, PhoneNumbers.country(base),
                derived, city == null ? "" : city.trim(), NumberState.AVAILABLE, null, null, null, null, null, now);
    }

    @Transactional(readOnly = true)
    public List<NumberRange> inventory(CurrentUser user, String state, String areaCode) {
        requireOperator(user);
        String s = Validation.trimToNull(state);
        if (s != null) {
            try {
                NumberState.valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("state", "State must be one of AVAILABLE, RESERVED, ACTIVE, PORTING_IN,"
                        + " PORTING_OUT, QUARANTINED, PORTED_OUT");
            }
            s = s.toUpperCase(Locale.ROOT);
        }
        return ranges.all(s, Validation.trimToNull(areaCode), 2000);
    }

    /** Operator: hold a free range back (RESERVED), or free a held one. */
    @Transactional
    public NumberRange hold(CurrentUser user, UUID rangeId, boolean hold) {
        requireOperator(user);
        NumberRange r = ranges.lock(rangeId).orElseThrow(() -> new NotFoundException("There is no range " + rangeId));
        if (hold && !r.free(clock.instant())) {
            throw new ConflictException("state", r.label() + " is " + r.state() + ": only a free range can be held back.");
        }
        if (!hold && r.state() != NumberState.RESERVED) {
            throw new ConflictException("state", r.label() + " is not held back.");
        }
        ranges.setState(rangeId, hold ? NumberState.RESERVED : NumberState.AVAILABLE);
        return ranges.find(rangeId).orElseThrow();
    }
    @Transactional(readOnly = true)
    public NumberPrices prices() {
        return ranges.prices();
    }

    @Transactional
    public NumberPrices updateSettings(CurrentUser user, Settings c) {
        requireOperator(user);
        Validation v = new Validation();
        v.check(c.quarantineMonths() != null && c.quarantineMonths() >= 0 && c.quarantineMonths() <= 60,
                "quarantineMonths", "Quarantine must be 0 to 60 months");
        money(v, "single", "Price of a single number", c.single());
        money(v, "block10", "Price of a block of 10", c.block10());
        money(v, "block100", "Price of a block of 100", c.block100());
        money(v, "block1000", "Price of a block of 1,000", c.block1000());
        money(v, "portingFeePerNumber", "Porting fee", c.portingFeePerNumber());
        v.throwIfInvalid();
        ranges.updatePrices(c.quarantineMonths(), c.single(), c.block10(), c.block100(), c.block1000(),
                c.portingFeePerNumber(), clock.instant(), user.email());
        return ranges.prices();
    }

    private static void money(Validation v, String field, String label, BigDecimal value) {
        v.amount(field, label, value, BigDecimal.ZERO, MAX_PRICE, 2);
    }

    /** For operator pages that read nothing else: refuses everyone else. */
    public static void requireOperatorPage(CurrentUser user) {
        requireOperator(user);
    }

    static void requireOperator(CurrentUser user) {
        user.requireOperator("manage numbers, porting orders and trunk templates");
    }
}
