package org.openswarm.ledger.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openswarm.common.json.Json;

/**
 * The durable record of every transaction this SN sent, so that none is lost when the chain node dies before its
 * state snapshot: each write is recorded before it is sent and marked with its hash once mined. After a chain restart
 * the ledger re-sends the entries whose receipt the chain no longer knows; contract writes are idempotent, so a
 * re-send of something that survived changes nothing. Mined entries are dropped after the retention period, by which
 * time the chain's one-second snapshots hold them. The file is JSON lines; the last line of an entry wins.
 */
final class Outbox {
    enum State {
        PENDING, MINED, FAILED
    }

    /**
     * One transaction: what it does, the contract it goes to (by name, so a replay reaches the contract's current
     * address even after a redeployment) and its encoded call data.
     */
    record Entry(long seq, String what, String contract, String data, State state, String txHash, long changedAt,
            String failure) {
        Entry with(State newState, String hash, long at, String reason) {
            return new Entry(seq, what, contract, data, newState, hash, at, reason);
        }
    }

    private final Path file;
    private final Clock clock;
    private final Duration retention;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private long nextSeq = 1;

    Outbox(Path file, Clock clock, Duration retention) {
        this.file = file;
        this.clock = clock;
        this.retention = retention;
        load();
        compact();
    }

    synchronized Entry record(String what, String contract, String data) {
        Entry entry = new Entry(nextSeq++, what, contract, data, State.PENDING, null, clock.millis(), null);
        save(entry);
        return entry;
    }

    synchronized void mined(Entry entry, String txHash) {
        save(entry.with(State.MINED, txHash, clock.millis(), null));
    }

    synchronized void failed(Entry entry, String reason) {
        save(entry.with(State.FAILED, entry.txHash(), clock.millis(), reason));
    }

    /** Entries a chain restart may have lost: every pending one, and mined ones still within the retention. */
    synchronized List<Entry> unconfirmed() {
        long horizon = clock.millis() - retention.toMillis();
        List<Entry> result = new ArrayList<>();
        for (Entry entry : entries.values())
            if (entry.state() == State.PENDING || entry.state() == State.MINED && entry.changedAt() >= horizon)
                result.add(entry);
        return result;
    }

    synchronized List<Entry> all() {
        return List.copyOf(entries.values());
    }

    /** Rewrites the file with only what may still be needed. */
    synchronized void compact() {
        long horizon = clock.millis() - retention.toMillis();
        entries.values().removeIf(e -> e.state() != State.PENDING && e.changedAt() < horizon);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (Entry entry : entries.values()) {
                    out.write(Json.gson().toJson(entry));
                    out.newLine();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the transaction outbox " + file, e);
        }
    }

    private void save(Entry entry) {
        entries.put(entry.seq(), entry);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC)) {
            out.write(Json.gson().toJson(entry));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the transaction outbox " + file, e);
        }
    }

    private void load() {
        if (!Files.exists(file))
            return;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank())
                    continue;
                Entry entry;
                try {
                    entry = Json.gson().fromJson(line, Entry.class);
                } catch (RuntimeException torn) {
                    continue; // a line cut by a crash mid-write; the entry before it stands
                }
                entries.put(entry.seq(), entry);
                nextSeq = Math.max(nextSeq, entry.seq() + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the transaction outbox " + file, e);
        }
    }
}
