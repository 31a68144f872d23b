/**
 * Operators, partners, customers and their users; roles, login, invitations, registration,
 * e-mail verification and password reset. Its top-level types are what other modules may use:
 * {@link org.switchboard.accounts.CurrentUser} for tenant checks and
 * {@link org.switchboard.accounts.AccountManagement} for the use cases.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.switchboard.accounts;
