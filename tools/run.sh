#!/usr/bin/env bash
# Set-up command 1: installs what is missing, builds Release into build/, opens the viewer.
# Usage: tools/run.sh [SCENE]   (default: the first of scenes/compare.json, scenes/pose.json,
# scenes/stance.json that exists). Extra arguments after the scene go to the viewer.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/deps.sh
poselab_ensure_packages

scene="${1:-}"
if [ -z "$scene" ]; then
  for candidate in scenes/compare.json scenes/pose.json scenes/stance.json; do
    if [ -f "$candidate" ]; then scene="$candidate"; break; fi
  done
fi
shift || true

cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)"
exec build/poselab --scene "$scene" "$@"
