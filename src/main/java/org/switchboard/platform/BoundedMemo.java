package org.switchboard.platform;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers of a pure function kept by their question, for hot paths that ask the same few again and
 * again (a dialled number, a URI). Bounded: when full it forgets everything at once, so that
 * made-up questions cannot make it grow. Safe from any thread; a question asked by two threads at
 * once may be answered twice. An answer of {@code null} is not kept.
 */
public final class BoundedMemo<K, V> {

    private final Map<K, V> answers = new ConcurrentHashMap<>();
    private final int max;

    public BoundedMemo(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("A memo keeps at least one answer.");
        }
        this.max = max;
    }

    /** The answer kept for {@code question}, or {@code answer}'s, kept from now on. */
    public V get(K question, Function<K, V> answer) {
        V known = answers.get(question);
        if (known != null) {
            return known;
        }
        V v = answer.apply(question);
        if (v != null) {
            if (answers.size() >= max) {
                answers.clear();
            }
            answers.put(question, v);
        }
        return v;
    }

    /** How many answers are kept now. */
    public int size() {
        return answers.size();
    }
}
