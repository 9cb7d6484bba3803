package org.openswarm.client.internal;

/**
 * The batch countdown of reference §6.3: a sync answer sets it to the next interval; every batch end first checks it
 * for 0 (sync due) and then decrements. So after an interval N the next sync comes after N+1 batch ends the first
 * time (the sync at train begin) and every N batch ends afterwards.
 */
public final class SyncCountdown {
    private int interval;
    private int remaining;

    /** Starts, or restarts after a sync, with the interval the SL answered. */
    public void reset(int nextInterval) {
        if (nextInterval <= 0) {
            throw new IllegalArgumentException("a sync interval has to be positive, got " + nextInterval);
        }
        interval = nextInterval;
        remaining = nextInterval;
    }

    /** Whether the batch that just ended has to sync: checked before {@link #decrement()}. */
    public boolean due() {
        return remaining == 0;
    }

    public void decrement() {
        if (remaining > 0) {
            remaining--;
        }
    }

    /** The interval in force (the {@code cur} of {@code Merge Done: RVInt [cur: X Nxt: Y]}). */
    public int interval() {
        return interval;
    }

    public int remaining() {
        return remaining;
    }
}
