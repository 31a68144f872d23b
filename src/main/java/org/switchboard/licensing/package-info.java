/**
 * The concurrent-user licence: subjects (employees and function extensions) of an instance, the
 * admission rules ({@link org.switchboard.licensing.LicencePolicy}), the licences they hold
 * ({@link org.switchboard.licensing.LicencePool}), the connector API a phone system reports its
 * sessions, pairings and calls to, the history of every admission, refusal and release, and the
 * sizing advice drawn from it. Asks instances for the pool size; never reads their tables.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Licensing")
package org.switchboard.licensing;
