package org.switchboard.licensing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An event is either taken by the writer or withdrawn by its caller, never both. */
class LicenceWriterAnswerTest {

    @Test
    void aWithdrawnEventIsNotTakenByTheWriter() {
        LicenceWriter.Answer<Object> answer = new LicenceWriter.Answer<>();
        assertThat(answer.withdraw()).isTrue();
        assertThat(answer.take()).isFalse();
    }

    @Test
    void anEventTakenByTheWriterCannotBeWithdrawn() {
        LicenceWriter.Answer<Object> answer = new LicenceWriter.Answer<>();
        assertThat(answer.take()).isTrue();
        assertThat(answer.withdraw()).isFalse();
    }
}
