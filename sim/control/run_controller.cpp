// Running controller for the "pose" and "heel_strike" styles (see run_controller.h).
#include "sim/control/run_controller.h"

#include <algorithm>
#include <cmath>

#include "sim/model/joint_kinematics.h"

namespace poselab::sim {

namespace {

constexpr double kAssumedGravity = 9.81;
constexpr double kTouchdownLoadBw = 0.05;  // same threshold as gait analysis
// A contact may run this much past its planned time while the body has not yet reached the
// planned take-off velocity (the plan then holds its end: no feed-forward, feedback to v_f).
constexpr double kMaxContactStretch = 1.4;

// Gains for a 70 kg body; torque gains scale with body mass. Chosen by hand from traced runs
// (see the README's "Running controllers"); none is the output of an optimiser.
struct RunGains {
  double vertical_kv = 40.0;     // 1/s: vertical force per m/s of vertical-velocity error, per kg
  double vertical_kp = 400.0;    // 1/s^2: vertical force per m of COM height error, per kg
  double speed_kv = 3.0;         // 1/s: horizontal force per m/s of speed error, per kg
  double placement_kv = 0.08;    // s: landing point moved ahead per m/s above the target speed
  double lateral_capture = 1.0;  // gain on the lateral capture point for foot placement
  double step_half_width_m = 0.05;
  // Torso through the stance hip. The damping acts on the pelvis segment, whose own inertia is
  // small (about 0.1 kg m^2 between hip and lumbar joints): at a 1 ms step an explicit damping
  // of 150 N m s/rad made it chatter from step to step; 50 is well inside the bound.
  double pelvis_kp = 800.0, pelvis_kd = 50.0;
  double lumbar_kp = 800.0, lumbar_kd = 60.0;
  double swing_hip_kp = 600.0, swing_hip_kd = 40.0;
  double swing_knee_kp = 400.0, swing_knee_kd = 20.0;
  double swing_ankle_kp = 40.0, swing_ankle_kd = 1.5;
  double stance_knee_floor_kp = 400.0;  // keeps the stance knee from straightening (Pose)
  double hip_blend_s = 0.03;     // touchdown: swing servo -> stance torques over this long
  double retraction_deg = 20.0;  // swing thigh past its touchdown angle, then back in flight
  double momentum_kd = 8.0;      // 1/s: moment about the COM per unit of whole-body momentum
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
  s.contact_fraction = 0.5;
  s.knee_touchdown_deg = 22.0;
  s.knee_min_stance_deg = 15.0;
  s.knee_mid_stance_deg = 35.0;
  s.knee_pull_deg = 110.0;
  s.foot_pitch_deg = -4.0;
  s.speed_at_0_deg = 2.2;
  s.speed_per_deg = 0.14;
  return s;
}

RunStyle HeelStrikeStyle() {
  RunStyle s;
  s.contact_fraction = 0.55;
  s.knee_touchdown_deg = 8.0;
  s.knee_min_stance_deg = 0.0;
  s.knee_mid_stance_deg = 30.0;
  s.knee_pull_deg = 90.0;
  s.foot_pitch_deg = 15.0;
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
  for (Side s : {Side::kLeft, Side::kRight}) {
    double heel_x = 0.0, met_x = 0.0, met_z_min = 1e9, met_z_max = -1e9;
    int heels = 0, mets = 0;
    for (const Collider& c : model.segment(HumanModel::Foot(s)).colliders) {
      if (c.contact_name == "heel") {
        heel_x += c.center.x;
        ++heels;
      } else if (c.contact_name == "met1" || c.contact_name == "met5") {
        met_x += c.center.x;
        met_z_min = std::min(met_z_min, c.center.z);
        met_z_max = std::max(met_z_max, c.center.z);
        ++mets;
      }
    }
    POSELAB_ASSERT(heels > 0 && mets == 2, "foot contact spheres");
    sole_[Index(s)] = {heel_x / heels, met_x / mets, 0.5 * (met_z_min + met_z_max),
                       0.5 * (met_z_max - met_z_min)};
  }
  UpdatePlan();
  stance_period_s_ = step_period_s_;
  stance_contact_s_ = contact_time_s_;
  // Initial running state (StartPose): the apex of a flight after a right stance; the left leg
  // is due to land half a flight from now.
  const double half_flight = 0.5 * (step_period_s_ - contact_time_s_);
  stance_side_ = Side::kRight;
  in_stance_ = false;
  touchdown_time_s_ = -half_flight - contact_time_s_;
  flight_start_s_ = -half_flight;
  swing_start_s_[Index(Side::kRight)] = -half_flight;
  swing_start_s_[Index(Side::kLeft)] = half_flight - (2.0 * step_period_s_ - contact_time_s_);
  const InitialPose start = StartPose();
  for (Side sd : {Side::kLeft, Side::kRight}) {
    swing_start_q_[Index(sd)] = {start.q[legs_[Index(sd)].hip_flex],
                                 start.q[legs_[Index(sd)].knee]};
  }
  phase_ = "flight";
}

void RunController::UpdatePlan() {
  step_period_s_ = 60.0 / desc_.cadence_spm;
  contact_time_s_ = style_.contact_fraction * step_period_s_;
  target_speed_mps_ = TargetSpeedForLean(style_, desc_.lean_deg);
  // Heights of the vertical plan from the leg's geometry: at mid-stance the stance leg stands
  // under the hip with the knee at the style's mid-stance bend; the COM falls by the half-sine's
  // planned excursion between touchdown and mid-stance.
  const double lt = model_.thigh_length_m(), ls = model_.shank_length_m();
  const double knee = style_.knee_mid_stance_deg * kDegToRad;
  const double leg = std::sqrt(lt * lt + ls * ls + 2.0 * lt * ls * std::cos(knee));
  const double hip_y = model_.joint(model_.leg(Side::kLeft).hip).pivot_ref.y;
  const double com_above_hip = model_.ReferenceCom().y - hip_y;
  const double mid_stance = model_.ankle_height_m() + leg + com_above_hip;
  planned_touchdown_height_m_ =
      mid_stance -
      PlannedRise(kAssumedGravity, step_period_s_, contact_time_s_, 0.5 * contact_time_s_);
  touchdown_height_m_ = planned_touchdown_height_m_;
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
    touchdown_com_height_m_ = state.com.y;
    stance_period_s_ = step_period_s_;
    stance_contact_s_ = contact_time_s_;
  };
  // A free foot brushing the ground early in its swing is not a touchdown.
  if (in_stance_) {
    const double tau = time_s - touchdown_time_s_;
    const double load = state.foot_force[Index(stance_side_)].y;
    const double v_f = 0.5 * kAssumedGravity * (stance_period_s_ - stance_contact_s_);
    if (other_load > threshold && other_swing > 0.75 * swing_time) {
      touchdown();  // the other foot landed before this stance's plan ended
    } else if (tau >= kMaxContactStretch * stance_contact_s_ ||
               (tau > 0.5 * stance_contact_s_ &&
                (load < threshold || state.com_velocity.y >= v_f))) {
      in_stance_ = false;
      flight_start_s_ = time_s;
      // The next foot is set to land when the COM is back at the height it took off from.
      touchdown_height_m_ = std::clamp(state.com.y, planned_touchdown_height_m_ - 0.08,
                                       planned_touchdown_height_m_);
      lift_off(stance_side_);
    }
  } else if (other_load > threshold && other_swing > 0.7 * swing_time) {
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
  const double scale = m / 70.0;
  const double g = kAssumedGravity;
  const double big_t = stance_period_s_, tc = stance_contact_s_;
  const double tau = std::clamp(time_s - touchdown_time_s_, 0.0, tc);
  const double phi = kPi * tau / tc;
  // Vertical: half-sine carrying the weight over the whole step, plus feedback toward the COM
  // height and vertical velocity the same profile plans from this contact's touchdown height
  // (down at -v_f, back up to the same height at +v_f: a flight that lands where it took off).
  const double v_f = 0.5 * g * (big_t - tc);
  const double f_ff = m * g * (big_t / tc) * 0.5 * kPi * std::sin(phi);
  const double v_ref = -v_f + 0.5 * g * big_t * (1.0 - std::cos(phi)) - g * tau;
  const double y_ref = touchdown_com_height_m_ + PlannedRise(g, big_t, tc, tau);
  const double fy = std::max(f_ff + m * (kGains.vertical_kv * (v_ref - state.com_velocity.y) +
                                         kGains.vertical_kp * (y_ref - state.com.y)),
                             0.0);

  // Line of action through the COM from the centre of pressure (a spring-mass leg: no moment
  // about the COM), tilted to damp whole-body angular momentum, plus speed feedback.
  const int foot = HumanModel::Foot(side);
  Vec3 cop = state.segment_poses[foot].position;  // the foot's own position until loaded
  cop.y = 0.0;
  if (const auto measured = CentreOfPressure(state, foot, 1.0)) cop = *measured;
  const Vec3 r = state.com - cop;
  const double height = std::max(r.y, 0.3);
  Vec3 force{fy * r.x / height, fy, fy * r.z / height};
  const Vec3 momentum = AngularMomentumAboutCom(model_, state);
  const Vec3 momentum_moment = -kGains.momentum_kd * momentum;
  const double ramp = std::min(tau / kGains.hip_blend_s, 1.0);
  force.x += ramp * momentum_moment.z / height;
  force.z -= ramp * momentum_moment.x / height;
  force.x += m * kGains.speed_kv * (target_speed_mps_ - state.com_velocity.x) * std::sin(phi);
  planned_force_ = force;

  // Stance hip: the torque that transmits this force from the centre of pressure, plus what the
  // torso needs (SIMBICON): the pelvis held at the lean in the world, and the swing hip's
  // reaction on the pelvis. Pair torques, world frame: + on the thigh, - on the pelvis.
  const Transform& pelvis = state.segment_poses[kPelvis];
  const Quat target = glm::angleAxis(-desc_.lean_deg * kDegToRad, Vec3{0.0, 0.0, 1.0});
  const Vec3 err = RotationVector(target * glm::inverse(pelvis.orientation));
  const Vec3 moment =
      scale * (kGains.pelvis_kp * err - kGains.pelvis_kd * state.segment_omega[kPelvis]);
  const LegJoints& leg = model_.leg(side);
  const Joint& hip = model_.joint(leg.hip);
  const Joint& other_hip = model_.joint(model_.leg(Other(side)).hip);
  Vec3 swing_reaction{0.0};
  for (int k = 0; k < 3; ++k) {
    swing_reaction += (*torques)[other_hip.first_dof + k] *
                      (pelvis.orientation * model_.dof(other_hip.first_dof + k).axis);
  }
  const Vec3 hip_pivot = JointPivotWorld(model_, state, leg.hip);
  const Vec3 tau_hip = -glm::cross(cop - hip_pivot, force) - ramp * (moment + swing_reaction);
  for (int k = 0; k < 3; ++k) {
    const Vec3 axis = pelvis.orientation * model_.dof(hip.first_dof + k).axis;
    (*torques)[hip.first_dof + k] = glm::dot(tau_hip, axis);
  }
  // The rest of the leg transmits the same force: for a light leg between a planted foot and
  // the hip, the hip torque fixes where the centre of pressure must be (statics of the chain:
  // (p - r_hip) x F = -tau_hip in pitch and roll). Ankle, subtalar and knee then apply
  // -(p - r_joint) x F. Where p would leave the sole it stops at its edge, and the ground
  // returns a force different from the plan.
  const Vec3 target_cop = [&] {
    const double hip_height = hip_pivot.y - cop.y;
    const double fy_safe = std::max(force.y, 1.0);
    Vec3 p = hip_pivot;
    p.x += (-tau_hip.z - hip_height * force.x) / fy_safe;
    p.z += (tau_hip.x - hip_height * force.z) / fy_safe;
    const Transform& foot_pose = state.segment_poses[foot];
    Vec3 local = glm::inverse(foot_pose.orientation) * (p - foot_pose.position);
    const SoleSupport& sole = sole_[Index(side)];
    local.x = std::clamp(local.x, sole.heel_x, sole.ball_x);
    local.z = std::clamp(local.z, sole.mid_z - sole.half_width, sole.mid_z + sole.half_width);
    p = foot_pose.position + foot_pose.orientation * local;
    p.y = cop.y;
    return p;
  }();
  for (const int j : {leg.ankle, leg.subtalar, leg.knee}) {
    const Joint& joint = model_.joint(j);
    const Vec3 tau_pair = -glm::cross(target_cop - JointPivotWorld(model_, state, j), force);
    const Vec3 axis =
        state.segment_poses[joint.parent].orientation * model_.dof(joint.first_dof).axis;
    (*torques)[joint.first_dof] = glm::dot(tau_pair, axis);
  }

  const LegDofs& l = legs_[Index(side)];
  const double knee_floor = style_.knee_min_stance_deg * kDegToRad;
  if (state.q[l.knee] < knee_floor) {
    (*torques)[l.knee] += scale * kGains.stance_knee_floor_kp * (knee_floor - state.q[l.knee]);
  }
  // While the foot is still loading, it can only transmit what its measured load allows.
  const double toe_reach = (0.72 * model_.foot_length_m() - model_.heel_to_ankle_m()) * 0.9;
  const double heel_reach = model_.heel_to_ankle_m() * 0.6;
  const double side_reach = 0.5 * 0.055 * model_.body().height_m * 0.45 * 0.8;
  const double fy_meas = std::max(state.foot_force[Index(side)].y, 0.0);
  (*torques)[l.ankle] =
      std::clamp((*torques)[l.ankle], -fy_meas * toe_reach, fy_meas * heel_reach);
  (*torques)[l.subtalar] =
      std::clamp((*torques)[l.subtalar], -fy_meas * side_reach, fy_meas * side_reach);
}

void RunController::SwingLeg(Side side, const RunnerState& state, double time_s,
                             std::vector<double>* torques) const {
  const double scale = model_.total_mass_kg() / 70.0;
  const double g = kAssumedGravity;
  const LegDofs& l = legs_[Index(side)];
  const double elapsed = time_s - swing_start_s_[Index(side)];
  const double lean = desc_.lean_deg * kDegToRad;

  // Pull: from the take-off angles the knee folds (the hamstring pull) and the thigh comes
  // forward under the body, along smooth paths rather than steps.
  const std::array<double, 2>& q0 = swing_start_q_[Index(side)];
  const double pull_knee =
      q0[1] + (style_.knee_pull_deg * kDegToRad - q0[1]) * Smoothstep(elapsed / 0.12);
  const double pull_hip = q0[0] + (25.0 * kDegToRad + lean - q0[0]) * Smoothstep(elapsed / 0.2);
  // When to reach: through the other leg's stance the free thigh swings forward, and the knee
  // unfolds in its second half so the shank is out in front before the flight, not swinging
  // through at touchdown. The leg that has just left the ground keeps pulling.
  double b_hip = 0.0, b_knee = 0.0;  // 0 = pull posture, 1 = touchdown posture
  double flight_s = 0.0;             // time into the flight before this leg's touchdown
  if (stance_side_ == Other(side)) {
    if (in_stance_) {
      const double s_other = (time_s - touchdown_time_s_) / stance_contact_s_;
      b_hip = Smoothstep(s_other / 0.7);
      b_knee = Smoothstep((s_other - 0.5) / 0.5);
    } else {
      flight_s = time_s - flight_start_s_;
      b_hip = 1.0;
      b_knee = 1.0;
    }
  }

  // Touchdown posture: two-link inverse kinematics of the planned landing relative to the COM,
  // the foot's contact point `offset` ahead of the COM when the COM has come down to the
  // touchdown height. Aimed in the frame the pelvis should have (the lean target): aiming from
  // the measured pelvis turns a trunk pitch error into hip torque that pitches it further.
  const Vec3& v = state.com_velocity;
  const double offset = desc_.landing_offset_m + kGains.placement_kv * (v.x - target_speed_mps_);
  const double omega = std::sqrt(g / std::max(state.com.y, 0.5));
  const Quat nominal = glm::angleAxis(-lean, Vec3{0.0, 0.0, 1.0});
  const Vec3 hip = JointPivotWorld(model_, state, model_.leg(side).hip);
  const SoleSupport& sole = sole_[Index(side)];
  const double ankle_local_x = model_.joint(model_.leg(side).ankle).pivot_ref.x -
                               model_.segment(HumanModel::Foot(side)).com_ref.x;
  const double contact_ahead =
      (style_.foot_pitch_deg > 5.0 ? sole.heel_x : sole.ball_x) - ankle_local_x;
  const Vec3 ankle_rel{offset - contact_ahead, model_.ankle_height_m() - touchdown_height_m_,
                       SideSign(side) * kGains.step_half_width_m +
                           kGains.lateral_capture * v.z / omega};
  const Vec3 d = glm::inverse(nominal) * (state.com + ankle_rel - hip);
  const double lt = model_.thigh_length_m(), ls = model_.shank_length_m();
  const double reach = std::clamp(glm::length(d), 0.3 * (lt + ls), 0.999 * (lt + ls));
  double knee = std::acos(
      std::clamp((reach * reach - lt * lt - ls * ls) / (2.0 * lt * ls), -1.0, 1.0));
  knee = std::max(knee, style_.knee_touchdown_deg * kDegToRad);
  const double touchdown_hip =
      std::atan2(d.x, -d.y) + std::atan2(ls * std::sin(knee), lt + ls * std::cos(knee));
  // Swing-leg retraction: the thigh reaches past its touchdown angle by the end of the other
  // leg's stance and comes back through the flight, so the foot meets the ground with little
  // forward speed. The return is timed by the fall still to come (ballistic, from the COM's
  // height above the touchdown height and its vertical velocity), so the thigh is at its
  // touchdown angle when the foot reaches the ground however long the flight turns out; past
  // that the leg keeps retracting.
  const double retract = kGains.retraction_deg * kDegToRad;
  double overshoot = retract * b_hip;
  if (flight_s > 0.0) {
    const double drop = state.com.y - touchdown_height_m_;
    const double vy = state.com_velocity.y;
    const double to_ground = drop > 0.0 ? (vy + std::sqrt(vy * vy + 2.0 * g * drop)) / g : 0.0;
    overshoot = retract * (1.0 - Smoothstep(flight_s / std::max(flight_s + to_ground, 0.02))) -
                retract * std::clamp(-to_ground / 0.1, 0.0, 1.0);
  }
  const double abduction =
      std::clamp(std::atan2(SideSign(side) * d.z, -d.y), -10.0 * kDegToRad, 15.0 * kDegToRad);
  const double hip_flex = (1.0 - b_hip) * pull_hip + b_hip * (touchdown_hip + overshoot);
  const double knee_target = (1.0 - b_knee) * pull_knee + b_knee * knee;

  // Hip: 3-DOF servo toward (flexion, abduction, no rotation), plus the leg's weight moment.
  const Transform& pelvis = state.segment_poses[kPelvis];
  const int hip_joint = model_.leg(side).hip;
  const double hip_q[3] = {hip_flex, abduction, 0.0};
  const Quat want = JointRotationFromAngles(model_, hip_joint, hip_q);
  const Vec3 err = RotationVector(want * glm::inverse(state.joint_rotation[hip_joint]));
  Vec3 gravity_hip{0.0}, gravity_knee{0.0};
  const Vec3 knee_pivot = JointPivotWorld(model_, state, model_.leg(side).knee);
  for (int seg : {HumanModel::Thigh(side), HumanModel::Shank(side), HumanModel::Talus(side),
                  HumanModel::Foot(side)}) {
    const Vec3 w{0.0, model_.segment(seg).mass_kg * g, 0.0};
    gravity_hip += glm::cross(state.segment_poses[seg].position - hip, w);
    if (seg != HumanModel::Thigh(side)) {
      gravity_knee += glm::cross(state.segment_poses[seg].position - knee_pivot, w);
    }
  }
  const Vec3 gravity_hip_local = glm::inverse(pelvis.orientation) * gravity_hip;
  // Target rates (finite differences of the targets over the last step) for the damping terms:
  // the servo damps the tracking error's rate, not the motion the path asks for.
  TargetMemory& mem = swing_memory_[Index(side)];
  const double dt = time_s - mem.time_s;
  const bool fresh = dt > 0.0 && dt < 0.01;
  const double hip_rate = fresh ? std::clamp((hip_flex - mem.hip) / dt, -15.0, 15.0) : 0.0;
  const double knee_rate = fresh ? std::clamp((knee_target - mem.knee) / dt, -25.0, 25.0) : 0.0;
  mem = {time_s, hip_flex, knee_target};
  const int dofs[3] = {l.hip_flex, l.hip_abd, l.hip_rot};
  for (int k = 0; k < 3; ++k) {
    const Vec3& axis = model_.dof(dofs[k]).axis;
    const double rate = k == 0 ? hip_rate : 0.0;
    (*torques)[dofs[k]] = scale * (kGains.swing_hip_kp * glm::dot(err, axis) +
                                   kGains.swing_hip_kd * (rate - state.qdot[dofs[k]])) +
                          glm::dot(gravity_hip_local, axis);
  }
  const Joint& knee_joint = model_.joint(model_.leg(side).knee);
  const Vec3 knee_axis =
      state.segment_poses[knee_joint.parent].orientation * model_.dof(l.knee).axis;
  (*torques)[l.knee] = scale * (kGains.swing_knee_kp * (knee_target - state.q[l.knee]) +
                                kGains.swing_knee_kd * (knee_rate - state.qdot[l.knee])) +
                       glm::dot(gravity_knee, knee_axis);
  // Ankle: the sole held at the style's angle to the ground (world frame), subtalar neutral.
  const double foot_pitch = SegmentPitch(state, HumanModel::Foot(side));
  const double ankle_target = state.q[l.ankle] + (style_.foot_pitch_deg * kDegToRad - foot_pitch);
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
