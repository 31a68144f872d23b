package org.switchboard.numbers;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.catalog.Money;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceDirectory;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.licensing.Subject;
import org.switchboard.licensing.SubjectManagement;
import org.switchboard.numbers.InboundRoute.Target;
import org.switchboard.numbers.NumberRange.Kind;
import org.switchboard.numbers.NumberRange.Source;
import org.switchboard.numbers.internal.Assignments;
import org.switchboard.numbers.internal.Charges;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ForbiddenException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * The number inventory (operators import ranges, set the quarantine and prices), ordering new
 * numbers for an instance, releasing them, and where an instance's numbers route.
 */
@Service
public class NumberManagement {

    /** An import: single numbers (one per line) or one block (base number and 1-3 extension digits). */
    public record ImportRange(String kind, String numbers, String base, Integer extensionDigits, String areaCode,
            String city) {
    }

    public record Settings(Integer quarantineMonths, BigDecimal single, BigDecimal block10, BigDecimal block100,
            BigDecimal block1000, BigDecimal portingFeePerNumber) {
    }

    /**
     * An order: an area code and a single number or a block of 10, 100 or 1,000 ({@code rangeId}
     * picks one shown as free, else the first free one is taken), and the local address in that
     * area the number is registered to, with the customer's statement that it lies in the area.
     */
    public record OrderNumbers(String areaCode, String kind, Integer blockSize, UUID rangeId, String street,
            String postcode, String city, Boolean addressInArea) {
    }

    public record Assign(String target, List<String> extensions) {
    }

    /** An instance's range, with where its numbers route and what it costs a month now (null: included). */
    public record HeldRange(NumberRange range, List<Assignments.Assignment> assignments, Money monthlyNet) {
    }

    private final Ranges ranges;
    private final Assignments assignments;
    private final Charges charges;
    private final InstanceManagement instances;
    private final InstanceDirectory directory;
    private final SubjectManagement subjects;
    private final Clock clock;

    NumberManagement(Ranges ranges, Assignments assignments, Charges charges, InstanceManagement instances,
            InstanceDirectory directory, SubjectManagement subjects, Clock clock) {
        this.ranges = ranges;
        this.assignments = assignments;
        this.charges = charges;
        this.instances = instances;
        this.directory = directory;
        this.subjects = subjects;
        this.clock = clock;
    }

    // ---- inventory (operators) -----------------------------------------------------------------

    /** Imports single numbers or a block, all or none: a number already held or overlapping refuses the import. */
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

    /**
     * Operator: a number leaves for another provider. START: the releasing side's order arrived
     * (PORTING_OUT; it still routes and costs until it is gone); WITHDRAW: the order was withdrawn
     * (ACTIVE again); COMPLETE: ported out on the date (it stops routing and costing, and is never
     * handed out again).
     */
    @Transactional
    public NumberRange portOut(CurrentUser user, UUID rangeId, String step) {
        requireOperator(user);
        NumberRange r = ranges.lock(rangeId).orElseThrow(() -> new NotFoundException("There is no range " + rangeId));
        String s = step == null ? "" : step.trim().toUpperCase(Locale.ROOT);
        NumberState expected = switch (s) {
            case "START" -> NumberState.ACTIVE;
            case "WITHDRAW", "COMPLETE" -> NumberState.PORTING_OUT;
            default -> throw new InvalidInputException("step", "Step must be START, WITHDRAW or COMPLETE");
        };
        if (r.state() != expected) {
            throw new ConflictException("state", r.label() + " is " + r.state() + ": " + s.toLowerCase(Locale.ROOT)
                    + " needs a range that is " + expected + ".");
        }
        Instant now = clock.instant();
        switch (s) {
            case "START" -> ranges.setState(rangeId, NumberState.PORTING_OUT);
            case "WITHDRAW" -> ranges.setState(rangeId, NumberState.ACTIVE);
            default -> {
                ranges.portedOut(rangeId);
                recharge(r.instanceId(), now);
            }
        }
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
        v.check(value != null && value.signum() >= 0 && value.scale() <= 2 && value.compareTo(new BigDecimal("100000")) < 0,
                field, label + " must be an amount of 0 or more with at most 2 decimals");
    }

