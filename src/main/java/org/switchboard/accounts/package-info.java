/**
 * Operators, partners, customers and their users; roles, login, invitations, registration,
 * e-mail verification and password reset. Its top-level types are what other modules may use:
 * {@link org.switchboard.accounts.CurrentUser} for tenant and role checks, and the use cases
 * {@link org.switchboard.accounts.Registration}, {@link org.switchboard.accounts.CustomerInvitations},
 * {@link org.switchboard.accounts.InvitationAcceptance}, {@link org.switchboard.accounts.CredentialManagement}
 * and {@link org.switchboard.accounts.AccountManagement} (partners and customers as a user may see them).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts")
package org.switchboard.accounts;
