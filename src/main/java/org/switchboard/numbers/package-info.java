/**
 * Phone numbers: the inventory the platform holds from its carrier, orders of new numbers,
 * porting orders with their request form, and customers' external SIP trunks. Answers the SIP
 * core where a number routes ({@link org.switchboard.numbers.NumberRouting}). Asks instances and
 * catalog; billing asks it what numbers to charge through an interface billing defines.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Numbers")
package org.switchboard.numbers;
