package org.switchboard.telephony.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.switchboard.connector.ServiceRanges;
import org.switchboard.telephony.internal.TollFraudPolicy.Guards;
import org.switchboard.telephony.internal.TollFraudPolicy.Refusal;
import org.switchboard.telephony.internal.TollFraudPolicy.Usage;

class TollFraudPolicyTest {

    private final Guards guards = new Guards(Set.of("FR", "AT"), List.of("+49900", "+49137", "+49180"), 5, 2, 60);

    private String refusal(String e164, Set<String> opened, int recent, int live, long airtime) {
        return TollFraudPolicy.check(e164, "DE", guards, new Usage(opened, recent, live, airtime)).map(Refusal::code)
                .orElse(null);
    }

    private String refusal(String e164, int recent, int live) {
        return refusal(e164, Set.of(), recent, live, 0);
    }

    @Test
    void theHomeCountryIsOpenOtherCountriesOnlyWhenOpenedAndOnlyThoseTheOperatorAllows() {
        assertThat(refusal("+4930123456", 0, 0)).isNull();
        assertThat(refusal("+33142685300", 0, 0)).as("not opened").isEqualTo("FRAUD_COUNTRY");
        assertThat(refusal("+33142685300", Set.of("FR"), 0, 0, 0)).as("opened").isNull();
        assertThat(refusal("+442079460000", Set.of("GB"), 0, 0, 0)).as("opened, but the operator does not allow it")
                .isEqualTo("FRAUD_COUNTRY");
        assertThat(refusal("+882123456", Set.of("FR"), 0, 0, 0)).as("no country").isEqualTo("FRAUD_COUNTRY");
    }

    @Test
    void aCustomerAdminOpensOnlyWhatTheOperatorAllows() {
        assertThat(TollFraudPolicy.openingProblem("FR", "DE", guards.openableCountries())).isNull();
        assertThat(TollFraudPolicy.openingProblem("GB", "DE", guards.openableCountries()))
                .contains("cannot be opened").contains("AT, FR");
        assertThat(TollFraudPolicy.openingProblem("DE", "DE", guards.openableCountries())).contains("home country");
        assertThat(TollFraudPolicy.openingProblem("France", "DE", guards.openableCountries()))
                .contains("not a country code");
        assertThat(TollFraudPolicy.openingProblem("FR", "DE", Set.of())).contains("no country besides");
    }

    @Test
    void premiumRateAndServiceRangesAreBlockedByPrefixEvenAtHome() {
        assertThat(refusal("+499001234567", 0, 0)).isEqualTo("FRAUD_BLOCKED_RANGE");
        assertThat(refusal("+491371234567", 0, 0)).isEqualTo("FRAUD_BLOCKED_RANGE");
        assertThat(refusal("+49180123456", 0, 0)).isEqualTo("FRAUD_BLOCKED_RANGE");
    }

    @Test
    void everyRangeBillingLeavesUnratedIsBlockedAtSetUpUnlessTheOperatorLetsItThrough() {
        Guards defaults = new Guards(Set.of(), List.of(), 5, 2, 0);
        assertThat(ServiceRanges.all()).hasSizeGreaterThan(30);
        for (ServiceRanges.Range range : ServiceRanges.all()) {
            String number = range.e164Prefix() + "1234567";
            assertThat(ServiceRanges.rangeOf(number)).as("billing's range of " + number).isPresent();
            String byDefault = code(number, defaults);
            if (range.freephone()) {
                assertThat(byDefault).as(number + " (freephone, let through by default)")
                        .isNotEqualTo("FRAUD_BLOCKED_RANGE");
            } else {
                assertThat(byDefault).as(number + " " + range.description()).isEqualTo("FRAUD_BLOCKED_RANGE");
            }
            assertThat(code(number, new Guards(Set.of(), List.of(), 5, 2, 0, List.of(range.e164Prefix()))))
                    .as(number + " let through by the operator").isNotEqualTo("FRAUD_BLOCKED_RANGE");
            assertThat(code(number, new Guards(Set.of(), List.of(), 5, 2, 0, List.of())))
                    .as(number + " with nothing let through").isEqualTo("FRAUD_BLOCKED_RANGE");
        }
        assertThat(TollFraudPolicy.check("+497001234567", "DE", defaults, new Usage(Set.of(), 0, 0, 0))
                .orElseThrow().sentence()).contains("+49700").contains("personal number (0700)");
    }

    private static String code(String e164, Guards guards) {
        return TollFraudPolicy.check(e164, "DE", guards, new Usage(Set.of(), 0, 0, 0)).map(Refusal::code).orElse(null);
    }

    @Test
    void theOperatorsOwnPrefixesBlockOnTopOfTheRanges() {
        Guards guards = new Guards(Set.of(), List.of("+4930999"), 5, 2, 0);
        assertThat(TollFraudPolicy.check("+4930999123", "DE", guards, new Usage(Set.of(), 0, 0, 0)).map(Refusal::code))
                .contains("FRAUD_BLOCKED_RANGE");
        assertThat(TollFraudPolicy.check("+4930123456", "DE", guards, new Usage(Set.of(), 0, 0, 0))).isEmpty();
    }

    @Test
    void aDeviceCallingTooOftenAndAnInstanceWithTooManyCallsAreStopped() {
        assertThat(refusal("+4930123456", 4, 1)).isNull();
        assertThat(refusal("+4930123456", 5, 0)).isEqualTo("FRAUD_RATE");
        assertThat(refusal("+4930123456", 0, 2)).isEqualTo("FRAUD_CONCURRENT");
        assertThat(TollFraudPolicy.check("+4930123456", "DE", guards, new Usage(Set.of(), 0, 2, 0)).orElseThrow()
                .sentence()).contains("2 calls to the public network at once");
    }

    @Test
    void theDailyAirtimeCapStopsCallsOnceReachedAndZeroMeansNoCap() {
        assertThat(refusal("+4930123456", Set.of(), 0, 0, 60 * 60 - 1)).isNull();
        assertThat(refusal("+4930123456", Set.of(), 0, 0, 60 * 60)).isEqualTo("FRAUD_AIRTIME");
        Guards uncapped = new Guards(Set.of(), guards.blockedPrefixes(), 5, 2, 0);
        assertThat(TollFraudPolicy.check("+4930123456", "DE", uncapped, new Usage(Set.of(), 0, 0, 1_000_000)))
                .isEmpty();
    }
}
