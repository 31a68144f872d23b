package org.switchboard.telephony.sip;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A From, To, Contact or Route value: an optional display name, the URI and the header's parameters. */
public record NameAddress(String display, String uri, Map<String, String> params) {

    public static NameAddress parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        String display = null;
        String uri;
        String rest;
        int lt = v.indexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            display = v.substring(0, lt).trim();
            uri = v.substring(lt + 1, gt).trim();
            rest = v.substring(gt + 1);
        } else {
            int semi = v.indexOf(';');
            uri = semi < 0 ? v : v.substring(0, semi);
            rest = semi < 0 ? "" : v.substring(semi);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String p : rest.split(";")) {
            String t = p.trim();
            if (t.isEmpty()) {
                continue;
            }
            int eq = t.indexOf('=');
            if (eq < 0) {
                params.put(t.toLowerCase(Locale.ROOT), "");
            } else {
                params.put(t.substring(0, eq).trim().toLowerCase(Locale.ROOT), unquote(t.substring(eq + 1).trim()));
            }
        }
        return new NameAddress(display == null || display.isEmpty() ? null : display, uri, params);
    }

    static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    public SipUri sipUri() {
        return SipUri.parse(uri);
    }

    public String tag() {
        return params.get("tag");
    }

    public String param(String name) {
        return params.get(name);
    }
}
