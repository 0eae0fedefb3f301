// HumanModel: the immutable description of one runner's body: segments with de Leva inertia,
// joints with clinical range-of-motion limits and torque caps, and collider shapes.
// Built once from a BodyDesc; shared read-only by physics, control, analysis and drawing.
#pragma once

#include <string>
#include <vector>

#include "sim/core/types.h"
#include "sim/scene/scene_desc.h"

namespace poselab::sim {

// Segment indices. The order is the multibody link order (parent before child); the pelvis is
// the floating base. Talus links are small carriers for the 2-DOF ankle (pitch, then subtalar).
enum Seg : int {
  kPelvis = 0,
  kTrunk,
  kHead,
  kLeftUpperArm,
  kLeftForearm,  // forearm and hand as one rigid segment
  kRightUpperArm,
  kRightForearm,
  kLeftThigh,
  kLeftShank,
  kLeftTalus,
  kLeftFoot,
  kRightThigh,
  kRightShank,
  kRightTalus,
  kRightFoot,
  kSegCount
};

enum class Side { kLeft = -1, kRight = 1 };

enum class JointType { kSpherical, kRevolute, kFixed };

// A collider shape in the segment's link frame (origin at the segment COM, axes aligned with
// the world axes in the reference pose: X forward, Y up, Z right).
struct Collider {
  enum class Shape { kSphere, kCapsule, kBox };
  Shape shape = Shape::kSphere;
  Vec3 center{0.0};          // sphere and box centre
  Vec3 a{0.0}, b{0.0};       // capsule end-point centres
  double radius = 0.0;       // sphere and capsule radius
  Vec3 half_extents{0.0};    // box
  std::string contact_name;  // non-empty for named foot contact points ("heel", "met1", ...)
};

struct Segment {
  std::string name;
  int parent = -1;  // segment index, -1 for the pelvis (floating base)
  int joint = -1;   // joint connecting to the parent, -1 for the pelvis
  double mass_kg = 0.0;
  Vec3 inertia_kgm2{0.0};  // principal moments about the COM, link-frame axes
  Vec3 com_ref{0.0};       // COM position in the reference pose, world frame
  std::vector<Collider> colliders;
};

// One rotational degree of freedom. For a spherical joint its angle is one of three intrinsic
// Euler angles (flexion, then abduction, then internal rotation) and its torque is the joint
// torque's component along `axis` in the parent frame. Positive angle = the anatomical name.
struct Dof {
  std::string name;  // e.g. "left_knee_flexion"
  int joint = -1;
  Vec3 axis{0.0};          // unit axis in the parent frame (world axes in the reference pose)
  double lower_rad = 0.0;  // range-of-motion limits (clinical, see human_model.cpp)
  double upper_rad = 0.0;
  double torque_min_nm = 0.0;  // actuator cap in the negative direction (a negative number)
  double torque_max_nm = 0.0;  // actuator cap in the positive direction
};

struct Joint {
  std::string name;  // e.g. "left_hip"
  JointType type = JointType::kFixed;
  int parent = -1;      // parent segment
  int child = -1;       // child segment (its index equals the joint's link index)
  int first_dof = 0;    // index into HumanModel::dofs()
  int dof_count = 0;    // 3 spherical, 1 revolute, 0 fixed
  Vec3 pivot_ref{0.0};  // joint centre in the reference pose, world frame
};

// Joint indices of one leg, from the pelvis down (looked up once, for per-step code).
struct LegJoints {
  int hip = -1, knee = -1, ankle = -1, subtalar = -1;
};

class HumanModel {
 public:
  // Builds the model for `body` (heights in metres, mass in kg). Segment masses sum to mass_kg.
  static HumanModel Build(const BodyDesc& body);

  const BodyDesc& body() const { return body_; }
  const std::vector<Segment>& segments() const { return segments_; }
  const std::vector<Joint>& joints() const { return joints_; }
  const std::vector<Dof>& dofs() const { return dofs_; }
  const Segment& segment(int i) const { return segments_[i]; }
  const Joint& joint(int i) const { return joints_[i]; }
  const Dof& dof(int i) const { return dofs_[i]; }
  int dof_count() const { return static_cast<int>(dofs_.size()); }
  double total_mass_kg() const;

  // Index lookups by name; -1 when absent.
  int FindSegment(const std::string& name) const;
  int FindJoint(const std::string& name) const;
  int FindDof(const std::string& name) const;

  // Reference-pose landmarks used by controllers (world frame, feet on the ground at y = 0).
  double leg_length_m() const { return leg_length_m_; }  // hip centre to ankle centre
  double thigh_length_m() const { return thigh_length_m_; }
  double shank_length_m() const { return shank_length_m_; }
  double ankle_height_m() const { return ankle_height_m_; }
  double foot_length_m() const { return foot_length_m_; }
  double heel_to_ankle_m() const { return heel_to_ankle_m_; }
  Vec3 ReferenceCom() const;

  const LegJoints& leg(Side s) const { return legs_[s == Side::kLeft ? 0 : 1]; }
  int lumbar_joint() const { return lumbar_joint_; }

  // Segment helpers by side.
  static int Thigh(Side s) { return s == Side::kLeft ? kLeftThigh : kRightThigh; }
  static int Shank(Side s) { return s == Side::kLeft ? kLeftShank : kRightShank; }
  static int Talus(Side s) { return s == Side::kLeft ? kLeftTalus : kRightTalus; }
  static int Foot(Side s) { return s == Side::kLeft ? kLeftFoot : kRightFoot; }
  static bool IsFoot(int seg) { return seg == kLeftFoot || seg == kRightFoot; }

 private:
  BodyDesc body_;
  std::vector<Segment> segments_;
  std::vector<Joint> joints_;
  std::vector<Dof> dofs_;
  double leg_length_m_ = 0.0, thigh_length_m_ = 0.0, shank_length_m_ = 0.0;
  double ankle_height_m_ = 0.0, foot_length_m_ = 0.0, heel_to_ankle_m_ = 0.0;
  LegJoints legs_[2];
  int lumbar_joint_ = -1;
};

}  // namespace poselab::sim
