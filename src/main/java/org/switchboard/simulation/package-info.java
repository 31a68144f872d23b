/**
 * A simulated year of the business: partners, customers, phone systems, calls and the monthly
 * runs, driven through the other modules' services with the clock moving through the period; its
 * own ledger of what it did, the amounts computed from the product's rules by plain arithmetic,
 * and a reconciliation against what the application invoiced, credited, stated and paid out.
 * Used as the strongest money test, as a benchmark and as demo data (docs/simulation.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Simulation")
package org.switchboard.simulation;
