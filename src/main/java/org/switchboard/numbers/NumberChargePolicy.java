package org.switchboard.numbers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.switchboard.catalog.Money;

/**
 * Which of an instance's ranges cost a monthly price: each concurrent user of the subscription
 * includes one number. The included numbers go to the ranges in the order they became the
 * instance's (oldest first); a range is included only when the numbers left cover all of it (a
 * block is priced as a block, never split), otherwise it costs its monthly net, and later smaller
 * ranges may still be covered. Trials and NFR phone systems pay nothing for numbers.
 */
public final class NumberChargePolicy {

    private NumberChargePolicy() {
    }

    /** A range of the instance, in the order it became the instance's. */
    public record Held(UUID rangeId, NumberRange.Kind kind, int size) {
    }

    /** The charged ranges with their monthly net, in the order given. */
    public static Map<UUID, Money> charged(List<Held> held, int includedNumbers, NumberPrices prices) {
        Map<UUID, Money> charged = new LinkedHashMap<>();
        int left = Math.max(0, includedNumbers);
        for (Held h : held) {
            if (h.size() <= left) {
                left -= h.size();
            } else {
                charged.put(h.rangeId(), prices.monthlyNetOf(h.kind(), h.size()));
            }
        }
        return charged;
    }
}
