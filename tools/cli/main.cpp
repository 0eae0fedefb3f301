// poselab-cli: headless runs of PoseLab scenes (see the README and the CLI contract).
// `poselab-cli run SCENE.json [--seconds S] [--set KEY=VALUE]... [--out DIR] [--quiet]`
// Exit codes: 0 completed (a fall is a result), 2 bad input, 3 numerical divergence.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/analysis/run_stats.h"
#include "tools/cli/validate.h"
#include "sim/io/opensim_writers.h"
#include "sim/io/output_writers.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"

namespace {

namespace fs = std::filesystem;
using poselab::sim::RunStats;
using poselab::sim::SceneDesc;
using poselab::sim::Simulation;

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 2;
constexpr int kExitDiverged = 3;

const char* kUsage =
    "usage: poselab-cli run SCENE.json [--seconds S] [--set KEY=VALUE]... [--out DIR] [--quiet]\n"
    "       poselab-cli validate [--seconds S] [--scenes DIR] [--markdown]  (see validate --help)\n"
    "\n"
    "run: runs a scene headless and writes DIR/summary.json, DIR/timeseries.csv and the\n"
    "OpenSim files grf_<runner>.mot, id_<runner>.sto and kinematics_<runner>.mot, and each\n"
    "running runner's stance curves (0-100% of stance, mean and SD) as stance_<runner>.csv.\n"
    "  --seconds S        simulated duration, (0, 3600] (default: the scene's duration_s)\n"
    "  --set KEY=VALUE    override a scene value by dotted path, e.g.\n"
    "                     --set runners.0.controller.knee_flex_deg=25 (repeatable)\n"
    "  --out DIR          output folder (default: out/<scene name>/)\n"
    "  --quiet            no progress or summary on the terminal\n"
    "Exit codes: 0 run completed (a fall is reported in summary.json), 2 bad input,\n"
    "3 numerical divergence.\n";

int BadInput(const std::string& message) {
  std::fprintf(stderr, "poselab-cli: %s\n", message.c_str());
  return kExitBadInput;
}

struct RunOptions {
  std::string scene_path;
  std::vector<std::string> overrides;
  double seconds = -1.0;
  std::string out_dir;
  bool quiet = false;
};

// Parses `run` arguments; returns an error message or empty on success.
std::string ParseRunArgs(int argc, char** argv, RunOptions* opt) {
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--seconds") {
      if (!value(&v)) return "--seconds needs a value";
      char* end = nullptr;
      opt->seconds = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0' || !std::isfinite(opt->seconds) || opt->seconds <= 0.0 ||
          opt->seconds > 3600.0) {
        return "--seconds " + v + ": must be a number within (0, 3600]";
      }
    } else if (a == "--set") {
      if (!value(&v)) return "--set needs KEY=VALUE";
      opt->overrides.push_back(v);
    } else if (a == "--out") {
      if (!value(&v)) return "--out needs a folder";
      opt->out_dir = v;
    } else if (a == "--quiet") {
      opt->quiet = true;
    } else if (!a.empty() && a[0] == '-') {
      return "unknown option " + a + " (see poselab-cli --help)";
    } else if (opt->scene_path.empty()) {
      opt->scene_path = a;
    } else {
      return "unexpected argument " + a + " (one scene per run)";
    }
  }
  if (opt->scene_path.empty()) return "run needs a scene file (see poselab-cli --help)";
  return {};
}

void PrintProgress(double sim_t, double total, double wall_s, bool tty) {
  const int width = 30;
  const int filled = static_cast<int>(width * sim_t / total);
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(width, ' ');
  std::fprintf(stderr, "%s[%s] %6.1f / %.1f s simulated (%.1fx real time)%s", tty ? "\r" : "",
               bar.c_str(), sim_t, total, wall_s > 0 ? sim_t / wall_s : 0.0, tty ? "" : "\n");
}

