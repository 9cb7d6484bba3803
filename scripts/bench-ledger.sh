#!/usr/bin/env bash
#
# Ledger benchmark on the embedded chain (docs/performance.md, "Ledger (embedded anvil)"): builds contracts/ and
# bundles/ledger up to test-compile (offline, in the reactor; nothing is installed into ~/.m2), then runs
# org.openswarm.ledger.bench.LedgerBench against an anvil it starts itself.
#
#   ./scripts/bench-ledger.sh                       # defaults: --tx=300 --warmup=30 --rounds=30 --warmupRounds=3
#   ./scripts/bench-ledger.sh --tx=500 --rounds=50  # arguments go to LedgerBench
#   BENCH_SKIP_BUILD=1 ./scripts/bench-ledger.sh    # reuse the last build
#   BENCH_STATE_INTERVAL=off ./scripts/bench-ledger.sh  # anvil without the product's --state-interval 1 (or =N):
#                                                   # an experiment to see what the periodic state dump costs
#
# The report goes to stdout and to bundles/ledger/target/bench/<timestamp>/report.md, with the raw samples (CSV).
# Set MAVEN_OFFLINE= (empty) to let Maven go online when the local repository lacks something.
#
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_tools
use_java17

offline="${MAVEN_OFFLINE--o}"
cp_file="bundles/ledger/target/bench-classpath.txt"
if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -s "$cp_file" ]; then
    echo "Building contracts and bundles/ledger (test-compile) ..." >&2
    # shellcheck disable=SC2086
    mvn -B -q $offline -Dstyle.color=never -pl contracts,bundles/ledger -am test-compile \
        dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >&2
fi

anvil="contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
[ -x "$anvil" ] || { echo "No anvil at $anvil (the contracts build runs npm ci)" >&2; exit 1; }

out="bundles/ledger/target/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
note="# anvil: as the product starts it (--state-interval 1)"
if [ -n "${BENCH_STATE_INTERVAL:-}" ]; then
    # AnvilProcess always passes --state-interval 1; a wrapper rewrites it (off: no periodic dump, only on exit).
    real_anvil="$(realpath "$anvil")"
    anvil="$out/anvil-state-interval-$BENCH_STATE_INTERVAL.sh"
    cat > "$anvil" <<WRAPPER
#!/usr/bin/env bash
args=()
while [ \$# -gt 0 ]; do
    if [ "\$1" = --state-interval ]; then
        shift
        [ "$BENCH_STATE_INTERVAL" = off ] || args+=(--state-interval "$BENCH_STATE_INTERVAL")
    else
        args+=("\$1")
    fi
    shift
done
exec "$real_anvil" "\${args[@]}"
WRAPPER
    chmod +x "$anvil"
    note="# anvil: --state-interval rewritten to '$BENCH_STATE_INTERVAL' by $anvil"
fi
classpath="bundles/ledger/target/test-classes:bundles/ledger/target/classes:$(cat "$cp_file")"
{
    echo "# machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr);" \
        "load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
    echo "# commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' (dirty)')"
    echo "$note"
    # Small fixed heap: the bench holds little, and a fixed size keeps GC behaviour the same between runs.
    java -Xms256m -Xmx256m -cp "$classpath" org.openswarm.ledger.bench.LedgerBench \
        --anvil="$anvil" --raw="$out" "$@"
    echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
} 2>&1 | tee "$out/report.md"
