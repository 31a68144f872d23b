/**
 * The portals' pages that bring several capabilities together: each role's dashboard ("what needs
 * me today") and the price of a subscription before the customer commits (the catalog's quote with
 * billing's VAT rule). It owns no data and no rule of its own; it only asks the modules below it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Portal")
package org.switchboard.portal;
