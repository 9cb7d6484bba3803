# Shared driver of the digits examples' run.sh (sourced, not run): one OpenSwarm distribution on this box (a sentinel
# SN with the embedded ledger and one SL per node), N node programs trained in parallel per repeat, then the
# local-only and central baselines, and the means over the repeats in the examples' line format.
#
# The sourcing script sets ROOT (the repository), EXAMPLE (its folder name under examples/) and DEFAULT_NODES, and
# defines:
#   prepare_program               builds or checks what the node program needs (stderr for progress)
#   run_node INDEX SEED CONTRACT OUT  execs node INDEX of the repeat with split SEED on CONTRACT, writing OUT/node_<i>.txt
#                                 (`node_<i> acc=<x>` and `node_<i> sha256=<hash>`); SWARM_SL_URL/TOKEN are set
#   run_baseline SEED             prints `local node_<i> acc=<x>` for every node and `central acc=<x>`
# then sources this file with its arguments: `source "$ROOT/examples/lib/digits-swarm.sh" "$@"`. Environment: see the
# examples' run.sh headers.

NODES="$DEFAULT_NODES"
REPEATS=3
KEEP=false
while [ $# -gt 0 ]; do
    case "$1" in
        --nodes) NODES="${2:?--nodes needs a number}"; shift 2 ;;
        --repeats) REPEATS="${2:?--repeats needs a number}"; shift 2 ;;
        --keep) KEEP=true; shift ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$NODES$REPEATS" in *[!0-9]*) echo "run.sh: --nodes and --repeats take positive integers" >&2; exit 2 ;; esac
[ "$NODES" -ge 1 ] && [ "$REPEATS" -ge 1 ] || { echo "run.sh: --nodes and --repeats must be at least 1" >&2; exit 2; }

SN_PORT="${SN_PORT:-30304}"
NEXT_PORT="${FIRST_FREE_PORT:-31400}"
RUN_TIMEOUT="${RUN_TIMEOUT:-3600}"

log() { echo "run.sh: $*" >&2; }
die() { log "$*"; exit 1; }

command -v curl >/dev/null 2>&1 || die "curl is needed to create the training contracts"
if [ -n "${SWARM_LOOPBACK:-}" ]; then
    log "ignoring SWARM_LOOPBACK=$SWARM_LOOPBACK: the nodes of this run use their SLs"
fi

# --- build what is missing ---------------------------------------------------------------------------------------
tarball() {
    if [ -n "${OPENSWARM_TARBALL:-}" ]; then
        echo "$OPENSWARM_TARBALL"
    else
        find "$ROOT/karaf-assembly/target" -maxdepth 1 -name 'openswarm-*.tar.gz' 2>/dev/null | head -n 1
    fi
}
if [ -z "$(tarball)" ]; then
    log "building the distribution (karaf-assembly/target has no tar.gz)"
    (cd "$ROOT" && mvn -B -ntp -DskipTests package -pl karaf-assembly -am) >&2
fi
TARBALL="$(tarball)"
[ -n "$TARBALL" ] && [ -f "$TARBALL" ] || die "no distribution tar.gz (${TARBALL:-none under $ROOT/karaf-assembly/target})"
prepare_program

# --- unpack and configure ------------------------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/openswarm-$EXAMPLE.XXXXXX")"
KARAF=""
NODE_PIDS=()
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    for pid in "${NODE_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    if [ -n "$KARAF" ] && [ -x "$KARAF/bin/openswarm" ]; then
        "$KARAF/bin/openswarm" stop >&2 || log "could not stop the distribution in $KARAF"
    fi
    if [ "$KEEP" = true ] || [ $rc -ne 0 ]; then
        log "distribution, logs and results kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tar -xzf "$TARBALL" -C "$WORK"
KARAF="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
[ -x "$KARAF/bin/openswarm" ] || die "$TARBALL holds no bin/openswarm"
log "distribution unpacked in $KARAF"

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# The next port from FIRST_FREE_PORT on that nothing listens on (sets PORT: a command substitution would lose the count).
next_free_port() {
    while port_in_use "$NEXT_PORT"; do NEXT_PORT=$((NEXT_PORT + 1)); done
    PORT=$NEXT_PORT
    NEXT_PORT=$((NEXT_PORT + 1))
}

# The sentinel SN with the embedded ledger is the distribution's default; only its port is set here.
if [ "$SN_PORT" != 30304 ]; then
    printf 'apiPort = %s\n' "$SN_PORT" >> "$KARAF/etc/org.openswarm.sn.cfg"
fi
for ((i = 0; i < NODES; i++)); do
    next_free_port; file_port=$PORT
    next_free_port; ml_port=$PORT
    cat > "$KARAF/etc/org.openswarm.sl-node$i.cfg" <<CFG
# SL of digits node $i (written by examples/$EXAMPLE/run.sh).
name = node$i
snHost = 127.0.0.1
snPort = $SN_PORT
# Empty: read the local SN's join token file.
joinToken =
fileServerPort = $file_port
mlPort = $ml_port
fullQuorumWaitSeconds = 2
CFG
done

