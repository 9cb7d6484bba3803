package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir
    Path dir;

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-26T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void keepsPendingAndRecentlyMinedEntriesAcrossRestarts() {
        MovableClock clock = new MovableClock();
        Path file = dir.resolve("outbox.jsonl");
        Outbox outbox = new Outbox(file, clock, Duration.ofSeconds(60));
        Outbox.Entry a = outbox.record("a", "Registry", "0x01");
        Outbox.Entry b = outbox.record("b", "Registry", "0x02");
        Outbox.Entry c = outbox.record("c", "Registry", "0x03");
        outbox.mined(a, "0xaa");
        outbox.failed(c, "refused");

        Outbox reopened = new Outbox(file, clock, Duration.ofSeconds(60));
        List<Outbox.Entry> unconfirmed = reopened.unconfirmed();
        assertEquals(List.of("a", "b"), unconfirmed.stream().map(Outbox.Entry::what).toList());
        assertEquals("0xaa", unconfirmed.get(0).txHash());
        assertEquals(Outbox.State.PENDING, unconfirmed.get(1).state());
        assertEquals(4, reopened.record("d", "Registry", "0x04").seq(), "sequence numbers continue");
        assertEquals(b.seq(), unconfirmed.get(1).seq());
    }

    @Test
    void dropsMinedEntriesAfterTheRetentionButNeverPendingOnes() {
        MovableClock clock = new MovableClock();
        Outbox outbox = new Outbox(dir.resolve("outbox.jsonl"), clock, Duration.ofSeconds(60));
        outbox.mined(outbox.record("old", "Registry", "0x01"), "0xaa");
        outbox.record("stuck", "Registry", "0x02");
        clock.now = clock.now.plusSeconds(61);
        outbox.compact();
        assertEquals(List.of("stuck"), outbox.all().stream().map(Outbox.Entry::what).toList());
    }

    @Test
    void aLineTornByACrashIsIgnored() throws Exception {
        MovableClock clock = new MovableClock();
        Path file = dir.resolve("outbox.jsonl");
        Outbox outbox = new Outbox(file, clock, Duration.ofSeconds(60));
        outbox.record("kept", "Registry", "0x01");
        Files.writeString(file, "{\"seq\":2,\"what\":\"tor", StandardOpenOption.APPEND);
        assertEquals(List.of("kept"), new Outbox(file, clock, Duration.ofSeconds(60)).all().stream()
                .map(Outbox.Entry::what).toList());
    }
}
