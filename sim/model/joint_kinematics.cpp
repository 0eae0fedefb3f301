// Euler-angle conventions for PoseLab joints (see joint_kinematics.h).
#include "sim/model/joint_kinematics.h"

#include <algorithm>
#include <cmath>

namespace poselab::sim {

namespace {

// Sign of the DOF axis along the basis axis it lies on (axes are signed basis vectors).
double AxisSign(const Vec3& axis) { return axis.x + axis.y + axis.z; }

}  // namespace

Quat JointRotationFromAngles(const HumanModel& model, int joint_index, const double* q) {
  const Joint& joint = model.joint(joint_index);
  Quat r{1.0, 0.0, 0.0, 0.0};
  for (int k = 0; k < joint.dof_count; ++k) {
    const Dof& dof = model.dof(joint.first_dof + k);
    r = r * glm::angleAxis(q[k], dof.axis);
  }
  return r;
}

void AnglesFromJointRotation(const HumanModel& model, int joint_index, const Quat& rotation,
                             double* q_out) {
  const Joint& joint = model.joint(joint_index);
  if (joint.dof_count == 1) {
    const Dof& dof = model.dof(joint.first_dof);
    const Vec3 v{rotation.x, rotation.y, rotation.z};
    q_out[0] = 2.0 * std::atan2(glm::dot(v, dof.axis), rotation.w);
    if (q_out[0] > kPi) q_out[0] -= 2.0 * kPi;
    if (q_out[0] < -kPi) q_out[0] += 2.0 * kPi;
    return;
  }
  if (joint.dof_count != 3) return;
  // R = Rz(a) Rx(b) Ry(c). glm matrices are column-major: m[col][row].
  const Mat3 m = glm::mat3_cast(rotation);
  const double b = std::asin(std::clamp(m[1][2], -1.0, 1.0));
  const double a = std::atan2(-m[1][0], m[1][1]);
  const double c = std::atan2(-m[0][2], m[2][2]);
  q_out[0] = a * AxisSign(model.dof(joint.first_dof).axis);
  q_out[1] = b * AxisSign(model.dof(joint.first_dof + 1).axis);
  q_out[2] = c * AxisSign(model.dof(joint.first_dof + 2).axis);
}

Mat3 EulerRateMatrix(const HumanModel& model, int joint_index, const double* q) {
  const Joint& joint = model.joint(joint_index);
  const Vec3 a1 = model.dof(joint.first_dof).axis;
  const Vec3 a2 = model.dof(joint.first_dof + 1).axis;
  const Vec3 a3 = model.dof(joint.first_dof + 2).axis;
  const Quat r1 = glm::angleAxis(q[0], a1);
  const Quat r12 = r1 * glm::angleAxis(q[1], a2);
  return Mat3(a1, r1 * a2, r12 * a3);  // glm: the arguments are columns
}

Vec3 RotationVector(const Quat& q_in) {
  Quat q = q_in.w < 0.0 ? -q_in : q_in;
  const Vec3 v{q.x, q.y, q.z};
  const double s = glm::length(v);
  if (s < 1e-12) return 2.0 * v;
  const double angle = 2.0 * std::atan2(s, q.w);
  return v * (angle / s);
}

}  // namespace poselab::sim
