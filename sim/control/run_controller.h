// RunController: running by joint torques alone, in two styles that share one controller.
//   "pose"        the Pose method: land on the forefoot close under the body with the knee
//                 bent, hold the body leaning from the ankle, pull the foot up under the hip.
//   "heel_strike" conventional shod running: heel first with the sole toes-up and the knee nearly
//                 straight, a long stance, push-off by ankle plantarflexion. It starts from the
//                 Pose gait and blends into its own targets over its first seconds. Known gaps
//                 (README): it lands about 0.1 m ahead of the COM however far ahead it is asked
//                 to, and its step rate follows the cadence asked for only within the range its
//                 push-off reaches (146-170 steps/min at 10 degrees, 0.25 m).
//
// Layers (../shared/reference/controllers.md; SIMBICON, Yin et al. 2007):
//   1. States: stance of one leg (from its touchdown until the foot unloads), flight, the other
//      leg's touchdown (its foot loaded above 5% BW late in its swing).
//   2. Torso: the trunk is held at the lean in the world through the stance hip, which also
//      takes the swing hip's reaction on the pelvis and damps whole-body angular momentum. No
//      torso control in flight.
//   3. Stance leg: knee and ankle servos about bent targets act as the leg's spring; late in
//      stance they move toward the style's late targets (and the speed loop's push-off).
//   4. Swing leg, servoed in the world frame so that trunk pitch does not move the foot: pull
//      (knee folded, thigh forward), then reach: the thigh swings to the touchdown angle found
//      for a contact point landing_offset_m ahead of the COM, corrected by the speed error
//      (Raibert placement) and by a step-to-step loop on where the feet actually landed, and
//      after a sudden loss of speed never aimed closer than a floor ahead (the push guard); the
//      thigh overshoots and retracts through the flight, timed by the fall still to come.
//   5. Step-to-step loops (integral action on the step that ended): push-off from the speed
//      error (the lean sets the target speed), the trunk pitch target from the mean lean error,
//      the landing aim from the landing error, and from the last stride's cadence error the
//      sole's pitch at touchdown (Pose: a flatter landing lengthens the flight and so the step)
//      or the push-off's limit (heel strike: less push-off, a shorter flight).
//   6. Parameters: every run starts from the style's canonical flight apex; the lean, cadence and
//      landing offset acted on then move toward the scene's (or a live change's) at bounded rates.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/control/controller.h"
#include "sim/control/joint_servo.h"

