package org.switchboard.numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.accounts.CurrentUser;
import org.switchboard.instances.InstanceId;
import org.switchboard.instances.InstanceManagement;
import org.switchboard.instances.InstanceManagement.InstanceDetails;
import org.switchboard.numbers.internal.Ranges;
import org.switchboard.numbers.internal.TrunkStore;
import org.switchboard.numbers.internal.TrunkStore.StoredTrunk;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Validation;

/**
 * The numbers a customer's own trunk carries, as its provider gives them (single numbers and
 * blocks): checked as E.164 numbers valid for their country, never one the platform holds or
 * another trunk carries. Once entered they route and show as caller id like platform numbers
 * ({@link NumberAssignment}).
 */
@Service
public class TrunkNumbers {

    /** Numbers at most in one entry of the form or the API (a block of 1,000 among them). */
    static final int MAX_NUMBERS = 2000;

    private final TrunkStore store;
    private final Ranges ranges;
    private final InstanceManagement instances;

    TrunkNumbers(TrunkStore store, Ranges ranges, InstanceManagement instances) {
        this.store = store;
        this.ranges = ranges;
        this.instances = instances;
    }

    /** Adds numbers to a trunk of the instance: one entry per number or block ({@code +49301234560 (x10)}). */
    @Transactional
    public List<CarriedNumbers> add(CurrentUser user, InstanceId id, UUID trunkId, List<String> entries) {
        InstanceDetails details = NumberAssignment.managed(instances, user, id);
        StoredTrunk trunk = trunk(id, trunkId);
        Validation v = new Validation();
        List<CarriedNumbers> carried = read(entries, details.instance().country(), v);
        v.check(!carried.isEmpty() || v.hasErrors(), "numbers", "Name the numbers the trunk carries, one per line");
        v.throwIfInvalid();
        refuseHeld(carried);
        store.addNumbers(trunk.id(), trunk.customerId(), id, carried);
        return trunk(id, trunkId).carried();
    }

    /** Removes a single number or a whole block (named by its base number) from the trunk. */
    @Transactional
    public void remove(CurrentUser user, InstanceId id, UUID trunkId, String number) {
        InstanceDetails details = NumberAssignment.managed(instances, user, id);
        trunk(id, trunkId);
        PhoneNumbers.Checked checked = PhoneNumbers.check(number, details.instance().country());
        if (!checked.ok() || !store.removeNumbers(id, trunkId, checked.e164())) {
            throw new NotFoundException("The trunk carries no number or block " + (checked.ok()
                    ? PhoneNumbers.display(checked.e164()) : number));
        }
    }

    private StoredTrunk trunk(InstanceId id, UUID trunkId) {
        return store.ofInstance(id).stream().filter(t -> t.id().equals(trunkId)).findFirst()
                .orElseThrow(() -> new NotFoundException("This phone system has no trunk " + trunkId));
    }

    /** Reads the entries; what is wrong goes to {@code v} under "numbers". */
    static List<CarriedNumbers> read(List<String> entries, String country, Validation v) {
        List<CarriedNumbers> carried = new ArrayList<>();
        int count = 0;
        for (String entry : entries == null ? List.<String>of() : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            CarriedNumbers.Parsed parsed = CarriedNumbers.parse(entry, country);
            if (parsed.problem() != null) {
                v.reject("numbers", parsed.problem());
                continue;
            }
            CarriedNumbers c = parsed.numbers();
            for (CarriedNumbers other : carried) {
                if (other.base().startsWith(c.base()) || c.base().startsWith(other.base())) {
                    v.reject("numbers", c.label() + " overlaps " + other.label() + ", listed too");
                }
            }
            carried.add(c);
            count += c.size();
        }
        v.check(count <= MAX_NUMBERS, "numbers", "At most 2,000 numbers at once");
        return carried;
    }

    /** Refuses numbers the platform holds or another trunk carries: nothing is saved then. */
    void refuseHeld(List<CarriedNumbers> carried) {
        ranges.lockInventory();
        for (CarriedNumbers c : carried) {
            ranges.clash(c.base()).ifPresent(n -> {
                throw new ConflictException("numbers", c.label() + ": " + PhoneNumbers.display(n)
                        + " is a number of the platform, not of the provider: nothing was saved.");
            });
        }
        store.carriedAlready(carried).ifPresent(n -> {
            throw new ConflictException("numbers", PhoneNumbers.display(n)
                    + " is carried by a trunk already: nothing was saved.");
        });
    }
}
