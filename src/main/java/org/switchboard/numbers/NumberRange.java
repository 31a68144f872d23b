package org.switchboard.numbers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.switchboard.accounts.CustomerId;
import org.switchboard.instances.InstanceId;

/**
 * What is handed out as one: a single number, or a block (a base number with a 1-, 2- or 3-digit
 * extension range of 10, 100 or 1,000 numbers), with its area code and city and its state.
 * INVENTORY ranges come from the operator's import, PORTED ones from a porting order.
 */
public record NumberRange(UUID id, Source source, Kind kind, String base, int extensionDigits, String country,
        String areaCode, String city, NumberState state, CustomerId customerId, InstanceId instanceId,
        String localAddress, Instant activatedAt, Instant quarantinedUntil, Instant createdAt) {

    public enum Source { INVENTORY, PORTED }

    public enum Kind { SINGLE, BLOCK }

    public int size() {
        return kind == Kind.SINGLE ? 1 : (int) Math.pow(10, extensionDigits);
    }

    public String first() {
        return kind == Kind.SINGLE ? base : base + "0".repeat(extensionDigits);
    }

    public String last() {
        return kind == Kind.SINGLE ? base : base + "9".repeat(extensionDigits);
    }

    /** Every number of the range, in order. */
    public List<String> numbers() {
        return numbers(kind, base, extensionDigits);
    }

    public static List<String> numbers(Kind kind, String base, int extensionDigits) {
        if (kind == Kind.SINGLE) {
            return List.of(base);
        }
        int size = (int) Math.pow(10, extensionDigits);
        List<String> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            all.add(base + String.format("%0" + extensionDigits + "d", i));
        }
        return all;
    }

    /** For people: "+49 89 123456" or "+49 89 12345-0 to -9 (block of 10)". */
    public String label() {
        if (kind == Kind.SINGLE) {
            return PhoneNumbers.display(base);
        }
        return PhoneNumbers.display(first()) + " to -" + "9".repeat(extensionDigits) + " (block of "
                + String.format(java.util.Locale.ENGLISH, "%,d", size()) + ")";
    }

    /** May be handed out at {@code now}: free, or its quarantine is over. */
    public boolean free(Instant now) {
        return state == NumberState.AVAILABLE
                || (state == NumberState.QUARANTINED && quarantinedUntil != null && !quarantinedUntil.isAfter(now));
    }
}
