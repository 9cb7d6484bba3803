package org.openswarm.ledger.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.openswarm.api.SwarmException;
import org.openswarm.common.data.SecretFiles;
import org.web3j.crypto.MnemonicUtils;

/** Secrets of the embedded chain, made once per installation and kept private in its data directory. */
final class ChainKeys {
    private ChainKeys() {
    }

    /** The mnemonic anvil derives its funded accounts from; random, so no well-known key controls the ledger. */
    static String mnemonic(Path dir) {
        return SecretFiles.readOrCreate(dir.resolve("mnemonic"), () -> {
            byte[] entropy = new byte[16];
            new SecureRandom().nextBytes(entropy);
            return MnemonicUtils.generateMnemonic(entropy);
        });
    }

    /** This SN's own signing key, made once and kept private in the ledger's data directory. */
    static String ownKey(Path dir) {
        return SecretFiles.readOrCreate(dir.resolve("account.key"),
                () -> org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(newPrivateKey(), 64));
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
            byte[] value = new byte[32];
            random.nextBytes(value);
            key = new java.math.BigInteger(1, value);
        } while (key.signum() == 0 || key.compareTo(order) >= 0);
        return key;
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
}