# --- start and wait for the SLs ----------------------------------------------------------------------------------
log "starting OpenSwarm"
OPENSWARM_START_TIMEOUT="${OPENSWARM_START_TIMEOUT:-300}" "$KARAF/bin/openswarm" start >&2
TOKEN_FILE="$KARAF/data/openswarm/sn/join-token"
[ -s "$TOKEN_FILE" ] || die "no join token in $TOKEN_FILE: is the SN a sentinel?"
TOKEN="$(cat "$TOKEN_FILE")"
SN_URL="http://127.0.0.1:$SN_PORT"

deadline=$((SECONDS + 300))
for ((i = 0; i < NODES; i++)); do
    env_file="$KARAF/data/openswarm/sl/node$i/ml.env"
    until [ -s "$env_file" ]; do
        [ $SECONDS -lt $deadline ] || die "SL node$i wrote no $env_file within 300 s; see $KARAF/data/log/karaf.log"
        sleep 1
    done
done
log "all $NODES SLs are up"

# Creates a training contract, retrying while the ledger is not ready (503).
create_contract() {
    local name="$1" status tries=0
    while true; do
        status="$(curl -sS -o "$WORK/contract.json" -w '%{http_code}' -X POST "$SN_URL/contracts" \
            -H "X-Swarm-Token: $TOKEN" -H 'Content-Type: application/json' -d "{\"name\": \"$name\"}" || echo 000)"
        case "$status" in
            201) return 0 ;;
            503|000) tries=$((tries + 1)); [ $tries -lt 120 ] || die "the SN did not create contract $name: $status" ;;
            *) die "POST /contracts answered $status: $(cat "$WORK/contract.json" 2>/dev/null)" ;;
        esac
        sleep 1
    done
}

# The value of "<prefix> acc=<x>" in a file.
acc_of() { sed -n "s/^$2 acc=\([0-9.]*\)$/\1/p" "$1" | head -n 1; }

# --- the repeats -------------------------------------------------------------------------------------------------
declare -a LOCAL_SUM
for ((i = 0; i < NODES; i++)); do LOCAL_SUM[i]=0; done
SWARM_SUM=0
CENTRAL_SUM=0
for ((r = 1; r <= REPEATS; r++)); do
    out="$WORK/r$r"
    mkdir -p "$out"
    contract="digits-r$r-$(date +%s)"
    create_contract "$contract"
    log "repeat $r of $REPEATS: training contract $contract, $NODES nodes, seed $r"
    NODE_PIDS=()
    for ((i = 0; i < NODES; i++)); do
        (
            set -a
            # shellcheck disable=SC1090
            . "$KARAF/data/openswarm/sl/node$i/ml.env"
            set +a
            unset SWARM_LOOPBACK
            run_node "$i" "$r" "$contract" "$out"
        ) > "$out/node_$i.log" 2>&1 &
        NODE_PIDS+=("$!")
    done
    failed=0
    for ((i = 0; i < NODES; i++)); do
        if ! wait "${NODE_PIDS[i]}"; then
            log "node $i of repeat $r failed; its log: $out/node_$i.log"
            tail -n 20 "$out/node_$i.log" >&2 || true
            failed=1
        fi
    done
    NODE_PIDS=()
    [ $failed -eq 0 ] || die "repeat $r failed"

    swarm=0
    first_hash=""
    for ((i = 0; i < NODES; i++)); do
        acc="$(acc_of "$out/node_$i.txt" "node_$i")"
        [ -n "$acc" ] || die "node $i of repeat $r wrote no accuracy"
        hash="$(sed -n "s/^node_$i sha256=//p" "$out/node_$i.txt")"
        if [ -z "$first_hash" ]; then
            first_hash="$hash"
        elif [ "$hash" != "$first_hash" ]; then
            log "WARNING: repeat $r: node $i ended with another model (sha256 $hash, node 0 $first_hash)"
        fi
        log "repeat $r: node_$i acc=$acc"
        swarm="$(awk -v a="$swarm" -v b="$acc" -v n="$NODES" 'BEGIN { printf "%.6f", a + b / n }')"
    done
    if [ "$(sed -n 's/^node_[0-9]* acc=//p' "$out"/node_*.txt | sort -u | wc -l)" -gt 1 ]; then
        log "WARNING: repeat $r: the nodes' final accuracies differ; they should share one final model"
    fi

    run_baseline "$r" > "$out/baseline.txt" 2> "$out/baseline.log"
    for ((i = 0; i < NODES; i++)); do
        acc="$(acc_of "$out/baseline.txt" "local node_$i")"
        LOCAL_SUM[i]="$(awk -v a="${LOCAL_SUM[i]}" -v b="$acc" 'BEGIN { printf "%.6f", a + b }')"
    done
    central="$(acc_of "$out/baseline.txt" central)"
    log "repeat $r: swarm acc=$swarm central acc=$central"
    SWARM_SUM="$(awk -v a="$SWARM_SUM" -v b="$swarm" 'BEGIN { printf "%.6f", a + b }')"
    CENTRAL_SUM="$(awk -v a="$CENTRAL_SUM" -v b="$central" 'BEGIN { printf "%.6f", a + b }')"
done

# --- the means -----------------------------------------------------------------------------------------------------
mean() { awk -v s="$1" -v n="$REPEATS" 'BEGIN { printf "%.4f", s / n }'; }
for ((i = 0; i < NODES; i++)); do
    echo "local node_$i acc=$(mean "${LOCAL_SUM[i]}")"
done
echo "swarm acc=$(mean "$SWARM_SUM")"
echo "central acc=$(mean "$CENTRAL_SUM")"
