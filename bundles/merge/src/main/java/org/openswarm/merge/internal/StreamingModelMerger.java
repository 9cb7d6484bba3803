package org.openswarm.merge.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.openswarm.api.SwarmException;
import org.openswarm.api.merge.MergeEngine;
import org.openswarm.api.merge.MergeMethod;
import org.openswarm.api.merge.MergeParams;
import org.openswarm.api.merge.MergeResult;
import org.openswarm.api.merge.ModelMerger;
import org.openswarm.common.safetensors.DType;
import org.openswarm.common.safetensors.SafetensorsFile;
import org.openswarm.common.safetensors.SafetensorsWriter;
import org.openswarm.common.safetensors.TensorInfo;
import org.openswarm.common.safetensors.TensorSpec;

/**
 * Merges safetensors models tensor by tensor and, for the coordinate-wise methods, chunk by chunk: for each chunk it
 * reads that range of the tensor from every counted input (in parallel when given a pool), merges it with the engine
 * and writes it with positional writes. Memory is inputs x chunk (GEOMEDIAN: inputs x the largest tensor), never
 * inputs x the model. Float tensors (F32/F16/BF16) are merged as float32 and narrowed back, F64 in double; integer
 * tensors take the element-wise maximum and BOOL the OR (e.g. step counters, masks). KRUM first accumulates the
 * pairwise squared distances over every float tensor, then copies the selected input byte for byte.
 */
public final class StreamingModelMerger implements ModelMerger {
    private final MergeEngine engine;
    private final int chunkElements;
    private final ExecutorService io;
    /** Largest number of elements held per input at once during the last merge (for tests and diagnostics). */
    private volatile long peakElementsPerInput;

    /**
     * @param engine        merges each chunk
     * @param chunkElements coordinates per input read at a time by the coordinate-wise methods
     * @param io            reads the inputs of a chunk in parallel; null reads them one after another
     */
    public StreamingModelMerger(MergeEngine engine, int chunkElements, ExecutorService io) {
        this.engine = engine;
        this.chunkElements = Math.max(1024, chunkElements);
        this.io = io;
    }

    @Override
    public String engine() {
        return engine.name();
    }

    long peakElementsPerInput() {
        return peakElementsPerInput;
    }

