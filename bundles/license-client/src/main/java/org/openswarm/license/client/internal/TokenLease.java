package org.openswarm.license.client.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;
import org.openswarm.api.license.Token;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component's lease, driven on a shared scheduler: acquire, renew at a third of the TTL, acquire again when the
 * server forgot the token, and retry with doubling backoff while the server cannot be reached or has no capacity.
 * The component is never blocked: it asks {@link #permitsNewSessions()} when it is about to start training.
 */
final class TokenLease implements LicenseLeases.Lease {
    private static final Logger LOG = LoggerFactory.getLogger(TokenLease.class);

    private final LicenseServerApi server;
    private final Feature feature;
    private final String holder;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Duration grace;
    private final Duration retryMin;
    private final Duration retryMax;

    private Token token;
    private Instant graceFrom;
    private Duration retry;
    private String problem;
    private ScheduledFuture<?> next;
    private boolean closed;

    TokenLease(LicenseServerApi server, Feature feature, String holder, ScheduledExecutorService scheduler, Clock clock,
            Duration grace, Duration retryMin, Duration retryMax) {
        this.server = server;
        this.feature = feature;
        this.holder = holder;
        this.scheduler = scheduler;
        this.clock = clock;
        this.grace = grace;
        this.retryMin = retryMin;
        this.retryMax = retryMax;
        this.graceFrom = clock.instant();
        this.retry = retryMin;
        LOG.info("Acquiring floating license {} for {}", feature, holder);
        schedule(Duration.ZERO);
    }

    private synchronized void schedule(Duration delay) {
        if (!closed)
            next = scheduler.schedule(this::step, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One step: acquire when without a token, else renew. */
    void step() {
        Token held;
        synchronized (this) {
            if (closed)
                return;
            held = token;
        }
        try {
            Token fresh = held == null ? server.acquire(feature, holder) : server.renew(held.id());
            onToken(held == null, fresh);
        } catch (SwarmException e) {
            onFailure(held, e);
        } catch (RuntimeException e) {
            onFailure(held, new SwarmException(ErrorCode.INTERNAL, String.valueOf(e.getMessage()), e));
        }
    }

    private void onToken(boolean acquired, Token fresh) {
        boolean closedMeanwhile;
        synchronized (this) {
            closedMeanwhile = closed;
            if (!closedMeanwhile) {
                token = fresh;
                problem = null;
                retry = retryMin;
            }
        }
        if (closedMeanwhile) {
            // close() ran while this call was on the wire: give the token back rather than keep it forever.
            releaseQuietly(fresh);
            return;
        }
        if (acquired)
            LOG.info("License token {} for {} {} acquired from {} (license {})", fresh.id(), feature, holder,
                    server.base(), fresh.licenseId());
        schedule(Duration.ofSeconds(Math.max(1, fresh.ttlSeconds() / 3)));
    }

    private void onFailure(Token held, SwarmException e) {
        Duration wait;
        synchronized (this) {
            if (held != null && e.code() == ErrorCode.NOT_FOUND) {
                // The server no longer knows the token (it lapsed, or the server lost it): acquire again at once.
                graceFrom = max(graceFrom, Instant.ofEpochSecond(held.expiresAt()));
                token = null;
                problem = "token " + held.id() + " lapsed; acquiring a new one";
                wait = Duration.ZERO;
            } else {
                if (token != null && clock.instant().isAfter(Instant.ofEpochSecond(token.expiresAt()))) {
                    graceFrom = max(graceFrom, Instant.ofEpochSecond(token.expiresAt()));
                    token = null;
                }
                problem = e.getMessage();
                wait = retry;
                retry = retry.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : retry.multipliedBy(2);
            }
        }
        if (e.code() == ErrorCode.UNAVAILABLE)
            LOG.warn("License {} for {}: {}. Check that the license server runs (feature:install openswarm-license "
                    + "on the box that serves licenses) and that {} is reachable from here; retrying in {}s. "
                    + "Training stays allowed for {} more.", feature, holder, e.getMessage(), server.base(),
                    wait.toSeconds(), remainingGrace());
        else if (!wait.isZero())
            LOG.warn("License {} for {}: {}; retrying in {}s. Training stays allowed for {} more.", feature, holder,
                    e.getMessage(), wait.toSeconds(), remainingGrace());
        schedule(wait);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** What is left of the grace period, as a person reads it: {@code 23h 59m}, {@code 4m 10s}. */
    private synchronized String remainingGrace() {
        Duration left = Duration.between(clock.instant(), graceFrom.plus(grace));
        if (left.isNegative())
            left = Duration.ZERO;
        return left.toHours() > 0 ? left.toHours() + "h " + left.toMinutesPart() + "m"
                : left.toMinutes() + "m " + left.toSecondsPart() + "s";
    }

    @Override
    public synchronized boolean hasToken() {
        return token != null && clock.instant().isBefore(Instant.ofEpochSecond(token.expiresAt()));
    }

    @Override
    public synchronized boolean permitsNewSessions() {
        if (hasToken())
            return true;
        Instant from = token == null ? graceFrom : max(graceFrom, Instant.ofEpochSecond(token.expiresAt()));
        return clock.instant().isBefore(from.plus(grace));
    }

    @Override
    public synchronized String status() {
        if (hasToken())
            return feature + " token " + token.id() + " held until " + Instant.ofEpochSecond(token.expiresAt());
        String why = problem == null ? "acquiring" : problem;
        return permitsNewSessions() ? "no " + feature + " token (" + why + "); training allowed for " + remainingGrace()
                        + " more"
                : "no " + feature + " token (" + why + ") and the grace period is over: new training sessions are "
                        + "refused until a token is acquired from " + server.base();
    }

    @Override
    public void close() {
        Token held;
        synchronized (this) {
            if (closed)
                return;
            closed = true;
            if (next != null)
                next.cancel(false);
            held = token;
            token = null;
        }
        if (held != null)
            releaseQuietly(held);
    }

    private void releaseQuietly(Token held) {
        try {
            server.release(held.id());
            LOG.info("License token {} for {} {} released", held.id(), feature, holder);
        } catch (SwarmException e) {
            LOG.debug("Releasing license token {}: {}", held.id(), e.getMessage());
        }
    }
}
