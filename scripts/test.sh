#!/usr/bin/env bash
#
# Runs every test: unit tests beside the code, karaf:verify of every feature, and the integration tests that boot
# the real distribution (itests/). Extra arguments go to Maven, e.g. ./scripts/test.sh -DskipITs
#
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/env.sh
ensure_tools
use_java17
exec mvn -B -ntp -Dstyle.color=never verify "$@"
