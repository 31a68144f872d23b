package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    @Test
    void sealsSoThatOnlyTheKeyOpens() {
        SecretBox box = new SecretBox(SecretBox.newKey());
        String sealed = box.seal("DE89370400440532013000");
        assertThat(sealed).startsWith("v1:").doesNotContain("370400440532");
        assertThat(box.seal("DE89370400440532013000")).isNotEqualTo(sealed); // a new nonce each time
        assertThat(box.open(sealed)).isEqualTo("DE89370400440532013000");
        assertThat(box.open("DE89370400440532013000")).isEqualTo("DE89370400440532013000");
        assertThat(box.open(null)).isNull();

        SecretBox other = new SecretBox(SecretBox.newKey());
        assertThatThrownBy(() -> other.open(sealed)).hasMessageContaining("SWITCHBOARD_SECRET_KEY");
        assertThatThrownBy(() -> new SecretBox(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
