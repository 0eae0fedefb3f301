#!/usr/bin/env python3
"""Seeded random search over the running controller's gains: the tool the shipped defaults in
sim/control/run_controller.{h,cpp} came from.

It needs a tuning build, in which the controller reads POSELAB_GAIN_<name> variables (off in every
normal build, so shipped behaviour never depends on the environment):

    cmake -S . -B build-tune -DCMAKE_BUILD_TYPE=Release -DPOSELAB_GAIN_OVERRIDES=ON \\
          -DPOSELAB_BUILD_VIEWER=OFF -DPOSELAB_BUILD_TESTS=OFF
    cmake --build build-tune -j2 --target poselab-cli
    tools/tune_gains.py --cli build-tune/poselab-cli --mode pose --samples 40 \\
        --space '{"torso_kp": [800, 2500], "placement_kv": [0.1, 0.35]}'

Every sample (the first is the current defaults) runs a set of scenes from the robustness grid
(corners of lean x cadence x landing offset plus the default) for --seconds each with a 1 degree
seeded initial perturbation, and is scored by the number of runs that did not fall, then by the
total time run (--objective survival) or by the mean cadence error of the runs that did not fall
(--objective cadence). The best samples are printed with what their default run achieved. Candidates
were then rounded and checked on the full 30 s grid (tools/gait_grid.py) before any became a
default.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

DEFAULTS = {"pose": (10.0, 180.0, 0.15), "heel_strike": (10.0, 165.0, 0.25)}


def heel_strike_score(seconds_run, gait, cadence_asked):
    """One run's score for --objective heel-strike: time run, weighted by the share of rearfoot
    strikes, by how far ahead the foot lands (full weight from 0.22 m) and by the cadence error."""
    pattern = gait.get("strike_pattern") or {}
    strikes = sum(pattern.values())
    rearfoot = pattern.get("rearfoot", 0) / strikes if strikes else 0.0
    landing = max(0.0, gait.get("landing_distance_m") or 0.0)
    cadence_error = abs((gait.get("cadence_spm") or 0.0) - cadence_asked)
    return (seconds_run * (0.3 + 0.7 * rearfoot) * (0.4 + 0.6 * min(1.0, landing / 0.22)) *
            (1.0 if cadence_error < 10.0 else 0.8))


def run(cli, workdir, mode, gains, lean, cadence, offset, seconds, seed):
    name = f"t{abs(hash((json.dumps(gains, sort_keys=True), lean, cadence, offset, seed)))}"
    scene = {"schema": 1, "name": name, "duration_s": seconds,
             "world": {"seed": seed, "initial_perturbation_deg": 1.0},
             "runners": [{"name": mode, "controller": {
                 "type": mode, "lean_deg": lean, "cadence_spm": cadence,
                 "landing_offset_m": offset}}]}
    path = os.path.join(workdir, name + ".json")
    with open(path, "w") as f:
        json.dump(scene, f)
    env = dict(os.environ)
    env.update({f"POSELAB_GAIN_{k}": str(v) for k, v in gains.items()})
    out = os.path.join(workdir, name)
    proc = subprocess.run([cli, "run", path, "--quiet", "--out", out], env=env,
                          capture_output=True, text=True)
    if proc.returncode not in (0, 3):
        sys.exit(f"tune_gains: {cli} failed: {(proc.stderr or proc.stdout).strip()}")
    with open(os.path.join(out, "summary.json")) as f:
        doc = json.load(f)
    runner = doc["runners"][0]
    if doc.get("diverged"):
        return 0.0, runner["gait"]
    return (runner["fall_time_s"] if runner["fell"] else seconds), runner["gait"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", required=True, help="poselab-cli of a POSELAB_GAIN_OVERRIDES build")
    ap.add_argument("--mode", choices=sorted(DEFAULTS), default="pose")
    ap.add_argument("--space", required=True,
                    help='JSON object: gain name -> [low, high] (names as in RunGains/RunStyle)')
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=1, help="seeds the sampling and the perturbation")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--objective", choices=["survival", "cadence", "heel-strike"],
                    default="survival",
                    help="after the number of runs without a fall: total time, or cadence error; "
                         "heel-strike: the sum of heel_strike_score over four grid corners")
    ap.add_argument("--center", default=None,
                    help="JSON object of gains: sample around it (normal, sd 0.15 of each range, "
                         "clipped to it) instead of uniformly; the first sample is the centre")
    args = ap.parse_args()
    if not os.access(args.cli, os.X_OK):
        sys.exit(f"tune_gains: --cli {args.cli}: not an executable")
    try:
        space = json.loads(args.space)
        assert isinstance(space, dict) and all(len(r) == 2 and r[0] <= r[1] for r in space.values())
    except (ValueError, AssertionError, TypeError):
        sys.exit("tune_gains: --space must be a JSON object of name -> [low, high]")

    lean0, cadence0, offset0 = DEFAULTS[args.mode]
    if args.objective == "heel-strike":
        scenes = [(5, 165, offset0), (10, 180, offset0), (15, 165, offset0 + 0.1),
                  (20, 200, offset0)]
    else:
        scenes = [(5, 160, offset0), (5, 200, offset0 + 0.1), (20, 160, offset0 + 0.1),
                  (20, 200, offset0), (15, 170, offset0 + 0.05), (lean0, cadence0, offset0)]
    rng = random.Random(args.seed)
    if args.center:
        center = json.loads(args.center)
        if set(center) != set(space):
            sys.exit("tune_gains: --center must name exactly the gains of --space")
        jitter = lambda k, lo, hi: min(max(center[k] + rng.gauss(0.0, 0.15) * (hi - lo), lo), hi)
        samples = [dict(center)] + [{k: round(jitter(k, lo, hi), 3) for k, (lo, hi) in
                                     space.items()} for _ in range(args.samples - 1)]
    else:
        samples = [{}] + [{k: round(rng.uniform(lo, hi), 3) for k, (lo, hi) in space.items()}
                          for _ in range(args.samples - 1)]
    with tempfile.TemporaryDirectory(prefix="poselab_tune_") as workdir:
        jobs = [(g, s) for g in samples for s in scenes]
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(
                lambda job: run(args.cli, workdir, args.mode, job[0], *job[1], args.seconds,
                                args.seed), jobs))
    rows = []
    for i, gains in enumerate(samples):
        res = results[i * len(scenes):(i + 1) * len(scenes)]
        ok = sum(1 for t, _ in res if t >= args.seconds)
        total = sum(t for t, _ in res)
        errors = [abs(g["cadence_spm"] - scene[1]) for (t, g), scene in zip(res, scenes)
                  if t >= args.seconds and g.get("cadence_spm") is not None]
        cadence_error = sum(errors) / len(errors) if errors else float("inf")
        g = res[-1][1]
        if args.objective == "heel-strike":
            total = sum(heel_strike_score(t, gait or {}, scene[1])
                        for (t, gait), scene in zip(res, scenes))
        rows.append((ok, total, cadence_error, gains, g))
    if args.objective == "heel-strike":
        rows.sort(key=lambda r: -r[1])
    elif args.objective == "cadence":
        rows.sort(key=lambda r: (-r[0], r[2]))
    else:
        rows.sort(key=lambda r: (-r[0], -r[1]))
    print(f"{'ok':>3} {'time':>6} {'cad.err':>7}  default run: speed cadence contact landing lean"
          " | gains")
    for ok, total, cadence_error, gains, g in rows[:10]:
        fmt = lambda k: "-" if g.get(k) is None else f"{g[k]:.2f}"
        label = json.dumps(gains) if gains else "(current defaults)"
        print(f"{ok:>3} {total:6.1f} {cadence_error:7.1f}  {fmt('speed_mps')} {fmt('cadence_spm')} "
              f"{fmt('contact_time_s')} {fmt('landing_distance_m')} {fmt('trunk_lean_deg')} | "
              f"{label}")


if __name__ == "__main__":
    main()
