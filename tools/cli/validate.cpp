// poselab-cli validate (see validate.h). The checks and their sources are those of the load
// stage's issue, with the figures in ../shared/reference/running-biomechanics.md; README,
// "Validation", holds the table this prints.
#include "tools/cli/validate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/analysis/run_stats.h"
#include "sim/io/output_writers.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"

namespace poselab::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using sim::RunStats;
using sim::SceneDesc;
using sim::Simulation;

constexpr int kExitPass = 0, kExitFail = 1, kExitBadInput = 2;

const char* kValidateUsage =
    "usage: poselab-cli validate [--seconds S] [--scenes DIR] [--markdown]\n"
    "\n"
    "Runs the shipped gaits (the Pose runner at 10, 15 and 20 degrees of lean, and the heel\n"
    "striker) and prints each simulated figure next to the published one, PASS or FAIL.\n"
    "  --seconds S   simulated seconds per run, [20, 600] (default 40; the first quarter, at\n"
    "                most 10 s, is warm-up)\n"
    "  --scenes DIR  where pose.json and heel_strike.json are (default scenes)\n"
    "  --markdown    print the checks as a Markdown table\n"
    "Exit codes: 0 every check passed, 1 a check failed, 2 bad input.\n";

// One gait run and its summary's runner block.
struct GaitRun {
  std::string label;
  double lean_deg = 0.0;
  Json runner;
  bool fell = false;
  double fall_time_s = 0.0;
  std::string divergence;

  bool usable() const { return !fell && divergence.empty(); }
  std::optional<double> Get(const std::string& block, const std::string& key) const {
    if (!usable() || !runner.contains(block)) return std::nullopt;
    const Json& v = runner[block][key];
    return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
  }
  std::optional<double> Joint(const std::string& joint, const std::string& key) const {
    if (!usable()) return std::nullopt;
    const Json& v = runner["joints"][joint][key];
    return v.is_number() ? std::optional<double>(v.get<double>()) : std::nullopt;
  }
  std::string Status() const {
    char buf[128];
    if (!divergence.empty()) return label + ": diverged (" + divergence + ")";
    if (fell) {
      std::snprintf(buf, sizeof(buf), "%s: FELL at %.1f s", label.c_str(), fall_time_s);
      return buf;
    }
    const auto speed = Get("gait", "speed_mps");
    std::snprintf(buf, sizeof(buf), "%s: %.2f m/s", label.c_str(), speed ? *speed : 0.0);
    return buf;
  }
};

GaitRun RunGait(const std::string& label, const SceneDesc& scene, double seconds) {
  GaitRun out;
  out.label = label;
  out.lean_deg = scene.runners[0].controller.lean_deg;
  auto created = Simulation::Create(scene);
  if (!created.ok()) {
    out.divergence = created.error();
    return out;
  }
  Simulation& sim = *created.value();
  std::vector<RunStats> stats;
  stats.emplace_back(sim.runner_model(0));
  const auto steps = static_cast<long>(std::llround(seconds / sim.timestep()));
  for (long i = 0; i < steps; ++i) {
    const sim::StepStatus status = sim.Step();
    if (status.diverged) {
      out.divergence = status.message;
      break;
    }
    if (!sim.fall_info(0).fell) stats[0].Observe(sim.runner_state(0), sim.timestep());
  }
  out.runner = sim::BuildSummary(sim, stats, out.divergence)["runners"][0];
  out.fell = out.runner["fell"].get<bool>();
  if (out.fell) out.fall_time_s = out.runner["fall_time_s"].get<double>();
  return out;
}

struct Check {
  std::string name, simulated, published, source;
  bool pass = false;
};

std::string Fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, v);
  return buf;
}

std::string Missing(const GaitRun& run) {
  return run.usable() ? run.label + ": no figure" : run.Status();
}

// "Pose lower than heel strike" style comparisons of a joint figure (absolute values).
Check Compare(const std::string& name, const GaitRun& pose, const GaitRun& heel,
              const std::string& joint, const std::string& key, bool pose_lower,
              const char* unit, const std::string& source) {
  Check c;
  c.name = name;
  c.published = pose_lower ? "Pose lower than heel strike" : "Pose higher than heel strike";
  c.source = source;
  const auto p = pose.Joint(joint, key);
  const auto h = heel.Joint(joint, key);
  if (!p || !h) {
    c.simulated = !p ? Missing(pose) : Missing(heel);
    return c;
  }
  c.simulated = "Pose " + Fmt("%.2f", std::abs(*p)) + ", heel strike " +
                Fmt("%.2f", std::abs(*h)) + " " + unit;
  c.pass = pose_lower ? std::abs(*p) < std::abs(*h) : std::abs(*p) > std::abs(*h);
  return c;
}

}  // namespace

