package org.openswarm.merge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Splits coordinate ranges over a fixed pool; the calling thread runs the first part. Work below a threshold runs
 * on the calling thread only, since a hand-off to a pool thread costs about 0.1 ms (merge-notes §8).
 */
final class Parallel implements AutoCloseable {
    /** Elements touched (inputs x coordinates) below which a merge stays on the calling thread. */
    static final long SERIAL_WORK = 1L << 20;
    /** Part boundaries are multiples of this many coordinates (cache lines and every vector width). */
    static final int ALIGN = 64;

    @FunctionalInterface
    interface PartTask {
        void run(int part, int from, int to);
    }

    private final int threads;
    private final ExecutorService pool;

    Parallel(int threads) {
        this.threads = threads <= 0 ? Runtime.getRuntime().availableProcessors() : threads;
        if (this.threads > 1) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory f = r -> {
                Thread t = new Thread(r, "openswarm-merge-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(this.threads - 1, f);
        } else {
            pool = null;
        }
    }

    int threads() {
        return threads;
    }

    /** How many parts {@code length} coordinates touching {@code work} elements are split into. */
    int parts(long work, int length) {
        if (pool == null || work < SERIAL_WORK) {
            return 1;
        }
        return (int) Math.max(1, Math.min(threads, (length + (long) ALIGN - 1) / ALIGN));
    }

    /** Runs {@code task} over {@code parts} aligned slices of [0, length) and waits for all. */
    void run(int parts, int length, PartTask task) {
        if (parts <= 1) {
            task.run(0, 0, length);
            return;
        }
        int per = (int) ((((long) length + parts - 1) / parts + ALIGN - 1) / ALIGN * ALIGN);
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = Math.min(length, p * per);
            int to = Math.min(length, from + per);
            int part = p;
            futures.add(pool.submit(() -> task.run(part, from, to)));
        }
        RuntimeException failure = null;
        try {
            task.run(0, 0, Math.min(length, per));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while merging", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs over slices sized for {@code work} (inputs x coordinates). */
    void split(long work, int length, PartTask task) {
        run(parts(work, length), length, task);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
