// Joint servo: per-DOF PD gains and targets, the lowest layer of every controller.
#pragma once

#include <vector>

#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

struct ServoGains {
  double kp = 0.0;  // N*m/rad
  double kd = 0.0;  // N*m*s/rad
};

// Default posture gains per DOF for a body of `mass_kg`, scaled linearly with mass from the
// values tuned on a 70 kg body (see joint_servo.cpp for the per-joint choices).
std::vector<ServoGains> DefaultServoGains(const HumanModel& model);

// Explicit PD toward `target` (per DOF angles). Spherical joints servo their rotation toward the
// target rotation (rotation-vector error in the parent frame), revolute joints their angle.
void ComputeServoTorques(const HumanModel& model, const std::vector<ServoGains>& gains,
                         const std::vector<double>& target, const RunnerState& state,
                         std::vector<double>* torques);

}  // namespace poselab::sim