namespace poselab::sim {

// Gains for a 70 kg body; torque gains scale with body mass. The values came from seeded random
// searches over the controller's gains (4-10 scenes of the robustness grid, 10 s each, with a
// 1 degree initial perturbation), checked again on the full 30 s grid (rounded, except the
// later stance searches' numbers); README, "Running controllers", tells the procedure.
struct RunGains {
  // Torso through the stance hip (N m/rad, N m s/rad), and whole-body angular momentum damping
  // (1/s: torso torque per unit momentum about the COM).
  double torso_kp = 1700.0, torso_kd = 150.0, momentum_kd = 20.0;
  double lumbar_kp = 800.0, lumbar_kd = 60.0;
  double swing_hip_kp = 680.0, swing_hip_kd = 65.0;
  double swing_knee_kp = 300.0, swing_knee_kd = 15.0;
  double swing_ankle_kp = 40.0, swing_ankle_kd = 1.5;
  double stance_knee_kp = 1400.0, stance_knee_kd = 70.0;
  double stance_ankle_kp = 680.0, stance_ankle_kd = 10.0;
  double stance_subtalar_kp = 60.0, stance_subtalar_kd = 1.0;
  // Foot placement (Raibert): landing moved ahead per m/s above the target speed (s), and per m
  // the COM is ahead of the stance foot; sideways per m/s of sideways velocity (s).
  double placement_kv = 0.25, placement_kd = 0.05, lateral_kv = 0.15;
  double step_half_width_m = 0.05;
  double hip_blend_s = 0.03;     // touchdown: swing -> stance hip torque over this long
  double retraction_deg = 11.0;  // swing thigh past its touchdown angle, back through the flight
  // Push guard: while the COM's forward speed is more than push_guard_drop_mps below the target
  // less its usual shortfall (the running mean of the steps' speed errors), the swing foot is
  // aimed no closer than push_guard_floor_m ahead of the COM. After a push backward the
  // placement correction alone would aim the next feet behind the body, where a swing foot
  // catches the ground (README, "Measured"). A floor of -1 m never binds: the guard is off.
  double push_guard_drop_mps = 0.3, push_guard_floor_m = -1.0;
  // Step-to-step integral loops (per step, on the mean error of the step that ended).
  double push_ki = 0.06, push_max = 0.4;       // rad of push-off per m/s of speed error
  double lean_ki = 0.22, lean_max = 0.2;       // fraction of the mean trunk-lean error; rad
  double landing_ki = 0.2, landing_max = 0.2;  // fraction of the landing error; m
  // Cadence: the sole's pitch at touchdown moves by cadence_ki degrees per step/min of error in
  // the last stride's step rate (each error clamped to +-cadence_error_max_spm), within
  // [pitch_min_deg, pitch_max_deg]. A flatter landing lengthens the flight and so the step (the
  // one lever with authority found; README). cadence_ki = 0 turns the loop off.
  double cadence_ki = 0.05, cadence_error_max_spm = 8.0;
  double pitch_min_deg = -20.0, pitch_max_deg = -1.0;
  // Cadence through the push-off (the heel striker's lever: its sole's pitch must stay toes-up):
  // the push-off's limit moves by cadence_push_ki rad per step/min of the same stride cadence
  // error, within [push_max_low, push_max]. Less push-off, a shorter flight, a higher step rate.
  // cadence_push_ki = 0 turns this loop off (the limit stays at push_max).
  double cadence_push_ki = 0.0, push_max_low = 0.4;
};

// Everything that makes "pose" and "heel_strike" different. Angles in degrees.
struct RunStyle {
  double contact_time_s;      // planned contact time (the stance's late-phase timing), s
  double knee_touchdown_deg;  // knee flexion the swing leg reaches for at touchdown
  double knee_stance_deg;     // stance knee servo target (the leg spring's rest bend)
  double knee_pull_deg;       // swing knee flexion during the pull
  double foot_pitch_deg;      // sole angle to the ground the swing foot is held at before landing
  double ankle_stance_deg;    // stance ankle servo target, early stance
  double ankle_push_deg;      // stance ankle servo target at the end of stance (push-off)
  // The stance ankle's target starts at the angle the ankle landed at and reaches the style's
  // over this long, s (0 = the style's target from touchdown): the ankle lets the heel down as a
  // spring. The Pose style's compliant landing (README, "Running controllers"); 0 for the heel.
  double ankle_land_s;
  double knee_late_deg;       // stance knee target at the end of stance (pull > stance, push <)
  // The point of the sole the swing leg aims at the landing point: 0 = the metatarsal heads (the
  // ball of the foot), 1 = the heel spheres. A number of the style, so that it moves with the
  // style's blends (the heel striker's start and a change of gait) like every other.
  double aim_heel;
  double speed_at_0_deg;      // speed target at zero lean, m/s (the lean-to-speed law)
  double speed_per_deg;       // m/s per degree of lean
  // The heel striker does not start from its own flight: its first landings at a 0.25 m
  // overstride from a standing-height apex fall. It starts from the launch style's apex (the
  // stiff forefoot gait, HeelStrikeLaunchStyle in the .cpp) and moves every number of the style
  // from that style's to its own over this long (0 = no blend).
  double blend_from_pose_s;
  // The running state every run starts from (the apex of a flight at these parameters); the
  // scene's parameters are then approached at bounded rates.
  double start_lean_deg, start_cadence_spm, start_landing_offset_m;
  double start_flight_s;  // the flight whose apex the run starts at, s
  RunGains gains;
};

RunStyle PoseStyle();
RunStyle HeelStrikeStyle();

// Every number of a style, named (the names of the tuning build's overrides): f(name, double&).
// One list, so blending and overriding cannot miss a field (a static_assert counts them).
template <class F>
void ForEachStyleNumber(RunStyle& s, F&& f) {
  RunGains& g = s.gains;
  f("contact_time_s", s.contact_time_s);
  f("knee_touchdown_deg", s.knee_touchdown_deg);
  f("knee_stance_deg", s.knee_stance_deg);
  f("knee_pull_deg", s.knee_pull_deg);
  f("foot_pitch_deg", s.foot_pitch_deg);
  f("ankle_stance_deg", s.ankle_stance_deg);
  f("ankle_push_deg", s.ankle_push_deg);
  f("ankle_land_s", s.ankle_land_s);
  f("knee_late_deg", s.knee_late_deg);
  f("aim_heel", s.aim_heel);
  f("speed_at_0_deg", s.speed_at_0_deg);
  f("speed_per_deg", s.speed_per_deg);
  f("blend_from_pose_s", s.blend_from_pose_s);
  f("start_lean_deg", s.start_lean_deg);
  f("start_cadence_spm", s.start_cadence_spm);
  f("start_landing_offset_m", s.start_landing_offset_m);
  f("start_flight_s", s.start_flight_s);
  f("torso_kp", g.torso_kp);
  f("torso_kd", g.torso_kd);
  f("momentum_kd", g.momentum_kd);
  f("lumbar_kp", g.lumbar_kp);
  f("lumbar_kd", g.lumbar_kd);
  f("swing_hip_kp", g.swing_hip_kp);
  f("swing_hip_kd", g.swing_hip_kd);
  f("swing_knee_kp", g.swing_knee_kp);
  f("swing_knee_kd", g.swing_knee_kd);
  f("swing_ankle_kp", g.swing_ankle_kp);
  f("swing_ankle_kd", g.swing_ankle_kd);
  f("stance_knee_kp", g.stance_knee_kp);
  f("stance_knee_kd", g.stance_knee_kd);
  f("stance_ankle_kp", g.stance_ankle_kp);
  f("stance_ankle_kd", g.stance_ankle_kd);
  f("stance_subtalar_kp", g.stance_subtalar_kp);
  f("stance_subtalar_kd", g.stance_subtalar_kd);
  f("placement_kv", g.placement_kv);
  f("placement_kd", g.placement_kd);
  f("lateral_kv", g.lateral_kv);
  f("step_half_width_m", g.step_half_width_m);
  f("hip_blend_s", g.hip_blend_s);
  f("retraction_deg", g.retraction_deg);
  f("push_guard_drop_mps", g.push_guard_drop_mps);
  f("push_guard_floor_m", g.push_guard_floor_m);
  f("push_ki", g.push_ki);
  f("push_max", g.push_max);
  f("lean_ki", g.lean_ki);
  f("lean_max", g.lean_max);
  f("landing_ki", g.landing_ki);
  f("landing_max", g.landing_max);
  f("cadence_ki", g.cadence_ki);
  f("cadence_error_max_spm", g.cadence_error_max_spm);
  f("pitch_min_deg", g.pitch_min_deg);
  f("pitch_max_deg", g.pitch_max_deg);
  f("cadence_push_ki", g.cadence_push_ki);
  f("push_max_low", g.push_max_low);
  static_assert(sizeof(RunStyle) == 54 * sizeof(double), "ForEachStyleNumber misses a field");
}

// The style `w` of the way from `a` to `b` (0 = a, 1 = b), number by number.
RunStyle BlendStyles(RunStyle a, RunStyle b, double w);

// Speed the lean asks for (the controller's "fall" law; documented in the README).
double TargetSpeedForLean(const RunStyle& style, double lean_deg);

class RunController final : public Controller {
 public:
  RunController(const ControllerDesc& desc, const HumanModel& model);
  // Runs `style` instead of the type's own (experiments and tests; scenes always get the type's).
  RunController(const ControllerDesc& desc, const HumanModel& model, const RunStyle& style);

