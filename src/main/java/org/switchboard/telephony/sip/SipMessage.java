package org.switchboard.telephony.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One SIP request or response (RFC 3261): the start line, the headers in their order (a header
 * listing several values, as Via or Contact may, is kept as one entry per value) and the body.
 * Header names are kept in their full form; compact forms are expanded when parsed
 * ({@link HeaderNames}); {@link SipEncoder} writes the message out.
 * <p>
 * Why this class is large: a message keeps its parsed Via, From, To and CSeq with its headers, so
 * that the hot path parses each once; the accessors and the cache belong together.
 */
public final class SipMessage {

    /** The headers a response copies from its request (RFC 3261 8.2.6), in this order. */
    private static final String[] RESPONSE_COPIES = { HeaderNames.VIA, HeaderNames.RECORD_ROUTE, HeaderNames.FROM,
            HeaderNames.TO, HeaderNames.CALL_ID, HeaderNames.CSEQ };

    private final String method;
    private final String requestUri;
    private final int status;
    private final String reason;
    private final ArrayList<String[]> headers = new ArrayList<>(12);
    private byte[] body;
    private String authenticatedUser;
    /**
     * What the hot path parses again and again, parsed once; each forgotten when a header of its
     * name changes, and handed on to a copy (they do not change).
     */
    private Via topVia;
    private NameAddress from;
    private NameAddress to;
    private CSeq cseq;
    private boolean viaParsed;
    private boolean fromParsed;
    private boolean toParsed;
    private boolean cseqParsed;
    private SipUri requestSipUri;

    private SipMessage(String method, String requestUri, int status, String reason) {
        this.method = method;
        this.requestUri = requestUri;
        this.status = status;
        this.reason = reason;
        this.body = new byte[0];
    }

    public static SipMessage request(String method, String requestUri) {
        return new SipMessage(method, requestUri, 0, null);
    }

    public static SipMessage response(int status, String reason) {
        return new SipMessage(null, null, status, reason);
    }

    /** A response to {@code request} with the headers RFC 3261 8.2.6 copies (Via, From, To, Call-ID, CSeq). */
    public static SipMessage responseTo(SipMessage request, int status, String reason) {
        SipMessage r = response(status, reason);
        boolean recordRoute = status >= 180 && status < 300;
        List<String[]> from = request.headers;
        for (String name : RESPONSE_COPIES) {
            if (name == HeaderNames.RECORD_ROUTE && !recordRoute) {
                continue;
            }
            for (int i = 0, size = from.size(); i < size; i++) {
                String[] h = from.get(i);
                if (h[0].equals(name)) {
                    r.addCanonical(name, h[1]);
                }
            }
        }
        return r;
    }

    /** A copy to be changed and sent on: a proxy never changes what it received. */
    public SipMessage copy() {
        return copyWith(requestUri);
    }

    public SipMessage withRequestUri(String uri) {
        return copyWith(uri);
    }

    private SipMessage copyWith(String uri) {
        SipMessage m = new SipMessage(method, uri, status, reason);
        ArrayList<String[]> to = m.headers;
        to.ensureCapacity(headers.size() + 2);
        for (int i = 0, size = headers.size(); i < size; i++) {
            String[] h = headers.get(i);
            to.add(new String[] { h[0], h[1] });
        }
        m.body = body;
        m.topVia = topVia;
        m.viaParsed = viaParsed;
        m.from = from;
        m.fromParsed = fromParsed;
        m.to = this.to;
        m.toParsed = toParsed;
        m.cseq = cseq;
        m.cseqParsed = cseqParsed;
        return m;
    }

    public boolean isRequest() {
        return method != null;
    }

    public String method() {
        return method;
    }

    public String requestUri() {
        return requestUri;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public byte[] body() {
        return body;
    }

    public SipMessage body(String contentType, byte[] content) {
        this.body = content == null ? new byte[0] : content;
        set("Content-Type", contentType);
        return this;
    }

    /**
     * The device ({@code user@domain}) whose identity the transport itself established for this
     * received message, e.g. a WebSocket opened in a signed-in session; {@code null} when the
     * message must prove itself with digest credentials. Never read from the wire and never copied.
     */
    public String authenticatedUser() {
        return authenticatedUser;
    }

    public SipMessage authenticatedUser(String userAtDomain) {
        this.authenticatedUser = userAtDomain;
        return this;
    }

    void rawBody(byte[] content) {
        this.body = content;
    }

    /** The one spelling of a header name the layer compares (compact forms expanded). */
    public static String canonical(String name) {
        return HeaderNames.canonical(name);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headerOrNull(name));
    }

    public String headerOrNull(String name) {
        String n = canonical(name);
        for (int i = 0, size = headers.size(); i < size; i++) {
            String[] h = headers.get(i);
            if (h[0].equals(n)) {
                return h[1];
            }
        }
        return null;
    }

