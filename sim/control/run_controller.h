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
//   2. Stance leg: a planned ground reaction force realised as Jacobian-transpose torques at every
//      stance-leg joint (ankle, subtalar, knee, hip) from the centre of pressure (virtual model
//      control, Pratt et al. 2001). Vertical: a half-sine whose impulse carries the body weight
//      over the whole step period, plus feedback toward the COM height and vertical velocity that
//      plan implies. Line of action: from the centre of pressure through the upper body's COM (a
//      virtual pivot point, Maus et al. 2010), tilted by the torso's pitch/roll error and by
//      whole-body angular momentum damping; plus speed feedback toward the lean's speed.
//   3. Lean: the pelvis target is pitched forward by lean_deg in the world; the lumbar servo keeps
//      the trunk in line with it (no bend at the waist). The swing hip's reaction on the pelvis is
//      taken by the stance hip (SIMBICON).
//   4. Swing leg: pull (knee folds, thigh comes forward, smooth paths from the take-off angles),
//      then reach: two-link inverse kinematics, aimed in the pelvis's target frame, toward a
//      landing point landing_offset_m ahead of the COM at the predicted touchdown, the foot held
//      at the style's sole angle and hanging at the height that meets the ground when the COM
//      comes down to the planned touchdown height.
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
  double pushoff_fraction;   // late-stance forward force, as a fraction of body weight
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

  const HumanModel& model_;
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
  std::array<double, 2> swing_start_s_{0.0, 0.0};  // when each leg last left the ground
  std::array<std::array<double, 2>, 2> swing_start_q_{};  // hip flexion, knee at lift-off
  double mid_stance_height_m_ = 0.0;  // planned COM heights
  double touchdown_height_m_ = 0.0;
  std::string phase_ = "pose";
  Vec3 planned_force_{0.0};
};

}  // namespace poselab::sim
