// RunStats: per-runner figures accumulated over a run by observing states after each step
// (time at torque caps, balance, gait events, ground reaction forces and joint loads). Observes
// only; never feeds back into physics.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "sim/analysis/gait_analysis.h"
#include "sim/analysis/load_analysis.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"
#include "sim/simulation.h"

namespace poselab::sim {

class RunStats {
 public:
  explicit RunStats(const HumanModel& model);

  // Call once after every Simulation::Step().
  void Observe(const RunnerState& state, double dt);

  // Fraction of observed steps in which any DOF of each joint sat at its actuator cap.
  std::vector<std::pair<std::string, double>> TorqueLimitedFractions() const;
  double observed_seconds() const { return seconds_; }
  double max_com_speed_mps() const { return max_com_speed_; }
  double mean_com_height_m() const;
  // RMS horizontal distance of the COM from its mean position (postural sway), m.
  double com_sway_rms_m() const;
  // Largest horizontal distance of the COM from its starting position, m.
  double max_com_excursion_m() const { return max_excursion_; }
  // Summed vertical ground reaction force of both feet, in body weights.
  double mean_vertical_grf_bw() const;
  double peak_vertical_grf_bw() const { return peak_fy_bw_; }
  const GaitAnalyzer& gait() const { return gait_; }
  const LoadAnalyzer& loads() const { return loads_; }
  // The loads since the last call (means over the steps), for one output sample.
  LoadSample TakeLoadSample() { return loads_.TakeSample(); }

  // Steady-state window: averages skip the first 25% of the run, at most 10 s (running
  // controllers settle within that from standing).
  static double WarmupSeconds(double run_seconds) { return std::min(10.0, 0.25 * run_seconds); }

 private:
  const HumanModel& model_;
  std::vector<long> capped_steps_;  // per joint
  long steps_ = 0;
  double seconds_ = 0.0;
  double max_com_speed_ = 0.0;
  Vec3 com_sum_{0.0};
  double com_sq_sum_x_ = 0.0, com_sq_sum_z_ = 0.0;
  Vec3 com_start_{0.0};
  double max_excursion_ = 0.0;
  double fy_bw_sum_ = 0.0;
  double peak_fy_bw_ = 0.0;
  GaitAnalyzer gait_;
  LoadAnalyzer loads_;
  RunnerState prev_;  // the state before the last step (inverse dynamics differences velocities)
};

}  // namespace poselab::sim
