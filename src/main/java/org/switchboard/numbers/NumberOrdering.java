package org.switchboard.numbers;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.Instance;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.instances.InstanceStatus;
import org.switchboard.numbers.NumberRange.Kind;
import org.switchboard.numbers.NumberRange.Source;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RefusedException;
import org.switchboard.platform.Validation;

/**
 * Ordering new numbers for an instance (reserved and activated at once, never twice across
 * nodes), releasing them into quarantine, and releasing all of a deleted instance's numbers.
 */
@Service
public class NumberOrdering {

    /**
     * An order: an area code and a single number or a block of 10, 100 or 1,000 ({@code rangeId}
     * picks one shown as free, else the first free one is taken), and the local address in that
     * area the number is registered to, with the customer's statement that it lies in the area.
     */
    public record OrderNumbers(String areaCode, String kind, Integer blockSize, UUID rangeId, String street,
            String postcode, String city, Boolean addressInArea) {
    }

    private final Ranges ranges;
    private final NumberCharging charging;
    private final InstanceManagement instances;
    private final Clock clock;

    NumberOrdering(Ranges ranges, NumberCharging charging, InstanceManagement instances, Clock clock) {
        this.ranges = ranges;
        this.charging = charging;
        this.instances = instances;
        this.clock = clock;
    }

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
        InstanceDetails details = NumberAssignment.managed(instances, user, id);
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
        charging.recharge(id, now);
        return ranges.find(taken.id()).orElseThrow();
    }

    private static String describe(Kind kind, int size) {
        return kind == Kind.SINGLE ? "single number" : "block of " + String.format(Locale.ENGLISH, "%,d", size);
    }

    /** Releases an ordered range: it stops routing and costing at once and goes into quarantine. */
    @Transactional
    public void release(CurrentUser user, InstanceId id, UUID rangeId) {
        NumberAssignment.managed(instances, user, id);
        NumberRange r = ranges.lock(rangeId).filter(x -> id.equals(x.instanceId()))
                .orElseThrow(() -> new NotFoundException("This phone system has no range " + rangeId));
        if (r.state() != NumberState.ACTIVE) {
            throw new ConflictException("state", r.label() + " is " + r.state() + ": only an active number is released.");
        }
        Instant now = clock.instant();
        releaseRange(r, now);
        charging.recharge(id, now);
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
        charging.recharge(id, at);
    }

    private void releaseRange(NumberRange r, Instant at) {
        int months = ranges.prices().quarantineMonths();
        Instant until = ZonedDateTime.ofInstant(at, clock.getZone()).plusMonths(months).toInstant();
        ranges.quarantine(r.id(), until);
    }
}
