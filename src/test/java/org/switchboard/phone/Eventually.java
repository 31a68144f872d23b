package org.switchboard.phone;

import java.time.Duration;

/** Retries an assertion until it holds or the time is up; then fails with its last error. */
final class Eventually {

    private Eventually() {
    }

    static void within(Duration limit, Runnable assertion) {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
