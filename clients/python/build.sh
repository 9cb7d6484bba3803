#!/usr/bin/env bash
#
# Builds and tests the Python client with Debian's Python 3 and no package registry (Maven runs it: pom.xml).
#
#   clients/python/build.sh venv    creates target/venv (python3 -m venv --system-site-packages, so Debian's numpy and
#                                   torch are visible) and installs this package into it (non-editable, offline:
#                                   --no-build-isolation --no-deps; setuptools comes from Debian)
#   clients/python/build.sh test    runs the unit tests (python -m unittest discover -s tests -v) with that venv
#   clients/python/build.sh         both
#
# Environment: PYTHON (default /usr/bin/python3), the interpreter the venv is made from.
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
cd "$HERE"
PYTHON="${PYTHON:-/usr/bin/python3}"
TARGET="$HERE/target"
VENV="$TARGET/venv"

venv() {
    [ -x "$PYTHON" ] || { echo "build.sh: no $PYTHON (Debian package python3; scripts/lib/env.sh installs it)" >&2; exit 1; }
    if [ ! -x "$VENV/bin/python" ]; then
        echo "build.sh: creating $VENV"
        "$PYTHON" -m venv --system-site-packages "$VENV"
    fi
    # The package is built from a copy, so that setuptools' build/ and *.egg-info stay out of the source tree.
    local src="$TARGET/package-src"
    rm -rf "$src"
    mkdir -p "$src"
    tar -C "$HERE" --exclude=./target --exclude=./tests --exclude=./build --exclude='*.egg-info' \
        --exclude=__pycache__ --exclude=./pom.xml --exclude=./build.sh -cf - . | tar -C "$src" -xf -
    echo "build.sh: installing the Python client into $VENV"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/python" -m pip install --quiet --no-index --no-build-isolation \
        --no-deps --force-reinstall "$src"
}

unit_tests() {
    [ -x "$VENV/bin/python" ] || venv
    [ -d tests ] || { echo "build.sh: no tests/ in $HERE" >&2; exit 1; }
    # From clients/python, as the reference command line does (the current directory comes first on sys.path).
    "$VENV/bin/python" -m unittest discover -s tests -v
}

case "${1:-all}" in
    venv) venv ;;
    test) unit_tests ;;
    all) venv; unit_tests ;;
    *) echo "usage: build.sh [venv|test]" >&2; exit 2 ;;
esac
