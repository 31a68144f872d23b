package org.switchboard.catalog;

import java.util.Objects;
import java.util.Optional;

/** A plan with the price list in force on a day; without one it is not for sale (yet). */
public record PlanOffer(Plan plan, Optional<PriceList> priceList) {

    public PlanOffer {
        Objects.requireNonNull(plan);
        Objects.requireNonNull(priceList);
    }

    public boolean forSale() {
        return priceList.isPresent();
    }
}
