// RunStats: per-runner figures accumulated over a run by observing states after each step
// (time at torque caps, fall, assist impulse). Observes only; never feeds back into physics.
#pragma once

#include <string>
#include <vector>

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

 private:
  const HumanModel& model_;
  std::vector<long> capped_steps_;  // per joint
  long steps_ = 0;
  double seconds_ = 0.0;
  double max_com_speed_ = 0.0;
};

}  // namespace poselab::sim
