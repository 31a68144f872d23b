package org.switchboard.platform;

/**
 * Marks a problem that concerns a whole page rather than one field of a form (a link from an
 * e-mail that no longer works): pages show it on a page of its own.
 */
public interface ShownAsPage {
}
