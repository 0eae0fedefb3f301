#!/usr/bin/env bash
# Set-up command 2: installs what is missing, builds, and runs every test headless.
#  1. Release build of everything (warnings are errors when CI=true), all tests via ctest;
#     rendering tests get an Xvfb display started here when there is none.
#  2. AddressSanitizer + UBSan build of sim/ and its fast tests (the "slow" label is skipped).
# Exit 0 only when everything passes.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
poselab_ensure_packages

jobs="$(nproc)"
werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi

echo "== Release build"
cmake --preset release -DPOSELAB_WERROR="$werror" >/dev/null
cmake --build --preset release -j"$jobs"

# Xvfb when there is no display (the script runs from the repository root, see the cd above).
# shellcheck source=tools/xvfb.sh
source tools/xvfb.sh

echo "== Tests (Release)"
ctest --preset release -j"$jobs"

echo "== Sanitizer build (AddressSanitizer + UBSan) of sim/ and its fast tests"
cmake --preset asan-ubsan -DPOSELAB_WERROR="$werror" >/dev/null
cmake --build --preset asan-ubsan -j"$jobs"
ctest --preset asan-ubsan -j"$jobs"
