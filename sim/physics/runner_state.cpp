// Helpers on RunnerState.
#include "sim/physics/runner_state.h"

namespace poselab::sim {

Vec3 JointPivotWorld(const HumanModel& model, const RunnerState& state, int joint_index) {
  const Joint& joint = model.joint(joint_index);
  const Transform& parent = state.segment_poses[joint.parent];
  return parent.position +
         parent.orientation * (joint.pivot_ref - model.segment(joint.parent).com_ref);
}

std::optional<Vec3> CentreOfPressure(const RunnerState& state, int segment, double min_load_n) {
  Vec3 sum{0.0};
  double load = 0.0;
  for (const ContactPoint& c : state.contacts) {
    if (c.segment != segment || c.force.y <= 0.0) continue;
    sum += c.force.y * c.position;
    load += c.force.y;
  }
  if (load <= min_load_n) return std::nullopt;
  return sum / load;
}

Vec3 AngularMomentumAboutCom(const HumanModel& model, const RunnerState& state) {
  Vec3 total{0.0};
  for (int i = 0; i < static_cast<int>(model.segments().size()); ++i) {
    const Segment& seg = model.segment(i);
    const Mat3 rot = glm::mat3_cast(state.segment_poses[i].orientation);
    const Mat3 inertia = rot *
                         Mat3(Vec3{seg.inertia_kgm2.x, 0, 0}, Vec3{0, seg.inertia_kgm2.y, 0},
                              Vec3{0, 0, seg.inertia_kgm2.z}) *
                         glm::transpose(rot);
    total += inertia * state.segment_omega[i] +
             seg.mass_kg * glm::cross(state.segment_poses[i].position - state.com,
                                      state.segment_velocity[i] - state.com_velocity);
  }
  return total;
}

}  // namespace poselab::sim
