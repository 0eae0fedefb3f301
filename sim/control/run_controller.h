// RunController: running by joint torques alone, in two styles that share one state machine.
//   "pose"        the Pose method: land on the forefoot/midfoot close under the body with the
//                 knee bent, hold the body leaning from the ankle, pull the support foot up
//                 under the hip by knee flexion, let the free leg drop.
//   "heel_strike" conventional shod running: reach ahead, land on the heel with the ankle
//                 dorsiflexed and the knee nearly straight, push off with the ankle.
//
// STATUS: in development. The layers below run and are tested for what they do, but the gait is
// not yet stable: at the defaults the runner falls within about 1-2 s (README, "Running
// controllers"). No scene ships these types yet.
//
// Layers (../shared/reference/controllers.md):
//   1. State machine: stance (one foot on the ground) -> flight -> stance of the other leg.
//      Touchdown is a foot load above 5% BW late in that leg's swing; stance ends when its planned
//      contact time is spent, the foot unloads, or the body already rises at the planned take-off
//      velocity. The step period is 60 / cadence; the run starts at the apex of a flight.
//   2. Stance leg: a planned ground reaction force. Vertical: a half-sine whose impulse carries
//      the body weight over the whole step period, plus feedback toward the COM height and
//      vertical velocity that plan implies from this contact's touchdown height. Line of action:
//      from the centre of pressure through the COM (a spring-mass leg), tilted to damp
//      whole-body angular momentum; plus speed feedback toward the lean's speed. The stance hip
//      applies the torque that transmits this force plus the torso's needs; the centre of
//      pressure that makes the leg's statics consistent with that hip torque is solved for and
//      kept on the sole, and ankle, subtalar and knee apply the Jacobian-transpose torques of
//      the force from there (virtual model control, Pratt et al. 2001).
//   3. Lean: the pelvis is held pitched forward by lean_deg in the world through the stance hip,
//      which also takes the swing hip's reaction on the pelvis (SIMBICON); the lumbar servo keeps
//      the trunk in line with the pelvis (no bend at the waist).
//   4. Swing leg: pull (knee folds, thigh comes forward, smooth paths from the take-off angles);
//      through the other leg's stance the thigh swings forward and the knee unfolds toward the
//      touchdown posture, found by two-link inverse kinematics (aimed in the pelvis's target
//      frame) for a contact point landing_offset_m ahead of the COM when the COM is back at its
//      take-off height; the thigh overshoots and retracts through the flight so the foot meets
//      the ground with little forward speed. The sole is held at the style's angle.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/control/controller.h"
#include "sim/control/joint_servo.h"

namespace poselab::sim {

// Everything that makes "pose" and "heel_strike" different. Angles in degrees.
struct RunStyle {
  double contact_fraction;   // planned contact time as a fraction of the step period
  double knee_touchdown_deg; // knee flexion the swing leg reaches for at touchdown
  double knee_min_stance_deg;// stance knee never straighter than this
  double knee_pull_deg;      // swing knee flexion during the pull
  double knee_mid_stance_deg;// stance knee flexion the mid-stance COM height is planned for
  double foot_pitch_deg;     // sole angle to the ground the swing foot is held at before landing
  double speed_at_0_deg;     // speed target at zero lean, m/s (the lean-to-speed law)
  double speed_per_deg;      // m/s per degree of lean
};

RunStyle PoseStyle();
RunStyle HeelStrikeStyle();

// Speed the lean asks for (the controller's "fall" law; documented in the README).
double TargetSpeedForLean(const RunStyle& style, double lean_deg);

class RunController final : public Controller {
 public:
  RunController(const ControllerDesc& desc, const HumanModel& model);

  // A documented initial running state: the apex of a flight phase at the target speed.
  InitialPose StartPose() const override;
  void Compute(const RunnerState& state, double time_s, std::vector<double>* torques) override;
  std::string phase() const override { return phase_; }
  // The ground reaction force the stance leg was asked for in the last Compute (world, N).
  const Vec3& planned_force() const { return planned_force_; }
  // Lean, cadence and landing offset act from the next step on (the state machine keeps its
  // place; a planned stance finishes with the timing it started with).
  void SetParams(const ControllerDesc& desc) override;

 private:
  struct LegDofs {
    int hip_flex = -1, hip_abd = -1, hip_rot = -1, knee = -1, ankle = -1, subtalar = -1;
    int shoulder_flex = -1, elbow = -1;
  };
  void UpdatePlan();
  void UpdatePhase(const RunnerState& state, double time_s);
  void StanceLeg(Side side, const RunnerState& state, double time_s,
                 std::vector<double>* torques);
  void SwingLeg(Side side, const RunnerState& state, double time_s,
                std::vector<double>* torques) const;
  void LumbarServo(const RunnerState& state, std::vector<double>* torques) const;
  void Arms(const RunnerState& state, std::vector<double>* torques) const;

  // Where a planted foot can put its centre of pressure, in the foot's link frame: from the heel
  // spheres to the metatarsal heads, across the metatarsal heads.
  struct SoleSupport {
    double heel_x = 0.0, ball_x = 0.0, mid_z = 0.0, half_width = 0.0;
  };

  const HumanModel& model_;
  std::array<SoleSupport, 2> sole_;
  ControllerDesc desc_;
  RunStyle style_;
  std::vector<ServoGains> servo_;
  std::array<LegDofs, 2> legs_;
  int lumbar_first_dof_ = -1;

  // Plan from the parameters.
  double step_period_s_ = 0.0;
  double contact_time_s_ = 0.0;
  double target_speed_mps_ = 0.0;
  // Plan of the stance in progress (fixed at its touchdown).
  double stance_period_s_ = 0.0;
  double stance_contact_s_ = 0.0;

  // State machine.
  Side stance_side_ = Side::kLeft;
  bool in_stance_ = true;
  double touchdown_time_s_ = 0.0;
  double flight_start_s_ = 0.0;
  std::array<double, 2> swing_start_s_{0.0, 0.0};  // when each leg last left the ground
  std::array<std::array<double, 2>, 2> swing_start_q_{};  // hip flexion, knee at lift-off
  double touchdown_height_m_ = 0.0;          // COM height the swing leg is set to land at
  double planned_touchdown_height_m_ = 0.0;  // from the leg's geometry
  double touchdown_com_height_m_ = 0.0;      // COM height at this contact's touchdown
  std::string phase_ = "pose";
  Vec3 planned_force_{0.0};
  // Swing targets of the last Compute per leg, for their rates.
  struct TargetMemory {
    double time_s = -1.0, hip = 0.0, knee = 0.0;
  };
  mutable std::array<TargetMemory, 2> swing_memory_{};
};

}  // namespace poselab::sim
