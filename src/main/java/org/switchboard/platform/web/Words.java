package org.switchboard.platform.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Statuses as words a person uses, as {@code ${@words.status(...)}} on pages: any enum constant or
 * code; the ones with a better phrase than their name are listed, the rest are written lower case
 * with spaces.
 */
@Component("words")
public class Words {

    private static final Map<String, String> PHRASES = Map.ofEntries(
            Map.entry("TRIAL", "in trial"),
            Map.entry("ACTIVE", "subscribed"),
            Map.entry("CANCELLED", "cancelled, runs to the end of its term"),
            Map.entry("DEACTIVATED", "deactivated"),
            Map.entry("DELETED", "deleted"),
            Map.entry("NFR", "NFR (not for resale)"),
            Map.entry("SUBMITTED", "direct debit submitted"),
            Map.entry("COLLECTED", "paid"),
            Map.entry("RETURNED", "direct debit returned"),
            Map.entry("ISSUED", "issued, not paid out"),
            Map.entry("PAID", "paid out"),
            Map.entry("INVOICE", "invoice"),
            Map.entry("CREDIT_NOTE", "credit note"));

    public String status(Object value) {
        if (value == null) {
            return "";
        }
        String code = value instanceof Enum<?> e ? e.name() : value.toString();
        return PHRASES.getOrDefault(code, code.toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
