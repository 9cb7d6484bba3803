package org.openswarm.sn.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;
import org.openswarm.api.ledger.Ledger;
import org.openswarm.api.ledger.NodeRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SN's I-am-Alive thread: registers the SN on the ledger, then every interval sends one heartbeat transaction for
 * the SN and every child node (SL, SWOP, SWCI) that called its heartbeat route since, so the chain sees one write per
 * SN per interval however many nodes it serves.
 */
final class NodePresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodePresence.class);

    private final Ledger ledger;
    private final NodeRegistration self;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Instant> childrenSeen = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "openswarm-sn-i-am-alive");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean registered;

    NodePresence(Ledger ledger, NodeRegistration self, Duration interval, Clock clock) {
        this.ledger = ledger;
        this.self = self;
        this.interval = interval;
        this.clock = clock;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::beatQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Started I-am-Alive thread (every {}s) for SN {}", interval.toSeconds(), self.uid());
    }

    /** A child node said it is alive; it goes into the next heartbeat transaction. */
    void childSeen(String uid) {
        childrenSeen.put(uid, clock.instant());
    }

    boolean isRegistered() {
        return registered;
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (SwarmException e) {
            // A chain that came back without its state has forgotten this SN: register again on the next beat.
            if (e.code() == ErrorCode.CONFLICT && e.getMessage().contains("unknown node"))
                registered = false;
            LOG.warn("I-am-Alive: {} ({})", e.getMessage(), e.code());
        } catch (RuntimeException e) {
            LOG.warn("I-am-Alive failed", e);
        }
    }

    /** One round: register (until that worked once), then one heartbeat for the SN and its recently seen children. */
    void beat() {
        if (!registered) {
            ledger.registerNode(self);
            registered = true;
            LOG.info("SN {} registered on the ledger as {} at {}:{}", self.uid(), self.type(), self.host(),
                    self.port());
        }
        // Two intervals, so a child beating at the same period is never dropped by phase drift.
        Instant horizon = clock.instant().minus(interval.multipliedBy(2));
        List<String> uids = new ArrayList<>();
        uids.add(self.uid());
        childrenSeen.forEach((uid, seen) -> {
            if (!seen.isBefore(horizon))
                uids.add(uid);
        });
        childrenSeen.values().removeIf(seen -> seen.isBefore(horizon));
        ledger.heartbeat(uids);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
