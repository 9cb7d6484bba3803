#!/usr/bin/env bash
#
# Dry-runs run.sh without an SL: a FAKE distribution whose bin/openswarm starts the client's ML API protocol test
# double (bundles/client/src/test/.../MlApiTestDouble.java) as SN and as every node's SL. It checks run.sh's own logic
# (configuration, ml.env, contracts, parallel nodes, the means) and the client's HTTP side with N real processes; it
# says nothing about the real SL. Needs the client's test classes: mvn -B -DskipTests package -pl
# examples/digits-java -am (test classes are compiled by package).
#
#   examples/digits-java/dev/dry-run.sh [run.sh options]
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
GSON="$(find "$HERE/../target/lib" -name 'gson*.jar' | head -n 1)"
[ -n "$GSON" ] || { echo "dry-run.sh: build the example first" >&2; exit 1; }
export FAKE_CP="$ROOT/bundles/client/target/test-classes:$ROOT/bundles/client/target/classes:$GSON"
FAKE="$(mktemp -d "${TMPDIR:-/tmp}/openswarm-fake.XXXXXX")"
trap 'rm -rf "$FAKE"' EXIT
mkdir -p "$FAKE/openswarm-fake/bin" "$FAKE/openswarm-fake/etc"
cat > "$FAKE/openswarm-fake/bin/openswarm" <<'FAKE_OPENSWARM'
#!/usr/bin/env bash
# FAKE distribution: the ML API protocol test double plays the SN (POST /contracts) and every SL.
set -euo pipefail
H="$(cd "$(dirname "$0")/.." && pwd)"
case "$1" in
start)
    port="$(sed -n 's/^apiPort = //p' "$H/etc/org.openswarm.sn.cfg" 2>/dev/null || true)"
    port="${port:-30304}"
    n="$(find "$H/etc" -name 'org.openswarm.sl-*.cfg' | wc -l)"
    mkdir -p "$H/data/openswarm/sn"
    java -cp "$FAKE_CP" org.openswarm.client.MlApiTestDouble "$port" "$n" 12 > "$H/double.log" 2>&1 &
    echo $! > "$H/double.pid"
    sleep 1
    echo test-token > "$H/data/openswarm/sn/join-token"
    for cfg in "$H"/etc/org.openswarm.sl-*.cfg; do
        name="$(sed -n 's/^name = //p' "$cfg")"
        mkdir -p "$H/data/openswarm/sl/$name"
        printf 'SWARM_SL_URL=http://127.0.0.1:%s\nSWARM_SL_TOKEN=test-token\n' "$port" \
            > "$H/data/openswarm/sl/$name/ml.env"
    done
    echo "fake distribution started" ;;
stop)
    kill "$(cat "$H/double.pid")" && echo "fake distribution stopped" ;;
esac
FAKE_OPENSWARM
chmod +x "$FAKE/openswarm-fake/bin/openswarm"
tar -czf "$FAKE/openswarm-fake.tar.gz" -C "$FAKE" openswarm-fake
OPENSWARM_TARBALL="$FAKE/openswarm-fake.tar.gz" SN_PORT="${SN_PORT:-31399}" "$HERE/../run.sh" "$@"
