#!/usr/bin/env bash
# Simulation speed benchmark: runs poselab-cli on each scene N times (after one warm-up run) and
# prints the median wall time, its min-max range and the real-time factor (simulated seconds per
# wall second). Whole-process timing, time series output included. Machines are shared and
# noisy: quote the median.
# Usage: tools/bench_sim.sh [-n RUNS] [--cli build/poselab-cli] [SCENE...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
cli=build/poselab-cli
scenes=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    --cli) cli="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) scenes+=("$1"); shift ;;
  esac
done
[ ${#scenes[@]} -gt 0 ] || scenes=(scenes/stance.json scenes/drills/pose_stance.json scenes/pose.json)
[ -x "$cli" ] || { echo "bench_sim.sh: $cli not found; build first (tools/test.sh or cmake --build --preset release)" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

printf '| scene | simulated s | runs | wall s median (min-max) | real-time factor |\n'
printf '| --- | --- | --- | --- | --- |\n'
for scene in "${scenes[@]}"; do
  "$cli" run "$scene" --quiet --out "$out/warmup" >/dev/null
  times=()
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$cli" run "$scene" --quiet --out "$out/run" >/dev/null
    end=$(date +%s.%N)
    times+=("$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}')")
  done
  seconds=$(grep -o '"seconds": [0-9.]*' "$out/run/summary.json" | head -1 | awk '{print $2}')
  sorted=$(printf '%s\n' "${times[@]}" | sort -g)
  median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  lo=$(echo "$sorted" | head -1)
  hi=$(echo "$sorted" | tail -1)
  printf '| %s | %.0f | %d | %.2f (%.2f-%.2f) | %.1fx |\n' "$scene" "$seconds" "$runs" \
    "$median" "$lo" "$hi" "$(awk -v s="$seconds" -v m="$median" 'BEGIN {print s / m}')"
done
