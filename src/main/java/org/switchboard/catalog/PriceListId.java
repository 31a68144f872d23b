package org.switchboard.catalog;

import java.util.Objects;
import java.util.UUID;

/** One version of one plan's price list; a subscription keeps the one it was sold on. */
public record PriceListId(UUID value) {

    public PriceListId {
        Objects.requireNonNull(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
