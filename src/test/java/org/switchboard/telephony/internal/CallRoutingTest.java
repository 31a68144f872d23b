package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.telephony.internal.CallRouting.Kind;
import org.switchboard.telephony.internal.CallRouting.Route;

class CallRoutingTest {

    private static final Set<String> EXTENSIONS = Set.of("100", "101", "900");

    private static Route route(String dialled, boolean deactivated, boolean carrier) {
        return CallRouting.route(dialled, "DE", deactivated, EXTENSIONS::contains, carrier);
    }

    @Test
    void anExtensionOfTheInstanceIsAnInternalCall() {
        assertThat(route("101", false, true)).isEqualTo(new Route(Kind.INTERNAL, "101"));
        assertThat(route("555", false, true).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void publicNumbersGoToTheCarrierInE164Form() {
        assertThat(route("030123456", false, true)).isEqualTo(new Route(Kind.EXTERNAL, "+4930123456"));
        assertThat(route("004930123456", false, true)).isEqualTo(new Route(Kind.EXTERNAL, "+4930123456"));
        assertThat(route("+33142685300", false, true)).isEqualTo(new Route(Kind.EXTERNAL, "+33142685300"));
        assertThat(route("+4930123456", false, false).kind()).isEqualTo(Kind.NO_TRUNK);
    }

    @Test
    void emergencyNumbersAlwaysGoOutEvenFromADeactivatedInstance() {
        assertThat(route("112", false, true)).isEqualTo(new Route(Kind.EMERGENCY, "112"));
        assertThat(route("110", true, true)).isEqualTo(new Route(Kind.EMERGENCY, "110"));
        assertThat(route("+49112", true, true).kind()).isEqualTo(Kind.EMERGENCY);
        assertThat(route("+4930123456", true, true).kind()).isEqualTo(Kind.DEACTIVATED);
        assertThat(route("101", true, true).kind()).isEqualTo(Kind.DEACTIVATED);
    }

    @Test
    void whatIsNotANumberIsNotFound() {
        assertThat(route("alice", false, true).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(route(null, false, true).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(route("+0123", false, true).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(route("1".repeat(30), false, true).kind()).isEqualTo(Kind.NOT_FOUND);
    }

    @Test
    void theAnswersKeptPerCountryAndStringAreTheSameAsAskedAfresh() {
        // 112 is an emergency number in Germany and Austria, 133 in Austria alone
        assertThat(CallRouting.route("133", "AT", false, EXTENSIONS::contains, true).kind()).isEqualTo(Kind.EMERGENCY);
        assertThat(CallRouting.route("133", "DE", false, EXTENSIONS::contains, true).kind()).isEqualTo(Kind.NOT_FOUND);
        assertThat(CallRouting.route("133", "AT", false, EXTENSIONS::contains, true).kind()).isEqualTo(Kind.EMERGENCY);
        assertThat(CallRouting.route("0301234567", "AT", false, EXTENSIONS::contains, true).target())
                .isEqualTo("+43301234567");
        assertThat(CallRouting.route("0301234567", "DE", false, EXTENSIONS::contains, true).target())
                .isEqualTo("+49301234567");
        for (int i = 0; i < CallRouting.MAX_NUMBERS + 10; i++) { // more than are kept: still right
            assertThat(CallRouting.route("030" + (1_000_000 + i), "DE", false, EXTENSIONS::contains, true).target())
                    .isEqualTo("+4930" + (1_000_000 + i));
        }
        assertThat(route("112", true, true)).isEqualTo(new Route(Kind.EMERGENCY, "112"));
    }

    @Test
    void dialableIsOneToTwentyDigitsWithAnOptionalPlus() {
        assertThat(CallRouting.dialable("+")).isFalse();
        assertThat(CallRouting.dialable("")).isFalse();
        assertThat(CallRouting.dialable("+1")).isTrue();
        assertThat(CallRouting.dialable("1".repeat(20))).isTrue();
        assertThat(CallRouting.dialable("+" + "1".repeat(20))).isTrue();
        assertThat(CallRouting.dialable("1".repeat(21))).isFalse();
        assertThat(CallRouting.dialable("12a")).isFalse();
        assertThat(CallRouting.dialable("++1")).isFalse();
        assertThat(CallRouting.dialable("1+2")).isFalse();
    }
}
