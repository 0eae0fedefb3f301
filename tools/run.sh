#!/usr/bin/env bash
# Set-up command 1: installs what is missing, builds Release into build/, opens the viewer.
# Usage: tools/run.sh [SCENE]   (default scenes/compare.json, or scenes/stance.json until the
# comparison scene exists). Extra arguments after the scene go to the viewer.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
poselab_ensure_packages

scene="${1:-scenes/compare.json}"
if [ ! -f "$scene" ] && [ "$#" -eq 0 ]; then scene="scenes/stance.json"; fi
shift || true

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
exec build/poselab --scene "$scene" "$@"
