#!/bin/sh
# Java engine vs native CPU engine vs numpy, one run: merge-native/bench/NativeMergeBench (Java and native variants
# interleaved round-robin in one JVM beside the read roof of scripts/bench-merge.sh), then numpy (bench/numpy_merge.py,
# its own same-moment roof, as in scripts/bench-merge.sh). Builds merge-native/cpu first (offline, no install).
#   scripts/bench-merge-native.sh [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big]
# --big adds P = 100M floats (16 x 100M = 6.4 GB of input; the JVM gets -Xmx${BENCH_XMX:-9g}); N x P that does not fit
# the heap is skipped with a note. SKIP_NUMPY=1 skips numpy. OMP_WAIT_POLICY is left as the caller sets it (unset in
# the distribution: libgomp spins briefly after each merge, then sleeps).
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -o -B -q package -pl merge-native/cpu -am -DskipTests
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
GSON="$(find "$REPO/com/google/code/gson/gson" -name 'gson-*.jar' | sort | tail -1)"
SLF4J="$(find "$REPO/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -1)"
JAVACPP="$REPO/org/bytedeco/javacpp/1.5.12/javacpp-1.5.12.jar"
CP="bundles/merge/target/classes:bundles/common/target/classes:bundles/api/target/classes:merge-native/cpu/target/classes:$GSON:$SLF4J:$JAVACPP"
OUT="merge-native/bench/target/classes"
mkdir -p "$OUT"
javac -nowarn --add-modules jdk.incubator.vector -d "$OUT" -cp "$CP" \
    $(find bench/src/main/java -name "*.java") merge-native/bench/NativeMergeBench.java 2>&1 \
    | grep -v -e 'incubat' -e '^1 warning' || true
free -g | sed -n 1,2p
java --add-modules jdk.incubator.vector -Xmx"${BENCH_XMX:-9g}" -cp "$OUT:$CP" \
    org.openswarm.merge.internal.NativeMergeBench "$@" 2>&1 | grep -v 'Using incubator modules'
if [ "${SKIP_NUMPY:-0}" != 1 ]; then
    OMP_WAIT_POLICY=passive OPENBLAS_THREAD_TIMEOUT=4 /usr/bin/python3 bench/numpy_merge.py "$@"
fi