  // A documented initial running state: the apex of a flight phase at the target speed.
  InitialPose StartPose() const override;
  void Compute(const RunnerState& state, double time_s, std::vector<double>* torques) override;
  std::string phase() const override { return phase_; }
  // Lean, cadence and landing offset act from the next Compute on. A change of type between
  // "pose" and "heel_strike" keeps the gait's state and moves every number of the style to the
  // new one in two blends, by way of the heel striker's launch style (the first takes
  // 2 x kStyleChangeS toward the heel strike, kStyleChangeS toward Pose; the second
  // kStyleChangeS), as the heel striker's start blends out of that style: a new controller
  // mid-run would start its state machine from a flight apex the body is not in, and fall.
  void SetParams(const ControllerDesc& desc) override;
  bool AcceptsType(const std::string& type) const override;
  static constexpr double kStyleChangeS = 1.5;

 private:
  struct LegDofs {
    int hip_flex = -1, hip_abd = -1, hip_rot = -1, knee = -1, ankle = -1, subtalar = -1;
    int shoulder_flex = -1, elbow = -1;
  };
  void UpdatePlan();
  void UpdatePhase(const RunnerState& state, double time_s);
  void StanceLeg(Side side, const RunnerState& state, double time_s,
                 std::vector<double>* torques) const;
  // Not const: it remembers its targets (for their rates) and the landing it aimed for.
  void SwingLeg(Side side, const RunnerState& state, double time_s, std::vector<double>* torques);
  void LumbarServo(const RunnerState& state, std::vector<double>* torques) const;
  void Arms(const RunnerState& state, std::vector<double>* torques) const;

