package org.openswarm.sl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

class BlobStoreTest {
    @TempDir
    Path dir;

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void storesByHashAndServesPerRound() throws Exception {
        BlobStore store = new BlobStore(dir, 2);
        Blob blob = store.receive(bytes("model one"), 1024, null);
        assertEquals(Sha256.of("model one".getBytes(StandardCharsets.UTF_8)), blob.sha256());
        assertEquals(9, blob.bytes());
        assertEquals("model one", Files.readString(blob.file()));
        store.recordContribution("c", 3, blob.sha256());
        assertEquals(blob.file(), store.contribution("c", 3).orElseThrow().file());
        assertTrue(store.contribution("c", 4).isEmpty());
        assertTrue(store.contribution("other", 3).isEmpty());
    }

    @Test
    void refusesTooLargeAndWrongHashAndKeepsNothing() throws Exception {
        BlobStore store = new BlobStore(dir, 2);
        SwarmException large = assertThrows(SwarmException.class, () -> store.receive(bytes("0123456789"), 5, null));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, large.code());
        SwarmException wrong = assertThrows(SwarmException.class,
                () -> store.receive(bytes("tampered"), 1024, "0".repeat(64)));
        assertEquals(ErrorCode.CONFLICT, wrong.code());
        try (var files = Files.list(dir.resolve("blobs"))) {
            assertEquals(0, files.count());
        }
        try (var files = Files.list(dir.resolve("incoming"))) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void prunesOldRoundsButKeepsPinnedBlobs() {
        BlobStore store = new BlobStore(dir, 2);
        Blob pinned = store.receive(bytes("snapshot"), 1024, null);
        Blob[] merged = new Blob[5];
        for (int round = 1; round <= 4; round++) {
            merged[round] = store.receive(bytes("merged " + round), 1024, null);
            store.unpin(merged[round].sha256());
            store.recordMerged("c", round, merged[round].sha256());
        }
        assertFalse(Files.exists(merged[1].file()));
        assertFalse(Files.exists(merged[2].file()));
        assertTrue(Files.exists(merged[3].file()));
        assertTrue(Files.exists(merged[4].file()));
        assertTrue(store.merged("c", 2).isEmpty());
        assertTrue(Files.exists(pinned.file()), "a pinned blob outlives pruning");
    }
}
