// StepScheduler: the fixed-step accumulator between the viewer's variable frame time and the
// simulation's fixed timestep. GL-free and clock-free: the caller passes the frame's wall time.
#pragma once

namespace poselab::engine {

// Turns wall-clock frame durations into a whole number of fixed physics steps, carrying the
// remainder to the next frame so that at speed 1 simulated time tracks wall time exactly.
class StepScheduler {
 public:
  // A frame longer than this (window drag, breakpoint, slow physics) counts as this long: the
  // simulation then runs slower than real time instead of trying to catch up, which would make
  // the next frame even longer (the "spiral of death"). Four 60 Hz frames.
  static constexpr double kMaxFrameS = 4.0 / 60.0;

  // `timestep_s` > 0: the simulation's fixed step.
  explicit StepScheduler(double timestep_s);

  // Adds `wall_dt_s` (clamped to [0, kMaxFrameS]) times `speed` (>= 0) of simulated time and
  // returns how many fixed steps are now due. The fraction of a step left over is kept.
  int Advance(double wall_dt_s, double speed);

  // Forgets any accumulated time: after a pause, a restart, or when the caller ran out of its
  // per-frame stepping budget and dropped the backlog.
  void Reset() { accumulator_s_ = 0.0; }

  double timestep() const { return timestep_s_; }
  double accumulator() const { return accumulator_s_; }

 private:
  double timestep_s_;
  double accumulator_s_ = 0.0;
};

}  // namespace poselab::engine
