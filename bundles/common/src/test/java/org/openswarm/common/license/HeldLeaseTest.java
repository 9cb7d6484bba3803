package org.openswarm.common.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openswarm.api.license.Feature;
import org.openswarm.api.license.LicenseLeases;

class HeldLeaseTest {
    /** A license client that records what it leased and what was closed. */
    private static final class RecordingLeases implements LicenseLeases {
        final List<String> events = new ArrayList<>();

        @Override
        public Lease lease(Feature feature, String holder) {
            String name = feature + "/" + holder + "#" + events.size();
            events.add("lease " + name);
            return new Lease() {
                @Override
                public boolean hasToken() {
                    return true;
                }

                @Override
                public boolean permitsNewSessions() {
                    return true;
                }

                @Override
                public String status() {
                    return "held " + name;
                }

                @Override
                public void close() {
                    events.add("close " + name);
                }
            };
        }
    }

    @Test
    void aNewClientReplacesTheLeaseAndReleaseClosesItOnce() {
        RecordingLeases client = new RecordingLeases();
        HeldLease held = new HeldLease(Feature.SWOP);
        assertNull(held.get());
        assertEquals("no license client", held.status("no license client"));

        held.take(client, "uid-1");
        assertEquals("held SWOP/uid-1#0", held.status("-"));
        held.take(client, "uid-1");
        assertEquals(List.of("lease SWOP/uid-1#0", "lease SWOP/uid-1#1", "close SWOP/uid-1#0"), client.events);

        held.release();
        held.release();
        assertNull(held.get());
        assertEquals(List.of("lease SWOP/uid-1#0", "lease SWOP/uid-1#1", "close SWOP/uid-1#0", "close SWOP/uid-1#1"),
                client.events);
    }
}
