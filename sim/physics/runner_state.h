// RunnerState: one runner's physical state as read back after a physics step (world frame).
// This is everything analysis and the controllers may observe; nothing here feeds physics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/types.h"
#include "sim/model/human_model.h"

namespace poselab::sim {

// One contact between a body collider and the ground.
struct ContactPoint {
  int segment = -1;
  std::string name;    // foot contact point name ("heel", "met1", "met5", "toe") or segment
  Vec3 position{0.0};  // on the ground, world frame
  Vec3 force{0.0};     // ground reaction on the body, N, world frame (step-averaged impulse)
};

struct RunnerState {
  std::vector<Transform> segment_poses;         // segment COM frames, world
  std::vector<Vec3> segment_velocity;           // COM linear velocity, m/s, world
  std::vector<Vec3> segment_omega;              // angular velocity, rad/s, world
  std::vector<Quat> joint_rotation;             // per joint: child orientation in the parent frame
  std::vector<double> q;                        // per DOF: angle, rad (Euler for spherical joints)
  std::vector<double> qdot;                     // per DOF: relative angular velocity along the DOF
                                                // axis (parent frame), rad/s
  std::vector<double> applied_torque;           // per DOF: actuator torque after caps, N*m
  std::vector<double> limit_torque;             // per DOF: passive range-of-motion torque, N*m
                                                // (generalized force on the angle for 3-DOF joints)
  std::vector<double> passive_torque;           // per DOF: range-of-motion torque that acted
                                                // during the step that produced this state, along
                                                // the DOF axis, N*m (revolute: Bullet's limit
                                                // impulse / dt; 3-DOF: our soft limit). ID moments
                                                // equal applied_torque + passive_torque.
  std::vector<bool> at_cap;                     // per DOF: actuator torque clamped this step
  Vec3 com{0.0};                                // whole-body COM, m
  Vec3 com_velocity{0.0};                       // m/s
  std::vector<ContactPoint> contacts;           // ground contacts this step
  Vec3 foot_force[2] = {Vec3{0.0}, Vec3{0.0}};  // summed GRF per foot [left, right], N
  bool non_foot_ground_contact = false;         // any other segment touching the ground
};

// World position of a joint centre, from its parent segment's pose.
Vec3 JointPivotWorld(const HumanModel& model, const RunnerState& state, int joint);

// Load-weighted centre of the ground contacts of `segment` (a foot); empty unless they carry more
// than `min_load_n` newtons vertically.
std::optional<Vec3> CentreOfPressure(const RunnerState& state, int segment, double min_load_n);

// Whole-body angular momentum about the COM, kg m^2/s, world frame (segment spins plus the
// moment of each segment's momentum relative to the COM).
Vec3 AngularMomentumAboutCom(const HumanModel& model, const RunnerState& state);

}  // namespace poselab::sim
