package org.openswarm.sl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * The SL's blobs on disk, content-addressed ({@code blobs/<sha256>.safetensors}), and what it serves: its own
 * contribution and the merged model per training contract and round. Blobs stream in and out, so a model of
 * gigabytes never sits in the heap. Old rounds are dropped, keeping the latest few.
 */
final class BlobStore {
    private final Path blobs;
    private final Path incoming;
    private final int roundsKept;
    private final AtomicLong tempCounter = new AtomicLong();
    private final Map<String, NavigableMap<Long, String>> contributions = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<Long, String>> merged = new ConcurrentHashMap<>();
    private final Map<String, Integer> pins = new ConcurrentHashMap<>();

    BlobStore(Path root, int roundsKept) {
        this.blobs = root.resolve("blobs");
        this.incoming = root.resolve("incoming");
        this.roundsKept = roundsKept;
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(incoming);
            // Partial downloads and uploads of an earlier run are worthless.
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(incoming)) {
                for (Path file : stale)
                    Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the blob store under " + root, e);
        }
    }

    /**
     * Streams a blob in, hashing it on the way; at most {@code maxBytes}. When {@code expectedSha256} is given, a
     * blob that does not match is refused with CONFLICT and nothing is kept. The blob comes back pinned: the caller
     * {@link #unpin unpins} it once something else refers to it.
     */
    Blob receive(InputStream in, long maxBytes, String expectedSha256) {
        Path temp = incoming.resolve("blob-" + tempCounter.incrementAndGet() + ".part");
        MessageDigest digest = Sha256.digest();
        long size = 0;
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0;) {
                    size += n;
                    if (size > maxBytes)
                        throw new SwarmException(ErrorCode.PAYLOAD_TOO_LARGE,
                                "The parameters exceed the SL's maxModelBytes of " + maxBytes + " bytes");
                    out.write(buffer, 0, n);
                }
            }
            String sha256 = Sha256.hex(digest);
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256))
                throw new SwarmException(ErrorCode.CONFLICT, "Blob hash " + sha256 + " does not match the ledger's "
                        + expectedSha256);
            Path file = fileOf(sha256);
            pin(sha256);
            if (Files.exists(file))
                Files.delete(temp);
            else
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return new Blob(file, sha256, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Storing a blob failed", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the next start clears incoming/
            }
        }
    }

    /** Adds a file that is already complete (a merge result) by moving it into the store; it comes back pinned. */
    Blob adopt(Path file, String sha256) {
        Path target = fileOf(sha256);
        pin(sha256);
        try {
            long size = Files.size(file);
            if (Files.exists(target))
                Files.delete(file);
            else
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            return new Blob(target, sha256, size);
        } catch (IOException e) {
            throw new UncheckedIOException("Storing " + file + " failed", e);
        }
    }

    /** A fresh path under incoming/ for a blob being written (e.g. a merge output). */
    Path tempFile(String prefix) {
        return incoming.resolve(prefix + "-" + tempCounter.incrementAndGet() + ".part");
    }

    Optional<Blob> find(String sha256) {
        if (sha256 == null)
            return Optional.empty();
        Path file = fileOf(sha256);
        try {
            return Files.exists(file) ? Optional.of(new Blob(file, sha256, Files.size(file))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    void recordContribution(String contract, long round, String sha256) {
        contributions.computeIfAbsent(contract, c -> new ConcurrentSkipListMap<>()).put(round, sha256);
    }

    void forgetContribution(String contract, long round) {
        NavigableMap<Long, String> rounds = contributions.get(contract);
        if (rounds != null)
            rounds.remove(round);
    }

    void recordMerged(String contract, long round, String sha256) {
        merged.computeIfAbsent(contract, c -> new ConcurrentSkipListMap<>()).put(round, sha256);
        prune(contract, round);
    }

    Optional<Blob> contribution(String contract, long round) {
        NavigableMap<Long, String> rounds = contributions.get(contract);
        return rounds == null ? Optional.empty() : find(rounds.get(round));
    }

    Optional<Blob> merged(String contract, long round) {
        NavigableMap<Long, String> rounds = merged.get(contract);
        return rounds == null ? Optional.empty() : find(rounds.get(round));
    }

    /** Keeps a blob while a session still needs it (a snapshot, the model an ML holds). */
    void pin(String sha256) {
        pins.merge(sha256, 1, Integer::sum);
    }

    void unpin(String sha256) {
        pins.computeIfPresent(sha256, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Drops the rounds older than the latest {@code roundsKept} and the blobs nothing refers to any more. */
    private synchronized void prune(String contract, long latestRound) {
        long oldestKept = latestRound - roundsKept + 1;
        NavigableMap<Long, String> c = contributions.get(contract);
        if (c != null)
            c.headMap(oldestKept, false).clear();
        merged.get(contract).headMap(oldestKept, false).clear();
        Set<String> referenced = new HashSet<>(pins.keySet());
        contributions.values().forEach(m -> referenced.addAll(m.values()));
        merged.values().forEach(m -> referenced.addAll(m.values()));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(blobs, "*.safetensors")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (!referenced.contains(name.substring(0, name.length() - ".safetensors".length())))
                    Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // Leftover blobs only cost disk; the next prune tries again.
        }
    }

    private Path fileOf(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}"))
            throw SwarmException.badRequest("Not a SHA-256 hash: " + sha256);
        return blobs.resolve(sha256 + ".safetensors");
    }
}
