package org.switchboard.telephony.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.switchboard.numbers.TrunkTemplate.CallerIdHeader;
import org.switchboard.telephony.sip.SipMessage;

/**
 * The number a call to the public network presents (the caller's number from the numbers module,
 * E.164), in the header the trunk expects: {@code P-Asserted-Identity}, {@code P-Preferred-Identity},
 * {@code Remote-Party-ID}, or the user part of {@code From} (the tag kept; the caller's own From comes
 * back to it in every response).
 */
record CallerIdentity(String number, CallerIdHeader header) {

    private static final Pattern FROM_USER = Pattern.compile("(sips?:)[^@;>]*@");

    static CallerIdHeader header(String name) {
        try {
            return CallerIdHeader.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return CallerIdHeader.P_ASSERTED_IDENTITY;
        }
    }

    /** Puts the number into {@code invite}, a copy forwarded to the trunk; {@code domain}: the caller's. */
    void presentIn(SipMessage invite, String domain) {
        String uri = "<sip:" + number + "@" + domain + ">";
        switch (header) {
            case P_ASSERTED_IDENTITY -> invite.set("P-Asserted-Identity", uri);
            case P_PREFERRED_IDENTITY -> invite.set("P-Preferred-Identity", uri);
            case REMOTE_PARTY_ID -> invite.set("Remote-Party-ID", uri + ";party=calling;screen=yes;privacy=off");
            case FROM -> {
                String from = invite.headerOrNull("From");
                Matcher m = FROM_USER.matcher(from);
                if (m.find()) {
                    invite.set("From", from.substring(0, m.start()) + m.group(1) + number + "@"
                            + from.substring(m.end()));
                }
            }
        }
    }

    /** A response on its way back to the caller carries the caller's own From again. */
    void restoreIn(SipMessage response, SipMessage callerInvite) {
        if (header == CallerIdHeader.FROM) {
            response.set("From", callerInvite.headerOrNull("From"));
        }
    }
}