    @Override
    public MergeResult merge(List<Path> inputs, double[] weights, MergeMethod method, MergeParams params,
            Path output) throws IOException {
        long started = System.nanoTime();
        if (inputs == null || inputs.isEmpty()) {
            throw SwarmException.badRequest("no models to merge");
        }
        if (method == null) {
            throw SwarmException.badRequest("no merge method");
        }
        MergeParams prm = params == null ? MergeParams.defaults() : params;
        float[] w = weights(inputs.size(), weights);
        peakElementsPerInput = 0;
        List<SafetensorsFile> files = new ArrayList<>(inputs.size());
        Path tmp = output.resolveSibling(output.getFileName() + ".part");
        try {
            for (int k = 0; k < inputs.size(); k++) {
                files.add(open(k, inputs.get(k)));
            }
            checkLayouts(files);
            int[] active = java.util.stream.IntStream.range(0, w.length).filter(k -> w[k] > 0).toArray();
            SafetensorsFile[] in = new SafetensorsFile[active.length];
            float[] aw = new float[active.length];
            for (int a = 0; a < active.length; a++) {
                in[a] = files.get(active[a]);
                aw[a] = w[active[a]];
            }
            if (method == MergeMethod.KRUM) {
                int selected = active[krum(in, prm)];
                Files.copy(inputs.get(selected), tmp, StandardCopyOption.REPLACE_EXISTING);
            } else {
                write(in, aw, method, prm, files.get(0), tmp);
            }
            move(tmp, output);
        } finally {
            for (SafetensorsFile f : files) {
                f.close();
            }
            Files.deleteIfExists(tmp);
        }
        String sha = sha256(output);
        return new MergeResult(sha, Files.size(output), engine.name(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static float[] weights(int n, double[] weights) {
        float[] w = new float[n];
        if (weights == null) {
            Arrays.fill(w, 1f);
            return w;
        }
        if (weights.length != n) {
            throw SwarmException.badRequest(n + " models but " + weights.length + " weights");
        }
        boolean any = false;
        for (int k = 0; k < n; k++) {
            double v = weights[k];
            if (!(v >= 0) || Double.isInfinite(v) || Float.isInfinite((float) v)) {
                throw SwarmException.badRequest("weight " + k + " is " + v + ": weights must be finite and >= 0");
            }
            w[k] = (float) v;
            any |= w[k] > 0;
        }
        if (!any) {
            throw SwarmException.badRequest("every weight is 0: nothing to merge");
        }
        return w;
    }

    private static SafetensorsFile open(int k, Path p) throws IOException {
        try {
            return SafetensorsFile.open(p);
        } catch (NoSuchFileException e) {
            throw SwarmException.badRequest("input " + k + " (" + p + ") does not exist");
        } catch (IllegalArgumentException e) {
            throw SwarmException.badRequest("input " + k + ": " + e.getMessage());
        }
    }

    /** Every input must have input 0's tensor names, dtypes and shapes; the first mismatch is named. */
    static void checkLayouts(List<SafetensorsFile> files) {
        SafetensorsFile first = files.get(0);
        for (int k = 1; k < files.size(); k++) {
            SafetensorsFile f = files.get(k);
            for (TensorInfo t : first.tensors()) {
                if (!f.contains(t.name())) {
                    throw SwarmException.badRequest("input " + k + " (" + f.path() + ") lacks tensor '" + t.name()
                            + "' of input 0");
                }
                TensorInfo o = f.tensor(t.name());
                if (!o.sameLayout(t)) {
                    throw SwarmException.badRequest("input " + k + " (" + f.path() + "): tensor '" + t.name()
                            + "' is " + o.dtype() + " " + Arrays.toString(o.shape()) + " but input 0 has "
                            + t.dtype() + " " + Arrays.toString(t.shape()));
                }
            }
            for (TensorInfo o : f.tensors()) {
                if (!first.contains(o.name())) {
                    throw SwarmException.badRequest("input " + k + " (" + f.path() + ") has tensor '" + o.name()
                            + "' that input 0 lacks");
                }
            }
        }
    }

    private void write(SafetensorsFile[] in, float[] w, MergeMethod method, MergeParams prm, SafetensorsFile first,
            Path target) throws IOException {
        List<TensorSpec> layout = first.tensors().stream().map(TensorInfo::spec).toList();
        int n = in.length;
        float[][] fx = null;
        float[] fo = null;
        double[][] dx = null;
        double[] dO = null;
        long[][] lx = null;
        try (SafetensorsWriter out = SafetensorsWriter.create(target, layout, first.metadata())) {
            for (TensorInfo t : first.tensors()) {
                String name = t.name();
                long elements = t.elements();
                DType d = t.dtype();
                long chunk = method == MergeMethod.GEOMEDIAN && d.isFloat() ? elements
                        : Math.min(elements, chunkElements);
                if (chunk > Integer.MAX_VALUE - 8) {
                    throw SwarmException.badRequest("tensor '" + name + "' has " + elements + " elements: too large "
                            + "for a whole-tensor " + method.label() + " (use a coordinate-wise method)");
                }
                for (long start = 0; start < elements; start += chunk) {
                    int c = (int) Math.min(chunk, elements - start);
                    peakElementsPerInput = Math.max(peakElementsPerInput, c);
                    long s = start;
                    if (d == DType.F64) {
                        if (dx == null || dO.length != c) {
                            dx = null;
                            dx = new double[n][c];
                            dO = new double[c];
                        }
                        double[][] x = dx;
                        double[] o = dO;
                        read(n, k -> in[k].readDoubles(name, s, x[k], 0, c));
                        engine.merge(method, prm, x, w, o);
                        out.writeDoubles(name, s, o, 0, c);
                    } else if (d.isFloat()) {
                        if (fx == null || fo.length != c) {
                            fx = null; // let the old buffers go before allocating the new ones
                            fx = new float[n][c];
                            fo = new float[c];
                        }
                        float[][] x = fx;
                        float[] o = fo;
                        read(n, k -> in[k].readFloats(name, s, x[k], 0, c));
                        engine.merge(method, prm, x, w, o);
                        out.writeFloats(name, s, o, 0, c);
                    } else {
                        if (lx == null || lx[0].length != c) {
                            lx = null;
                            lx = new long[n][c];
                        }
                        long[][] x = lx;
                        read(n, k -> in[k].readLongs(name, s, x[k], 0, c));
                        long[] o = x[0].clone();
                        for (int k = 1; k < n; k++) {
                            long[] xk = x[k];
                            for (int i = 0; i < c; i++) {
                                o[i] = Math.max(o[i], xk[i]);
                            }
                        }
                        out.writeLongs(name, s, o, 0, c);
                    }
                }
                if (elements == 0) {
                    out.writeRaw(name, ByteBuffer.allocate(0));
                }
            }
        }
    }

    /** Index (into {@code in}) of the participant KRUM selects. */
    private int krum(SafetensorsFile[] in, MergeParams prm) throws IOException {
        int n = in.length;
        if (n <= 2) {
            return 0;
        }
        double[][] acc = new double[n][n];
        float[][] buf = null;
        for (TensorInfo t : in[0].tensors()) {
            if (!t.dtype().isFloat()) {
                continue;
            }
            long elements = t.elements();
            long chunk = Math.min(elements, chunkElements);
            for (long start = 0; start < elements; start += chunk) {
                int c = (int) Math.min(chunk, elements - start);
                peakElementsPerInput = Math.max(peakElementsPerInput, c);
                long s = start;
                if (buf == null || buf[0].length != c) {
                    buf = null;
                    buf = new float[n][c];
                }
                float[][] x = buf;
                read(n, k -> in[k].readFloats(t.name(), s, x[k], 0, c));
                engine.addSquaredDistances(x, acc);
            }
        }
        return krumSelect(acc, prm.krumNeighbours(n));
    }

    /** The participant with the smallest sum of squared distances to its m nearest others (lowest index on ties). */
    static int krumSelect(double[][] d2, int m) {
        int n = d2.length;
        int best = 0;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double[] others = new double[n - 1];
            int o = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others[o++] = d2[i][j];
                }
            }
            Arrays.sort(others);
            double score = 0;
            for (int j = 0; j < Math.min(m, others.length); j++) {
                score += others[j];
            }
            if (score < bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    @FunctionalInterface
    private interface Read {
        void read(int k) throws IOException;
    }

    private void read(int n, Read r) throws IOException {
        if (io == null || n == 1) {
            for (int k = 0; k < n; k++) {
                r.read(k);
            }
            return;
        }
        List<Future<?>> fs = new ArrayList<>(n - 1);
        for (int k = 1; k < n; k++) {
            int kk = k;
            fs.add(io.submit(() -> {
                r.read(kk);
                return null;
            }));
        }
        r.read(0);
        for (Future<?> f : fs) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException ioe) {
                    throw ioe;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading inputs", e);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