  const HumanModel& model_;
  ControllerDesc desc_;
  RunStyle style_;        // acted on now: blends from from_style_ to target_style_ at the start
  RunStyle from_style_, target_style_;
  double blend_ = 1.0;    // 0..1 of the way from from_style_ to target_style_
  double blend_s_ = 0.0;  // how long the blend in progress takes, s
  std::optional<RunStyle> then_style_;  // a switch's second blend, after this one
  std::vector<ServoGains> servo_;
  std::array<LegDofs, 2> legs_;
  int lumbar_first_dof_ = -1;
  double contact_ahead_m_ = 0.0;  // the point aimed at (style_.aim_heel) ahead of the ankle
  double heel_ahead_m_ = 0.0, ball_ahead_m_ = 0.0;  // heel spheres and metatarsal heads

  // Plan from the parameters.
  double step_period_s_ = 0.0;
  double contact_time_s_ = 0.0;
  double target_speed_mps_ = 0.0;
  // The parameters acted on now: they move toward desc_'s at bounded rates.
  double lean_rad_ = 0.0;
  double cadence_spm_ = 0.0;
  double landing_offset_m_ = 0.0;

  // State machine.
  Side stance_side_ = Side::kLeft;
  bool in_stance_ = true;
  double touchdown_time_s_ = 0.0;
  double touchdown_ankle_rad_ = 0.0;  // the stance ankle's angle at its touchdown
  std::array<double, 2> swing_start_s_{0.0, 0.0};         // when each leg last left the ground
  std::array<std::array<double, 2>, 2> swing_start_q_{};  // thigh world pitch, knee at lift-off
  // Slow loops, updated once a step from the step that ended (integral action).
  double push_ = 0.0;             // speed: extra late-stance ankle plantarflexion, rad
  double lean_bias_ = 0.0;        // lean: correction added to the torso's pitch target, rad
  double landing_bias_ = 0.0;     // placement: correction for where the leg actually lands, m
  double landing_command_ = 0.0;  // landing asked for, the last time a leg aimed in flight
  double pitch_bias_ = 0.0;       // cadence: correction to the sole's touchdown pitch, rad
  double push_limit_ = -1.0;      // cadence: the push-off's limit now, rad (< 0: push_max)
  // After a change of style: the old style's push and placement corrections, fading out.
  double push_carry_ = 0.0, landing_carry_ = 0.0, carry_fade_ = 0.0;
  double prev_step_time_ = 0.0;   // duration of the step before the one that just ended, s
  double step_speed_sum_ = 0.0;   // COM forward speed integrated over the step in progress
  double speed_error_mean_ = 0.0; // the push guard's running mean of the steps' speed errors
  int steps_counted_ = 0;         // steps that fed it (the guard is armed after a few)
  double step_lean_sum_ = 0.0;    // trunk pitch integrated over the step in progress
  double step_time_ = 0.0;
  double last_time_s_ = 0.0;
  double flight_start_s_ = 0.0;
  // Swing targets of the last Compute per leg, for their rates.
  struct TargetMemory {
    double time_s = -1.0, hip = 0.0, knee = 0.0;
  };
  std::array<TargetMemory, 2> swing_memory_{};
  std::string phase_ = "pose";
};

}  // namespace poselab::sim
