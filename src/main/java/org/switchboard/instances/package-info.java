/**
 * Phone-system instances of customers: 30-day trials, annual subscriptions paid by SEPA direct
 * debit, immediate upgrades, downgrades and cancellations at term end, renewal, deactivation and
 * deletion. Answers how many concurrent users an instance is licensed for at any instant, and
 * tells other modules of every change through events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Instances")
package org.switchboard.instances;
