package org.switchboard.catalog.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.switchboard.catalog.CheaperAlternative;
import org.switchboard.catalog.EmployeeType;
import org.switchboard.catalog.PlanOffer;
import org.switchboard.catalog.PriceList;
import org.switchboard.catalog.PriceQuote;
import org.switchboard.catalog.SizingResult;
import org.switchboard.catalog.Tier;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The catalog's API bodies. Amounts are JSON numbers with exactly two decimals (89.00, not 89);
 * percentages and exact shares as short as they are exact (15, 12.5, 0.4).
 */
final class CatalogJson {

    private CatalogJson() {
    }

    record TierJson(int fromConcurrentUsers, Integer toConcurrentUsers, BigDecimal discountPercent, BigDecimal unitPrice) {

        static TierJson of(PriceList list, Tier tier) {
            return new TierJson(tier.from(), tier.to(), exact(tier.discountPercent()), list.unitPrice(tier).amount());
        }
    }

    record CheaperJson(int concurrentUsers, BigDecimal monthlyNet) {

        static CheaperJson of(CheaperAlternative alternative) {
            return new CheaperJson(alternative.concurrentUsers(), alternative.monthlyNet().amount());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QuoteJson(String plan, String planName, UUID priceListId, int priceListVersion, LocalDate effectiveFrom,
            int concurrentUsers, TierJson tier, BigDecimal discountPercent, BigDecimal listPrice, BigDecimal unitPrice,
            BigDecimal monthlyNet, BigDecimal annualNet, String currency, CheaperJson cheaperAlternative) {

        static QuoteJson of(PriceQuote quote) {
            Tier tier = quote.tier();
            return new QuoteJson(quote.plan().code(), quote.plan().label(), quote.priceListId().value(),
                    quote.priceListVersion(), quote.effectiveFrom(), quote.concurrentUsers(),
                    new TierJson(tier.from(), tier.to(), exact(tier.discountPercent()), quote.unitPrice().amount()),
                    exact(quote.discountPercent()), quote.listPrice().amount(), quote.unitPrice().amount(),
                    quote.monthlyNet().amount(), quote.annualNet().amount(),
                    quote.monthlyNet().currency().getCurrencyCode(),
                    quote.cheaperAlternative().map(CheaperJson::of).orElse(null));
        }
    }

    record PriceListJson(String plan, String planName, UUID priceListId, int priceListVersion, LocalDate effectiveFrom,
            BigDecimal listPrice, String currency, List<TierJson> tiers) {

        static PriceListJson of(PriceList list) {
            return new PriceListJson(list.plan().code(), list.plan().label(), list.id().value(), list.version(),
                    list.effectiveFrom(), list.listPrice().amount(), list.listPrice().currency().getCurrencyCode(),
                    list.tiers().stream().map(t -> TierJson.of(list, t)).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlanJson(String plan, String planName, boolean forSale, UUID priceListId, Integer priceListVersion,
            LocalDate effectiveFrom) {

        static PlanJson of(PlanOffer offer) {
            PriceList list = offer.priceList().orElse(null);
            return new PlanJson(offer.plan().code(), offer.plan().label(), offer.forSale(),
                    list == null ? null : list.id().value(), list == null ? null : list.version(),
                    list == null ? null : list.effectiveFrom());
        }
    }

    record ShareJson(int type, String field, String name, int count, BigDecimal occupancyPercent, BigDecimal share) {

        static ShareJson of(SizingResult.Share share) {
            EmployeeType type = share.type();
            return new ShareJson(type.number(), type.field(), type.label(), share.count(),
                    exact(share.occupancyPercent()), exact(share.concurrentUsers()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SizingJson(long employees, List<ShareJson> breakdown, BigDecimal exactConcurrentUsers, int concurrentUsers,
            String plan, QuoteJson quote, String quoteNote) {
    }

    /** 15.00 -> 15, 12.50 -> 12.5, 0.40 -> 0.4: the value, without trailing zeros or exponent. */
    static BigDecimal exact(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
