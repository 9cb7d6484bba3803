#!/bin/sh
# Interleaved merge benchmark: Java engine variants beside a same-moment read roof (bench/), then numpy's
# (bench/numpy_merge.py) with its own roof. Builds bundles/merge first (offline, no install).
#   scripts/bench-merge.sh [--n 2,4,8,16] [--p 1000000,10000000] [--threads 0] [--big]
# --big adds P = 100M floats: 16 x 100M floats is 6.4 GB of input (the JVM gets -Xmx${BENCH_XMX:-9g}).
# Set SKIP_NUMPY=1 to skip the numpy part.
set -eu
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mvn -o -B -q package -pl bundles/merge -am -DskipTests
GSON="$(find "${MAVEN_REPO:-$HOME/.m2/repository}/com/google/code/gson/gson" -name 'gson-*.jar' | sort | tail -1)"
SLF4J="$(find "${MAVEN_REPO:-$HOME/.m2/repository}/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -1)"
CP="bundles/merge/target/classes:bundles/common/target/classes:bundles/api/target/classes:$GSON:$SLF4J"
OUT="bench/target/classes"
mkdir -p "$OUT"
javac -nowarn --add-modules jdk.incubator.vector -d "$OUT" -cp "$CP" \
    $(find bench/src/main/java -name '*.java') 2>&1 | grep -v -e 'incubat' -e '^1 warning' || true
java --add-modules jdk.incubator.vector -Xmx"${BENCH_XMX:-9g}" -cp "$OUT:$CP" \
    org.openswarm.merge.internal.MergeBench "$@" 2>&1 | grep -v 'Using incubator modules'
if [ "${SKIP_NUMPY:-0}" != 1 ]; then
    OMP_WAIT_POLICY=passive OPENBLAS_THREAD_TIMEOUT=4 python3 bench/numpy_merge.py "$@"
fi
