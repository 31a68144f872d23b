/**
 * Plans, versioned price lists with volume tiers, price quotes and the sizing rule (how many
 * concurrent users a customer needs). Other modules ask {@link org.switchboard.catalog.Catalog}
 * for a {@link org.switchboard.catalog.PriceQuote} and keep the
 * {@link org.switchboard.catalog.PriceListId} it was made from.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog")
package org.switchboard.catalog;
