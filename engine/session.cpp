// Session: scrubbing, live edits, pushes, branching, export, scrubbed drawing.
#include "engine/session.h"

#include <cstdio>
#include <filesystem>

#include "engine/history_export.h"
#include "sim/draw/draw_builder.h"
#include "sim/scene/scene_loader.h"

namespace poselab::engine {
namespace {

// Push arrow: this long per N s of impulse (30 N s draws 0.3 m), never shorter than the minimum.
constexpr double kPushArrowMPerNs = 0.01;
constexpr double kPushArrowMinM = 0.15;
const sim::Color kPushColor{0.95f, 0.30f, 0.85f, 1.0f};

std::string Fixed(double value, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
  return buf;
}

}  // namespace

void Session::Reset(const sim::Simulation& sim) {
  record_ = RunRecord(sim);
  scrubber_.Release();
  branch_.reset();
  branch_note_.clear();
  branch_failed_ = false;
}

sim::ControllerDesc Session::ShownParams(const sim::Simulation& sim, size_t runner) const {
  if (scrubber_.active()) {
    if (const std::optional<size_t> i = shown_index()) {
      return record_.ParamsAt(sim.scene(), runner, history().time(*i).step);
    }
  }
  return record_.ParamsAt(sim.scene(), runner, sim.step_count() + 1);
}

sim::Status Session::ApplyLiveEdits(sim::Simulation* sim, size_t runner,
                                    const ControllerEdits& edits) {
  if (!edits.any()) return {};
  const sim::ControllerDesc now = record_.ParamsAt(sim->scene(), runner, sim->step_count() + 1);
  return record_.ChangeController(sim, runner, edits.ApplyTo(now));
}

void Session::Push(sim::Simulation* sim, size_t runner, PushDirection direction,
                   double impulse_ns) {
  record_.Push(sim, runner, DirectionVector(direction) * impulse_ns);
}

sim::Status Session::StartBranch(const sim::Simulation& sim, std::vector<ControllerEdits> edits) {
  const std::optional<size_t> index = shown_index();
  if (!scrubber_.active() || !index) {
    return sim::Error{"branching needs a point in the history: scrub back first"};
  }
  const SampleTime at = history().time(*index);
  std::string note = "New run, branched at t = " + Fixed(at.time_s, 2) + " s";
  std::string changes;
  for (size_t r = 0; r < edits.size() && r < sim.runner_count(); ++r) {
    const std::string line = DescribeEdits(sim.scene().runners[r].name,
                                           record_.ParamsAt(sim.scene(), r, at.step), edits[r]);
    if (!line.empty()) changes += (changes.empty() ? "" : "; ") + line;
  }
  note += changes.empty() ? " (no parameter changed)" : ": " + changes;
  sim::Result<std::unique_ptr<BranchJob>> job =
      BranchJob::Start(sim.scene(), record_.log(), at.step, std::move(edits));
  if (!job.ok()) return sim::Error{job.error()};
  branch_ = std::move(job).value();
  pending_note_ = note;
  return {};
}

std::unique_ptr<sim::Simulation> Session::ContinueBranch(const std::function<bool()>& out_of_time) {
  if (!branch_ || !branch_->Continue(out_of_time)) return nullptr;
  std::unique_ptr<BranchJob> job = std::move(branch_);
  if (!job->error().empty()) {
    branch_note_ = "Branch failed, the current run is kept: " + job->error();
    branch_failed_ = true;
    return nullptr;
  }
  record_ = job->TakeRecord();
  scrubber_.Release();
  branch_note_ = pending_note_;
  branch_failed_ = false;
  return job->TakeSimulation();
}

sim::Result<std::string> Session::ExportCsv(const sim::Simulation& sim,
                                            const std::string& dir) const {
  sim::Result<std::string> path = NextExportPath(dir, sim.scene().name + "_history");
  if (!path.ok()) return path;
  std::vector<std::string> names;
  for (const sim::RunnerDesc& rd : sim.scene().runners) names.push_back(rd.name);
  const sim::Status written = WriteHistoryCsv(history(), names, path.value());
  if (!written.ok()) return sim::Error{written.error()};
  return path;
}

std::string ExportDir(const sim::SceneDesc& scene) {
  return (std::filesystem::path("out") / scene.name).string();
}

bool Session::Apply(const SessionRequests& requests, sim::SceneDesc* scene, sim::Simulation* sim) {
  auto say = [this](std::string text, bool error) {
    message_ = std::move(text);
    message_is_error_ = error;
  };
  if (requests.cancel_branch && branch_) {
    branch_.reset();
    say("Branch cancelled; the current run is kept.", false);
  }
  // A scene switch or new body replaces the run: nothing else in this frame applies to it.
  if (!requests.preset_path.empty()) {
    sim::Result<sim::SceneDesc> loaded = sim::LoadSceneFile(requests.preset_path);
    if (!loaded.ok()) {
      say(loaded.error(), true);
      return false;
    }
    *scene = std::move(loaded).value();
    say("Loaded " + requests.preset_path, false);
    return true;
  }
  bool new_body = false;
  for (size_t r = 0; r < requests.bodies.size() && r < scene->runners.size(); ++r) {
    if (!requests.bodies[r]) continue;
    if (!new_body) {
      // Keep the gait the coach has set: the restart begins with the parameters in force now.
      for (size_t k = 0; k < scene->runners.size() && k < sim->runner_count(); ++k) {
        scene->runners[k].controller = ShownParams(*sim, k);
      }
    }
    scene->runners[r].body = *requests.bodies[r];
    new_body = true;
  }
  if (new_body) {
    say("New body: the run restarted from t = 0.", false);
    return true;
  }
  if (branching()) return false;  // the run is about to be replaced

  if (requests.scrub_to_s) ScrubTo(*requests.scrub_to_s);
  if (requests.go_live) GoLive();
  if (requests.branch) {
    const sim::Status started = StartBranch(*sim, requests.branch_edits);
    if (!started.ok()) say("Branch refused: " + started.error(), true);
  }
  if (!scrubbing()) {
    for (const auto& [runner, edits] : requests.live_edits) {
      const sim::Status ok = ApplyLiveEdits(sim, runner, edits);
      if (!ok.ok()) say(ok.error(), true);
    }
    for (const SessionRequests::PushRequest& p : requests.pushes) {
      Push(sim, p.runner, p.direction, p.impulse_ns);
    }
  }
  if (requests.export_csv) {
    const sim::Result<std::string> path = ExportCsv(*sim, ExportDir(sim->scene()));
    if (path.ok()) {
      say("Wrote " + std::filesystem::absolute(path.value()).string(), false);
    } else {
      say(path.error(), true);
    }
  }
  return false;
}

void Session::BuildShownDrawList(const sim::Simulation& sim, sim::DrawList* out) const {
  out->Clear();
  if (history().empty()) return;
  const double t = shown_time_s();
  for (size_t r = 0; r < sim.runner_count() && r < history().runner_count(); ++r) {
    const sim::RunnerState state = DrawStateAt(history(), r, t);
    sim::AppendRunnerDrawing(sim.runner_model(r), state, sim::RunnerColor(r),
                             sim.scene().runners[r].name, out);
  }
}

void Session::AppendPushArrows(const sim::Simulation& sim, sim::DrawList* out) const {
  const std::optional<size_t> index = shown_index();
  if (!index) return;
  for (size_t r = 0; r < sim.runner_count() && r < history().runner_count(); ++r) {
    const RunnerSample& s = history().sample(r, *index);
    const double impulse = glm::length(glm::dvec3(s.push_ns));
    if (impulse <= 0.0) continue;
    // The arrow ends at the pelvis, pointing the way the push acts.
    const sim::Vec3 dir = glm::dvec3(s.push_ns) / impulse;
    const double length = std::max(kPushArrowMinM, impulse * kPushArrowMPerNs);
    const sim::Vec3 pelvis(s.segment_position[sim::kPelvis]);
    const sim::Vec3 origin = pelvis - dir * length;
    out->arrows.push_back({origin, dir * length, kPushColor, true});
    out->labels.push_back(
        {origin + sim::Vec3{0.0, 0.08, 0.0}, "push " + Fixed(impulse, 0) + " N s", kPushColor});
  }
}

std::optional<sim::Vec3> Session::ShownCom(size_t runner) const {
  if (history().empty() || runner >= history().runner_count()) return std::nullopt;
  return DrawStateAt(history(), runner, shown_time_s()).com;
}

std::string DescribeEdits(const std::string& runner_name, const sim::ControllerDesc& before,
                          const ControllerEdits& edits) {
  std::string out;
  auto add = [&out](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (edits.type && *edits.type != before.type) add(before.type + " -> " + *edits.type);
  if (edits.lean_deg && *edits.lean_deg != before.lean_deg) {
    add("lean " + Fixed(before.lean_deg, 1) + " -> " + Fixed(*edits.lean_deg, 1) + " deg");
  }
  if (edits.cadence_spm && *edits.cadence_spm != before.cadence_spm) {
    add("cadence " + Fixed(before.cadence_spm, 0) + " -> " + Fixed(*edits.cadence_spm, 0) + " spm");
  }
  if (edits.landing_offset_m && *edits.landing_offset_m != before.landing_offset_m) {
    add("landing offset " + Fixed(before.landing_offset_m, 2) + " -> " +
        Fixed(*edits.landing_offset_m, 2) + " m");
  }
  return out.empty() ? out : runner_name + " " + out;
}

}  // namespace poselab::engine
