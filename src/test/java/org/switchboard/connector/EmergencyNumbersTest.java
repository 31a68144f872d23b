package org.switchboard.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmergencyNumbersTest {

    @Test
    void theEmergencyNumbersOfTheInstancesCountryShortAndInE164Form() {
        assertThat(EmergencyNumbers.isEmergency("112", "DE")).isTrue();
        assertThat(EmergencyNumbers.isEmergency("110", "DE")).isTrue();
        assertThat(EmergencyNumbers.isEmergency("+49112", "DE")).isTrue();
        assertThat(EmergencyNumbers.isEmergency("+49110", "DE")).isTrue();
        assertThat(EmergencyNumbers.isEmergency("133", "AT")).isTrue();
        assertThat(EmergencyNumbers.isEmergency("144", "AT")).isTrue();
        assertThat(EmergencyNumbers.isEmergency("+43122", "AT")).isTrue();
    }

    @Test
    void otherNumbersAndOtherCountriesNumbersAreNot() {
        assertThat(EmergencyNumbers.isEmergency("133", "DE")).isFalse();
        assertThat(EmergencyNumbers.isEmergency("+43133", "DE")).isFalse();
        assertThat(EmergencyNumbers.isEmergency("+4930112", "DE")).isFalse();
        assertThat(EmergencyNumbers.isEmergency("+49112345", "DE")).isFalse();
        assertThat(EmergencyNumbers.isEmergency("+4930123456", "DE")).isFalse();
        assertThat(EmergencyNumbers.isEmergency("", "DE")).isFalse();
        assertThat(EmergencyNumbers.isEmergency(null, "DE")).isFalse();
    }

    @Test
    void withoutACountryTheGermanNumbersApply() {
        assertThat(EmergencyNumbers.isEmergency("110", null)).isTrue();
        assertThat(EmergencyNumbers.isEmergency("+49112", " ")).isTrue();
    }
}
