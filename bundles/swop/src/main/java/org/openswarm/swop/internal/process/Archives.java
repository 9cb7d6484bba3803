package org.openswarm.swop.internal.process;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Extracts tar, tar.gz (tgz) and zip archives into a directory, refusing every entry that would land outside it (an
 * absolute name, {@code ..}, or a link pointing out): a downloaded archive is untrusted input. Tar is read here
 * (POSIX ustar with GNU long names and pax path records); regular files, directories and symbolic links are made,
 * other entry types are skipped.
 */
public final class Archives {
    private Archives() {
    }

    /** @return how many entries were extracted */
    public static int extract(Path archive, Path destination) throws IOException {
        String name = archive.getFileName().toString().toLowerCase(Locale.ROOT);
        Files.createDirectories(destination);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(archive))) {
            if (name.endsWith(".zip"))
                return unzip(in, destination);
            if (name.endsWith(".tar.gz") || name.endsWith(".tgz"))
                return untar(new GZIPInputStream(in), destination);
            if (name.endsWith(".tar"))
                return untar(in, destination);
        }
        throw new IOException("unknown archive type " + archive.getFileName() + " (tar, tar.gz, tgz or zip)");
    }

    /** {@code destination/entry}, or an exception when the entry's name leaves {@code destination}. */
    static Path target(Path destination, String entry) throws IOException {
        Path root = destination.toAbsolutePath().normalize();
        if (entry.startsWith("/") || entry.contains("\\") || entry.contains("\0"))
            throw new IOException("archive entry " + entry + " has an absolute or unsafe name");
        Path resolved = root.resolve(entry).normalize();
        if (!resolved.startsWith(root))
            throw new IOException("archive entry " + entry + " leaves the destination (path traversal)");
        return resolved;
    }

    private static int unzip(InputStream in, Path destination) throws IOException {
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                Path target = target(destination, entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
                count++;
            }
        }
        return count;
    }

    private static int untar(InputStream in, Path destination) throws IOException {
        int count = 0;
        byte[] header = new byte[512];
        String longName = null;
        String longLink = null;
        while (readFully(in, header)) {
            if (isZero(header))
                break;
            String name = text(header, 0, 100);
            String linkName = text(header, 157, 100);
            char type = (char) header[156];
            long size = octal(header, 124, 12);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5)))
                name = prefix + "/" + name;
            if (type == 'L' || type == 'K' || type == 'x') {
                byte[] data = in.readNBytes((int) size);
                skip(in, pad(size));
                if (type == 'L')
                    longName = text(data, 0, data.length);
                else if (type == 'K')
                    longLink = text(data, 0, data.length);
                else
                    longName = paxPath(data, longName);
                continue;
            }
            if (longName != null)
                name = longName;
            if (longLink != null)
                linkName = longLink;
            longName = null;
            longLink = null;
            Path target = target(destination, name);
            if (type == '5') {
                Files.createDirectories(target);
            } else if (type == '0' || type == '\0' || type == '7') {
                Files.createDirectories(target.getParent());
                Files.copy(new BoundedStream(in, size), target, StandardCopyOption.REPLACE_EXISTING);
                skip(in, pad(size));
                count++;
                continue;
            } else if (type == '2') {
                Path pointsTo = target.getParent().resolve(linkName).normalize();
                if (linkName.startsWith("/") || !pointsTo.startsWith(destination.toAbsolutePath().normalize()))
                    throw new IOException("archive link " + name + " -> " + linkName
                            + " leaves the destination (path traversal)");
                Files.createDirectories(target.getParent());
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(linkName));
            }
            skip(in, size + pad(size));
            count++;
        }
        return count;
    }

    private static String paxPath(byte[] data, String previous) {
        String records = new String(data, StandardCharsets.UTF_8);
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            int eq = record.indexOf('=');
            if (space > 0 && eq > space && record.substring(space + 1, eq).equals("path"))
                return record.substring(eq + 1);
        }
        return previous;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n == 0)
            return false;
        if (n < buffer.length)
            throw new IOException("truncated tar archive");
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block)
            if (b != 0)
                return false;
        return true;
    }

    private static long pad(long size) {
        return (512 - size % 512) % 512;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0)
                    throw new IOException("truncated tar archive");
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static String text(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && end < b.length && b[end] != 0)
            end++;
        return new String(b, offset, end - offset, StandardCharsets.UTF_8).trim();
    }

    private static long octal(byte[] b, int offset, int length) throws IOException {
        String digits = text(b, offset, length).trim();
        if (digits.isEmpty())
            return 0;
        try {
            return Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("bad size field in tar header: " + digits);
        }
    }

    /** Reads at most {@code size} bytes of the underlying stream and never closes it. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0)
                return -1;
            int b = in.read();
            if (b >= 0)
                left--;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0)
                return -1;
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n > 0)
                left -= n;
            else if (n < 0)
                throw new IOException("truncated tar archive");
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
