#!/usr/bin/env bash
#
# The main job on one box: builds the distribution when the sources changed, unpacks it into run/openswarm and runs
# its single-box demo (bin/openswarm demo): embedded ledger, sentinel SN, license server, SWOP, SWCI and 4 SL/ML
# pairs train the non-IID digits through the reference's SWCI flow, then the local/swarm/central accuracy table.
#
#   ./scripts/demo.sh [--pytorch] [--nodes N] [--seed S] [--keep-running]   build if needed, run the demo
#   ./scripts/demo.sh start    build if needed, start OpenSwarm from run/openswarm and leave it running
#   ./scripts/demo.sh stop     stop it
#   ./scripts/demo.sh status   is it running, and what does the SN answer
#
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
RUN_DIR="$ROOT/run/openswarm"
LAUNCHER="$RUN_DIR/bin/openswarm"

source scripts/lib/env.sh

tarball() { ls -t "$ROOT"/karaf-assembly/target/openswarm-*.tar.gz 2>/dev/null | head -n 1; }

# True when no distribution was built yet or a source file is newer than the last one.
needs_build() {
    local archive; archive="$(tarball)"
    [ -z "$archive" ] && return 0
    [ -n "$(find pom.xml bundles features karaf-assembly config examples clients contracts/src -newer "$archive" -type f -not -path '*/target/*' 2>/dev/null | head -n 1)" ]
}

build() {
    echo "Building the distribution (mvn package, tests skipped; ./scripts/test.sh runs them) ..."
    mvn -B -ntp -q -Dstyle.color=never package -DskipTests -DskipITs
}

# Unpacks the archive unless run/openswarm already holds this very build.
install_run_dir() {
    local archive; archive="$(tarball)"
    if [ -f "$RUN_DIR/.unpacked-from" ] && [ "$(cat "$RUN_DIR/.unpacked-from")" = "$(stat -c '%n %Y' "$archive")" ]; then
        return 0
    fi
    if [ -x "$LAUNCHER" ]; then
        "$LAUNCHER" stop || true
    fi
    rm -rf "$RUN_DIR"
    mkdir -p "$RUN_DIR"
    tar xzf "$archive" --strip-components=1 -C "$RUN_DIR"
    stat -c '%n %Y' "$archive" > "$RUN_DIR/.unpacked-from"
    echo "Unpacked $(basename "$archive") into run/openswarm"
}

case "${1:-demo}" in
    demo|--*)
        [ "${1:-}" = demo ] && shift
        ensure_tools
        use_java17
        if needs_build; then build; fi
        install_run_dir
        exec "$LAUNCHER" demo "$@"
        ;;
    start)
        ensure_tools
        use_java17
        if needs_build; then build; fi
        install_run_dir
        "$LAUNCHER" start
        echo
        echo "OpenSwarm runs from run/openswarm. Try:"
        echo "  run/openswarm/bin/openswarm client \"feature:list -i\""
        echo "  run/openswarm/bin/openswarm console"
        echo "  ./scripts/demo.sh stop"
        ;;
    stop|status)
        [ -x "$LAUNCHER" ] || { echo "Nothing installed in run/openswarm yet; run ./scripts/demo.sh first."; exit 0; }
        use_java17
        "$LAUNCHER" "$1"
        ;;
    *)
        sed -n '3,11p' "$0" | sed 's/^# \{0,1\}//'
        exit 2
        ;;
esac
