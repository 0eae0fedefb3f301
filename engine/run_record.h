// RunRecord: what the viewer keeps about the current run besides the Simulation itself: the
// gait and load analysis per runner, the stride metrics, the history ring, and a log of every
// live command (parameter change, push) with the step it acted from. The log makes the run
// replayable: the same scene stepped again with the same commands at the same steps gives the
// same states (the simulation is deterministic; tests/sim/world_slow_test.cpp checks it), which
// is how "branch from here" rebuilds a past instant. GL-free.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/history.h"
#include "engine/metrics.h"
#include "sim/analysis/run_stats.h"
#include "sim/scene/scene_desc.h"
#include "sim/simulation.h"

namespace poselab::engine {

// A live push is spread over this long as a constant force, like a scene push with the default
// PushDesc::duration_s (a hand push, not a hammer blow).
constexpr double kLivePushDurationS = 0.1;
// The push arrow stays on screen this long after the push starts (0.1 s alone is three frames).
constexpr double kPushShowS = 0.5;

enum class PushDirection { kForward, kBackward, kLeft, kRight };
const char* ToString(PushDirection direction);
// Unit vector, world frame (X forward along the lane, Z to the runner's right).
sim::Vec3 DirectionVector(PushDirection direction);

// One live command. It was issued when the simulation had taken `step` steps, so it acts from
// the step that follows (index `step`).
struct Command {
  enum class Kind { kController, kPush };
  Kind kind = Kind::kController;
  int64_t step = 0;
  size_t runner = 0;
  sim::ControllerDesc controller;  // kController: the complete parameters from then on
  sim::Vec3 impulse_ns{0.0};       // kPush: the whole impulse at the pelvis, world, N s
};

// The last push given to a runner, for the panel and the arrow.
struct PushRecord {
  double time_s = 0.0;  // when it started
  sim::Vec3 impulse_ns{0.0};
};

class RunRecord {
 public:
  RunRecord() = default;
  // An empty record for `sim`, which must not have stepped yet; takes the t = 0 sample.
  explicit RunRecord(const sim::Simulation& sim);

  // Live commands: passed to `sim` now (they act from its next step) and logged.
  sim::Status ChangeController(sim::Simulation* sim, size_t runner,
                               const sim::ControllerDesc& desc);
  void Push(sim::Simulation* sim, size_t runner, const sim::Vec3& impulse_ns);

  // Commands to issue again, each when the simulation reaches its step (a replay). Sorted by
  // step; commands before the current step are ignored.
  void SetScript(std::vector<Command> script);

  // Call around every Simulation::Step(): before it, issues the scripted commands due now and
  // this step's share of active pushes; after it, updates analysis, metrics and the history.
  void BeforeStep(sim::Simulation* sim);
  void AfterStep(const sim::Simulation& sim);

  const History& history() const { return history_; }
  const std::vector<Command>& log() const { return log_; }
  const MetricsTrack& metrics(size_t runner) const { return metrics_.at(runner); }
  const std::optional<PushRecord>& last_push(size_t runner) const { return last_push_.at(runner); }

  // The controller parameters in force for `runner` once `step` steps were taken, from the
  // scene's initial controller, its schedule and this log, by Simulation::Step's rule: a
  // change acts from its step on; a scheduled entry overrides a live change in the same step.
  sim::ControllerDesc ParamsAt(const sim::SceneDesc& scene, size_t runner, int64_t step) const;

 private:
  struct ActivePush {
    size_t runner = 0;
    int64_t first_step = 0;
    int64_t steps = 1;
    sim::Vec3 per_step_ns{0.0};
  };
  sim::Status Issue(sim::Simulation* sim, const Command& command);
  void Sample(const sim::Simulation& sim);

  std::vector<sim::RunStats> stats_;
  std::vector<MetricsTrack> metrics_;
  History history_;
  std::vector<Command> log_;
  std::vector<Command> script_;
  size_t script_next_ = 0;
  std::vector<ActivePush> pushes_;
  std::vector<std::optional<PushRecord>> last_push_;
  // Per runner: sagittal DOF of [leg][hip, knee, ankle], body mass, events seen, contact state.
  std::vector<std::array<std::array<int, kPlotJoints>, 2>> dofs_;
  std::vector<double> mass_kg_;
  std::vector<size_t> events_seen_;
  std::vector<std::array<bool, 2>> in_contact_;
};

// Which of the viewer's editable controller parameters the user changed (the others stay as
// the run has them).
struct ControllerEdits {
  std::optional<std::string> type;
  std::optional<double> lean_deg, cadence_spm, landing_offset_m;

  bool any() const { return type || lean_deg || cadence_spm || landing_offset_m; }
  sim::ControllerDesc ApplyTo(sim::ControllerDesc desc) const;
};

// Branching: a new run re-simulated from t = 0 to a past step of the current one, replaying its
// log, then the edits applied from that step on. Stepped a slice at a time so the window stays
// responsive; the finished simulation and record replace the current run.
class BranchJob {
 public:
  // Fails (nothing changes) when the scene cannot be built. An edit the simulation refuses at the
  // branch point (an unknown controller type) ends the job with error().
  static sim::Result<std::unique_ptr<BranchJob>> Start(const sim::SceneDesc& scene,
                                                       const std::vector<Command>& log,
                                                       int64_t at_step,
                                                       std::vector<ControllerEdits> edits);

  // Steps until the branch point or until `out_of_time()` says stop (checked every 16 steps).
  // Returns true when done (see error()).
  bool Continue(const std::function<bool()>& out_of_time);

  bool done() const { return done_; }
  // Empty, or why the re-simulation stopped (divergence): the current run is then kept.
  const std::string& error() const { return error_; }
  double progress() const;  // 0..1
  double at_time_s() const;
  int64_t at_step() const { return at_step_; }

  // After done() without error: the new run.
  std::unique_ptr<sim::Simulation> TakeSimulation() { return std::move(sim_); }
  RunRecord TakeRecord() { return std::move(record_); }

 private:
  BranchJob() = default;
  void StepOne();

  std::unique_ptr<sim::Simulation> sim_;
  RunRecord record_;
  int64_t at_step_ = 0;
  std::vector<ControllerEdits> edits_;
  bool done_ = false;
  std::string error_;
};

}  // namespace poselab::engine
