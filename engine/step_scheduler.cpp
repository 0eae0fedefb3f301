// Fixed-step accumulator (Glenn Fiedler, "Fix Your Timestep!", 2004), with a clamp on the frame
// time so a slow frame never demands an unbounded number of catch-up steps.
#include "engine/step_scheduler.h"

#include <algorithm>
#include <cmath>

#include "sim/core/result.h"

namespace poselab::engine {

StepScheduler::StepScheduler(double timestep_s) : timestep_s_(timestep_s) {
  POSELAB_ASSERT(timestep_s > 0.0 && std::isfinite(timestep_s), "timestep must be positive");
}

int StepScheduler::Advance(double wall_dt_s, double speed) {
  const double dt = std::clamp(std::isfinite(wall_dt_s) ? wall_dt_s : 0.0, 0.0, kMaxFrameS);
  accumulator_s_ += dt * std::max(speed, 0.0);
  // A relative epsilon keeps 1/60 s worth of 1 ms steps from losing a step to rounding when the
  // accumulator lands a hair under a whole number of steps.
  const double steps = std::floor(accumulator_s_ / timestep_s_ + 1e-9);
  accumulator_s_ = std::max(accumulator_s_ - steps * timestep_s_, 0.0);
  return static_cast<int>(steps);
}

}  // namespace poselab::engine
