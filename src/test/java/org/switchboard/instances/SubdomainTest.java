package org.switchboard.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.platform.InvalidInputException;

class SubdomainTest {

    @Test
    void acceptsDnsSafeLowerCaseLabels() {
        assertThat(Subdomain.of(" Huber-Bau ").value()).isEqualTo("huber-bau");
        assertThat(Subdomain.of("abc").value()).isEqualTo("abc");
        assertThat(Subdomain.of("a".repeat(63)).value()).hasSize(63);
        assertThat(Subdomain.of("7eleven").value()).isEqualTo("7eleven");
    }

    @Test
    void refusesWhatDnsOrThePlatformDoesNotAllow() {
        for (String bad : new String[] { "", "ab", "a".repeat(64), "-huber", "huber-", "hu_ber", "hüber", "hu.ber",
                "hu--ber", "www", "api", "admin", "sip", "mail" }) {
            assertThatThrownBy(() -> Subdomain.of(bad)).as(bad).isInstanceOf(InvalidInputException.class)
                    .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("subdomain");
        }
        assertThatThrownBy(() -> Subdomain.of("www")).hasMessageContaining("reserved");
    }
}
