// Helpers on RunnerState.
#include "sim/physics/runner_state.h"

namespace poselab::sim {

Vec3 JointPivotWorld(const HumanModel& model, const RunnerState& state, int joint_index) {
  const Joint& joint = model.joint(joint_index);
  const Transform& parent = state.segment_poses[joint.parent];
  return parent.position +
         parent.orientation * (joint.pivot_ref - model.segment(joint.parent).com_ref);
}

}  // namespace poselab::sim
