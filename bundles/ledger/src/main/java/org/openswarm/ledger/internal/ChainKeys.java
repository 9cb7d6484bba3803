package org.openswarm.ledger.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.openswarm.api.SwarmException;
import org.web3j.crypto.MnemonicUtils;

/** Secrets of the embedded chain, made once per installation and kept private in its data directory. */
final class ChainKeys {
    private ChainKeys() {
    }

    /** The mnemonic anvil derives its funded accounts from; random, so no well-known key controls the ledger. */
    static String mnemonic(Path dir) {
        Path file = dir.resolve("mnemonic");
        try {
            if (Files.exists(file))
                return Files.readString(file).trim();
            byte[] entropy = new byte[16];
            new SecureRandom().nextBytes(entropy);
            String mnemonic = MnemonicUtils.generateMnemonic(entropy);
            Files.createDirectories(dir);
            Files.writeString(file, mnemonic);
            restrict(file);
            return mnemonic;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the chain mnemonic in " + file, e);
        }
    }

    /** This SN's own signing key, made once and kept private in the ledger's data directory. */
    static String ownKey(Path dir) {
        Path file = dir.resolve("account.key");
        try {
            if (Files.exists(file))
                return Files.readString(file).trim();
            String key = org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(newPrivateKey(), 64);
            Files.createDirectories(dir);
            Files.writeString(file, key);
            restrict(file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep this SN's key in " + file, e);
        }
    }

    /**
     * A secp256k1 private key: 32 random bytes in [1, n). Drawn directly rather than through a JCA key pair
     * generator, which needs a registered BouncyCastle provider that an OSGi container does not have.
     */
    static java.math.BigInteger newPrivateKey() {
        java.math.BigInteger order = org.web3j.crypto.Sign.CURVE_PARAMS.getN();
        SecureRandom random = new SecureRandom();
        java.math.BigInteger key;
        do {
            key = new java.math.BigInteger(1, bytes(random));
        } while (key.signum() == 0 || key.compareTo(order) >= 0);
        return key;
    }

    private static byte[] bytes(SecureRandom random) {
        byte[] value = new byte[32];
        random.nextBytes(value);
        return value;
    }

    /** A private key from the configuration, or from a key file. */
    static String privateKey(String inline, String keyFile) {
        if (inline != null && !inline.isBlank())
            return inline.trim();
        if (keyFile == null || keyFile.isBlank())
            throw SwarmException.badRequest("backend rpc needs privateKey or keyFile in etc/" + LedgerConfig.PID + ".cfg");
        try {
            return Files.readString(Path.of(keyFile)).trim();
        } catch (IOException e) {
            throw SwarmException.badRequest("Cannot read the key file " + keyFile + ": " + e.getMessage());
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: nothing more to do
        }
    }
}
