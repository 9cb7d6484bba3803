package org.openswarm.swop.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {
    @TempDir
    Path dir;

    /** A ustar archive of regular files, as {@code tar} writes it. */
    static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] data = file.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] header = new byte[512];
            put(header, 0, file.getKey());
            put(header, 100, "0000644");
            put(header, 124, String.format("%011o", data.length));
            put(header, 136, String.format("%011o", 0));
            header[156] = '0';
            put(header, 257, "ustar");
            put(header, 263, "00");
            java.util.Arrays.fill(header, 148, 156, (byte) ' ');
            long sum = 0;
            for (byte b : header)
                sum += b & 0xff;
            put(header, 148, String.format("%06o", sum));
            header[154] = 0;
            out.write(header);
            out.write(data);
            out.write(new byte[(512 - data.length % 512) % 512]);
        }
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void tarTarGzAndZipExtract() throws Exception {
        Map<String, String> files = Map.of("model/mnist.py", "print()\n", "data/a.csv", "1,2\n");
        Path tar = Files.write(dir.resolve("c.tar"), tar(files));
        Path tgz = Files.write(dir.resolve("c.tar.gz"), gzip(tar(files)));
        Path zip = Files.write(dir.resolve("c.zip"), zip(files));
        for (Path archive : new Path[] { tar, tgz, zip }) {
            Path out = dir.resolve("out-" + archive.getFileName());
            assertEquals(2, Archives.extract(archive, out));
            assertEquals("print()\n", Files.readString(out.resolve("model/mnist.py")));
            assertEquals("1,2\n", Files.readString(out.resolve("data/a.csv")));
        }
    }

    @Test
    void theSystemTarsOutputReadsToo() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/deep/" + "long-directory-name-".repeat(6)));
        Files.writeString(src.resolve("f.txt"), "x".repeat(1000));
        Process tar = new ProcessBuilder("tar", "czf", dir.resolve("sys.tgz").toString(), "-C", dir.resolve("src")
                .toString(), "deep").redirectErrorStream(true).start();
        assertEquals(0, tar.waitFor());
        Archives.extract(dir.resolve("sys.tgz"), dir.resolve("sys"));
        assertEquals("x".repeat(1000), Files.readString(dir.resolve("sys/deep/" + "long-directory-name-".repeat(6)
                + "/f.txt")));
    }

    @Test
    void traversalAttemptsAreRefused() throws Exception {
        Path evilTar = Files.write(dir.resolve("evil.tar"), tar(Map.of("../escaped.txt", "pwned")));
        Path evilZip = Files.write(dir.resolve("evil.zip"), zip(Map.of("a/../../escaped.txt", "pwned")));
        Path absolute = Files.write(dir.resolve("abs.tar"), tar(Map.of("/tmp/escaped.txt", "pwned")));
        for (Path archive : new Path[] { evilTar, evilZip, absolute }) {
            IOException e = assertThrows(IOException.class, () -> Archives.extract(archive, dir.resolve("dest")));
            assertTrue(e.getMessage().contains("escaped.txt"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
        assertThrows(IOException.class, () -> Archives.extract(Files.writeString(dir.resolve("x.rar"), "?"),
                dir.resolve("dest")));
    }
}
