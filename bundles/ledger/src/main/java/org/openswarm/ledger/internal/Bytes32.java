package org.openswarm.ledger.internal;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;

import org.openswarm.api.SwarmException;

/** Conversions between the API's strings and the contracts' bytes32 values. */
final class Bytes32 {
    static final byte[] ZERO = new byte[32];

    private Bytes32() {
    }

    /** A UUID in the first 16 bytes, zeros after; null or empty is zero. */
    static byte[] fromUuid(String uuid) {
        if (uuid == null || uuid.isBlank())
            return ZERO.clone();
        UUID parsed;
        try {
            parsed = UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest("Not a UUID: '" + uuid + "'");
        }
        return ByteBuffer.allocate(32).putLong(parsed.getMostSignificantBits())
                .putLong(parsed.getLeastSignificantBits()).array();
    }

    /** The UUID in the first 16 bytes, or null for zero. */
    static String toUuid(byte[] value) {
        if (isZero(value))
            return null;
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    /** 64 hex digits (a SHA-256), with or without 0x; null or empty is zero. */
    static byte[] fromHex(String hex) {
        if (hex == null || hex.isBlank())
            return ZERO.clone();
        String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (!digits.matches("[0-9a-fA-F]{64}"))
            throw SwarmException.badRequest("Not 32 bytes of hex: '" + hex + "'");
        return HexFormat.of().parseHex(digits);
    }

    static String toHex(byte[] value) {
        return isZero(value) ? null : HexFormat.of().formatHex(value);
    }

    static boolean isZero(byte[] value) {
        for (byte b : value)
            if (b != 0)
                return false;
        return true;
    }
}
