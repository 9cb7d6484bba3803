package org.openswarm.sn.internal;

import java.time.Clock;
import java.time.Duration;

import org.openswarm.api.ledger.NodeRecord;
import org.openswarm.api.sn.NodeView;

/** A node is alive while it has missed fewer than {@code missed} heartbeats of {@code interval} each. */
record Liveness(Duration interval, int missed, Clock clock) {
    boolean isAlive(NodeRecord node) {
        if (!node.active())
            return false;
        Duration silence = Duration.between(node.lastHeartbeat(), clock.instant());
        return silence.compareTo(interval.multipliedBy(missed)) <= 0;
    }

    NodeView view(NodeRecord node) {
        return new NodeView(node.uid(), node.type(), node.name(), node.host(), node.port(), node.parentUid(),
                node.fingerprint(), node.registeredAt().getEpochSecond(), node.lastHeartbeat().getEpochSecond(),
                node.active(), isAlive(node));
    }
}
