// Newton-Euler inverse dynamics over the segment tree (see inverse_dynamics.h).
#include "sim/analysis/inverse_dynamics.h"

namespace poselab::sim {

InverseDynamicsResult CalcInverseDynamics(const HumanModel& model, const RunnerState& prev,
                                          const RunnerState& cur, double dt, double gravity_mps2) {
  const Vec3 gravity{0.0, -gravity_mps2, 0.0};
  InverseDynamicsResult out;
  out.joints.resize(model.joints().size());

  // External forces and their moments about each segment's COM: the ground contacts.
  std::vector<Vec3> ext_force(kSegCount, Vec3{0.0}), ext_moment(kSegCount, Vec3{0.0});
  for (const ContactPoint& c : cur.contacts) {
    ext_force[c.segment] += c.force;
    ext_moment[c.segment] +=
        glm::cross(c.position - cur.segment_poses[c.segment].position, c.force);
  }

  // Children first (a child's index is always larger than its parent's).
  std::vector<Vec3> child_force(kSegCount, Vec3{0.0});   // sum of loads children put on us...
  std::vector<Vec3> child_moment(kSegCount, Vec3{0.0});  // ...about our COM
  for (int s = kSegCount - 1; s >= 0; --s) {
    const Segment& seg = model.segment(s);
    const Transform& pose = cur.segment_poses[s];
    const Vec3 a = (cur.segment_velocity[s] - prev.segment_velocity[s]) / dt;
    const Vec3 alpha = (cur.segment_omega[s] - prev.segment_omega[s]) / dt;
    const Vec3& w = cur.segment_omega[s];
    const Mat3 r = glm::mat3_cast(pose.orientation);
    const Mat3 inertia = r *
                         Mat3(seg.inertia_kgm2.x, 0.0, 0.0, 0.0, seg.inertia_kgm2.y, 0.0, 0.0, 0.0,
                              seg.inertia_kgm2.z) *
                         glm::transpose(r);
    // What the parent must supply: m a = F_parent + m g + F_ext + F_children, and about the COM
    // I alpha + w x I w = M_parent + (pivot - c) x F_parent + M_ext + M_children.
    const Vec3 force = seg.mass_kg * (a - gravity) - ext_force[s] - child_force[s];
    const Vec3 moment_com =
        inertia * alpha + glm::cross(w, inertia * w) - ext_moment[s] - child_moment[s];
    if (seg.joint < 0) {
      out.residual_force_n = force;
      out.residual_moment_nm = moment_com;
      continue;
    }
    const Vec3 pivot = JointPivotWorld(model, cur, seg.joint);
    JointLoad& load = out.joints[seg.joint];
    load.force_n = force;
    load.moment_nm = moment_com - glm::cross(pivot - pose.position, force);
    // The parent feels the opposite force and moment at the same pivot.
    const Vec3& parent_com = cur.segment_poses[seg.parent].position;
    child_force[seg.parent] -= force;
    child_moment[seg.parent] -= load.moment_nm + glm::cross(pivot - parent_com, force);
  }
  return out;
}

std::vector<double> MomentsPerDof(const HumanModel& model, const RunnerState& state,
                                  const InverseDynamicsResult& id) {
  std::vector<double> out(model.dof_count(), 0.0);
  for (int j = 0; j < static_cast<int>(model.joints().size()); ++j) {
    const Joint& joint = model.joint(j);
    const Quat& parent = state.segment_poses[joint.parent].orientation;
    for (int k = 0; k < joint.dof_count; ++k) {
      const int d = joint.first_dof + k;
      // Revolute axes are the same in parent and child frames; 3-DOF torques are defined along
      // the parent-frame axes (see human_model.h).
      out[d] = glm::dot(id.joints[j].moment_nm, parent * model.dof(d).axis);
    }
  }
  return out;
}

}  // namespace poselab::sim