    // ---- ordering (customer admins) ------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Ranges.FreeArea> freeAreas() {
        return ranges.freeAreas(clock.instant());
    }

    @Transactional(readOnly = true)
    public List<NumberRange> free(String areaCode, String kind, Integer blockSize) {
        Kind k = "BLOCK".equalsIgnoreCase(kind) ? Kind.BLOCK : Kind.SINGLE;
        int size = k == Kind.SINGLE ? 1 : blockSize == null ? 10 : blockSize;
        return ranges.free(areaCode == null ? "" : areaCode.trim(), k, size, clock.instant(), 20);
    }

    /**
     * Reserves a free range of the area code at once and activates it on the instance. Several
     * nodes may take numbers at the same moment: the range row is locked (a chosen one) or claimed
     * with {@code SKIP LOCKED} (the first free one), so no number is ever handed out twice.
     */
    @Transactional
    public NumberRange order(CurrentUser user, InstanceId id, OrderNumbers c) {
        InstanceDetails details = managed(user, id);
        Instance instance = details.instance();
        Validation v = new Validation();
        String area = c.areaCode() == null ? "" : c.areaCode().trim();
        v.check(area.matches("0[1-9][0-9]{1,4}"), "areaCode", "Pick an area code, e.g. 089");
        Kind kind = "BLOCK".equalsIgnoreCase(c.kind()) ? Kind.BLOCK : Kind.SINGLE;
        if (c.kind() != null && !c.kind().isBlank() && !c.kind().equalsIgnoreCase("SINGLE")
                && !c.kind().equalsIgnoreCase("BLOCK")) {
            v.reject("kind", "Kind must be SINGLE or BLOCK");
        }
        int size = 1;
        if (kind == Kind.BLOCK) {
            Integer b = c.blockSize();
            v.check(b != null && (b == 10 || b == 100 || b == 1000), "blockSize", "A block has 10, 100 or 1,000 numbers");
            size = b == null ? 10 : b;
        }
        v.text("street", "Street and number", c.street(), 200);
        v.text("postcode", "Postcode", c.postcode(), 10);
        v.text("city", "City", c.city(), 100);
        if (c.postcode() != null && !c.postcode().isBlank() && "DE".equals(instance.country())
                && !c.postcode().trim().matches("[0-9]{5}")) {
            v.reject("postcode", "A German postcode has 5 digits");
        }
        v.check(Boolean.TRUE.equals(c.addressInArea()), "addressInArea",
                "A local number needs an address in its area: confirm the address lies in area " + area);
        v.throwIfInvalid();
        InstanceStatus status = instance.status();
        if (status == InstanceStatus.DEACTIVATED || status == InstanceStatus.DELETED) {
            throw new RefusedException("instance", "A deactivated phone system gets no new numbers.");
        }
        if (status == InstanceStatus.TRIAL && (kind != Kind.SINGLE || !ranges.ofInstance(id).isEmpty())) {
            throw new RefusedException("kind", "A trial has one number: subscribe to order more.");
        }
        Instant now = clock.instant();
        NumberRange taken;
        if (c.rangeId() != null) {
            taken = ranges.lock(c.rangeId()).filter(r -> r.source() == Source.INVENTORY)
                    .orElseThrow(() -> new NotFoundException("There is no range " + c.rangeId()));
            if (!taken.free(now)) {
                throw new ConflictException("rangeId", taken.label()
                        + " was just taken by someone else: pick another number, nothing was ordered.");
            }
            if (!taken.areaCode().equals(area) || taken.kind() != kind || taken.size() != size) {
                throw new InvalidInputException("rangeId", taken.label() + " is not a " + describe(kind, size)
                        + " in area " + area);
            }
        } else {
            String none = "There is no free " + describe(kind, size) + " in area " + area + " now: nothing was ordered.";
            taken = ranges.claimFree(area, kind, size, now).orElseThrow(() -> new ConflictException("areaCode", none));
        }
        String address = c.street().trim() + ", " + c.postcode().trim() + " " + c.city().trim();
        ranges.activate(taken.id(), instance.customerId(), id, address, now);
        recharge(id, now);
        return ranges.find(taken.id()).orElseThrow();
    }

    private static String describe(Kind kind, int size) {
        return kind == Kind.SINGLE ? "single number" : "block of " + String.format(Locale.ENGLISH, "%,d", size);
    }

    /** Releases an ordered range: it stops routing and costing at once and goes into quarantine. */
    @Transactional
    public void release(CurrentUser user, InstanceId id, UUID rangeId) {
        managed(user, id);
        NumberRange r = ranges.lock(rangeId).filter(x -> id.equals(x.instanceId()))
                .orElseThrow(() -> new NotFoundException("This phone system has no range " + rangeId));
        if (r.state() != NumberState.ACTIVE) {
            throw new ConflictException("state", r.label() + " is " + r.state() + ": only an active number is released.");
        }
        Instant now = clock.instant();
        releaseRange(r, now);
        recharge(id, now);
    }

    /** Every range of a deleted instance goes into quarantine (its ported numbers too: they are the platform's now). */
    @Transactional
    public void releaseAll(InstanceId id, Instant at) {
        for (NumberRange r : ranges.ofInstance(id)) {
            ranges.lock(r.id());
            if (r.state() == NumberState.PORTING_IN) {
                ranges.deletePorted(r.id());
            } else {
                releaseRange(r, at);
            }
        }
        recharge(id, at);
    }

    private void releaseRange(NumberRange r, Instant at) {
        int months = ranges.prices().quarantineMonths();
        Instant until = ZonedDateTime.ofInstant(at, clock.getZone()).plusMonths(months).toInstant();
        ranges.quarantine(r.id(), until);
    }

    /**
     * Brings the instance's charges in line with its ranges and subscription now: ranges that
     * became charged start a charge at {@code at}, ranges no longer charged end theirs. Prices are
     * those in force when a charge starts.
     */
    @Transactional
    public void recharge(InstanceId id, Instant at) {
        charges.lockInstance(id);
        Optional<Instance> found = directory.find(id);
        Map<UUID, Money> wanted = Map.of();
        NumberPrices prices = ranges.prices();
        List<NumberRange> held = ranges.ofInstance(id).stream()
                .filter(r -> r.state() == NumberState.ACTIVE || r.state() == NumberState.PORTING_OUT).toList();
        if (found.isPresent() && found.get().status().hasSubscription() && !found.get().isNfr()) {
            wanted = NumberChargePolicy.charged(held.stream()
                    .map(r -> new NumberChargePolicy.Held(r.id(), r.kind(), r.size())).toList(),
                    found.get().licensedConcurrentUsers(), prices);
        }
        List<Charges.Charge> open = charges.open(id);
        Map<UUID, Money> charged = wanted;
        for (Charges.Charge charge : open) {
            if (!charged.containsKey(charge.rangeId())) {
                charges.close(charge.id(), at);
            }
        }
        String name = found.map(Instance::name).orElse("");
        for (NumberRange r : held) {
            Money net = charged.get(r.id());
            if (net != null && open.stream().noneMatch(ch -> ch.rangeId().equals(r.id()))) {
                charges.open(r.id(), r.customerId(), id, name + ": number " + r.label(), net, at);
            }
        }
    }

    // ---- an instance's numbers -----------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<HeldRange> numbers(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        List<Assignments.Assignment> all = assignments.ofInstance(id);
        List<Charges.Charge> open = charges.open(id);
        return ranges.ofInstance(id).stream().map(r -> {
            Set<String> own = Set.copyOf(ranges.numbersOf(r.id()));
            return new HeldRange(r, all.stream().filter(a -> own.contains(a.e164())).toList(),
                    open.stream().filter(ch -> ch.rangeId().equals(r.id())).map(Charges.Charge::monthlyNet).findFirst()
                            .orElse(null));
        }).toList();
    }

    @Transactional(readOnly = true)
    public List<Assignments.CallerId> callerIds(CurrentUser user, InstanceId id) {
        instances.instance(user, id);
        return assignments.callerIds(id);
    }

    /**
     * Where calls to one of the instance's numbers (or a block's extension) go: one extension, a
     * group of extensions (all ring), or the main line. The extensions must be the instance's.
     */
    @Transactional
    public Assignments.Assignment assign(CurrentUser user, InstanceId id, String number, Assign c) {
        InstanceDetails details = managed(user, id);
        String e164 = ownNumber(id, number);
        Validation v = new Validation();
        Target target = null;
        try {
            target = Target.valueOf(c.target() == null ? "" : c.target().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.reject("target", "Target must be EXTENSION, GROUP or MAIN_LINE");
        }
        List<String> extensions = c.extensions() == null ? List.of()
                : c.extensions().stream().filter(x -> x != null && !x.isBlank()).map(String::trim).distinct().toList();
        if (target == Target.EXTENSION) {
            v.check(extensions.size() == 1, "extensions", "Name exactly one extension");
        } else if (target == Target.GROUP) {
            v.check(extensions.size() >= 2 && extensions.size() <= 30, "extensions", "A group has 2 to 30 extensions");
        } else if (target == Target.MAIN_LINE) {
            v.check(extensions.isEmpty(), "extensions", "The main line takes no extensions");
        }
        Set<String> known = subjects.subjects(user, id).stream().map(Subject::extension)
                .collect(java.util.stream.Collectors.toSet());
        for (String x : extensions) {
            if (!known.contains(x)) {
                v.reject("extensions", "There is no extension " + x + " on this phone system");
            }
        }
        v.throwIfInvalid();
        assignments.assign(details.instance().customerId(), id, e164, target, extensions);
        return new Assignments.Assignment(e164, target, extensions);
    }

    /** Shows one of the instance's numbers as caller id when this extension calls out; null number: none. */
    @Transactional
    public void setCallerId(CurrentUser user, InstanceId id, String extension, String number) {
        InstanceDetails details = managed(user, id);
        String x = extension == null ? "" : extension.trim();
        boolean known = subjects.subjects(user, id).stream().anyMatch(s -> s.extension().equals(x));
        if (!known) {
            throw new InvalidInputException("extension", "There is no extension " + x + " on this phone system");
        }
        String e164 = number == null || number.isBlank() ? null : ownNumber(id, number);
        assignments.setCallerId(details.instance().customerId(), id, x, e164);
    }

    /** The number in E.164 if it is one of the instance's active numbers. */
    private String ownNumber(InstanceId id, String number) {
        PhoneNumbers.Checked checked = PhoneNumbers.check(number, "DE");
        if (!checked.ok()) {
            throw new InvalidInputException("number", checked.problem());
        }
        NumberRange r = ranges.ofNumber(checked.e164()).filter(x -> id.equals(x.instanceId()))
                .orElseThrow(() -> new NotFoundException(PhoneNumbers.display(checked.e164())
                        + " is not a number of this phone system"));
        // a number porting in may be assigned ahead: it routes from the day it arrives
        if (r.state() != NumberState.ACTIVE && r.state() != NumberState.PORTING_IN) {
            throw new ConflictException("number", PhoneNumbers.display(checked.e164()) + " is " + r.state()
                    + ": it cannot be assigned");
        }
        return checked.e164();
    }

    /** The instance if the user may change its numbers: its customer's admins and operators. */
    InstanceDetails managed(CurrentUser user, InstanceId id) {
        InstanceDetails details = instances.instance(user, id);
        if (!user.isCustomerAdmin() && !user.isOperator()) {
            throw new ForbiddenException("Only the customer's admins order, release and assign numbers.");
        }
        return details;
    }

    /** For operator pages that read nothing else: refuses everyone else. */
    public static void requireOperatorPage(CurrentUser user) {
        requireOperator(user);
    }

    static void requireOperator(CurrentUser user) {
        user.requireOperator("manage numbers, porting orders and trunk templates");
    }
}
