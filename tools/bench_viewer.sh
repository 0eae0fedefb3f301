#!/usr/bin/env bash
# Viewer frame-time benchmark: runs `poselab --bench-frames N`, which renders N frames offscreen
# exactly as the interactive viewer draws them (physics stepped at real time from each frame's
# measured duration, all overlays, every panel, 1280x720, the scene multisampled) and prints the
# median and 95th percentile of each stage (physics, analysis, render, UI) and of the whole
# frame. Uses Mesa's software renderer (LIBGL_ALWAYS_SOFTWARE=1) and starts Xvfb when there is
# no display. Machines are shared: the load average before and after is printed with the result.
# Usage: tools/bench_viewer.sh [-n FRAMES] [--seconds T] [--viewer build/poselab] [SCENE]
#        [-- extra viewer flags, e.g. --camera front --joint-arrows]
set -euo pipefail
cd "$(dirname "$0")/.."
frames=300
seconds=3
viewer=build/poselab
scene=""
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) frames="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --viewer) viewer="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) scene="$1"; shift ;;
  esac
done
if [ -z "$scene" ]; then
  for candidate in scenes/compare.json scenes/pose.json; do
    if [ -f "$candidate" ]; then scene="$candidate"; break; fi
  done
fi
[ -x "$viewer" ] || { echo "bench_viewer.sh: $viewer not found; build first (cmake --build --preset release)" >&2; exit 2; }

# Xvfb when there is no display (the script runs from the repository root, see the cd above).
# shellcheck source=tools/xvfb.sh
source tools/xvfb.sh

echo "$(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$viewer" --scene "$scene" --seconds "$seconds" --bench-frames "$frames" "${extra[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
