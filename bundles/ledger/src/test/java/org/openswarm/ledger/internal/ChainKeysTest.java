package org.openswarm.ledger.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class ChainKeysTest {
    @TempDir
    Path dir;

    @Test
    void ownKeyIsMadeOnceAndKeptPrivate() throws Exception {
        String key = ChainKeys.ownKey(dir);
        assertTrue(key.matches("0x[0-9a-f]{64}"), key);
        assertEquals(key, ChainKeys.ownKey(dir));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("account.key"))));
        assertTrue(Credentials.create(key).getAddress().matches("0x[0-9a-f]{40}"));
    }

    @Test
    void keysDiffer() {
        assertNotEquals(ChainKeys.newPrivateKey(), ChainKeys.newPrivateKey());
    }

    @Test
    void mnemonicIsTwelveWordsAndStable() {
        String mnemonic = ChainKeys.mnemonic(dir);
        assertEquals(12, mnemonic.split(" ").length);
        assertEquals(mnemonic, ChainKeys.mnemonic(dir));
    }
}
