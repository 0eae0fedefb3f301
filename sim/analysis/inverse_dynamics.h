// Inverse dynamics: net joint forces and moments by Newton-Euler recursion over the model tree,
// from the segments' kinematics and the measured ground reaction forces, the way a motion lab
// computes them from motion capture and force plates (our own code: Bullet 3.24's joint
// feedback and inverse-dynamics library are wrong for this, see the Bullet notes).
// The results are net intersegmental loads, not bone-on-bone contact forces.
#pragma once

#include <vector>

#include "sim/core/types.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

// Loads the parent segment exerts on the child through one joint (world frame).
struct JointLoad {
  Vec3 force_n{0.0};    // joint reaction force on the child, N
  Vec3 moment_nm{0.0};  // net moment on the child, N*m (about the joint centre)
};

struct InverseDynamicsResult {
  std::vector<JointLoad> joints;  // per joint, indexed like HumanModel::joints()
  // What the pelvis (floating base) would still need from outside: zero when kinematics and
  // external forces are consistent; non-zero for unmeasured forces (a push) or errors.
  Vec3 residual_force_n{0.0};
  Vec3 residual_moment_nm{0.0};  // about the pelvis COM
};

// Newton-Euler from the leaves to the pelvis. Segment accelerations are the backward
// differences (cur - prev) / dt of the velocities in two consecutive states; the external forces
// are gravity and `cur`'s ground contacts, i.e. the forces that acted during that step.
InverseDynamicsResult CalcInverseDynamics(const HumanModel& model, const RunnerState& prev,
                                          const RunnerState& cur, double dt,
                                          double gravity_mps2 = 9.81);

// The net moment of a joint expressed per DOF, as the actuator torques are: along the axis for
// revolute joints, along each parent-frame DOF axis for 3-DOF joints.
std::vector<double> MomentsPerDof(const HumanModel& model, const RunnerState& state,
                                  const InverseDynamicsResult& id);

}  // namespace poselab::sim
