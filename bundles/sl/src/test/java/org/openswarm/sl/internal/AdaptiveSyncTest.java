package org.openswarm.sl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaptiveSyncTest {
    @Test
    void staysAtSyncFrequencyWhenOff() {
        AdaptiveSync sync = new AdaptiveSync(16, false);
        for (double loss : new double[] { 1, 0.5, 0.25, 0.2, 0.2, 0.2 })
            sync.onLoss(loss);
        assertEquals(16, sync.interval());
    }

    @Test
    void lengthensWhileLossFallsAndShortensWhenItStalls() {
        AdaptiveSync sync = new AdaptiveSync(16, true);
        sync.onLoss(1.0);
        assertEquals(16, sync.interval(), "the first loss only sets the baseline");
        sync.onLoss(0.8);
        assertEquals(20, sync.interval());
        sync.onLoss(0.6);
        assertEquals(25, sync.interval());
        sync.onLoss(0.6);
        assertEquals(25, sync.interval(), "one report without gain is patience");
        sync.onLoss(0.599);
        assertEquals(12, sync.interval(), "two reports without a 1 % gain halve the interval");
    }

    @Test
    void staysWithinBounds() {
        AdaptiveSync sync = new AdaptiveSync(8, true);
        double loss = 10;
        for (int i = 0; i < 50; i++)
            sync.onLoss(loss *= 0.5);
        assertEquals(32, sync.interval(), "at most 4 x syncFrequency");
        for (int i = 0; i < 50; i++)
            sync.onLoss(loss);
        assertEquals(2, sync.interval(), "at least syncFrequency / 4");
        sync.onLoss(Double.NaN);
        assertEquals(2, sync.interval(), "a non-finite loss changes nothing");
    }
}
