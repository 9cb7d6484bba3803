package org.openswarm.examples.digits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Samples and labels: 64 pixel features scaled from 0..16 to 0..1, and the digit 0..9. Immutable; subsets share rows.
 */
public record Dataset(float[][] x, int[] y) {
    public static final int FEATURES = 64;
    public static final int CLASSES = 10;
    /** The copy bundled into the jar (data/digits.csv.gz). */
    static final String RESOURCE = "/digits.csv.gz";

    public int size() {
        return y.length;
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        float[][] xs = new float[indices.length][];
        int[] ys = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            xs[i] = x[indices[i]];
            ys[i] = y[indices[i]];
        }
        return new Dataset(xs, ys);
    }

    /** Reads the gzipped CSV from {@code file}, or the bundled copy when {@code file} is null. */
    public static Dataset load(Path file) throws IOException {
        try (InputStream raw = file != null ? Files.newInputStream(file) : bundled()) {
            return parse(new GZIPInputStream(raw));
        }
    }

    private static InputStream bundled() throws IOException {
        InputStream in = Dataset.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException(RESOURCE + " is not on the classpath; pass --data <digits.csv.gz>");
        }
        return in;
    }

    static Dataset parse(InputStream csv) throws IOException {
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.US_ASCII));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != FEATURES + 1) {
                throw new IOException("a digits row has 65 cells, this one " + cells.length + ": " + line);
            }
            float[] row = new float[FEATURES];
            for (int i = 0; i < FEATURES; i++) {
                row[i] = Float.parseFloat(cells[i]) / 16f;
            }
            xs.add(row);
            ys.add((int) Float.parseFloat(cells[FEATURES]));
        }
        return new Dataset(xs.toArray(new float[0][]), ys.stream().mapToInt(Integer::intValue).toArray());
    }
}
