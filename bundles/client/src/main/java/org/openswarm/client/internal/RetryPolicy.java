package org.openswarm.client.internal;

import java.time.Duration;

/**
 * How long to wait between tries of an SL call (docs/ml-api.md "Errors": 1 s doubling to 30 s), and how many tries a
 * call that is not a wait gets when the SL cannot be reached at all. Waits, and {@code 503} answers (the SL asks to be
 * asked again), are retried without limit.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int connectAttempts) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 12);

    public Duration next(Duration delay) {
        Duration doubled = delay.multipliedBy(2);
        return doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
    }
}
