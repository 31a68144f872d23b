package org.switchboard.instances;

/** What customers ask of their instances, as the pages and the API fill it in. */
public final class InstanceCommands {

    private InstanceCommands() {
    }

    /** A new instance: a trial when {@code trial} is true, else a subscription with the billing details. */
    public record CreateInstance(String name, String subdomain, String country, Boolean trial, String plan,
            Integer concurrentUsers, String iban, String accountHolder, Boolean mandateAccepted) {
    }

    /** Billing details and what to buy: turns a trial into a subscription. */
    public record Subscribe(String plan, Integer concurrentUsers, String iban, String accountHolder,
            Boolean mandateAccepted) {
    }

    /** A new concurrent-user count (and optionally plan): more applies at once, fewer at the term end. */
    public record ChangeSubscription(Integer concurrentUsers, String plan) {
    }
}
