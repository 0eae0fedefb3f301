#!/usr/bin/env python3
"""Robustness grid of the running controllers: every combination of lean, cadence and landing
offset per mode, each run headless through poselab-cli, reported as one table.

The grid is the one the running controllers are held to: 4 leans x 3 cadences x 2 landing
offsets (the mode's default and 0.10 m beyond it) per mode, 30 s each. A run "passes" when it does
not fall; the table also shows what was achieved (speed, cadence, contact time, landing distance,
foot-strike share, tracking) so a pass can be read for what it is.

    tools/gait_grid.py [--seconds 30] [--jobs N] [--modes pose heel_strike] [--cli build/poselab-cli]

Exit status: 0 when every run completed (falls included), 1 with --strict if any run fell,
2 on bad usage or when the CLI is missing or fails.
"""
import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEANS_DEG = [5.0, 10.0, 15.0, 20.0]
CADENCES_SPM = [160.0, 180.0, 200.0]
# Each mode's default landing offset (m) and the lean it runs at by default; the grid adds 0.10 m.
MODES = {
    "pose": {"offset": 0.15},
    "heel_strike": {"offset": 0.25},
}


def run_one(cli, workdir, seconds, mode, lean, cadence, offset):
    name = f"{mode}_l{lean:g}_c{cadence:g}_o{offset:g}".replace(".", "p")
    scene = {
        "schema": 1,
        "name": name,
        "duration_s": seconds,
        "runners": [{
            "name": mode,
            "controller": {"type": mode, "lean_deg": lean, "cadence_spm": cadence,
                           "landing_offset_m": offset},
        }],
    }
    scene_path = os.path.join(workdir, name + ".json")
    out_dir = os.path.join(workdir, name)
    with open(scene_path, "w") as f:
        json.dump(scene, f)
    proc = subprocess.run([cli, "run", scene_path, "--quiet", "--out", out_dir],
                          capture_output=True, text=True)
    row = {"mode": mode, "lean": lean, "cadence": cadence, "offset": offset, "exit": proc.returncode}
    if proc.returncode not in (0, 3):
        row["error"] = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["?"]
        return row
    with open(os.path.join(out_dir, "summary.json")) as f:
        doc = json.load(f)
    runner = doc["runners"][0]
    row.update(diverged=doc.get("diverged", False), fell=runner["fell"],
               fall_time=runner["fall_time_s"], gait=runner["gait"],
               tracking=runner.get("tracking"))
    return row


def fmt(value, spec):
    return "-" if value is None else format(value, spec)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    parser.add_argument("--cli", default=os.path.join(REPO, "build", "poselab-cli"))
    parser.add_argument("--strict", action="store_true", help="exit 1 if any run fell")
    args = parser.parse_args()
    if not (0 < args.seconds <= 3600) or args.jobs < 1:
        parser.error("--seconds must be in (0, 3600] and --jobs at least 1")
    if not os.access(args.cli, os.X_OK):
        print(f"gait_grid: {args.cli} not found; build first (tools/run.sh or cmake --build)",
              file=sys.stderr)
        return 2

    jobs = []
    for mode in args.modes:
        base = MODES[mode]["offset"]
        for lean, cadence, offset in itertools.product(LEANS_DEG, CADENCES_SPM,
                                                       [base, round(base + 0.10, 3)]):
            jobs.append((mode, lean, cadence, offset))
    with tempfile.TemporaryDirectory(prefix="poselab_grid_") as workdir:
        with ThreadPoolExecutor(args.jobs) as pool:
            rows = list(pool.map(lambda j: run_one(args.cli, workdir, args.seconds, *j), jobs))

    header = (f"{'mode':<11} {'lean':>4} {'cad':>4} {'offset':>6} | {'result':<14} | "
              f"{'speed':>5} {'cad':>5} {'contact':>7} {'landing':>7} {'strike':>14} | tracking")
    print(header)
    print("-" * len(header))
    failures = 0
    for r in rows:
        if "error" in r:
            failures += 1
            print(f"{r['mode']:<11} {r['lean']:>4g} {r['cadence']:>4g} {r['offset']:>6g} | "
                  f"error: {r['error'][0]}")
            continue
        if r["diverged"]:
            result = "DIVERGED"
        elif r["fell"]:
            result = f"fell {r['fall_time']:.1f} s"
        else:
            result = "ran"
        g = r["gait"]
        strike = "-"
        if g.get("strike_pattern"):
            counts = g["strike_pattern"]
            total = sum(counts.values()) or 1
            strike = "R{:.0%} M{:.0%} F{:.0%}".format(counts["rearfoot"] / total,
                                                     counts["midfoot"] / total,
                                                     counts["forefoot"] / total)
        t = r["tracking"] or {}
        tracking = "within bounds" if t.get("all_within_bounds") else "off target"
        print(f"{r['mode']:<11} {r['lean']:>4g} {r['cadence']:>4g} {r['offset']:>6g} | "
              f"{result:<14} | {fmt(g.get('speed_mps'), '5.2f')} "
              f"{fmt(g.get('cadence_spm'), '5.0f')} {fmt(g.get('contact_time_s'), '7.3f')} "
              f"{fmt(g.get('landing_distance_m'), '7.2f')} {strike:>14} | {tracking}")
    ran = sum(1 for r in rows if "error" not in r and not r["fell"] and not r["diverged"])
    print(f"\n{ran} of {len(rows)} runs went {args.seconds:g} s without a fall")
    if failures:
        return 2
    return 1 if args.strict and ran < len(rows) else 0


if __name__ == "__main__":
    sys.exit(main())
