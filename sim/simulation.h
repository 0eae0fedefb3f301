// Simulation: the one object the CLI, the viewer and the tests drive. It owns the immutable
// model of every runner, the physics world, the controllers and the scheduled scene events.
// Step() advances exactly one fixed timestep; it reads no clock and does no I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/result.h"
#include "sim/core/types.h"
#include "sim/draw/draw_list.h"
#include "sim/scene/scene_desc.h"

namespace poselab::sim {

class HumanModel;
struct RunnerState;

// What one Step() found. A diverged simulation must not be stepped again.
struct StepStatus {
  bool diverged = false;
  std::string message;  // e.g. "t=1.234 s, runner 'pose', segment 'left_shank': non-finite velocity"
};

// Why a runner is considered fallen (a result, not an error).
struct FallInfo {
  bool fell = false;
  double time_s = 0.0;
  std::string reason;   // e.g. "pelvis below 45% of standing height"
};

class Simulation {
 public:
  // Builds models, world and controllers from a validated scene.
  static Result<std::unique_ptr<Simulation>> Create(const SceneDesc& scene);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Advances one fixed timestep: controllers, scheduled pushes, physics, divergence check.
  StepStatus Step();

  double time() const;          // simulated seconds since start
  int64_t step_count() const;
  double timestep() const;
  const SceneDesc& scene() const;

  size_t runner_count() const;
  const HumanModel& runner_model(size_t runner) const;
  const RunnerState& runner_state(size_t runner) const;  // refreshed after every step
  const FallInfo& fall_info(size_t runner) const;
  std::string runner_phase(size_t runner) const;  // controller's phase label

  // Live command (applied at the start of the next step): an impulse in N*s at a segment's COM.
  void QueueImpulse(size_t runner, int segment, const Vec3& impulse_ns);

  // Live command: new controller parameters from the next step on (scene schedules use the
  // same path). A different controller type replaces the controller (its memory starts anew).
  // An error, and no change, when the type is not implemented.
  Status QueueControllerChange(size_t runner, const ControllerDesc& desc);

  // The controller parameters in force for a runner (after live and scheduled changes).
  const ControllerDesc& controller_params(size_t runner) const;

  // Fills `out` (cleared first) with the bodies, ground contacts and labels to draw.
  void BuildDrawList(DrawList* out) const;

  // Hash of the full physical state (bit-exact): equal hashes mean identical runs.
  uint64_t StateHash() const;

 private:
  struct Impl;
  explicit Simulation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace poselab::sim
