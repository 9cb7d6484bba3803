#!/usr/bin/env bash
#
# Swarm Learning of handwritten digits on one box: one OpenSwarm distribution (a sentinel SN with the embedded ledger
# and one SL per node), N node programs trained in parallel per repeat, then the local-only and central baselines.
#
#   examples/digits-java/run.sh [--nodes N] [--repeats R] [--keep]
#
# N defaults to 5, R to 3; repeat r uses split seed r. --keep leaves the unpacked distribution and the logs behind.
# Prints the means over the repeats, one line each:
#   local node_<i> acc=<x>     node i's split trained alone
#   swarm acc=<x>              the final swarm model (the same on every node)
#   central acc=<x>            one model trained on the union of the splits
# Progress goes to stderr. Environment: OPENSWARM_TARBALL (a distribution to use instead of karaf-assembly/target's),
# SN_PORT (default 30304), FIRST_FREE_PORT (first port tried for the SLs' fileServerPort and mlPort, default 31400),
# RUN_TIMEOUT (seconds one repeat may take, default 3600), JAVA (java).
set -euo pipefail

DEFAULT_NODES=5
EXAMPLE=digits-java
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
JAR="$HERE/target/openswarm-example-digits.jar"
JAVA="${JAVA:-java}"

prepare_program() {
    command -v "$JAVA" >/dev/null 2>&1 || die "no java on the PATH (set JAVA)"
    if [ ! -f "$JAR" ]; then
        log "building the example"
        (cd "$ROOT" && mvn -B -ntp -DskipTests package -pl examples/digits-java -am) >&2
    fi
}

run_node() {
    exec timeout "$RUN_TIMEOUT" "$JAVA" -jar "$JAR" node --index "$1" --nodes "$NODES" --seed "$2" \
        --contract "$3" --out "$4"
}

run_baseline() {
    "$JAVA" -jar "$JAR" baseline --nodes "$NODES" --seed "$1"
}

# shellcheck source=../lib/digits-swarm.sh
source "$ROOT/examples/lib/digits-swarm.sh" "$@"
