// Running controller for the "pose" and "heel_strike" styles (see run_controller.h).
#include "sim/control/run_controller.h"

#include <algorithm>
#include <cmath>

#include "sim/model/joint_kinematics.h"

namespace poselab::sim {

namespace {

constexpr double kAssumedGravity = 9.81;
constexpr double kTouchdownLoadBw = 0.05;  // same threshold as gait analysis

// Gains for a 70 kg body; torque gains scale with body mass.
struct RunGains {
  double vertical_kv = 20.0;     // 1/s: vertical force per m/s of vertical-velocity error, per kg
  double vertical_kp = 100.0;    // 1/s^2: vertical force per m of COM height error, per kg
  double speed_kv = 3.0;         // 1/s: horizontal force per m/s of speed error, per kg
  double placement_kv = 0.08;    // s: landing point moved ahead per m/s above the target speed
  double lateral_capture = 1.0;  // gain on the lateral capture point for foot placement
  double step_half_width_m = 0.05;
  double pelvis_kp = 1500.0, pelvis_kd = 150.0;  // N*m/rad, N*m*s/rad, torso in the world
  double lumbar_kp = 800.0, lumbar_kd = 60.0;
  double swing_hip_kp = 600.0, swing_hip_kd = 40.0;
  double swing_knee_kp = 250.0, swing_knee_kd = 12.0;
  double swing_ankle_kp = 40.0, swing_ankle_kd = 1.5;
  double stance_knee_floor_kp = 400.0;  // keeps the stance knee from straightening (Pose)
  double hip_blend_s = 0.03;     // touchdown: swing servo -> stance torques over this long
  double momentum_kd = 8.0;      // 1/s: moment about the COM per unit of whole-body angular momentum
};

constexpr RunGains kGains;

Side Other(Side s) { return s == Side::kLeft ? Side::kRight : Side::kLeft; }
int Index(Side s) { return s == Side::kLeft ? 0 : 1; }
double SideSign(Side s) { return s == Side::kLeft ? -1.0 : 1.0; }
std::string Prefix(Side s) { return s == Side::kLeft ? "left_" : "right_"; }

double Smoothstep(double x) {
  x = std::clamp(x, 0.0, 1.0);
  return x * x * (3.0 - 2.0 * x);
}

// Pitch of a segment's forward (X) axis about the world +Z axis, rad (+ = toes/nose up).
double SegmentPitch(const RunnerState& state, int seg) {
  const Vec3 fwd = state.segment_poses[seg].orientation * Vec3{1.0, 0.0, 0.0};
  return std::atan2(fwd.y, fwd.x);
}

// COM rise since touchdown, time t into a contact of plan (step period big_t, contact time tc)
// whose vertical force is the half-sine m g (big_t / tc) (pi / 2) sin(pi t / tc): the integral of
// the planned vertical velocity, which starts at -v_f and ends at +v_f, v_f = g (big_t - tc) / 2.
double PlannedRise(double g, double big_t, double tc, double t) {
  const double v_f = 0.5 * g * (big_t - tc);
  return -v_f * t + 0.5 * g * big_t * (t - tc / kPi * std::sin(kPi * t / tc)) - 0.5 * g * t * t;
}

int DofIndex(const HumanModel& model, const std::string& name) {
  const int d = model.FindDof(name);
  POSELAB_ASSERT(d >= 0, name.c_str());
  return d;
}

}  // namespace

RunStyle PoseStyle() {
  RunStyle s;
  s.contact_fraction = 0.66;
  s.knee_touchdown_deg = 22.0;
  s.knee_min_stance_deg = 15.0;
  s.knee_mid_stance_deg = 35.0;
  s.knee_pull_deg = 110.0;
  s.foot_pitch_deg = -4.0;
  s.pushoff_fraction = 0.0;
  s.speed_at_0_deg = 2.2;
  s.speed_per_deg = 0.14;
  return s;
}

RunStyle HeelStrikeStyle() {
  RunStyle s;
  s.contact_fraction = 0.70;
  s.knee_touchdown_deg = 8.0;
  s.knee_min_stance_deg = 0.0;
  s.knee_mid_stance_deg = 30.0;
  s.knee_pull_deg = 90.0;
  s.foot_pitch_deg = 15.0;
  s.pushoff_fraction = 0.0;
  s.speed_at_0_deg = 2.2;
  s.speed_per_deg = 0.14;
  return s;
}

double TargetSpeedForLean(const RunStyle& style, double lean_deg) {
  return style.speed_at_0_deg + style.speed_per_deg * lean_deg;
}

RunController::RunController(const ControllerDesc& desc, const HumanModel& model)
    : model_(model), desc_(desc), servo_(DefaultServoGains(model)) {
  style_ = desc.type == "heel_strike" ? HeelStrikeStyle() : PoseStyle();
  for (Side s : {Side::kLeft, Side::kRight}) {
    LegDofs& l = legs_[Index(s)];
    const std::string p = Prefix(s);
    l.hip_flex = DofIndex(model, p + "hip_flexion");
    l.hip_abd = DofIndex(model, p + "hip_abduction");
    l.hip_rot = DofIndex(model, p + "hip_rotation");
    l.knee = DofIndex(model, p + "knee_flexion");
    l.ankle = DofIndex(model, p + "ankle_dorsiflexion");
    l.subtalar = DofIndex(model, p + "subtalar_inversion");
    l.shoulder_flex = DofIndex(model, p + "shoulder_flexion");
    l.elbow = DofIndex(model, p + "elbow_flexion");
  }
  lumbar_first_dof_ = model.joint(model.lumbar_joint()).first_dof;
  UpdatePlan();
  stance_period_s_ = step_period_s_;
  stance_contact_s_ = contact_time_s_;
  // Initial running state (StartPose): the apex of a flight after a right stance; the left leg
  // is due to land half a flight from now.
  const double half_flight = 0.5 * (step_period_s_ - contact_time_s_);
  stance_side_ = Side::kRight;
  in_stance_ = false;
  touchdown_time_s_ = -half_flight - contact_time_s_;
  swing_start_s_[Index(Side::kRight)] = -half_flight;
  swing_start_s_[Index(Side::kLeft)] = half_flight - (2.0 * step_period_s_ - contact_time_s_);
  const InitialPose start = StartPose();
  for (Side sd : {Side::kLeft, Side::kRight}) {
    swing_start_q_[Index(sd)] = {start.q[legs_[Index(sd)].hip_flex], start.q[legs_[Index(sd)].knee]};
  }
  phase_ = "flight";
}

void RunController::UpdatePlan() {
  step_period_s_ = 60.0 / desc_.cadence_spm;
  contact_time_s_ = style_.contact_fraction * step_period_s_;
  target_speed_mps_ = TargetSpeedForLean(style_, desc_.lean_deg);
  // Heights of the vertical plan from the leg's geometry: at mid-stance the stance leg stands
  // under the hip with the knee at the style's mid-stance bend; the COM then falls/rises by the
  // half-sine's planned excursion between touchdown and mid-stance.
  const double lt = model_.thigh_length_m(), ls = model_.shank_length_m();
  const double knee = style_.knee_mid_stance_deg * kDegToRad;
  const double leg = std::sqrt(lt * lt + ls * ls + 2.0 * lt * ls * std::cos(knee));
  const double hip_y = model_.joint(model_.leg(Side::kLeft).hip).pivot_ref.y;
  const double com_above_hip = model_.ReferenceCom().y - hip_y;
  mid_stance_height_m_ = model_.ankle_height_m() + leg + com_above_hip;
  touchdown_height_m_ = mid_stance_height_m_ - PlannedRise(kAssumedGravity, step_period_s_,
                                                          contact_time_s_, 0.5 * contact_time_s_);
}

void RunController::SetParams(const ControllerDesc& desc) {
  desc_ = desc;
  UpdatePlan();
}

InitialPose RunController::StartPose() const {
  // The apex of a flight phase: the right foot left the ground half a flight ago, the left leg
  // reaches for its landing point, the body moves at the target speed with no vertical velocity.
  InitialPose pose;
  pose.q.assign(model_.dof_count(), 0.0);
  const double lean = desc_.lean_deg * kDegToRad;
  const double lt = model_.thigh_length_m(), ls = model_.shank_length_m();
  const double knee = style_.knee_touchdown_deg * kDegToRad;
  const double reach = std::sqrt(lt * lt + ls * ls + 2.0 * lt * ls * std::cos(knee));
  const double ahead = std::clamp(desc_.landing_offset_m, -0.5 * reach, 0.8 * reach);
  const double thigh = std::asin(ahead / reach) +
                       std::atan2(ls * std::sin(knee), lt + ls * std::cos(knee));
  const LegDofs& land = legs_[Index(Side::kLeft)];
  pose.q[land.knee] = knee;
  pose.q[land.hip_flex] = thigh + lean;
  pose.q[land.ankle] = style_.foot_pitch_deg * kDegToRad - (thigh - knee);
  const LegDofs& pull = legs_[Index(Side::kRight)];
  pose.q[pull.hip_flex] = -5.0 * kDegToRad + lean;
  pose.q[pull.knee] = 60.0 * kDegToRad;
  pose.q[pull.ankle] = -10.0 * kDegToRad;
  for (const LegDofs& l : legs_) pose.q[l.elbow] = 90.0 * kDegToRad;
  pose.q[land.shoulder_flex] = -20.0 * kDegToRad;
  pose.q[pull.shoulder_flex] = 20.0 * kDegToRad;
  pose.pelvis_orientation = glm::angleAxis(-lean, Vec3{0.0, 0.0, 1.0});
  pose.velocity = Vec3{target_speed_mps_, 0.0, 0.0};
  const double half_flight = 0.5 * (step_period_s_ - contact_time_s_);
  pose.clearance_m = 0.5 * kAssumedGravity * half_flight * half_flight;
  return pose;
}

void RunController::UpdatePhase(const RunnerState& state, double time_s) {
  const double threshold = kTouchdownLoadBw * model_.total_mass_kg() * kAssumedGravity;
  const Side other = Other(stance_side_);
  const double other_load = state.foot_force[Index(other)].y;
  const double swing_time = 2.0 * step_period_s_ - contact_time_s_;
  const double other_swing = time_s - swing_start_s_[Index(other)];
  auto lift_off = [&](Side side) {
    swing_start_s_[Index(side)] = time_s;
    swing_start_q_[Index(side)] = {state.q[legs_[Index(side)].hip_flex],
                                   state.q[legs_[Index(side)].knee]};
  };
  auto touchdown = [&]() {
    if (in_stance_) lift_off(stance_side_);
    stance_side_ = other;
    in_stance_ = true;
    touchdown_time_s_ = time_s;
    stance_period_s_ = step_period_s_;
    stance_contact_s_ = contact_time_s_;
  };
  if (in_stance_) {
    const double tau = time_s - touchdown_time_s_;
    const double load = state.foot_force[Index(stance_side_)].y;
    if (other_load > threshold && other_swing > 0.75 * swing_time) {
      touchdown();  // the other foot landed before this stance's plan ended
    } else if (tau >= stance_contact_s_ ||
               (tau > 0.5 * stance_contact_s_ &&
                (load < threshold ||
                 state.com_velocity.y >= 0.5 * kAssumedGravity * (stance_period_s_ - stance_contact_s_)))) {
      in_stance_ = false;
      lift_off(stance_side_);
    }
  } else if (other_load > threshold && other_swing > 0.6 * swing_time) {
    touchdown();
  }
  const bool pose = desc_.type != "heel_strike";
  if (in_stance_) {
    const double u = (time_s - touchdown_time_s_) / stance_contact_s_;
    if (u < 0.5) {
      phase_ = pose ? "pose" : "landing";
    } else if (u < 0.85) {
      phase_ = pose ? "fall" : "push-off";
    } else {
      phase_ = pose ? "pull" : "push-off";
    }
  } else {
    phase_ = time_s - swing_start_s_[Index(stance_side_)] < 0.05 && pose ? "pull" : "flight";
  }
}

void RunController::StanceLeg(Side side, const RunnerState& state, double time_s,
                              std::vector<double>* torques) {
  const double m = model_.total_mass_kg();
  const double g = kAssumedGravity;
  const double big_t = stance_period_s_, tc = stance_contact_s_;
  const double tau = std::clamp(time_s - touchdown_time_s_, 0.0, tc);
  const double phi = kPi * tau / tc;
  // Vertical: half-sine carrying the weight over the whole step, plus feedback toward the COM
  // height and vertical velocity the same profile plans (from -v_f at touchdown through the
  // mid-stance height to +v_f at take-off).
  const double v_f = 0.5 * g * (big_t - tc);
  const double f_ff = m * g * (big_t / tc) * 0.5 * kPi * std::sin(phi);
  const double v_ref = -v_f + 0.5 * g * big_t * (1.0 - std::cos(phi)) - g * tau;
  const double y_ref = mid_stance_height_m_ + PlannedRise(g, big_t, tc, tau) -
                       PlannedRise(g, big_t, tc, 0.5 * tc);
  double fy = f_ff + m * (kGains.vertical_kv * (v_ref - state.com_velocity.y) +
                          kGains.vertical_kp * (y_ref - state.com.y));
  fy = std::max(fy, 0.0);

  // Centre of pressure of the stance foot (or its midfoot when not loaded yet).
  const int foot = HumanModel::Foot(side);
  Vec3 cop{0.0};
  double load = 0.0;
  for (const ContactPoint& c : state.contacts) {
    if (c.segment != foot || c.force.y <= 0.0) continue;
    cop += c.force.y * c.position;
    load += c.force.y;
  }
  if (load > 1.0) {
    cop /= load;
  } else {
    cop = state.segment_poses[foot].position;
    cop.y = 0.0;
  }
  // Line of action: from the centre of pressure through the upper body's COM (pelvis, trunk,
  // head, arms), so the stance leg's force does not pitch the upper body (a virtual pivot point
  // at the upper body's COM, Maus et al. 2010), tilted by the torso controller's moment.
  Vec3 upper{0.0};
  double upper_mass = 0.0;
  for (int seg : {kPelvis, kTrunk, kHead, kLeftUpperArm, kLeftForearm, kRightUpperArm,
                  kRightForearm}) {
    upper += model_.segment(seg).mass_kg * state.segment_poses[seg].position;
    upper_mass += model_.segment(seg).mass_kg;
  }
  upper /= upper_mass;
  const Vec3 r = upper - cop;
  const double height = std::max(r.y, 0.3);
  Vec3 force{fy * r.x / height, fy, fy * r.z / height};
  // Torso: the moment on the upper body that holds the pelvis at the lean (pitch), level (roll).
  const double scale = m / 70.0;
  const Transform& pelvis = state.segment_poses[kPelvis];
  const Quat target = glm::angleAxis(-desc_.lean_deg * kDegToRad, Vec3{0.0, 0.0, 1.0});
  const Vec3 err = RotationVector(target * glm::inverse(pelvis.orientation));
  const Vec3 moment =
      scale * (kGains.pelvis_kp * err - kGains.pelvis_kd * state.segment_omega[kPelvis]);
  // Whole-body angular momentum about the COM (sagittal and frontal), damped through the same
  // force tilt: what the stance phase adds to it has no other place to go in flight.
  Vec3 momentum{0.0};
  for (int seg = 0; seg < kSegCount; ++seg) {
    const Segment& sg = model_.segment(seg);
    const Mat3 rot = glm::mat3_cast(state.segment_poses[seg].orientation);
    const Mat3 inertia = rot * Mat3(Vec3{sg.inertia_kgm2.x, 0, 0}, Vec3{0, sg.inertia_kgm2.y, 0},
                                    Vec3{0, 0, sg.inertia_kgm2.z}) * glm::transpose(rot);
    momentum += inertia * state.segment_omega[seg] +
                sg.mass_kg * glm::cross(state.segment_poses[seg].position - state.com,
                                        state.segment_velocity[seg] - state.com_velocity);
  }
  const Vec3 momentum_moment = -kGains.momentum_kd * momentum;
  const double ramp = std::min(tau / kGains.hip_blend_s, 1.0);
  force.x += ramp * momentum_moment.z / height;
  force.z -= ramp * momentum_moment.x / height;
  force.x += ramp * moment.z / height;
  force.z -= ramp * moment.x / height;
  force.x += m * kGains.speed_kv * (target_speed_mps_ - state.com_velocity.x) * std::sin(phi);
  force.x += style_.pushoff_fraction * m * g * (phi > 0.5 * kPi ? std::sin(phi) : 0.0);
  planned_force_ = force;

  // Every stance-leg joint applies the torque that transmits this force from the centre of
  // pressure (J^T of the leg with the foot planted): pair torque -(p - r_joint) x F.
  const LegJoints& leg = model_.leg(side);
  for (const int j : {leg.ankle, leg.subtalar, leg.knee, leg.hip}) {
    const Joint& joint = model_.joint(j);
    const Vec3 tau_pair = -glm::cross(cop - JointPivotWorld(model_, state, j), force);
    for (int k = 0; k < joint.dof_count; ++k) {
      const Vec3 axis = state.segment_poses[joint.parent].orientation *
                        model_.dof(joint.first_dof + k).axis;
      (*torques)[joint.first_dof + k] = glm::dot(tau_pair, axis);
    }
  }
  // Heading (yaw) through the hip rotators, and the swing hip's reaction on the pelvis taken
  // off the upper body (SIMBICON: the stance hip supplies what the torso needs).
  const Joint& hip = model_.joint(leg.hip);
  const Joint& other_hip = model_.joint(model_.leg(Other(side)).hip);
  Vec3 swing_reaction{0.0};
  for (int k = 0; k < 3; ++k) {
    swing_reaction += (*torques)[other_hip.first_dof + k] *
                      (pelvis.orientation * model_.dof(other_hip.first_dof + k).axis);
  }
  const Vec3 extra = -ramp * swing_reaction + Vec3{0.0, -ramp * moment.y, 0.0};
  for (int k = 0; k < 3; ++k) {
    const Vec3 axis = pelvis.orientation * model_.dof(hip.first_dof + k).axis;
    (*torques)[hip.first_dof + k] += glm::dot(extra, axis);
  }

  const LegDofs& l = legs_[Index(side)];
  const double knee_floor = style_.knee_min_stance_deg * kDegToRad;
  if (state.q[l.knee] < knee_floor) {
    (*torques)[l.knee] += scale * kGains.stance_knee_floor_kp * (knee_floor - state.q[l.knee]);
  }
  // The sole transmits what its centre of pressure allows (ball of the foot to the heel).
  const double toe_reach = (0.72 * model_.foot_length_m() - model_.heel_to_ankle_m()) * 0.9;
  const double heel_reach = model_.heel_to_ankle_m() * 0.6;
  const double side_reach = 0.5 * 0.055 * model_.body().height_m * 0.45 * 0.8;
  const double fy_meas = std::max(state.foot_force[Index(side)].y, 0.0);
  (*torques)[l.ankle] = std::clamp((*torques)[l.ankle], -fy_meas * toe_reach,
                                   fy_meas * heel_reach);
  (*torques)[l.subtalar] =
      std::clamp((*torques)[l.subtalar], -fy_meas * side_reach, fy_meas * side_reach);
}

void RunController::SwingLeg(Side side, const RunnerState& state, double time_s,
                             std::vector<double>* torques) const {
  const double m = model_.total_mass_kg();
  const double scale = m / 70.0;
  const double g = kAssumedGravity;
  const LegDofs& l = legs_[Index(side)];
  const double swing_time = 2.0 * step_period_s_ - contact_time_s_;
  const double elapsed = time_s - swing_start_s_[Index(side)];
  const double u = elapsed / swing_time;
  const double lean = desc_.lean_deg * kDegToRad;

  // Pull: from the take-off angles the knee folds (the hamstring pull) and the thigh comes
  // forward under the body, along smooth (minimum-jerk-like) paths rather than steps.
  const std::array<double, 2>& q0 = swing_start_q_[Index(side)];
  const double pull_knee =
      q0[1] + (style_.knee_pull_deg * kDegToRad - q0[1]) * Smoothstep(u / 0.3);
  const double pull_hip = q0[0] + (25.0 * kDegToRad + lean - q0[0]) * Smoothstep(u / 0.45);
  // Reach: two-link IK toward the landing point predicted for touchdown.
  // Time left until this foot lands: in flight, until the COM falls to the touchdown height
  // (ballistic); while the other leg is in stance, the rest of its contact plus a planned flight.
  double t_rem = 0.0;
  if (in_stance_) {
    t_rem = std::max(stance_contact_s_ - (time_s - touchdown_time_s_), 0.0) +
            (step_period_s_ - contact_time_s_);
  } else {
    const double drop = std::max(state.com.y - touchdown_height_m_, 0.0);
    const double vy = state.com_velocity.y;
    t_rem = (vy + std::sqrt(vy * vy + 2.0 * g * drop)) / g;
  }
  const Vec3& v = state.com_velocity;
  const double offset = desc_.landing_offset_m + kGains.placement_kv * (v.x - target_speed_mps_);
  const double omega = std::sqrt(g / std::max(state.com.y, 0.5));
  Vec3 target;
  target.x = state.com.x + v.x * t_rem + offset;
  target.z = state.com.z + v.z * t_rem + SideSign(side) * kGains.step_half_width_m +
             kGains.lateral_capture * v.z / omega;
  // Foot height: clear of the ground through the pull, then hanging at the height that meets the
  // ground when the COM comes down to the planned touchdown height (the foot lands when the
  // flight ends, whenever that is, not at a clock time).
  const double clear = 0.12 * (1.0 - Smoothstep((u - 0.45) / 0.3));
  const double hang = state.com.y - touchdown_height_m_ - 0.02;
  target.y = model_.ankle_height_m() + std::max(clear, hang);
  // The leg is aimed in the frame the pelvis should have (the lean target, facing the run), not
  // the one it has: aiming from the measured pelvis would turn a trunk pitch error into hip
  // torque that pitches the trunk further (a negative stiffness in flight).
  const Transform& pelvis = state.segment_poses[kPelvis];
  const Quat nominal = glm::angleAxis(-lean, Vec3{0.0, 0.0, 1.0});
  const Vec3 hip = JointPivotWorld(model_, state, model_.leg(side).hip);
  const Vec3 d = glm::inverse(nominal) * (target - hip);
  const double lt = model_.thigh_length_m(), ls = model_.shank_length_m();
  const double reach = std::clamp(glm::length(d), 0.3 * (lt + ls), 0.999 * (lt + ls));
  double knee = std::acos(std::clamp((reach * reach - lt * lt - ls * ls) / (2.0 * lt * ls),
                                     -1.0, 1.0));
  knee = std::max(knee, style_.knee_touchdown_deg * kDegToRad);
  const double alpha = std::atan2(d.x, -d.y);
  const double reach_hip = alpha + std::atan2(ls * std::sin(knee), lt + ls * std::cos(knee));
  const double abduction =
      std::clamp(std::atan2(SideSign(side) * d.z, -d.y), -10.0 * kDegToRad, 15.0 * kDegToRad);

  const double b = Smoothstep((u - 0.3) / 0.35);
  const double hip_flex = (1.0 - b) * pull_hip + b * reach_hip;
  const double knee_target = (1.0 - b) * pull_knee + b * knee;

  // Hip: 3-DOF servo toward (flexion, abduction, no rotation), plus the leg's weight moment.
  const int hip_joint = model_.leg(side).hip;
  const double hip_q[3] = {hip_flex, abduction, 0.0};
  const Quat want = JointRotationFromAngles(model_, hip_joint, hip_q);
  const Vec3 err = RotationVector(want * glm::inverse(state.joint_rotation[hip_joint]));
  Vec3 gravity_hip{0.0}, gravity_knee{0.0};
  const Vec3 hip_pivot = hip;
  const Vec3 knee_pivot = JointPivotWorld(model_, state, model_.leg(side).knee);
  for (int seg : {HumanModel::Thigh(side), HumanModel::Shank(side), HumanModel::Talus(side),
                  HumanModel::Foot(side)}) {
    const Vec3 w{0.0, model_.segment(seg).mass_kg * g, 0.0};
    gravity_hip += glm::cross(state.segment_poses[seg].position - hip_pivot, w);
    if (seg != HumanModel::Thigh(side)) {
      gravity_knee += glm::cross(state.segment_poses[seg].position - knee_pivot, w);
    }
  }
  const Vec3 gravity_hip_local = glm::inverse(pelvis.orientation) * gravity_hip;
  const int dofs[3] = {l.hip_flex, l.hip_abd, l.hip_rot};
  for (int k = 0; k < 3; ++k) {
    const Vec3& axis = model_.dof(dofs[k]).axis;
    (*torques)[dofs[k]] = scale * (kGains.swing_hip_kp * glm::dot(err, axis) -
                                   kGains.swing_hip_kd * state.qdot[dofs[k]]) +
                          glm::dot(gravity_hip_local, axis);
  }
  const Joint& knee_joint = model_.joint(model_.leg(side).knee);
  const Vec3 knee_axis =
      state.segment_poses[knee_joint.parent].orientation * model_.dof(l.knee).axis;
  (*torques)[l.knee] = scale * (kGains.swing_knee_kp * (knee_target - state.q[l.knee]) -
                                kGains.swing_knee_kd * state.qdot[l.knee]) +
                       glm::dot(gravity_knee, knee_axis);
  // Ankle: the sole held at the style's angle to the ground (world frame), subtalar neutral.
  const double foot_pitch = SegmentPitch(state, HumanModel::Foot(side));
  const double ankle_target =
      state.q[l.ankle] + (style_.foot_pitch_deg * kDegToRad - foot_pitch);
  (*torques)[l.ankle] = scale * (kGains.swing_ankle_kp * (ankle_target - state.q[l.ankle]) -
                                 kGains.swing_ankle_kd * state.qdot[l.ankle]);
  (*torques)[l.subtalar] = servo_[l.subtalar].kp * (0.0 - state.q[l.subtalar]) -
                           servo_[l.subtalar].kd * state.qdot[l.subtalar];
}

void RunController::Arms(const RunnerState& state, std::vector<double>* torques) const {
  // Arms swing against the legs (elbows bent at about 90 degrees, the seed's arm carriage).
  for (Side s : {Side::kLeft, Side::kRight}) {
    const LegDofs& l = legs_[Index(s)];
    const LegDofs& o = legs_[Index(Other(s))];
    const double lean = desc_.lean_deg * kDegToRad;
    const double shoulder = 0.6 * (state.q[o.hip_flex] - lean - 0.2);
    const int shoulder_joint = model_.dof(l.shoulder_flex).joint;
    const int first = model_.joint(shoulder_joint).first_dof;
    const double q[3] = {shoulder, 8.0 * kDegToRad, 0.0};
    const Quat want = JointRotationFromAngles(model_, shoulder_joint, q);
    const Vec3 err = RotationVector(want * glm::inverse(state.joint_rotation[shoulder_joint]));
    for (int k = 0; k < 3; ++k) {
      const int d = first + k;
      (*torques)[d] = servo_[d].kp * glm::dot(err, model_.dof(d).axis) -
                      servo_[d].kd * state.qdot[d];
    }
    (*torques)[l.elbow] = servo_[l.elbow].kp * (90.0 * kDegToRad - state.q[l.elbow]) -
                          servo_[l.elbow].kd * state.qdot[l.elbow];
  }
}

void RunController::LumbarServo(const RunnerState& state, std::vector<double>* torques) const {
  // Trunk in line with the pelvis: the lean comes from the ankle, not from bending at the waist.
  const double scale = model_.total_mass_kg() / 70.0;
  for (int k = 0; k < 3; ++k) {
    const int d = lumbar_first_dof_ + k;
    (*torques)[d] = scale * (-kGains.lumbar_kp * state.q[d] - kGains.lumbar_kd * state.qdot[d]);
  }
}

void RunController::Compute(const RunnerState& state, double time_s,
                            std::vector<double>* torques) {
  UpdatePhase(state, time_s);
  planned_force_ = Vec3{0.0};
  torques->assign(model_.dof_count(), 0.0);
  for (Side s : {Side::kLeft, Side::kRight}) {
    if (!(in_stance_ && s == stance_side_)) SwingLeg(s, state, time_s, torques);
  }
  Arms(state, torques);
  LumbarServo(state, torques);
  if (in_stance_) {
    // The stance leg's servo torques are replaced by the planned-force torques, except that
    // they start from the swing servo's hip torque and blend over the first moments of contact.
    SwingLeg(stance_side_, state, time_s, torques);
    const LegDofs& l = legs_[Index(stance_side_)];
    const int dofs[3] = {l.hip_flex, l.hip_abd, l.hip_rot};
    double swing_hip[3];
    for (int k = 0; k < 3; ++k) swing_hip[k] = (*torques)[dofs[k]];
    StanceLeg(stance_side_, state, time_s, torques);
    const double w = std::clamp((time_s - touchdown_time_s_) / kGains.hip_blend_s, 0.0, 1.0);
    for (int k = 0; k < 3; ++k) {
      (*torques)[dofs[k]] = w * (*torques)[dofs[k]] + (1.0 - w) * swing_hip[k];
    }
  }
}

}  // namespace poselab::sim
