// PD joint servo. Explicit PD at a 1 ms step; gains kept well inside the stability bound
// kd * dt / I < 2 for the lightest distal segment each joint moves (foot about the subtalar axis,
// I ~ 1.5e-3 kg*m^2, is the tightest).
#include "sim/control/joint_servo.h"

#include <cmath>

#include "sim/model/joint_kinematics.h"

namespace poselab::sim {

std::vector<ServoGains> DefaultServoGains(const HumanModel& model) {
  const double scale = model.body().mass_kg / 70.0;
  std::vector<ServoGains> gains(model.dof_count());
  for (int d = 0; d < model.dof_count(); ++d) {
    const std::string& name = model.dof(d).name;
    ServoGains g;
    if (name.find("lumbar") != std::string::npos) {
      g = {400.0, 40.0};
    } else if (name.find("shoulder") != std::string::npos) {
      g = {40.0, 4.0};
    } else if (name.find("elbow") != std::string::npos) {
      g = {20.0, 1.5};
    } else if (name.find("hip") != std::string::npos) {
      g = {300.0, 25.0};
    } else if (name.find("knee") != std::string::npos) {
      g = {300.0, 15.0};
    } else if (name.find("ankle") != std::string::npos) {
      g = {80.0, 3.0};
    } else if (name.find("subtalar") != std::string::npos) {
      g = {30.0, 0.5};
    }
    gains[d] = {g.kp * scale, g.kd * scale};
  }
  return gains;
}

void ComputeServoTorques(const HumanModel& model, const std::vector<ServoGains>& gains,
                         const std::vector<double>& target, const RunnerState& state,
                         std::vector<double>* torques) {
  torques->assign(model.dof_count(), 0.0);
  for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
    const Joint& joint = model.joint(j);
    if (joint.type == JointType::kRevolute) {
      const int d = joint.first_dof;
      (*torques)[d] = gains[d].kp * (target[d] - state.q[d]) - gains[d].kd * state.qdot[d];
    } else if (joint.type == JointType::kSpherical) {
      // Error rotation in the parent frame: target * current^-1, as a rotation vector.
      const Quat want = JointRotationFromAngles(model, j, &target[joint.first_dof]);
      const Vec3 err = RotationVector(want * glm::inverse(state.joint_rotation[j]));
      for (int k = 0; k < 3; ++k) {
        const int d = joint.first_dof + k;
        const double e = glm::dot(err, model.dof(d).axis);
        (*torques)[d] = gains[d].kp * e - gains[d].kd * state.qdot[d];
      }
    }
  }
}

}  // namespace poselab::sim
