// Standing controller: posture servo + world-frame pelvis control through the stance hips +
// COM balance through J^T torques of the stance legs, with the lateral part the feet cannot
// take routed through the hip ab/adductors in double support (see stance_controller.h).
#include "sim/control/stance_controller.h"

#include <algorithm>
#include <cmath>

#include "sim/model/joint_kinematics.h"

namespace poselab::sim {

namespace {

// The controller's internal model of gravity (a sensor-free assumption, like a person's).
constexpr double kAssumedGravity = 9.81;

void SetDof(const HumanModel& model, const std::string& name, double value_rad,
            std::vector<double>* q) {
  const int d = model.FindDof(name);
  POSELAB_ASSERT(d >= 0, name.c_str());
  (*q)[d] = value_rad;
}

std::string Prefix(Side s) { return s == Side::kLeft ? "left_" : "right_"; }
Side Other(Side s) { return s == Side::kLeft ? Side::kRight : Side::kLeft; }

}  // namespace

StanceController::StanceController(const ControllerDesc& desc, const HumanModel& model)
    : model_(model), desc_(desc), servo_(DefaultServoGains(model)) {
  one_leg_ = desc.type == "pose_stance";
  support_ = desc.support_leg == "right" ? Side::kRight : Side::kLeft;
  target_ = StartPose().q;
}

void StanceController::SetParams(const ControllerDesc& desc) {
  // The stance width only places the feet at the start; planted feet do not move apart.
  const double width = desc_.stance_width_m;
  desc_ = desc;
  desc_.stance_width_m = width;
  support_ = desc.support_leg == "right" ? Side::kRight : Side::kLeft;
  target_ = StartPose().q;
}

InitialPose StanceController::StartPose() const {
  InitialPose pose;
  pose.q.assign(model_.dof_count(), 0.0);
  const double knee = desc_.knee_flex_deg * kDegToRad;
  const double hip_half_width = std::abs(model_.joint(model_.FindJoint("left_hip")).pivot_ref.z);

  // Stance legs: shank and thigh inclined equally so the pelvis stays upright over the ankle.
  // Feet kept flat in the frontal plane: subtalar rotation undoes the hip's abduction.
  auto stance_leg = [&](Side s, double abduction) {
    SetDof(model_, Prefix(s) + "knee_flexion", knee, &pose.q);
    SetDof(model_, Prefix(s) + "ankle_dorsiflexion", 0.5 * knee, &pose.q);
    SetDof(model_, Prefix(s) + "hip_flexion", 0.5 * knee, &pose.q);
    SetDof(model_, Prefix(s) + "hip_abduction", abduction, &pose.q);
    SetDof(model_, Prefix(s) + "subtalar_inversion", abduction, &pose.q);
  };
  const double elbow = (one_leg_ ? 90.0 : 20.0) * kDegToRad;  // seed: elbows bent at 90 degrees
  for (Side s : {Side::kLeft, Side::kRight}) {
    SetDof(model_, Prefix(s) + "shoulder_abduction", 8.0 * kDegToRad, &pose.q);
    SetDof(model_, Prefix(s) + "elbow_flexion", elbow, &pose.q);
  }
  if (!one_leg_) {
    const double abduction = std::atan2(0.5 * desc_.stance_width_m, model_.leg_length_m());
    stance_leg(Side::kLeft, abduction);
    stance_leg(Side::kRight, abduction);
    return pose;
  }
  // Pose stance: support leg adducted so the pelvis centre sits over the support foot; the free
  // leg's ankle pulled up directly under its hip (thigh angle from two-link geometry).
  stance_leg(support_, -std::atan2(hip_half_width, model_.leg_length_m()));
  const double free_knee = 80.0 * kDegToRad;
  const double lt = model_.thigh_length_m(), ls = model_.shank_length_m();
  const double free_hip = std::atan2(ls * std::sin(free_knee), lt + ls * std::cos(free_knee));
  const Side free = Other(support_);
  SetDof(model_, Prefix(free) + "knee_flexion", free_knee, &pose.q);
  SetDof(model_, Prefix(free) + "hip_flexion", free_hip, &pose.q);
  return pose;
}

void StanceController::AddStanceLegTorques(Side side, double weight_share, const Vec3& force,
                                           const RunnerState& state,
                                           std::vector<double>* torques) const {
  // Virtual force at the COM, realised by the joints between the planted foot and the body:
  // each joint applies the pair torque tau = -(r x F) (r from the joint to the COM), which on
  // the segment above it is +(r x F): the torque a force F at the COM would need.
  // In double support each leg's share acts in line with its own hip laterally: the lateral
  // gravity moment is carried by the load split between the legs, not by each subtalar joint.
  const Vec3 f = weight_share * force;
  Vec3 point = state.com;
  const LegJoints& leg = model_.leg(side);
  if (!one_leg_) point.z = JointPivotWorld(model_, state, leg.hip).z;
  for (const int j : {leg.ankle, leg.subtalar, leg.knee}) {
    const Joint& joint = model_.joint(j);
    const Vec3 r = point - JointPivotWorld(model_, state, j);
    const Vec3 tau_pair = -glm::cross(r, f);
    const Vec3 axis =
        state.segment_poses[joint.parent].orientation * model_.dof(joint.first_dof).axis;
    (*torques)[joint.first_dof] += glm::dot(tau_pair, axis);
  }
}

Vec3 StanceController::ClampToSupport(Side side, const RunnerState& state,
                                      std::vector<double>* torques) const {
  // A planted foot can only transmit ankle torques that keep the centre of pressure inside the
  // sole: plantarflexion up to F_y * (ankle to the metatarsal heads), dorsiflexion up to
  // F_y * (ankle to heel), inversion/eversion up to F_y * the heel spheres' half spread. Beyond
  // that the foot rolls instead of moving the body. Returns the subtalar torque clipped off
  // (world, pair-torque convention) so the caller can hand it to the hips.
  const double fy = std::max(state.foot_force[side == Side::kLeft ? 0 : 1].y, 0.0);
  // Forward reach: the metatarsal heads (72% of foot length). Reaching further, toward the
  // hallux, lets the body rise onto its toes after a forward push and then slam the heels down
  // (peaks of 6-9 BW that do not converge with the timestep), so it stops at the ball of foot.
  const double toe_reach = (0.72 * model_.foot_length_m() - model_.heel_to_ankle_m()) * 0.9;
  const double heel_reach = model_.heel_to_ankle_m() * 0.6;
  const double side_reach = 0.5 * 0.055 * model_.body().height_m * 0.45 * 0.8;
  const int ankle = model_.joint(model_.leg(side).ankle).first_dof;
  const int subtalar = model_.joint(model_.leg(side).subtalar).first_dof;
  (*torques)[ankle] = std::clamp((*torques)[ankle], -fy * toe_reach, fy * heel_reach);
  const double wanted = (*torques)[subtalar];
  (*torques)[subtalar] = std::clamp(wanted, -fy * side_reach, fy * side_reach);
  const Joint& joint = model_.joint(model_.dof(subtalar).joint);
  return (wanted - (*torques)[subtalar]) *
         (state.segment_poses[joint.parent].orientation * model_.dof(subtalar).axis);
}

void StanceController::Compute(const RunnerState& state, double /*time_s*/,
                               std::vector<double>* torques) {
  ComputeServoTorques(model_, servo_, target_, state, torques);
  const double mass = model_.total_mass_kg();
  const double scale = mass / 70.0;

  std::vector<Side> stance;
  if (one_leg_) {
    stance = {support_};
  } else {
    stance = {Side::kLeft, Side::kRight};
  }

  // Measured load shares (equal when unloaded): an unloaded leg must not be handed stance work.
  double measured[2] = {0.0, 0.0};
  double total_fy = 0.0;
  for (Side s : stance) total_fy += std::max(state.foot_force[s == Side::kLeft ? 0 : 1].y, 0.0);
  for (Side s : stance) {
    const int i = s == Side::kLeft ? 0 : 1;
    measured[i] = total_fy > 0.2 * mass * kAssumedGravity
                      ? std::max(state.foot_force[i].y, 0.0) / total_fy
                      : 1.0 / static_cast<double>(stance.size());
  }
  double shares[2] = {measured[0], measured[1]};

  // COM target: the midfoot of the stance feet (the seed: weight on the midfoot).
  Vec3 target{0.0};
  for (Side s : stance) {
    const int foot = HumanModel::Foot(s);
    const Segment& seg = model_.segment(foot);
    const Vec3 midfoot_ref{
        -model_.heel_to_ankle_m() + gains_.midfoot_fraction * model_.foot_length_m(), 0.0,
        seg.com_ref.z};
    const Transform& pose = state.segment_poses[foot];
    target += pose.position + pose.orientation * (midfoot_ref - seg.com_ref);
  }
  target /= static_cast<double>(stance.size());
  com_target_ = {target.x, 0.0, target.z};

  // Balance: desired horizontal COM acceleration (PD on COM error), plus full weight support.
  const Vec3 err = state.com - com_target_;
  // controller.balance_gain scales the feedback (0: posture servo and weight support only).
  const double kp = desc_.balance_gain * gains_.com_kp;
  const double kd = desc_.balance_gain * gains_.com_kd;
  const Vec3 accel{-kp * err.x - kd * state.com_velocity.x, 0.0,
                   -kp * err.z - kd * state.com_velocity.z};
  const Vec3 force{mass * accel.x, mass * kAssumedGravity, mass * accel.z};

  // Double support, lateral: load/unload between the legs (Winter 1995). The centre of pressure
  // an inverted pendulum needs for `accel` is p = x_com - accel / omega^2; each leg's share of
  // the weight support places it between the feet.
  if (!one_leg_) {
    const double omega2 = kAssumedGravity / std::max(state.com.y, 0.3);
    const double zl = state.segment_poses[kLeftFoot].position.z;
    const double zr = state.segment_poses[kRightFoot].position.z;
    const double cop_z = state.com.z - gains_.load_split_gain * accel.z / omega2;
    const double right = std::clamp((cop_z - zl) / std::max(zr - zl, 0.05), 0.1, 0.9);
    shares[0] = 1.0 - right;
    shares[1] = right;
  }
  for (Side s : stance)
    AddStanceLegTorques(s, shares[s == Side::kLeft ? 0 : 1], force, state, torques);
  Vec3 subtalar_clipped{0.0};
  for (Side s : stance) subtalar_clipped += ClampToSupport(s, state, torques);

  // Hip strategy (sagittal): when the capture point (x + v / omega) leaves the region the feet
  // can hold, pitch the pelvis against it: the upper body's rotation pushes the COM back
  // (Horak & Nashner 1986's hip strategy; the flywheel effect in Pratt et al. 2006's capture-point
  // analysis). Lateral balance: see the hip ab/adductor routing below.
  const double omega = std::sqrt(kAssumedGravity / std::max(state.com.y, 0.3));
  const Vec3 capture = err + state.com_velocity / omega;
  auto beyond = [&](double e) {
    return std::copysign(std::max(std::abs(e) - gains_.hip_strategy_deadband_m, 0.0), e);
  };
  const Quat pelvis_target = glm::angleAxis(
      std::clamp(gains_.hip_strategy_rad_per_m * beyond(capture.x), -0.6, 0.6), Vec3{0, 0, 1});

  // Pelvis upright in the world, through the stance hips (SIMBICON torso control): the stance
  // hips supply whatever the pelvis needs beyond the lumbar and free-hip torques acting on it.
  const Transform& pelvis = state.segment_poses[kPelvis];
  const Vec3 err_rot = RotationVector(pelvis_target * glm::inverse(pelvis.orientation));
  Vec3 tau_pelvis = scale * (gains_.pelvis_kp * err_rot) -
                    scale * gains_.pelvis_kd * state.segment_omega[kPelvis];
  // Gravity feedforward: the stance hips also carry the weight moment of everything they hold
  // up (pelvis, trunk, head, arms, free leg) about the stance hip centre(s), so the PD term is
  // left with errors only. Without it the pelvis sags ~5 degrees on the free-leg side.
  Vec3 hip_centre{0.0};
  for (Side s : stance) hip_centre += JointPivotWorld(model_, state, model_.leg(s).hip);
  hip_centre /= static_cast<double>(stance.size());
  for (int seg = 0; seg < kSegCount; ++seg) {
    bool in_stance_leg = false;
    for (Side s : stance) {
      in_stance_leg |= seg == HumanModel::Thigh(s) || seg == HumanModel::Shank(s) ||
                       seg == HumanModel::Talus(s) || seg == HumanModel::Foot(s);
    }
    if (in_stance_leg) continue;
    const Vec3 r = state.segment_poses[seg].position - hip_centre;
    tau_pelvis += glm::cross(r, Vec3{0.0, model_.segment(seg).mass_kg * kAssumedGravity, 0.0});
  }
  auto joint_torque_world = [&](int joint_index) {
    const Joint& joint = model_.joint(joint_index);
    Vec3 tau{0.0};
    for (int k = 0; k < joint.dof_count; ++k) {
      tau += (*torques)[joint.first_dof + k] * model_.dof(joint.first_dof + k).axis;
    }
    return pelvis.orientation * tau;
  };
  // Pelvis receives -(pair torque) from each child joint: lumbar and both hips.
  Vec3 stance_sum = -tau_pelvis - joint_torque_world(model_.lumbar_joint());
  if (one_leg_) stance_sum -= joint_torque_world(model_.leg(Other(support_)).hip);
  // Double support, lateral (Winter 1995: hip abductor/adductor load/unload). Legs and pelvis
  // form a closed frontal-plane chain (a parallelogram over the two feet), so the sway moment
  // the subtalar joints could not transmit can be supplied by the hips: statics of a leg between
  // its subtalar joint (torque tau_s) and its hip (tau_h) give r_ankle->hip x F_pelvis =
  // tau_h - tau_s, so tau_h = -(clipped tau_s) restores the virtual force on the pelvis. The
  // pelvis takes the reaction, which it cannot turn into roll (the chain holds it level); it is
  // carried by shifting vertical load from one foot to the other: the centre of pressure moves
  // between the feet instead of to the edge of one foot. Unit gain, from statics alone.
  if (!one_leg_) stance_sum -= subtalar_clipped;
  // Split by measured load like the rest: either hip drives the same sway, and an unloaded
  // foot handed hip torque would be flung.
  for (Side s : stance) {
    const Joint& hip = model_.joint(model_.leg(s).hip);
    const Vec3 local =
        glm::inverse(pelvis.orientation) * (measured[s == Side::kLeft ? 0 : 1] * stance_sum);
    for (int k = 0; k < 3; ++k) {
      (*torques)[hip.first_dof + k] = glm::dot(local, model_.dof(hip.first_dof + k).axis);
    }
  }
}

}  // namespace poselab::sim
