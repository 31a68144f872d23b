/**
 * Outgoing e-mail. Every mail is kept in an outbox, in the same transaction as the change that
 * caused it; it is delivered over SMTP when {@code spring.mail.host} is set, and operators can
 * always read it on the outbox page and at {@code GET /api/v1/outbox}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package org.switchboard.mail;
