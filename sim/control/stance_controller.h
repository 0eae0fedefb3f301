// StanceController: holds a standing posture by joint torques alone, on two feet ("stance",
// the athletic stance) or on one ("pose_stance", the Pose method's pose-stance drill).
// Layers (see ../shared/reference/controllers.md): joint PD servo; pelvis orientation held in
// the world frame through the stance hips (SIMBICON torso control); COM balance by a virtual
// force realised as J^T torques at the stance ankles, subtalar joints and knees (virtual model
// control, Pratt et al. 2001), which adds gravity compensation of the body above each joint;
// in double support the lateral share the subtalar joints cannot transmit goes to the hip
// ab/adductors, which shift load between the feet (Winter 1995).
#pragma once

#include <vector>

#include "sim/control/controller.h"
#include "sim/control/joint_servo.h"

namespace poselab::sim {

// Gains of the balance layers, for a 70 kg body (scaled with mass where they are torques).
struct StanceGains {
  double pelvis_kp = 800.0;        // N*m/rad, pelvis orientation in the world
  double pelvis_kd = 80.0;         // N*m*s/rad
  double com_kp = 16.0;            // 1/s^2: desired COM acceleration per metre of COM error
  double com_kd = 8.0;             // 1/s: per m/s of COM velocity (critically damped at 4 rad/s)
  double midfoot_fraction = 0.40;  // COM target: this fraction of foot length ahead of the heel
  double load_split_gain = 1.0;    // scales the lateral COP shift asked of the leg load split
  double hip_strategy_rad_per_m = 3.0;    // pelvis tilt per metre of capture-point error
  double hip_strategy_deadband_m = 0.03;  // capture-point error the ankles handle alone
};

class StanceController final : public Controller {
 public:
  StanceController(const ControllerDesc& desc, const HumanModel& model);

  InitialPose StartPose() const override;
  void Compute(const RunnerState& state, double time_s, std::vector<double>* torques) override;
  std::string phase() const override { return one_leg_ ? "pose" : "stance"; }
  // Knee bend, support leg and balance gain change the posture targets and the balance layer
  // at once; the body moves there under the same control. The stance width applies at the start
  // only (planted feet do not move apart).
  void SetParams(const ControllerDesc& desc) override;

  // The COM target (world, horizontal) the balance layer steers to, from the last Compute.
  const Vec3& com_target() const { return com_target_; }

 private:
  void AddStanceLegTorques(Side side, double weight_share, const Vec3& force,
                           const RunnerState& state, std::vector<double>* torques) const;
  // Clamps the stance ankle and subtalar torques to what the foot's centre of pressure allows;
  // returns the clipped subtalar torque as a world vector (N*m).
  Vec3 ClampToSupport(Side side, const RunnerState& state, std::vector<double>* torques) const;

  const HumanModel& model_;
  ControllerDesc desc_;
  StanceGains gains_;
  std::vector<ServoGains> servo_;
  std::vector<double> target_;  // posture target per DOF
  bool one_leg_ = false;
  Side support_ = Side::kLeft;
  Vec3 com_target_{0.0};
};

}  // namespace poselab::sim
