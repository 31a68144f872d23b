package org.switchboard.telephony.sip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A From, To, Contact or Route value: an optional display name, the URI and the header's parameters. */
public record NameAddress(String display, String uri, Map<String, String> params) {

    /** Reads a name-addr or addr-spec with its parameters, or {@code null} when a {@code <} is not closed. */
    public static NameAddress parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value;
        int from = Via.trimStart(v, 0, v.length());
        int to = Via.trimEnd(v, from, v.length());
        String display = null;
        String uri;
        int rest;
        int lt = v.indexOf('<', from);
        if (lt >= 0 && lt < to) {
            int gt = v.indexOf('>', lt);
            if (gt < 0 || gt >= to) {
                return null;
            }
            int dTo = Via.trimEnd(v, from, lt);
            display = dTo > from ? v.substring(from, dTo) : null;
            int uFrom = Via.trimStart(v, lt + 1, gt);
            uri = v.substring(uFrom, Via.trimEnd(v, uFrom, gt));
            rest = gt + 1;
        } else {
            int semi = v.indexOf(';', from);
            int uTo = semi < 0 || semi >= to ? to : semi;
            uri = v.substring(from, uTo);
            rest = uTo;
        }
        Map<String, String> params = new LinkedHashMap<>(4);
        for (int p = v.indexOf(';', rest); p >= 0 && p < to;) {
            int next = v.indexOf(';', p + 1);
            int pTo = next < 0 || next > to ? to : next;
            int kFrom = Via.trimStart(v, p + 1, pTo);
            int kTo = Via.trimEnd(v, kFrom, pTo);
            if (kFrom < kTo) {
                int eq = v.indexOf('=', kFrom);
                if (eq < 0 || eq >= kTo) {
                    params.put(v.substring(kFrom, kTo).toLowerCase(Locale.ROOT), "");
                } else {
                    int valFrom = Via.trimStart(v, eq + 1, kTo);
                    params.put(v.substring(kFrom, Via.trimEnd(v, kFrom, eq)).toLowerCase(Locale.ROOT),
                            unquote(v.substring(valFrom, kTo)));
                }
            }
            p = next < 0 || next >= to ? -1 : next;
        }
        return new NameAddress(display, uri, Collections.unmodifiableMap(params));
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
