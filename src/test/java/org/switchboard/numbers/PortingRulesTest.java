package org.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.switchboard.numbers.PortingRequest.PortedNumbers;

class PortingRulesTest {

    static PortingRequest request(String company, String street, String holder, boolean whole, String customerNo) {
        return new PortingRequest(List.of(new PortedNumbers("+49691234567", 0), new PortedNumbers("+4969987654", 1)),
                whole, !whole, "Deutsche Telekom", company, street, "60311", "Frankfurt am Main", holder, customerNo,
                LocalDate.of(2038, 3, 24), false);
    }

    @Test
    void warnsOfWhatCommonlyGetsARequestRejected() {
        assertThat(request("Huber Logistik GmbH", "Hauptstraße 5", "Huber Logistik GmbH", true, "4711").warnings())
                .isEmpty();
        List<String> warnings = request("Huber Logistik", "Hauptstr. 5", "Max Huber", false, null).warnings();
        assertThat(warnings).anyMatch(w -> w.contains("no legal form"))
                .anyMatch(w -> w.contains("street contains an abbreviation (\"Hauptstr.\")"))
                .anyMatch(w -> w.contains("not listed here are cancelled"))
                .anyMatch(w -> w.contains("customer number"))
                .anyMatch(w -> w.contains("contract holder differs"));
        assertThat(request("Gebr. Huber e.K.", "Hauptstraße 5", "Gebr. Huber e.K.", true, "1").warnings())
                .hasSize(2).allMatch(w -> w.contains("contains an abbreviation (\"Gebr.\")"));
        assertThat(request("Huber & Co. KG", "Hauptstraße 5", "Huber & Co. KG", true, "1").warnings()).isEmpty();
        assertThat(request("Huber Holding Ltd.", "Hauptstraße 5", "Huber Holding Ltd.", true, "1").warnings()).isEmpty();
    }

    @Test
    void countsTheNumbersOfBlocks() {
        assertThat(request("A GmbH", "B", "A GmbH", true, "1").count()).isEqualTo(11);
    }

    @Test
    void theDateWindowCountsWorkingDaysWithoutWeekendsAndNationwideHolidays() {
        // Tuesday 2 March 2038: 15 working days later is Tuesday 23 March.
        LocalDate today = LocalDate.of(2038, 3, 2);
        assertThat(PortingCalendar.earliest(today)).isEqualTo(LocalDate.of(2038, 3, 23));
        // Easter 2038 is 25 April: Good Friday 23 April and Easter Monday 26 April are no working days.
        assertThat(PortingCalendar.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(PortingCalendar.workingDay(LocalDate.of(2038, 4, 23))).isFalse();
        assertThat(PortingCalendar.workingDay(LocalDate.of(2038, 4, 26))).isFalse();
        assertThat(PortingCalendar.workingDay(LocalDate.of(2038, 10, 4))).isTrue();
        // From Friday 9 April: 12-16, 19-22 (9 days; 23 and 26 April are holidays), 27-30 (13), 3 and 4 May (1 May is a Saturday)
        assertThat(PortingCalendar.earliest(LocalDate.of(2038, 4, 9))).isEqualTo(LocalDate.of(2038, 5, 4));
        assertThat(PortingCalendar.problem(LocalDate.of(2038, 3, 22), today, false)).contains("2038-03-23 or later");
        assertThat(PortingCalendar.problem(LocalDate.of(2038, 3, 23), today, false)).isNull();
        assertThat(PortingCalendar.problem(LocalDate.of(2038, 3, 27), today, false)).contains("not a working day");
        // 180 days after 2 March is Sunday 29 August: Friday 27 August is the latest working day
        assertThat(PortingCalendar.problem(LocalDate.of(2038, 8, 27), today, false)).isNull();
        assertThat(PortingCalendar.problem(LocalDate.of(2038, 8, 30), today, false)).contains("at most 180 days");
        assertThat(PortingCalendar.problem(LocalDate.of(2039, 1, 31), today, true)).isNull();
    }

    @Test
    void anUploadIsKnownByItsFirstBytes() {
        assertThat(SignedForms.typeOf("%PDF-1.7 ...".getBytes())).isEqualTo("application/pdf");
        assertThat(SignedForms.typeOf(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }))
                .isEqualTo("image/jpeg");
        assertThat(SignedForms.typeOf(PortingStoryIntegrationTest.PNG)).isEqualTo("image/png");
        assertThat(SignedForms.typeOf("GIF89a".getBytes())).isNull();
        assertThat(SignedForms.typeOf(new byte[0])).isNull();
    }

    @Test
    void trunkTemplateHostsAreNamesOrAddressesWithAnOptionalPort() {
        assertThat(TrunkTemplate.hostProblem("sip.telekom.de")).isNull();
        assertThat(TrunkTemplate.hostProblem("sip.telekom.de:5060")).isNull();
        assertThat(TrunkTemplate.hostProblem("192.0.2.10:5061")).isNull();
        assertThat(TrunkTemplate.hostProblem("[2001:db8::1]:5060")).isNull();
        assertThat(TrunkTemplate.hostProblem("sip telekom")).contains("not a host name");
        assertThat(TrunkTemplate.hostProblem("999.1.1.1")).contains("not a host name");
        assertThat(TrunkTemplate.hostProblem("sip.example.net:70000")).contains("no valid port");
        assertThat(TrunkTemplate.hostProblem("-bad-.example.net")).contains("not a host name");
        assertThat(TrunkTemplate.hostProblem("")).isEqualTo("is required");
    }
}
