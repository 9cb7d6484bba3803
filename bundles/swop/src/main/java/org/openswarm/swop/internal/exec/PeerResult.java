package org.openswarm.swop.internal.exec;

import java.nio.charset.StandardCharsets;

/**
 * How this SWOP's part of a task ended: {@code COMPLETE} or {@code ERROR}, with a description a person can act on.
 * The taskrunner keeps at most {@value #MAX_DESCRIPTION_BYTES} bytes; {@link #fitted()} cuts there (the full text is
 * in the SWOP's log).
 */
public record PeerResult(boolean complete, String description) {
    public static final int MAX_DESCRIPTION_BYTES = 160;

    public static PeerResult complete(String description) {
        return new PeerResult(true, description);
    }

    public static PeerResult error(String description) {
        return new PeerResult(false, description);
    }

    public String status() {
        return complete ? "COMPLETE" : "ERROR";
    }

    /** The description cut to the taskrunner's limit, on a character boundary, marked with an ellipsis. */
    public String fitted() {
        return fit(description, MAX_DESCRIPTION_BYTES);
    }

    static String fit(String text, int maxBytes) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        if (flat.getBytes(StandardCharsets.UTF_8).length <= maxBytes)
            return flat;
        StringBuilder out = new StringBuilder();
        int bytes = 3; // the ellipsis
        for (int i = 0; i < flat.length();) {
            int cp = flat.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes)
                break;
            out.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return out.append('\u2026').toString();
    }
}
