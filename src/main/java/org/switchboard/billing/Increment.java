package org.switchboard.billing;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a call's length becomes billed seconds: the first block, then blocks of the next size.
 * 60/60 bills started minutes, 60/1 a first full minute then seconds, 1/1 seconds.
 */
public enum Increment {
    PER_MINUTE("60/60", 60, 60), FIRST_MINUTE_THEN_SECONDS("60/1", 60, 1), PER_SECOND("1/1", 1, 1);

    private final String code;
    private final int first;
    private final int next;

    Increment(String code, int first, int next) {
        this.code = code;
        this.first = first;
        this.next = next;
    }

    public String code() {
        return code;
    }

    /** Billed seconds of a call that lasted {@code seconds} from answer to hang-up; 0 stays 0. */
    public long billedSeconds(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        if (seconds <= first) {
            return first;
        }
        long rest = seconds - first;
        return first + ((rest + next - 1) / next) * next;
    }

    public static Optional<Increment> byCode(String code) {
        return code == null ? Optional.empty()
                : Arrays.stream(values()).filter(i -> i.code.equals(code.replace(" ", ""))).findFirst();
    }

    public static String codes() {
        return String.join(", ", Arrays.stream(values()).map(Increment::code).toList());
    }
}
