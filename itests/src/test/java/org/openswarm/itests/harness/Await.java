package org.openswarm.itests.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or the time is up. */
public final class Await {
    private Await() {
    }

    /** Returns true as soon as the condition holds, false when {@code timeout} passed without it. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean())
                return true;
            if (System.nanoTime() > deadline)
                return false;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Like {@link #until} but fails with {@code what} when the time is up. */
    public static void require(Duration timeout, String what, BooleanSupplier condition) {
        if (!until(timeout, condition))
            throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + what);
    }
}
