#!/usr/bin/env python3
"""Timestep study: runs scenes at a timestep and at half of it and prints how much each
summary.json figure changes: the balance block, and for running scenes the grf and joints blocks
(null figures are left out). Evidence for the default world.timestep_s and for the load figures'
dependence on it (README, "Physics timestep" and "Joint loads").

Usage: tools/timestep_study.py [--cli build/poselab-cli] [--dt 0.001] [--seconds 10] [SCENE...]
       tools/timestep_study.py --seconds 60 scenes/pose.json scenes/heel_strike.json   (the README's load figures)
Only the Python standard library is used.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

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


def run(cli, scene, dt, seconds, out):
    cmd = [cli, "run", scene, "--quiet", "--seconds", str(seconds), "--out", out,
           "--set", "world.timestep_s=%g" % dt]
    subprocess.run(cmd, check=True)
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)["runners"][0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", default="build/poselab-cli")
    ap.add_argument("--dt", type=float, default=0.001)
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("scenes", nargs="*", default=DEFAULT_SCENES)
    args = ap.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        print("| scene | figure | dt = %g ms | dt = %g ms | change |" % (args.dt * 1e3, args.dt * 5e2))
        print("| --- | --- | --- | --- | --- |")
        for scene in args.scenes:
            name = os.path.splitext(os.path.basename(scene))[0]
            a = run(args.cli, scene, args.dt, args.seconds, os.path.join(tmp, name + "_a"))
            b = run(args.cli, scene, args.dt / 2, args.seconds, os.path.join(tmp, name + "_b"))
            fb = dict(figures(b))
            for key, va in figures(a):
                vb = fb.get(key)
                if vb is None:
                    continue
                change = abs(vb - va) / abs(va) * 100.0 if va else 0.0
                worst = max(worst, change)
                print("| %s | %s | %.5g | %.5g | %.2f%% |" % (name, key, va, vb, change))
            print("| %s | fell | %s | %s | |" % (name, a["fell"], b["fell"]))
    print("\nlargest change: %.2f%%" % worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
