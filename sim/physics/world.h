// World: the runtime physics of every runner. Owns the Bullet btMultiBody world (double
// precision); nothing outside world.cpp sees a Bullet type. Step() advances exactly one dt.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/types.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"
#include "sim/scene/scene_desc.h"

namespace poselab::sim {

// Soft range-of-motion limits of 3-DOF joints: a passive spring on the Euler angle past its
// limit, with stiffness this many N*m/rad per N*m of the DOF's larger actuator cap.
constexpr double kSoftLimitStiffnessPerCap = 5.0;
// ... and the passive torque of a 3-DOF joint is bounded by this many times its strongest cap.
constexpr double kLimitTorqueBoundPerCap = 3.0;

// Initial configuration of one runner: joint angles per DOF (rad) and pelvis placement.
// The body is lowered until its lowest collider is `clearance_m` above the ground.
struct InitialPose {
  std::vector<double> q;            // per DOF, size = model.dof_count()
  Quat pelvis_orientation{1.0, 0.0, 0.0, 0.0};
  double x_m = 0.0;                 // pelvis COM position along the lane
  double z_m = 0.0;                 // lane
  Vec3 velocity{0.0};               // initial whole-body velocity, m/s
  double clearance_m = 0.0;         // lowest collider this high above the ground (a start in
                                    // flight); 0 = touching
};

class World {
 public:
  World(const WorldDesc& desc, std::vector<const HumanModel*> models,
        const std::vector<InitialPose>& poses);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Actuator torques per DOF for the next step; each is clamped to the DOF's cap.
  void SetActuatorTorques(size_t runner, const std::vector<double>& torques);
  // An impulse (N*s, world) at a segment's COM, applied as a force over the next step.
  void QueueImpulse(size_t runner, int segment, const Vec3& impulse_ns);
  // Non-physical assist force at the pelvis for the next step (counted by the caller).
  void SetAssistForce(size_t runner, const Vec3& force_n);

  // One fixed step: torques, limits, external forces, Bullet step, state read-back.
  void Step();

  double timestep() const { return desc_.timestep_s; }
  const RunnerState& state(size_t runner) const { return states_[runner]; }
  size_t runner_count() const { return states_.size(); }

  // Empty when all is finite and within sane bounds, else a message naming the segment.
  std::string CheckDivergence(size_t runner) const;
  // Bit-exact hash over all positions, orientations, velocities and joint coordinates.
  uint64_t StateHash() const;

 private:
  struct Impl;
  WorldDesc desc_;
  std::vector<RunnerState> states_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace poselab::sim
