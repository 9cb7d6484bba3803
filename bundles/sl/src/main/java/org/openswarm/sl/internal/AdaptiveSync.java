package org.openswarm.sl.internal;

/**
 * The SL's adaptive sync rule (reference §7.2 leaves the schedule open; docs/sl-node.md states this one). While the
 * loss of the merged model keeps falling by more than 1 % the interval grows by a quarter (fewer merges, faster
 * training); after two reports in a row without such a gain it halves (more merges). It stays within
 * [syncFrequency / 4, 4 × syncFrequency], at least 1. Without adaptive sync the interval stays at syncFrequency.
 */
final class AdaptiveSync {
    static final double MIN_GAIN = 0.01;
    static final double GROWTH = 1.25;
    static final int PATIENCE = 2;

    private final boolean enabled;
    private final int min;
    private final int max;
    private int interval;
    private double best = Double.POSITIVE_INFINITY;
    private int stalled;

    AdaptiveSync(int syncFrequency, boolean enabled) {
        this.enabled = enabled;
        this.interval = syncFrequency;
        this.min = Math.max(1, syncFrequency / 4);
        this.max = Math.max(1, syncFrequency * 4);
    }

    synchronized int interval() {
        return interval;
    }

    /** Takes the loss of the latest merged model on the node's validation data. */
    synchronized void onLoss(double loss) {
        if (!enabled || !Double.isFinite(loss))
            return;
        if (loss < best - Math.abs(best) * MIN_GAIN || best == Double.POSITIVE_INFINITY) {
            boolean first = best == Double.POSITIVE_INFINITY;
            best = loss;
            stalled = 0;
            if (!first)
                interval = Math.min(max, (int) Math.ceil(interval * GROWTH));
            return;
        }
        if (++stalled >= PATIENCE) {
            interval = Math.max(min, interval / 2);
            stalled = 0;
        }
    }
}
