package org.openswarm.swci.internal.web;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openswarm.api.ErrorCode;
import org.openswarm.api.SwarmException;

/**
 * Just enough of {@code multipart/form-data} (RFC 7578) to take one file field out of an already size-bounded body:
 * the parts are split at the boundary, and each part's {@code Content-Disposition} gives its field name and file
 * name. Malformed input is a {@code BAD_REQUEST}, never an exception of another kind.
 */
final class MultipartForm {
    /** One part of the form. */
    record Part(String name, String filename, byte[] content) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename=\"([^\"]*)\"");
    private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final byte[] body;
    private final byte[] delimiter;

    private MultipartForm(byte[] body, String boundary) {
        this.body = body;
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
    }

    /** The boundary of a {@code multipart/form-data} content type; an UNSUPPORTED_MEDIA_TYPE otherwise. */
    static MultipartForm of(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data"))
            throw new SwarmException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Expected Content-Type multipart/form-data with a field 'file', got " + contentType);
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find())
            throw SwarmException.badRequest("multipart/form-data without a boundary");
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        if (boundary.isEmpty() || boundary.length() > 70)
            throw SwarmException.badRequest("multipart boundary must be 1-70 characters");
        return new MultipartForm(body, boundary);
    }

    /** The first part whose field name is {@code field}. */
    Optional<Part> part(String field) {
        int start = indexOf(delimiter, 0);
        if (start < 0)
            throw SwarmException.badRequest("malformed multipart body: no boundary line");
        while (true) {
            int afterDelimiter = start + delimiter.length;
            if (startsWith(afterDelimiter, "--"))
                return Optional.empty();
            if (!startsWith(afterDelimiter, "\r\n"))
                throw SwarmException.badRequest("malformed multipart body: boundary line not ended by CRLF");
            int headersStart = afterDelimiter + 2;
            int headersEnd = indexOf(HEADER_END, headersStart);
            if (headersEnd < 0)
                throw SwarmException.badRequest("malformed multipart body: part headers not ended by an empty line");
            int contentStart = headersEnd + HEADER_END.length;
            int next = indexOf(("\r\n" + new String(delimiter, StandardCharsets.US_ASCII))
                    .getBytes(StandardCharsets.US_ASCII), contentStart);
            if (next < 0)
                throw SwarmException.badRequest("malformed multipart body: a part has no closing boundary");
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            String disposition = disposition(headers);
            String name = group(NAME, disposition);
            if (field.equals(name))
                return Optional.of(new Part(name, group(FILENAME, disposition),
                        Arrays.copyOfRange(body, contentStart, next)));
            start = next + 2;
        }
    }

    private static String disposition(String headers) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Disposition"))
                return line.substring(colon + 1).trim();
        }
        throw SwarmException.badRequest("malformed multipart body: a part has no Content-Disposition");
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private boolean startsWith(int at, String ascii) {
        byte[] want = ascii.getBytes(StandardCharsets.US_ASCII);
        if (at + want.length > body.length)
            return false;
        for (int i = 0; i < want.length; i++)
            if (body[at + i] != want[i])
                return false;
        return true;
    }

    private int indexOf(byte[] needle, int from) {
        outer:
        for (int i = from; i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++)
                if (body[i + j] != needle[j])
                    continue outer;
            return i;
        }
        return -1;
    }
}
