package org.switchboard.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void answersEachQuestionOnceWhileKept() {
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(10);
        AtomicInteger asked = new AtomicInteger();
        assertThat(memo.get("abc", q -> { asked.incrementAndGet(); return q.length(); })).isEqualTo(3);
        assertThat(memo.get("abc", q -> { asked.incrementAndGet(); return -1; })).isEqualTo(3);
        assertThat(asked).hasValue(1);
    }

    @Test
    void neverKeepsMoreThanItsBoundAndStaysRight() {
        BoundedMemo<Integer, Integer> memo = new BoundedMemo<>(100);
        for (int i = 0; i < 1_000; i++) {
            assertThat(memo.get(i, q -> q * 2)).isEqualTo(i * 2);
            assertThat(memo.size()).isLessThanOrEqualTo(100);
        }
    }

    @Test
    void keepsNoNullAnswer() {
        BoundedMemo<String, String> memo = new BoundedMemo<>(10);
        assertThat(memo.get("x", q -> null)).isNull();
        assertThat(memo.size()).isZero();
        assertThat(memo.get("x", q -> "now")).isEqualTo("now");
    }

    @Test
    void refusesABoundBelowOne() {
        assertThatThrownBy(() -> new BoundedMemo<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
