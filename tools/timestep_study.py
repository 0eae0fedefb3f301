#!/usr/bin/env python3
"""Timestep study: runs scenes at a timestep and at half of it and prints how much each
summary.json figure changes: the balance block, and for running scenes the grf and joints blocks
(null figures are left out). Evidence for the default world.timestep_s and for the load figures'
dependence on it (README, "Physics timestep" and "Joint loads").

A running gait is chaotic at the level of single strides: a change as small as one rounding in a
thousand steps moves a 60 s run's per-stride means by a few percent, whatever the timestep. With
--seeds N each scene runs N times per timestep, each from its own seeded initial perturbation
(world.seed = 1..N, world.initial_perturbation_deg = --perturbation), and the table compares
the means of the N runs, with their run-to-run standard deviation and the standard error of the
change, so that a change of the timestep can be told apart from that spread.

Usage: tools/timestep_study.py [--cli build/poselab-cli] [--dt 0.001] [--seconds 10]
                               [--seeds N [--perturbation 1.0]] [--jobs J] [SCENE...]
       tools/timestep_study.py --seconds 60 scenes/pose.json scenes/heel_strike.json
       tools/timestep_study.py --seconds 60 --seeds 6 scenes/pose.json scenes/heel_strike.json
Exits 1 when a run fails to start. Only the Python standard library is used.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

DEFAULT_SCENES = ["scenes/stance.json", "scenes/drills/pose_stance.json", "scenes/stance_push.json"]
FIGURES = ["mean_com_height_m", "com_sway_rms_m", "max_com_excursion_m", "max_com_speed_mps",
           "mean_vertical_grf_bw", "peak_vertical_grf_bw"]


def figures(runner):
    """(label, value) of every non-null number in the balance, grf and joints blocks."""
    out = [("balance." + k, runner["balance"][k]) for k in FIGURES]
    for k, v in (runner.get("grf") or {}).items():
        if isinstance(v, (int, float)):
            out.append(("grf." + k, v))
    for joint, block in (runner.get("joints") or {}).items():
        for k, v in block.items():
            if isinstance(v, (int, float)):
                out.append((joint + "." + k, v))
    return out


def run(cli, scene, dt, seconds, out, seed=None, perturbation=0.0):
    cmd = [cli, "run", scene, "--quiet", "--seconds", str(seconds), "--out", out,
           "--set", "world.timestep_s=%g" % dt]
    if seed is not None:
        cmd += ["--set", "world.seed=%d" % seed,
                "--set", "world.initial_perturbation_deg=%g" % perturbation]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 3):  # 3: the run diverged, which its summary says
        sys.exit("timestep_study: %s failed (exit %d): %s" %
                 (" ".join(cmd), proc.returncode, (proc.stderr or proc.stdout).strip()))
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)["runners"][0]


def mean_sd(values):
    m = sum(values) / len(values)
    if len(values) < 2:
        return m, 0.0
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default="build/poselab-cli")
    ap.add_argument("--dt", type=float, default=0.001)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--seeds", type=int, default=0,
                    help="N > 0: N seeded, perturbed runs per scene and timestep, means compared")
    ap.add_argument("--perturbation", type=float, default=1.0,
                    help="with --seeds: world.initial_perturbation_deg of each run (default 1)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("scenes", nargs="*", default=DEFAULT_SCENES)
    args = ap.parse_args()
    if args.seeds < 0 or args.dt <= 0.0 or args.seconds <= 0.0 or args.jobs < 1:
        sys.exit("timestep_study: --seeds must be >= 0, --dt, --seconds and --jobs positive")
    seeds = list(range(1, args.seeds + 1)) if args.seeds else [None]
    dts = [args.dt, args.dt / 2]
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [(scene, dt, seed) for scene in args.scenes for dt in dts for seed in seeds]

        def one(job):
            scene, dt, seed = job
            name = "%s_%g_%s" % (os.path.splitext(os.path.basename(scene))[0], dt, seed)
            return run(args.cli, scene, dt, args.seconds, os.path.join(tmp, name), seed,
                       args.perturbation)

        with ThreadPoolExecutor(args.jobs) as pool:
            results = dict(zip(jobs, pool.map(one, jobs)))
        a_ms, b_ms = dts[0] * 1e3, dts[1] * 1e3
        if args.seeds:
            print("Means of %d runs per timestep (seeds 1-%d, %g deg initial perturbation), "
                  "their run-to-run SD, and the change of the means with its standard error."
                  % (args.seeds, args.seeds, args.perturbation))
            print()
            print("| scene | figure | dt = %g ms: mean (SD) | dt = %g ms: mean (SD) | change "
                  "(± SE) |" % (a_ms, b_ms))
        else:
            print("| scene | figure | dt = %g ms | dt = %g ms | change |" % (a_ms, b_ms))
        print("| --- | --- | --- | --- | --- |")
        for scene in args.scenes:
            name = os.path.splitext(os.path.basename(scene))[0]
            per_dt = []
            for dt in dts:
                runs = [dict(figures(results[(scene, dt, s)])) for s in seeds]
                keys = [k for k, _ in figures(results[(scene, dt, seeds[0])])]
                per_dt.append({k: [r[k] for r in runs if k in r] for k in keys})
            for key, va_list in per_dt[0].items():
                vb_list = per_dt[1].get(key)
                if not vb_list or len(va_list) != len(seeds) or len(vb_list) != len(seeds):
                    continue  # null in some run (an impact peak not always found)
                (ma, sa), (mb, sb) = mean_sd(va_list), mean_sd(vb_list)
                change = abs(mb - ma) / abs(ma) * 100.0 if ma else 0.0
                worst = max(worst, change)
                if args.seeds:
                    se = math.sqrt((sa ** 2 + sb ** 2) / len(seeds)) / abs(ma) * 100.0 if ma else 0.0
                    print("| %s | %s | %.5g (%.2g) | %.5g (%.2g) | %.2f%% (± %.2f%%) |" %
                          (name, key, ma, sa, mb, sb, change, se))
                else:
                    print("| %s | %s | %.5g | %.5g | %.2f%% |" % (name, key, ma, mb, change))
            falls = ["%d of %d" % (sum(results[(scene, dt, s)]["fell"] for s in seeds), len(seeds))
                     for dt in dts]
            print("| %s | fell | %s | %s | |" % (name, falls[0], falls[1]))
    print("\nlargest change: %.2f%%" % worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
