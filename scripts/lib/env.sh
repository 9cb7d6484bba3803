# Shared by the scripts in scripts/: the tools a build needs, installed from Debian when missing.
# Sourced, not run.

# Debian package for each command the build and tests need.
declare -A OPENSWARM_PACKAGES=(
    [java]=openjdk-17-jdk-headless
    [javac]=openjdk-17-jdk-headless
    [mvn]=maven
    [tar]=tar
    [node]=nodejs
    [npm]=npm
    [gzip]=gzip
)

# The Python client (clients/python) and the PyTorch example build and test with Debian's own Python 3 and its
# packages (no pip registry needed): each Debian package with the check that says it is there, run by
# /usr/bin/python3.
OPENSWARM_PYTHON=/usr/bin/python3
declare -A OPENSWARM_PYTHON_PACKAGES=(
    [python3-venv]='import ensurepip, venv'
    [python3-numpy]='import numpy'
    [python3-torch]='import torch'
    [python3-setuptools]='import setuptools'
    [python3-pip]='import pip'
)

ensure_tools() {
    local missing=() cmd
    for cmd in "${!OPENSWARM_PACKAGES[@]}"; do
        command -v "$cmd" >/dev/null 2>&1 || missing+=("${OPENSWARM_PACKAGES[$cmd]}")
    done
    local package
    if [ ! -x "$OPENSWARM_PYTHON" ]; then
        missing+=(python3 "${!OPENSWARM_PYTHON_PACKAGES[@]}")
    else
        for package in "${!OPENSWARM_PYTHON_PACKAGES[@]}"; do
            "$OPENSWARM_PYTHON" -c "${OPENSWARM_PYTHON_PACKAGES[$package]}" >/dev/null 2>&1 || missing+=("$package")
        done
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    local packages
    packages="$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"
    if [ "$(id -u)" -ne 0 ]; then
        echo "Missing Debian packages: $packages" >&2
        echo "Install them as root: apt-get update && apt-get install -y $packages" >&2
        exit 1
    fi
    echo "Installing Debian packages: $packages"
    apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages
}

# Java 17 is what the build and the distribution are made for.
use_java17() {
    if [ -z "${JAVA_HOME:-}" ]; then
        local jdk
        for jdk in /usr/lib/jvm/java-17-openjdk-*; do
            [ -x "$jdk/bin/javac" ] && { export JAVA_HOME="$jdk"; break; }
        done
    fi
    if [ -n "${JAVA_HOME:-}" ]; then
        export PATH="$JAVA_HOME/bin:$PATH"
    fi
    local version
    version="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)"
    if [ "${version:-0}" -lt 17 ]; then
        echo "OpenSwarm needs Java 17 or later; 'java' here is version ${version:-unknown}." >&2
        exit 1
    fi
}
