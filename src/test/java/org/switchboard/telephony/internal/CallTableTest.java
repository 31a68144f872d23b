package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.sip.SipMessage;
import org.switchboard.telephony.sip.SipParser;

/**
 * The final answers the call table keeps for retransmitted INVITEs: kept as sent, read back as the
 * same message, found by Call-ID and branch only, and bounded.
 */
class CallTableTest {

    private final CallTable table = new CallTable(null, null);

    @Test
    void aFinalAnswerIsReadBackAsItWasSentForItsInviteOnly() throws Exception {
        SipMessage invite = invite("call-1", "z9hG4bK-a");
        SipMessage busy = SipReplies.reply(invite, 486, "Busy Here").add("Warning", "399 example.test \"Busy\"");
        table.rememberFinal(invite, busy);

        SipMessage again = table.finalAnswerTo("call-1", "z9hG4bK-a");
        assertThat(again).isNotNull();
        assertThat(again.status()).isEqualTo(486);
        assertThat(new String(again.encode(), StandardCharsets.UTF_8))
                .isEqualTo(new String(busy.encode(), StandardCharsets.UTF_8));
        assertThat(table.answeredFinally("call-1", "z9hG4bK-a")).isTrue();

        assertThat(table.finalAnswerTo("call-1", "z9hG4bK-b")).as("another branch: another INVITE").isNull();
        assertThat(table.answeredFinally("call-2", "z9hG4bK-a")).isFalse();
    }

    @Test
    void onlyTheLatestTwentyThousandAnswersAreKept() throws Exception {
        for (int i = 0; i < 20_001; i++) {
            SipMessage invite = invite("call-" + i, "z9hG4bK-" + i);
            table.rememberFinal(invite, SipReplies.reply(invite, 487, "Request Terminated"));
        }
        assertThat(table.answeredFinally("call-0", "z9hG4bK-0")).as("the oldest, forgotten").isFalse();
        assertThat(table.answeredFinally("call-1", "z9hG4bK-1")).isTrue();
        assertThat(table.finalAnswerTo("call-20000", "z9hG4bK-20000").status()).isEqualTo(487);
    }

    private static SipMessage invite(String callId, String branch) throws Exception {
        String text = "INVITE sip:144@example.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:100@example.test>;tag=1\r\n"
                + "To: <sip:144@example.test>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return SipParser.parseDatagram(bytes, bytes.length);
    }
}
