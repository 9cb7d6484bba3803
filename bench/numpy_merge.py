#!/usr/bin/env python3
"""numpy's side of the merge benchmark (scripts/bench-merge.sh): the same N, P and weights as MergeBench, variants run
round-robin beside numpy's own same-moment read roof (X.sum(): reads every input once, no per-coordinate output).
Args as MergeBench: [--n 2,4,8,16] [--p 1000000,10000000] [--big] (--threads is ignored).
Run with OMP_WAIT_POLICY=passive OPENBLAS_THREAD_TIMEOUT=4 (merge-notes §1: spinning BLAS threads on 2 cores).
"""
import statistics
import sys
import time

import numpy as np


def main(argv):
    ns = [2, 4, 8, 16]
    ps = [1_000_000, 10_000_000]
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--n":
            ns = [int(v) for v in argv[i + 1].split(",")]
            i += 1
        elif a == "--p":
            ps = [int(v) for v in argv[i + 1].split(",")]
            i += 1
        elif a == "--threads":
            i += 1
        elif a == "--big":
            ps.append(100_000_000)
        i += 1
    print("# numpy %s" % np.__version__)
    print("| N | P | variant | median ms | min ms | input GB/s | ratio to numpy roof |")
    print("|---|---|---|---|---|---|---|")
    for p in ps:
        for n in ns:
            run(n, p)


def run(n, p):
    rng = np.random.default_rng(n * 31 + p)
    X = rng.random((n, p), dtype=np.float32)  # in place below: no N x P temporaries
    X *= 2
    X -= 1
    w = np.array([1 + k % 3 for k in range(n)], dtype=np.float32)
    wn = w / w.sum()
    out = np.empty(p, dtype=np.float32)
    tmp = np.empty(p, dtype=np.float32)

    def roof():
        return X.sum()

    def average():
        return np.average(X, axis=0, weights=w)

    def axpy_loop():
        np.multiply(X[0], wn[0], out=out)
        for k in range(1, n):
            np.multiply(X[k], wn[k], out=tmp)
            np.add(out, tmp, out=out)
        return out

    def gemv():
        return wn @ X

    def median():
        return np.median(X, axis=0)

    variants = [("numpy-roof X.sum()", roof), ("np.multiply/np.add loop", axpy_loop), ("w @ X", gemv)]
    if n * p <= 200_000_000:  # np.average builds an N x P temporary: left out at 16 x 100M (memory)
        variants.insert(1, ("np.average(weights=)", average))
    if n in (8, 16) and p <= 10_000_000:  # np.median copies X and takes ~30 s at 16 x 100M
        variants.append(("np.median(axis=0)", median))
    rounds = 41 if p <= 1_000_000 else 15 if p <= 10_000_000 else 7
    slow = {"np.median(axis=0)"}
    for name, f in variants:
        end = time.perf_counter() + (0.7 if name not in slow else 0)
        f()
        while time.perf_counter() < end:
            f()
    times = {name: [] for name, _ in variants}
    for r in range(rounds):
        for j in range(len(variants)):
            name, f = variants[(j + r) % len(variants)]
            if name in slow and len(times[name]) >= 3:
                continue  # np.median takes seconds: 3 samples
            t0 = time.perf_counter()
            f()
            times[name].append((time.perf_counter() - t0) * 1e3)
    c = min(p, 1_000_000)
    ref = (wn[:, None].astype(np.float64) * X[:, :c].astype(np.float64)).sum(axis=0)
    assert np.allclose(gemv()[:c], ref, atol=1e-5) and np.allclose(axpy_loop()[:c], ref, atol=1e-5)
    roof_ms = statistics.median(times["numpy-roof X.sum()"])
    for name, _ in variants:
        med = statistics.median(times[name])
        print("| %d | %s | %s | %.3f | %.3f | %.1f | %.2f |" % (
            n, "%dM" % (p // 1_000_000), name, med, min(times[name]), 4.0 * n * p / med / 1e6, roof_ms / med))
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