    public List<String> headers(String name) {
        String n = canonical(name);
        List<String> values = new ArrayList<>(2);
        for (String[] h : headers) {
            if (h[0].equals(n)) {
                values.add(h[1]);
            }
        }
        return values;
    }

    public SipMessage add(String name, String value) {
        return addCanonical(canonical(name), value);
    }

    /** Adds a header whose name is canonical already (the parser's). */
    SipMessage addCanonical(String canonicalName, String value) {
        changed(canonicalName);
        headers.add(new String[] { canonicalName, value });
        return this;
    }

    /** Forgets what was parsed of the header {@code n} (canonical). */
    private void changed(String n) {
        if (n == HeaderNames.VIA) {
            viaParsed = false;
        } else if (n == HeaderNames.FROM) {
            fromParsed = false;
        } else if (n == HeaderNames.TO) {
            toParsed = false;
        } else if (n == HeaderNames.CSEQ) {
            cseqParsed = false;
        }
    }

    /** Adds a header before every other of its name (a Via, a Record-Route). */
    public SipMessage addFirst(String name, String value) {
        String n = canonical(name);
        changed(n);
        int at = headers.size();
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equals(n)) {
                at = i;
                break;
            }
        }
        headers.add(at, new String[] { n, value });
        return this;
    }

    public SipMessage set(String name, String value) {
        String n = canonical(name);
        changed(n);
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equals(n)) {
                headers.get(i)[1] = value;
                for (int j = headers.size() - 1; j > i; j--) {
                    if (headers.get(j)[0].equals(n)) {
                        headers.remove(j);
                    }
                }
                return this;
            }
        }
        headers.add(new String[] { n, value });
        return this;
    }

    /** Replaces the value of the first header of that name, leaving the others (a proxy's stamp on a Via). */
    public SipMessage replaceFirst(String name, String value) {
        String n = canonical(name);
        changed(n);
        for (String[] h : headers) {
            if (h[0].equals(n)) {
                h[1] = value;
                return this;
            }
        }
        return add(n, value);
    }

    public SipMessage remove(String name) {
        String n = canonical(name);
        changed(n);
        headers.removeIf(h -> h[0].equals(n));
        return this;
    }

    /** Removes the first header of that name (the top Via of a response a proxy sends on). */
    public SipMessage removeFirst(String name) {
        String n = canonical(name);
        changed(n);
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equals(n)) {
                headers.remove(i);
                return this;
            }
        }
        return this;
    }

    public String callId() {
        return headerOrNull(HeaderNames.CALL_ID);
    }

    public CSeq cseq() {
        if (!cseqParsed) {
            cseq = CSeq.parse(headerOrNull(HeaderNames.CSEQ));
            cseqParsed = true;
        }
        return cseq;
    }

    public Via topVia() {
        if (!viaParsed) {
            String v = headerOrNull(HeaderNames.VIA);
            topVia = v == null ? null : Via.parse(v);
            viaParsed = true;
        }
        return topVia;
    }

    public NameAddress from() {
        if (!fromParsed) {
            String f = headerOrNull(HeaderNames.FROM);
            from = f == null ? null : NameAddress.parse(f);
            fromParsed = true;
        }
        return from;
    }

    public NameAddress to() {
        if (!toParsed) {
            String t = headerOrNull(HeaderNames.TO);
            to = t == null ? null : NameAddress.parse(t);
            toParsed = true;
        }
        return to;
    }

    /** The Request-URI as a SIP URI ({@code null}: not a sip: or sips: URI, or a response), parsed once. */
    public SipUri requestSipUri() {
        if (requestSipUri == null && requestUri != null) {
            requestSipUri = SipUri.parse(requestUri);
        }
        return requestSipUri;
    }

    /** The method a response answers (from its CSeq), or the request's own. */
    public String cseqMethod() {
        CSeq c = cseq();
        return c == null ? method : c.method();
    }

    public byte[] encode() {
        return SipEncoder.encode(this, headers);
    }

    @Override
    public String toString() {
        return new String(encode(), StandardCharsets.UTF_8);
    }

    List<String[]> rawHeaders() {
        viaParsed = false;
        fromParsed = false;
        toParsed = false;
        cseqParsed = false;
        return headers;
    }

    /** The CSeq header: sequence number and method. */
    public record CSeq(long number, String method) {
        public static CSeq parse(String value) {
            if (value == null) {
                return null;
            }
            String v = value.trim();
            int space = 0;
            while (space < v.length() && !Character.isWhitespace(v.charAt(space))) {
                space++;
            }
            int method = space;
            while (method < v.length() && Character.isWhitespace(v.charAt(method))) {
                method++;
            }
            if (space == 0 || method == v.length()) {
                return null;
            }
            for (int i = method; i < v.length(); i++) {
                if (Character.isWhitespace(v.charAt(i))) {
                    return null; // more than two parts
                }
            }
            try {
                long n = Long.parseLong(v, 0, space, 10);
                return n < 0 || n > 0xFFFFFFFFL ? null : new CSeq(n, v.substring(method));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return number + " " + method;
        }
    }
}
