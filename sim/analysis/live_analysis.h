// LiveAnalyzer: the loads and landing of one runner *now*, for the viewer's overlays: per leg,
// the hip, knee and ankle net moment, joint power and joint reaction force (inverse dynamics,
// low-passed like the CLI's figures), which feet bear load, and where the last touchdown landed
// relative to the COM. Observes only; never feeds back into the physics.
#pragma once

#include <array>
#include <optional>

#include "sim/analysis/gait_analysis.h"
#include "sim/analysis/load_analysis.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

// Joints the live figures cover, in this order within a leg.
enum LegJointIndex : int { kLegHip = 0, kLegKnee, kLegAnkle, kLegJointCount };

// One joint's current loads, each the trailing 10 ms mean (the CLI's GRF and stride filter), so
// that a contact impulse resolved in one physics step does not flash the display.
struct LiveJointLoad {
  Vec3 reaction_n{0.0};       // force of the proximal segment on the distal one, N, world frame
  double reaction_bw = 0.0;   // |reaction_n| in body weights
  double moment_nm_kg = 0.0;  // sagittal net moment per kg body mass, + = flexor (ankle:
                              // dorsiflexor), as in summary.json
  double power_w_kg = 0.0;    // sagittal joint power per kg: + generating, - absorbing
};

// The last touchdown, as the gait analysis detected it (5% BW on a foot after 30 ms of swing).
struct TouchdownMark {
  int foot = 0;                     // 0 left, 1 right
  double time_s = 0.0;              // simulated time of the touchdown
  Vec3 contact{0.0};                // centre of pressure at that step, world, on the ground
  Vec3 com{0.0};                    // whole-body COM at that step, world
  double landing_distance_m = 0.0;  // contact.x - com.x: + = foot ahead of the COM
};

struct LiveFigures {
  std::array<std::array<LiveJointLoad, kLegJointCount>, 2> legs{};  // [0 left, 1 right][joint]
  std::array<bool, 2> foot_loaded{false, false};  // in stance, by the gait event detector
  std::optional<TouchdownMark> last_touchdown;
  bool has_loads = false;  // false until two states have been observed (ID needs a difference)
};

class LiveAnalyzer {
 public:
  // `model` must outlive the analyzer.
  explicit LiveAnalyzer(const HumanModel& model);

  // Call after every physics step with the new state and the step's dt; `time_s` is the
  // simulated time after the step. States must arrive in order: call Reset() after a jump
  // (restart, rewind) so no acceleration is taken across it.
  void Observe(double time_s, const RunnerState& state, double dt);
  void Reset();

  const LiveFigures& figures() const { return figures_; }

 private:
  struct JointFilters {
    std::array<MovingAverage, 3> reaction;  // x, y, z
    MovingAverage moment, power;
  };

  const HumanModel& model_;
  double weight_n_ = 0.0;
  std::array<std::array<int, kLegJointCount>, 2> joint_{};  // HumanModel joint index
  std::array<std::array<int, kLegJointCount>, 2> dof_{};    // sagittal DOF index
  std::array<std::array<JointFilters, kLegJointCount>, 2> filters_;
  GaitAnalyzer gait_;
  size_t events_seen_ = 0;
  RunnerState prev_;
  bool has_prev_ = false;
  LiveFigures figures_;
};

}  // namespace poselab::sim
