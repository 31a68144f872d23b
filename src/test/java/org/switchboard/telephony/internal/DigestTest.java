package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.internal.Digest.Algorithm;

class DigestTest {

    // RFC 7616 section 3.9.1: the same request answered with SHA-256 and with MD5
    private static final String USER = "Mufasa";
    private static final String REALM = "http-auth@example.org";
    private static final String PASSWORD = "Circle of Life";
    private static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void sha256MatchesTheRfc7616TestVector() {
        String ha1 = Digest.ha1(Algorithm.SHA_256, USER, REALM, PASSWORD);
        assertThat(Digest.response(Algorithm.SHA_256, ha1, NONCE, "00000001", CNONCE, "auth", "GET", "/dir/index.html"))
                .isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
    }

    @Test
    void md5MatchesTheRfc7616TestVector() {
        String ha1 = Digest.ha1(Algorithm.MD5, USER, REALM, PASSWORD);
        assertThat(Digest.response(Algorithm.MD5, ha1, NONCE, "00000001", CNONCE, "auth", "GET", "/dir/index.html"))
                .isEqualTo("8ca523f5e9506fed4657c9700eebdbec");
    }

    @Test
    void readsTheParametersOfAnAuthorizationHeaderQuotedOrNot() {
        Map<String, String> p = Digest.params("Digest username=\"100-ab\",realm=\"a.sip.example\", nonce=\"x,y\","
                + " uri=\"sip:a.sip.example\", response=\"abc\", algorithm=SHA-256, qop=auth, nc=00000001,"
                + " cnonce=\"c\"");
        assertThat(p).containsEntry("username", "100-ab").containsEntry("nonce", "x,y")
                .containsEntry("algorithm", "SHA-256").containsEntry("nc", "00000001").containsEntry("cnonce", "c");
        assertThat(Digest.params("Basic abc")).isEmpty();
        assertThat(Digest.params("Digest nonce=\"unterminated")).isEmpty();
    }

    @Test
    void algorithmsAreKnownByTheirTokensAndMd5IsTheDefault() {
        assertThat(Algorithm.of(null)).isEqualTo(Algorithm.MD5);
        assertThat(Algorithm.of("sha-256")).isEqualTo(Algorithm.SHA_256);
        assertThat(Algorithm.of("SHA-512-256")).isNull();
    }
}
