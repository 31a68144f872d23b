package org.switchboard.platform.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Statuses as words a person uses, as {@code ${@words.status(...)}} on pages: any enum constant or
 * code; the ones with a better phrase than their name are listed (per kind of status where one
 * word means two things), the rest are written lower case with spaces.
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
            Map.entry("CREDIT_NOTE", "credit note"),
            Map.entry("OUTBOUND", "outgoing"),
            Map.entry("INBOUND", "incoming"),
            Map.entry("BYE_CALLER", "the caller hung up"),
            Map.entry("BYE_CALLEE", "the called party hung up"),
            Map.entry("BYE", "hung up"),
            Map.entry("CANCEL", "cancelled before it was answered"),
            Map.entry("NO_ANSWER", "not answered"),
            Map.entry("REJECT", "rejected"),
            Map.entry("TIMEOUT", "no answer in time"),
            Map.entry("LICENCE_LIMIT", "refused: every licence in use"),
            Map.entry("LICENCE_SUPPORT", "licence support"),
            Map.entry("FRAUD_AIRTIME", "blocked: daily airtime cap reached"),
            Map.entry("FRAUD_BLOCKED_RANGE", "blocked: number range not allowed"),
            Map.entry("FRAUD_CONCURRENT", "blocked: too many calls at once"),
            Map.entry("FRAUD_COUNTRY", "blocked: country not open"),
            Map.entry("FRAUD_RATE", "blocked: too many calls a minute"),
            Map.entry("PARTNER_SUPPORT", "partner support"),
            Map.entry("PortingStatus.DRAFT", "draft, not submitted"),
            Map.entry("PortingStatus.SUBMITTED", "submitted to the carrier"),
            Map.entry("PortingStatus.CONFIRMED", "date confirmed"),
            Map.entry("PortingStatus.COMPLETED", "ported in"),
            Map.entry("NumberState.ACTIVE", "in use"),
            Map.entry("NumberState.QUARANTINED", "in quarantine"));

    public String status(Object value) {
        if (value == null) {
            return "";
        }
        String code = value instanceof Enum<?> e ? e.name() : value.toString();
        if (value instanceof Enum<?> e) { // a phrase of this kind of status first: a porting order "submitted" is no direct debit
            String phrase = PHRASES.get(e.getDeclaringClass().getSimpleName() + "." + code);
            if (phrase != null) {
                return phrase;
            }
        }
        return PHRASES.getOrDefault(code, code.toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
