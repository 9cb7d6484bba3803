#!/usr/bin/env bash
#
# Swarm Learning of handwritten digits with PyTorch on one box: one OpenSwarm distribution (a sentinel SN with the
# embedded ledger and one SL per node), N train.py node processes trained in parallel per repeat (the Python client's
# SwarmCallback), then the local-only and central baselines.
#
#   examples/digits-pytorch/run.sh [--nodes N] [--repeats R] [--keep]
#
# N defaults to 4, R to 3; repeat r uses split seed r. --keep leaves the unpacked distribution and the logs behind.
# Prints the means over the repeats, one line each:
#   local node_<i> acc=<x>     node i's split trained alone
#   swarm acc=<x>              the final swarm model (the same on every node)
#   central acc=<x>            one model trained on the union of the splits
# Progress goes to stderr. Environment: OPENSWARM_TARBALL (a distribution to use instead of karaf-assembly/target's),
# SN_PORT (default 30304), FIRST_FREE_PORT (first port tried for the SLs' fileServerPort and mlPort, default 31400),
# RUN_TIMEOUT (seconds one repeat may take, default 3600), PYTHON (default clients/python/target/venv/bin/python,
# built with clients/python/build.sh when missing), TRAIN_ARGS (extra train.py options for the nodes and the
# baselines, e.g. --batchnorm).
set -euo pipefail

DEFAULT_NODES=4
EXAMPLE=digits-pytorch
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PYTHON="${PYTHON:-$ROOT/clients/python/target/venv/bin/python}"
TRAIN="$HERE/train.py"

prepare_program() {
    if [ ! -x "$PYTHON" ]; then
        log "building the Python client's venv (no $PYTHON)"
        "$ROOT/clients/python/build.sh" venv >&2
    fi
    [ -x "$PYTHON" ] || die "no Python at $PYTHON (set PYTHON)"
    "$PYTHON" -c 'import torch, numpy, swarmlearning.pyt' 2>/dev/null \
        || die "$PYTHON cannot import torch, numpy and swarmlearning.pyt (Debian python3-torch, python3-numpy; clients/python/build.sh)"
}

run_node() {
    # shellcheck disable=SC2086 # TRAIN_ARGS is split into options on purpose
    exec timeout "$RUN_TIMEOUT" "$PYTHON" "$TRAIN" node --index "$1" --nodes "$NODES" --seed "$2" \
        --contract "$3" --out "$4" ${TRAIN_ARGS:-}
}

run_baseline() {
    # shellcheck disable=SC2086
    "$PYTHON" "$TRAIN" baseline --nodes "$NODES" --seed "$1" ${TRAIN_ARGS:-}
}

# shellcheck source=../lib/digits-swarm.sh
source "$ROOT/examples/lib/digits-swarm.sh" "$@"