// What the running controllers were asked for next to what they achieved, and which of the
// steady-state tracking bounds (summary.json's tracking block) the run missed.
void PrintTracking(const nlohmann::ordered_json& runner,
                   const poselab::sim::GaitSummary& gait) {
  const auto& tracking = runner["tracking"];
  if (!tracking.is_object() || !gait.trunk_lean_deg || !gait.cadence_spm ||
      !gait.landing_distance_m) {
    return;
  }
  const auto& asked = runner["params"];
  std::printf("    asked -> achieved: lean %.1f -> %.1f deg, cadence %.0f -> %.0f steps/min, "
              "landing %.2f -> %.2f m ahead of the COM\n",
              asked["lean_deg"].get<double>(), *gait.trunk_lean_deg,
              asked["cadence_spm"].get<double>(), *gait.cadence_spm,
              asked["landing_offset_m"].get<double>(), *gait.landing_distance_m);
  std::string missed;
  const auto check = [&](const char* key, const std::string& what) {
    if (tracking[key].is_boolean() && !tracking[key].get<bool>()) {
      missed += (missed.empty() ? "" : ", ") + what;
    }
  };
  char bound[64];
  std::snprintf(bound, sizeof(bound), "lean (+-%.0f deg)", poselab::sim::kLeanToleranceDeg);
  check("trunk_lean_within_2_deg", bound);
  std::snprintf(bound, sizeof(bound), "cadence (+-%.0f steps/min)",
                poselab::sim::kCadenceToleranceSpm);
  check("cadence_within_3_spm", bound);
  std::snprintf(bound, sizeof(bound), "landing (+-%.2f m)", poselab::sim::kLandingToleranceM);
  check("landing_within_0_05_m", bound);
  if (tracking["speed_steady"].is_boolean() && !tracking["speed_steady"].get<bool>()) {
    missed += std::string(missed.empty() ? "" : ", ") + "steady speed";
  }
  if (missed.empty()) {
    std::printf("    every target tracked within its bound, speed steady\n");
  } else {
    std::printf("    outside the tracking bounds: %s\n", missed.c_str());
  }
}