int Validate(int argc, char** argv) {
  double seconds = 40.0;
  std::string scenes_dir = "scenes";
  bool markdown = false;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kValidateUsage, stdout);
      return kExitPass;
    } else if (a == "--seconds" && i + 1 < argc) {
      char* end = nullptr;
      seconds = std::strtod(argv[++i], &end);
      if (*end != '\0' || !(seconds >= 20.0 && seconds <= 600.0)) {
        std::fprintf(stderr, "poselab-cli validate: --seconds %s: must be a number within [20, 600]\n",
                     argv[i]);
        return kExitBadInput;
      }
    } else if (a == "--scenes" && i + 1 < argc) {
      scenes_dir = argv[++i];
    } else if (a == "--markdown") {
      markdown = true;
    } else {
      std::fprintf(stderr, "poselab-cli validate: unknown or incomplete option \"%s\" (see --help)\n",
                   a.c_str());
      return kExitBadInput;
    }
  }
  const std::string pose_path = (fs::path(scenes_dir) / "pose.json").string();
  auto pose_scene = sim::LoadSceneFile(pose_path);
  if (!pose_scene.ok()) {
    std::fprintf(stderr, "poselab-cli validate: %s\n", pose_scene.error().c_str());
    return kExitBadInput;
  }
  const std::string heel_path = (fs::path(scenes_dir) / "heel_strike.json").string();
  auto heel_loaded = sim::LoadSceneFile(heel_path);
  if (!heel_loaded.ok()) {
    std::fprintf(stderr, "poselab-cli validate: %s\n", heel_loaded.error().c_str());
    return kExitBadInput;
  }
  const SceneDesc heel_scene = heel_loaded.value();
  const std::string heel_source = "scenes' heel_strike.json";

  std::vector<GaitRun> pose_runs;
  for (double lean : {10.0, 15.0, 20.0}) {
    SceneDesc s = pose_scene.value();
    s.runners[0].controller.lean_deg = lean;
    pose_runs.push_back(RunGait("Pose " + Fmt("%.0f", lean) + " deg", s, seconds));
  }
  const GaitRun& pose = pose_runs[0];  // the shipped scene's lean
  const GaitRun heel = RunGait("heel strike", heel_scene, seconds);

  std::vector<Check> checks;
  {
    Check c;
    c.name = "heel strike: impact peak, and when";
    c.published = "1.3-2.2 BW, 15-50 ms after touchdown";
    c.source = "Baltich, Maurer & Nigg 2015 (1.54-1.70 BW at 3.3 m/s); Nordin et al. 2017";
    const auto peak = heel.Get("grf", "impact_peak_bw");
    const auto when = heel.Get("grf", "impact_peak_time_s");
    if (peak && when) {
      c.simulated = Fmt("%.2f BW", *peak) + Fmt(" at %.0f ms", 1000.0 * *when);
      c.pass = *peak >= 1.3 && *peak <= 2.2 && *when >= 0.015 && *when <= 0.050;
    } else {
      c.simulated = heel.usable() ? "no impact peak" : heel.Status();
    }
    checks.push_back(c);
  }
  {
    Check c;
    c.name = "Pose: no impact peak, or a clearly smaller one";
    c.published = "none, or below 80% of the heel striker's";
    c.source = "Arendse et al. 2004; forefoot vs rearfoot meta-analysis (Sports Health 2020)";
    const auto p = pose.Get("grf", "impact_peak_bw");
    const auto h = heel.Get("grf", "impact_peak_bw");
    if (!pose.usable()) {
      c.simulated = pose.Status();
    } else if (!h) {
      c.simulated = (p ? Fmt("Pose %.2f BW", *p) : std::string("Pose none")) +
                    "; heel striker: " + (heel.usable() ? "none" : heel.Status());
    } else {
      c.simulated = (p ? Fmt("Pose %.2f BW", *p) : std::string("Pose none")) +
                    Fmt(", heel strike %.2f BW", *h);
      c.pass = !p || *p < 0.8 * *h;
    }
    checks.push_back(c);
  }
  {
    Check c;
    c.name = "average loading rate: heel strike / Pose";
    c.published = "at least 1.5";
    c.source = "Arendse et al. 2004; meta-analysis (Sports Health 2020): lower for forefoot";
    const auto p = pose.Get("grf", "loading_rate_bw_s");
    const auto h = heel.Get("grf", "loading_rate_bw_s");
    if (p && h) {
      c.simulated = Fmt("%.0f / ", *h) + Fmt("%.0f BW/s", *p) + Fmt(" = %.2f", *h / *p);
      c.pass = *h >= 1.5 * *p;
    } else {
      c.simulated = !p ? Missing(pose) : Missing(heel);
    }
    checks.push_back(c);
  }
  // (speed, peak vertical GRF) of the Pose runs that finished, slowest first.
  std::vector<std::pair<double, double>> speed_peak;
  for (const GaitRun& r : pose_runs) {
    const auto v = r.Get("gait", "speed_mps");
    const auto f = r.Get("grf", "peak_vertical_bw");
    if (v && f) speed_peak.emplace_back(*v, *f);
  }
  std::sort(speed_peak.begin(), speed_peak.end());
  const auto describe = [](const std::pair<double, double>& p) {
    return Fmt("%.2f BW at ", p.second) + Fmt("%.2f m/s", p.first);
  };
  {
    Check c;
    c.name = "peak vertical GRF at 3-4.5 m/s";
    c.published = "2.0-3.0 BW";
    c.source = "Keller et al. 1996; Cavanagh & Lafortune 1980 (~3 BW at 4.5 m/s)";
    bool any = false, all_in = true;
    for (const auto& p : speed_peak) {
      if (p.first < 3.0 || p.first > 4.5) continue;
      c.simulated += (any ? ", " : "") + describe(p);
      any = true;
      all_in = all_in && p.second >= 2.0 && p.second <= 3.0;
    }
    if (!any) c.simulated = "no Pose run between 3 and 4.5 m/s";
    c.pass = any && all_in;
    checks.push_back(c);
  }
  {
    Check c;
    c.name = "peak vertical GRF rises with speed";
    c.published = "higher at higher speed";
    c.source = "Keller et al. 1996";
    bool rising = speed_peak.size() >= 2;
    for (size_t i = 0; i < speed_peak.size(); ++i) {
      if (i > 0 && speed_peak[i].second <= speed_peak[i - 1].second) rising = false;
      c.simulated += (i ? ", " : "") + describe(speed_peak[i]);
    }
    if (speed_peak.empty()) c.simulated = "no Pose run finished";
    c.pass = rising;
    checks.push_back(c);
  }
  for (const GaitRun* r : {&pose, &heel}) {
    Check c;
    c.name = "contact time, " + r->label;
    c.published = "0.18-0.30 s";
    c.source = "J Sports Sci Med 24:747 (0.24-0.25 s at 2.8 m/s, barefoot)";
    const auto t = r->Get("gait", "contact_time_s");
    c.simulated = t ? Fmt("%.3f s", *t) : Missing(*r);
    c.pass = t && *t >= 0.18 && *t <= 0.30;
    checks.push_back(c);
  }
  const std::string meta = "forefoot vs rearfoot meta-analysis (Sports Health 2020)";
  checks.push_back(Compare("knee extensor moment", pose, heel, "knee",
                           "peak_extensor_moment_nm_kg", true, "N*m/kg", meta));
  checks.push_back(Compare("knee negative work", pose, heel, "knee", "negative_work_j_kg", true,
                           "J/kg", meta + "; Arendse et al. 2004"));
  checks.push_back(Compare("ankle plantarflexor moment", pose, heel, "ankle",
                           "peak_extensor_moment_nm_kg", false, "N*m/kg", meta));
  checks.push_back(Compare("ankle negative work", pose, heel, "ankle", "negative_work_j_kg",
                           false, "J/kg", meta + "; Arendse et al. 2004"));

  int failed = 0;
  for (const Check& c : checks) failed += c.pass ? 0 : 1;
  if (markdown) {
    std::printf("| check | simulated | published | source | result |\n| --- | --- | --- | --- | --- |\n");
    for (const Check& c : checks) {
      std::printf("| %s | %s | %s | %s | %s |\n", c.name.c_str(), c.simulated.c_str(),
                  c.published.c_str(), c.source.c_str(), c.pass ? "PASS" : "**FAIL**");
    }
  } else {
    std::printf("PoseLab %s validate: the shipped gaits against published running biomechanics\n",
                sim::Version());
    std::printf("  runs of %.0f s (steady state after %.0f s):", seconds,
                RunStats::WarmupSeconds(seconds));
    for (const GaitRun& r : pose_runs) std::printf(" %s;", r.Status().c_str());
    std::printf(" %s (%s)\n", heel.Status().c_str(), heel_source.c_str());
    for (const Check& c : checks) {
      std::printf("  %s  %s: simulated %s; published %s [%s]\n", c.pass ? "PASS" : "FAIL",
                  c.name.c_str(), c.simulated.c_str(), c.published.c_str(), c.source.c_str());
    }
  }
  std::printf("%s%zu of %zu checks passed\n", markdown ? "\n" : "  ",
              checks.size() - static_cast<size_t>(failed), checks.size());
  return failed == 0 ? kExitPass : kExitFail;
}

}  // namespace poselab::cli
