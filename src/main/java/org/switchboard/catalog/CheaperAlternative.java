package org.switchboard.catalog;

/** A larger concurrent-user count that costs less per month than the one asked for. */
public record CheaperAlternative(int concurrentUsers, Money monthlyNet) {
}