int Run(const RunOptions& opt) {
  auto loaded = poselab::sim::LoadSceneFile(opt.scene_path, opt.overrides);
  if (!loaded.ok()) return BadInput(loaded.error());
  SceneDesc scene = std::move(loaded).value();
  const double seconds = opt.seconds > 0.0 ? opt.seconds : scene.duration_s;
  auto created = Simulation::Create(scene);
  if (!created.ok()) return BadInput(created.error());
  Simulation& sim = *created.value();

  // Output folder: created only after all input was accepted.
  const fs::path dir = opt.out_dir.empty() ? fs::path("out") / scene.name : fs::path(opt.out_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return BadInput(dir.string() + ": cannot create output folder (" + ec.message() + ")");
  const fs::path csv_path = dir / "timeseries.csv";
  const fs::path csv_tmp = dir / "timeseries.csv.partial";
  poselab::sim::TimeseriesWriter csv;
  std::string error;
  if (!csv.Open(csv_tmp.string(), sim, &error)) return BadInput(error);

  std::vector<RunStats> stats;
  for (size_t r = 0; r < sim.runner_count(); ++r) stats.emplace_back(sim.runner_model(r));
  std::vector<poselab::sim::OpenSimWriter> opensim(sim.runner_count());
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    if (!opensim[r].Open(dir.string(), sim, r, &error)) return BadInput(error);
  }

  const double dt = sim.timestep();
  const auto total_steps = static_cast<int64_t>(std::llround(seconds / dt));
  const auto sample_every =
      std::max<int64_t>(1, std::llround(1.0 / (scene.output.sample_rate_hz * dt)));
  const bool tty = isatty(STDERR_FILENO) != 0;
  const bool progress = !opt.quiet && seconds > 3.0;
  const auto wall_start = std::chrono::steady_clock::now();
  auto last_report = wall_start;
  int last_quarter = 0;
  std::string divergence;

  // One load sample per runner per output row (the means since the previous row), written to
  // timeseries.csv and to the OpenSim files alike.
  const auto write_row = [&]() {
    std::vector<poselab::sim::LoadSample> loads;
    for (RunStats& s : stats) loads.push_back(s.TakeLoadSample());
    csv.WriteRow(sim, loads);
    for (size_t r = 0; r < opensim.size(); ++r) opensim[r].WriteRow(sim, loads[r]);
  };
  write_row();
  for (int64_t i = 0; i < total_steps; ++i) {
    const poselab::sim::StepStatus status = sim.Step();
    if (status.diverged) {
      divergence = status.message;
      break;
    }
    // A fallen runner's analysis stops at the fall: what follows is a body on the ground, not
    // running, and would leak into the gait, load and cap figures of summary.json.
    for (size_t r = 0; r < sim.runner_count(); ++r) {
      if (!sim.fall_info(r).fell) stats[r].Observe(sim.runner_state(r), dt);
    }
    if ((i + 1) % sample_every == 0) write_row();
    if (progress) {
      const auto now = std::chrono::steady_clock::now();
      const double wall = std::chrono::duration<double>(now - wall_start).count();
      const int quarter = static_cast<int>(4 * (i + 1) / total_steps);
      if (tty ? now - last_report > std::chrono::milliseconds(250) : quarter > last_quarter) {
        PrintProgress(sim.time(), seconds, wall, tty);
        last_report = now;
        last_quarter = quarter;
      }
    }
  }
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (progress && tty) {
    PrintProgress(sim.time(), seconds, wall_s, tty);
    std::fputc('\n', stderr);
  }

  // Results: the time series (renamed into place when complete) and the summary.
  if (!csv.Close()) return BadInput(csv_tmp.string() + ": write failed");
  fs::rename(csv_tmp, csv_path, ec);
  for (auto& w : opensim) {
    if (!w.Close(&error)) return BadInput(error);
  }
  // Stance curves (time-normalised means and SDs), per runner with complete stances.
  std::vector<std::string> profile_files;
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    const auto profile = stats[r].loads().Profile(RunStats::WarmupSeconds(sim.time()));
    if (profile.stances == 0) continue;
    const fs::path path = dir / ("stance_" + scene.runners[r].name + ".csv");
    if (!poselab::sim::WriteStanceProfile(path.string(), profile, &error)) {
      return BadInput(error);
    }
    profile_files.push_back(path.filename().string() + " (" + std::to_string(profile.stances) +
                            " stances)");
  }
  const auto summary = poselab::sim::BuildSummary(sim, stats, divergence);
  {
    std::ofstream out(dir / "summary.json");
    out << summary.dump(2) << '\n';
    if (!out) return BadInput((dir / "summary.json").string() + ": write failed");
  }

  if (!opt.quiet) {
    std::printf("PoseLab %s: %s (scene \"%s\")\n", poselab::sim::Version(), opt.scene_path.c_str(),
                scene.name.c_str());
    std::printf("  %.1f s simulated in %.1f s wall (%.1fx real time), timestep %.2f ms\n",
                sim.time(), wall_s, wall_s > 0 ? sim.time() / wall_s : 0.0, dt * 1000.0);
    for (size_t r = 0; r < sim.runner_count(); ++r) {
      const auto& rd = scene.runners[r];
      const auto& fall = sim.fall_info(r);
      std::printf("  runner \"%s\": %s controller, %.2f m, %.0f kg, %s\n", rd.name.c_str(),
                  rd.controller.type.c_str(), rd.body.height_m, rd.body.mass_kg,
                  poselab::sim::ToString(rd.body.sex));
      if (fall.fell) {
        std::printf("    FELL at %.2f s: %s\n", fall.time_s, fall.reason.c_str());
      } else {
        std::printf("    stayed up for the whole run\n");
      }
      const auto gait = stats[r].gait().Summarize(RunStats::WarmupSeconds(sim.time()));
      if (gait.cadence_spm && gait.speed_mps && gait.strike_counts) {
        const auto& c = *gait.strike_counts;
        std::printf("    gait after %.1f s warm-up: %d steps, %.2f m/s, %.0f steps/min",
                    RunStats::WarmupSeconds(sim.time()), gait.steps, *gait.speed_mps,
                    *gait.cadence_spm);
        if (gait.contact_time_s && gait.flight_time_s) {
          std::printf(", contact %.3f s, flight %.3f s", *gait.contact_time_s, *gait.flight_time_s);
        }
        std::printf("\n    foot strikes: %d rearfoot, %d midfoot, %d forefoot\n", c[0], c[1], c[2]);
      }
      PrintTracking(summary["runners"][r], gait);
      const auto loads = stats[r].loads().Summarize(RunStats::WarmupSeconds(sim.time()));
      if (loads.grf.peak_vertical_bw && loads.grf.loading_rate_bw_s) {
        std::printf("    ground reaction force per stance: peak %.2f BW, ", *loads.grf.peak_vertical_bw);
        if (loads.grf.impact_peak_bw) {
          std::printf("impact peak %.2f BW at %.0f ms (%d of %d stances), ",
                      *loads.grf.impact_peak_bw, 1000.0 * *loads.grf.impact_peak_time_s,
                      loads.stances_with_impact_peak, loads.stances);
        } else if (loads.stances_with_impact_peak > 0) {
          // Reported only when at least half the stances have one; say how many did.
          std::printf("no impact peak (%d of %d stances have one), ",
                      loads.stances_with_impact_peak, loads.stances);
        } else {
          std::printf("no impact peak, ");
        }
        std::printf("loading rate %.0f BW/s\n", *loads.grf.loading_rate_bw_s);
      }
      const auto& knee = loads.joints[1];
      const auto& ankle = loads.joints[2];
      if (knee.peak_extensor_moment_nm_kg && ankle.peak_extensor_moment_nm_kg &&
          knee.negative_work_j_kg && ankle.negative_work_j_kg) {
        std::printf("    per stride: knee extensor %.2f N*m/kg, negative work %.2f J/kg; ankle "
                    "plantarflexor %.2f N*m/kg, negative work %.2f J/kg\n",
                    *knee.peak_extensor_moment_nm_kg, *knee.negative_work_j_kg,
                    *ankle.peak_extensor_moment_nm_kg, *ankle.negative_work_j_kg);
      }
      std::string capped;
      for (const auto& [joint, fraction] : stats[r].TorqueLimitedFractions()) {
        if (fraction <= 0.0) continue;
        char buf[96];
        std::snprintf(buf, sizeof(buf), "%s%s %.1f%%", capped.empty() ? "" : ", ", joint.c_str(),
                      100.0 * fraction);
        capped += buf;
      }
      std::printf("    time at a torque cap: %s\n", capped.empty() ? "none" : capped.c_str());
    }
    std::printf("  wrote %s and %s\n", (dir / "summary.json").c_str(), csv_path.c_str());
    std::printf("  OpenSim files:");
    for (const auto& w : opensim) {
      for (const std::string& p : w.paths()) std::printf(" %s", fs::path(p).filename().c_str());
    }
    std::printf("\n");
    if (!profile_files.empty()) {
      std::printf("  stance curves (0-100%% of stance, mean and SD):");
      for (const std::string& f : profile_files) std::printf(" %s", f.c_str());
      std::printf("\n");
    }
  }
  if (!divergence.empty()) {
    std::fprintf(stderr, "poselab-cli: %s\n", divergence.c_str());
    return kExitDiverged;
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitBadInput : kExitOk;
  }
  const std::string command = argv[1];
  if (command == "run") {
    RunOptions opt;
    const std::string error = ParseRunArgs(argc, argv, &opt);
    if (!error.empty()) return BadInput(error);
    return Run(opt);
  }
  if (command == "validate") return poselab::cli::Validate(argc, argv);
  return BadInput("unknown command \"" + command + "\" (available: run, validate; see --help)");
}
