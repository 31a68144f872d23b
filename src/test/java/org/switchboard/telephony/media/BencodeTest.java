package org.switchboard.telephony.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.media.Bencode.BencodeException;

class BencodeTest {

    @Test
    void encodesStringsIntegersListsAndDictionariesWithSortedKeys() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "offer");
        m.put("call-id", "abc");
        m.put("flags", List.of("trust-address", 7L));
        m.put("ICE", "force");
        assertThat(ascii(Bencode.encode(m)))
                .isEqualTo("d3:ICE5:force7:call-id3:abc7:command5:offer5:flagsl13:trust-addressi7eee");
        assertThat(ascii(Bencode.encode(-42L))).isEqualTo("i-42e");
        assertThat(ascii(Bencode.encode(""))).isEqualTo("0:");
        assertThat(Bencode.encode("\u00e9")).containsExactly('2', ':', 0xc3, 0xa9);
    }

    @Test
    void decodesWhatItEncodesAndAnSdpWithLineBreaks() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 0\r\n";
        Map<String, Object> m = Map.of("result", "ok", "sdp", sdp, "created", 1700000000L,
                "list", List.of(List.of(), Map.of("a", 1L)));
        assertThat(Bencode.decode(Bencode.encode(m))).isEqualTo(m);
        byte[] reply = "d6:result4:ponge".getBytes(StandardCharsets.US_ASCII);
        assertThat(Bencode.decodeDictionary(reply, 0, reply.length)).containsEntry("result", "pong");
    }

    @Test
    void refusesWhatIsNotBencode() {
        for (String bad : List.of("", "d", "i12", "ie", "i1x2e", "5:abc", "d3:keye", "di1ei2ee", "l", "x", "i1ei2e",
                "-1:", "99999999999999999999:")) {
            assertThatThrownBy(() -> Bencode.decode(bad.getBytes(StandardCharsets.US_ASCII))).as(bad)
                    .isInstanceOf(BencodeException.class);
        }
        assertThatThrownBy(() -> Bencode.decode("l".repeat(100).getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("deeply");
        assertThatThrownBy(() -> Bencode.encode(Map.of("k", 1.5))).isInstanceOf(BencodeException.class);
    }

    @Test
    void aReplyIsTakenOnlyForItsOwnCookie() {
        byte[] reply = "c0ffee d6:result2:oke".getBytes(StandardCharsets.US_ASCII);
        assertThat(NgClient.replyTo("c0ffee", reply, reply.length)).containsEntry("result", "ok");
        assertThat(NgClient.replyTo("other", reply, reply.length)).isNull();
        assertThat(NgClient.address("udp:127.0.0.1:22222").getPort()).isEqualTo(22222);
        assertThat(NgClient.address("[::1]:2223").getAddress().isLoopbackAddress()).isTrue();
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
