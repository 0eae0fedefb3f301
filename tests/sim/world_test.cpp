// World and Simulation physics invariants that take at most a few seconds of simulated time:
// actuator caps, joint limits, sign conventions, quiet-standing ground reaction, passive energy,
// divergence reporting.
#include "sim/physics/world.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "sim/control/stance_controller.h"
#include "sim/model/human_model.h"
#include "sim/simulation.h"
#include "tests/sim/test_scenes.h"
#include "tests/sim/test_tolerances.h"

namespace poselab::sim {
namespace {

using namespace poselab::sim::test;  // NOLINT: tolerances and helpers

// One runner in a World of its own, driven directly by actuator torques (no controller).
struct Rig {
  Rig(const WorldDesc& d, const InitialPose& p, const BodyDesc& body = {})
      : desc(d), model(HumanModel::Build(body)), world(desc, {&model}, {p}) {}
  // The zero pose of the default body.
  explicit Rig(const WorldDesc& d) : Rig(d, ZeroPose(HumanModel::Build(BodyDesc{}))) {}

  const RunnerState& state() const { return world.state(0); }
  int dof(const std::string& name) const {
    const int d = model.FindDof(name);
    EXPECT_GE(d, 0) << name;
    return d;
  }
  void Step(const std::vector<double>& torques) {
    world.SetActuatorTorques(0, torques);
    world.Step();
  }
  std::vector<double> Zero() const { return std::vector<double>(model.dof_count(), 0.0); }

  WorldDesc desc;
  HumanModel model;
  World world;
};

WorldDesc ZeroGravity() {
  WorldDesc d;
  d.gravity_mps2 = 0.0;
  return d;
}

InitialPose PoseWith(const HumanModel& model,
                     std::initializer_list<std::pair<const char*, double>> angles_deg) {
  InitialPose p = ZeroPose(model);
  for (const auto& [name, deg] : angles_deg) p.q[model.FindDof(name)] = deg * kDegToRad;
  return p;
}

// ---- Initial placement ----

TEST(World, InitialClearanceStartsTheBodyInTheAirAtThatHeight) {
  const HumanModel model = HumanModel::Build(BodyDesc{});
  InitialPose lifted = ZeroPose(model);
  lifted.clearance_m = 0.05;
  Rig rig(WorldDesc{}, lifted);
  Rig ground(WorldDesc{});
  // The same pose, lifted by exactly the clearance; nothing touches the ground yet.
  const double lift = rig.state().com.y - ground.state().com.y;
  EXPECT_NEAR(lift, 0.05, 1e-9);
  rig.Step(rig.Zero());
  EXPECT_TRUE(rig.state().contacts.empty());
  EXPECT_LT(rig.state().com_velocity.y, 0.0);  // falling
}

// ---- Contact model ----

// Vertical ground force on the first step a passive body dropped 2 cm onto its feet touches.
double FirstTouchdownForceN(const WorldDesc& desc) {
  const HumanModel model = HumanModel::Build(BodyDesc{});
  InitialPose lifted = ZeroPose(model);
  lifted.clearance_m = 0.02;
  Rig rig(desc, lifted);
  for (int i = 0; i < 200; ++i) {
    rig.Step(rig.Zero());
    const double fy = rig.state().foot_force[0].y + rig.state().foot_force[1].y;
    if (fy > 0.0) return fy;
  }
  ADD_FAILURE() << "no touchdown within 0.2 s";
  return 0.0;
}

// A linear spring-damper contact steps to damping x speed at touchdown; with the damping grown
// from depth (Hunt & Crossley) the force starts from the spring's share alone.
TEST(World, DepthDampedContactStartsFromASmallForceAtTouchdown) {
  WorldDesc linear;
  WorldDesc depth = linear;
  depth.contact_damping_ns_m = 0.0;
  depth.contact_depth_damping_ns_m2 = 1.0e6;
  const double f_linear = FirstTouchdownForceN(linear);
  const double f_depth = FirstTouchdownForceN(depth);
  std::printf("[ measured ] first touchdown step, 2 cm drop: linear %.0f N, depth-damped %.0f N\n",
              f_linear, f_depth);
  EXPECT_GT(f_linear, 0.0);
  EXPECT_LT(f_depth, 0.25 * f_linear);
}

// ---- Actuator caps ----

TEST(World, AbsurdTorqueCommandsAreClampedToTheCapsAndFlagged) {
  Rig rig(WorldDesc{});
  const int n = rig.model.dof_count();
  for (int step = 0; step < 10; ++step) {
    const double command = step % 2 == 0 ? 1.0e6 : -1.0e6;
    rig.Step(std::vector<double>(n, command));
    const RunnerState& st = rig.state();
    ASSERT_EQ(static_cast<int>(st.applied_torque.size()), n);
    ASSERT_EQ(static_cast<int>(st.at_cap.size()), n);
    for (int d = 0; d < n; ++d) {
      const Dof& dof = rig.model.dof(d);
      EXPECT_GE(st.applied_torque[d], dof.torque_min_nm - kTorqueCapTolNm) << dof.name;
      EXPECT_LE(st.applied_torque[d], dof.torque_max_nm + kTorqueCapTolNm) << dof.name;
      EXPECT_NEAR(st.applied_torque[d], command > 0 ? dof.torque_max_nm : dof.torque_min_nm,
                  kTorqueCapTolNm)
          << dof.name;
      EXPECT_TRUE(st.at_cap[d]) << dof.name << " commanded " << command;
    }
  }
}

TEST(World, TorquesWithinTheCapsPassUnchangedAndAreNotFlagged) {
  Rig rig(WorldDesc{});
  std::vector<double> torques(rig.model.dof_count());
  for (int d = 0; d < rig.model.dof_count(); ++d) {
    const Dof& dof = rig.model.dof(d);
    torques[d] = (d % 2 == 0) ? 0.5 * dof.torque_max_nm : 0.5 * dof.torque_min_nm;
  }
  rig.Step(torques);
  for (int d = 0; d < rig.model.dof_count(); ++d) {
    EXPECT_DOUBLE_EQ(rig.state().applied_torque[d], torques[d]) << rig.model.dof(d).name;
    EXPECT_FALSE(rig.state().at_cap[d]) << rig.model.dof(d).name;
  }
}

TEST(World, NonFiniteTorqueCommandsApplyNothing) {
  Rig rig(WorldDesc{});
  std::vector<double> torques(rig.model.dof_count(), std::nan(""));
  torques[0] = std::numeric_limits<double>::infinity();
  rig.Step(torques);
  for (int d = 0; d < rig.model.dof_count(); ++d) {
    EXPECT_EQ(rig.state().applied_torque[d], 0.0) << rig.model.dof(d).name;
  }
  EXPECT_TRUE(AllFinite(rig.state()));
}

// ---- Range-of-motion limits ----

// A runner balanced on its left leg by the pose-stance controller; after 0.2 s one DOF of the
// lifted right leg is overridden with its full cap for 1 s. Returns the extreme angles seen
// while pushed and the final state.
struct LimitPush {
  double min_q = 1e9, max_q = -1e9;
  double peak_speed = 0.0;  // largest |qdot| while pushed, rad/s
  RunnerState final_state;
  Dof dof;
  int index = -1;  // of the DOF
};

LimitPush PushFreeLegDof(const std::string& dof_name, bool positive) {
  const HumanModel model = HumanModel::Build(BodyDesc{});
  ControllerDesc cd;
  cd.type = "pose_stance";
  cd.support_leg = "left";
  StanceController controller(cd, model);
  World world(WorldDesc{}, {&model}, {controller.StartPose()});
  const int d = model.FindDof(dof_name);
  EXPECT_GE(d, 0) << dof_name;
  LimitPush out;
  out.dof = model.dof(d);
  out.index = d;
  std::vector<double> torques;
  for (int i = 0; i < 1200; ++i) {
    controller.Compute(world.state(0), i * world.timestep(), &torques);
    const bool pushing = i >= 200;
    if (pushing) torques[d] = positive ? out.dof.torque_max_nm : out.dof.torque_min_nm;
    world.SetActuatorTorques(0, torques);
    world.Step();
    EXPECT_TRUE(AllFinite(world.state(0))) << "step " << i;
    if (pushing) {
      out.min_q = std::min(out.min_q, world.state(0).q[d]);
      out.max_q = std::max(out.max_q, world.state(0).q[d]);
      out.peak_speed = std::max(out.peak_speed, std::abs(world.state(0).qdot[d]));
    }
  }
  out.final_state = world.state(0);
  return out;
}

TEST(World, KneeExtensionLimitHoldsAgainstFullCapTorque) {
  const LimitPush p = PushFreeLegDof("right_knee_flexion", /*positive=*/false);
  const double lower = p.dof.lower_rad * kRadToDeg;
  std::printf(
      "[ measured ] knee driven at its extension cap: min %.3f deg (limit %.1f), peak "
      "speed %.1f rad/s, final %.3f deg\n",
      p.min_q * kRadToDeg, lower, p.peak_speed, p.final_state.q[p.index] * kRadToDeg);
  EXPECT_GE(p.min_q * kRadToDeg, lower - kRevoluteLimitOvershootDeg);
  // The torque really drove the joint onto its limit.
  EXPECT_LE(p.min_q * kRadToDeg, lower + kLimitReachedDeg);
}

TEST(World, KneeFlexionLimitHoldsAgainstFullCapTorque) {
  const LimitPush p = PushFreeLegDof("right_knee_flexion", /*positive=*/true);
  const double upper = p.dof.upper_rad * kRadToDeg;
  std::printf(
      "[ measured ] knee driven at its flexion cap: max %.3f deg (limit %.1f), peak "
      "speed %.1f rad/s\n",
      p.max_q * kRadToDeg, upper, p.peak_speed);
  EXPECT_LE(p.max_q * kRadToDeg, upper + kRevoluteLimitOvershootDeg);
  EXPECT_GE(p.max_q * kRadToDeg, upper - kLimitReachedDeg);
}

TEST(World, HipFlexionLimitHoldsAgainstFullCapTorqueWithinTheSoftLimitBand) {
  const LimitPush p = PushFreeLegDof("right_hip_flexion", /*positive=*/true);
  const double upper = p.dof.upper_rad * kRadToDeg;
  const int d = p.index;
  const double final_q = p.final_state.q[d] * kRadToDeg;
  std::printf(
      "[ measured ] hip driven at its flexion cap: peak %.3f deg, after 1 s %.3f deg "
      "(limit %.1f), passive limit torque %.1f N*m\n",
      p.max_q * kRadToDeg, final_q, upper, p.final_state.limit_torque[d]);
  EXPECT_LE(p.max_q * kRadToDeg, upper + kSphericalLimitPeakOvershootDeg);
  EXPECT_LE(final_q, upper + kSphericalLimitSettledOvershootDeg);
  EXPECT_GE(final_q, upper - kLimitReachedDeg);
  // Past the limit the passive spring pushes back.
  EXPECT_LT(p.final_state.limit_torque[d], 0.0);
}

TEST(World, SoftLimitPastTheEulerWrapPushesBackToTheNearerLimit) {
  // Shoulder flexion 20 degrees past its 170 degree limit reads -170 after the wrap at 180. The
  // passive spring must push back by 20 degrees' worth toward 170, not by 110 toward -60.
  const HumanModel model = HumanModel::Build(BodyDesc{});
  Rig rig(ZeroGravity(), PoseWith(model, {{"right_shoulder_flexion", 190.0}}));
  rig.Step(rig.Zero());
  const int d = rig.dof("right_shoulder_flexion");
  const Dof& dof = model.dof(d);
  const double stiffness =
      kSoftLimitStiffnessPerCap * std::max(dof.torque_max_nm, -dof.torque_min_nm);
  EXPECT_LT(rig.state().q[d], 0.0);  // wrapped
  EXPECT_LT(rig.state().limit_torque[d], 0.0);
  EXPECT_NEAR(rig.state().limit_torque[d], -stiffness * 20.0 * kDegToRad,
              0.2 * stiffness * 20.0 * kDegToRad);
}

// ---- Sign conventions ----

// Runs `steps` of zero gravity with `torque` on `dof` only, from `pose`; returns the final state.
RunnerState PulseFrom(const InitialPose& pose, const std::string& dof_name, double torque,
                      int steps) {
  Rig rig(ZeroGravity(), pose);
  std::vector<double> torques = rig.Zero();
  torques[rig.dof(dof_name)] = torque;
  for (int i = 0; i < steps; ++i) rig.Step(torques);
  return rig.state();
}

TEST(World, PositiveKneeFlexionTorqueFlexesTheKnee) {
  const HumanModel m = HumanModel::Build(BodyDesc{});
  const InitialPose pose = PoseWith(m, {{"left_knee_flexion", 30.0}});
  const int d = m.FindDof("left_knee_flexion");
  const RunnerState pushed = PulseFrom(pose, "left_knee_flexion", 50.0, 100);
  const RunnerState free = PulseFrom(pose, "left_knee_flexion", 0.0, 100);
  EXPECT_GT((pushed.q[d] - free.q[d]) * kRadToDeg, kSignTestMinEffectDeg);
  EXPECT_GT((pushed.q[d] - pose.q[d]) * kRadToDeg, kSignTestMinEffectDeg);
  // Flexion moves the heel backward relative to the knee.
  const Vec3 shank_down = pushed.segment_poses[kLeftShank].orientation * Vec3{0, -1, 0};
  EXPECT_LT(shank_down.x, -std::sin(30.0 * kDegToRad));
}

TEST(World, PositiveAnkleDorsiflexionTorqueRaisesTheToes) {
  const HumanModel m = HumanModel::Build(BodyDesc{});
  // The right foot off the ground (knee bent), so the ground cannot stop it turning.
  const InitialPose pose = PoseWith(m, {{"right_knee_flexion", 60.0}});
  const int d = m.FindDof("right_ankle_dorsiflexion");
  const RunnerState pushed = PulseFrom(pose, "right_ankle_dorsiflexion", 20.0, 100);
  const RunnerState free = PulseFrom(pose, "right_ankle_dorsiflexion", 0.0, 100);
  EXPECT_GT((pushed.q[d] - free.q[d]) * kRadToDeg, kSignTestMinEffectDeg);
  const Vec3 toe = FootContactWorld(m, pushed, kRightFoot, "toe");
  const Vec3 heel = FootContactWorld(m, pushed, kRightFoot, "heel");
  const Vec3 toe0 = FootContactWorld(m, free, kRightFoot, "toe");
  const Vec3 heel0 = FootContactWorld(m, free, kRightFoot, "heel");
  EXPECT_GT(toe.y - heel.y, toe0.y - heel0.y + 0.01) << "toes must rise relative to the heel";
}

TEST(World, PositiveHipFlexionTorqueSwingsTheThighForward) {
  const HumanModel m = HumanModel::Build(BodyDesc{});
  const int d = m.FindDof("right_hip_flexion");
  const InitialPose pose = PoseWith(m, {{"right_knee_flexion", 30.0}});
  const RunnerState pushed = PulseFrom(pose, "right_hip_flexion", 50.0, 100);
  const RunnerState free = PulseFrom(pose, "right_hip_flexion", 0.0, 100);
  EXPECT_GT((pushed.q[d] - free.q[d]) * kRadToDeg, kSignTestMinEffectDeg);
  // The knee (thigh's distal end) moves ahead of the hip: the thigh's down axis points forward.
  const Vec3 thigh_down = pushed.segment_poses[kRightThigh].orientation * Vec3{0, -1, 0};
  EXPECT_GT(thigh_down.x, 0.05);
}

// ---- Quiet standing ----

// Stands a scene's one runner for 2 s, then checks every step of the next 0.1 s: the feet carry
// body weight and both share it.
void ExpectQuietStanceCarriesBodyWeight(const SceneDesc& scene, const char* label) {
  auto created = Simulation::Create(scene);
  ASSERT_TRUE(created.ok()) << created.error();
  Simulation& sim = *created.value();
  const double weight = BodyWeightN(sim.runner_model(0), sim.scene().world.gravity_mps2);
  while (sim.time() < 2.0 - 1e-9) ASSERT_FALSE(sim.Step().diverged);
  double worst = 0.0;
  for (int i = 0; i < 100; ++i) {  // every step of the next 0.1 s
    ASSERT_FALSE(sim.Step().diverged);
    const RunnerState& st = sim.runner_state(0);
    const double fy = st.foot_force[0].y + st.foot_force[1].y;
    worst = std::max(worst, std::abs(fy - weight) / weight);
    ASSERT_NEAR(fy, weight, kStandingGrfRelTol * weight) << "t = " << sim.time();
  }
  std::printf("[ measured ] %s: worst |sum Fy - W| / W over 2.0-2.1 s = %.5f\n", label, worst);
  EXPECT_FALSE(sim.fall_info(0).fell);
  const RunnerState& st = sim.runner_state(0);
  EXPECT_GT(st.foot_force[0].y, 0.3 * weight);
  EXPECT_GT(st.foot_force[1].y, 0.3 * weight);
}

TEST(Simulation, QuietStanceGroundReactionEqualsBodyWeight) {
  ExpectQuietStanceCarriesBodyWeight(OneRunnerScene("stance"), "quiet stance");
}

TEST(Simulation, QuietStanceOnDepthDampedContactsCarriesBodyWeight) {
  SceneDesc scene = OneRunnerScene("stance");
  scene.world.contact_damping_ns_m = 0.0;
  scene.world.contact_depth_damping_ns_m2 = 1.0e6;
  ExpectQuietStanceCarriesBodyWeight(scene, "quiet stance, depth-damped contacts");
}

// ---- Passive body ----

struct EnergyTrace {
  double max_step_growth = -1e300;  // largest increase between consecutive steps, J
  double max_above_start = -1e300;  // largest E(t) - E(0), J
  double final_com_speed = 0.0;
  bool finite = true;
  int first_nonfinite_step = -1;
};

// Steps a passive (zero-torque) body for `steps` and traces its mechanical energy.
EnergyTrace TracePassive(const InitialPose& pose, int steps, const WorldDesc& desc = {}) {
  Rig rig(desc, pose);
  const double g = rig.desc.gravity_mps2;
  EnergyTrace t;
  auto total = [&] {
    return MechanicalEnergyJ(rig.model, rig.state(), g) +
           StoredElasticEnergyJ(rig.model, rig.state()) +
           StoredContactEnergyJ(rig.model, rig.state(), rig.desc.contact_stiffness_n_m);
  };
  const double e0 = total();
  double prev = e0;
  for (int i = 0; i < steps; ++i) {
    rig.Step(rig.Zero());
    if (!AllFinite(rig.state())) {
      t.finite = false;
      t.first_nonfinite_step = i;
      break;
    }
    const double e = total();
    t.max_step_growth = std::max(t.max_step_growth, e - prev);
    t.max_above_start = std::max(t.max_above_start, e - e0);
    prev = e;
  }
  t.final_com_speed = glm::length(rig.state().com_velocity);
  return t;
}

struct DropCase {
  const char* name;
  double pitch_deg;  // body rotation about the lateral (z) axis: +90 face up, -90 face down
};

class PassiveDrop : public ::testing::TestWithParam<DropCase> {};

TEST_P(PassiveDrop, LyingBodyDroppedAt1MpsComesToRestWithoutGainingEnergy) {
  const HumanModel m = HumanModel::Build(BodyDesc{});
  InitialPose pose = ZeroPose(m);
  pose.pelvis_orientation = glm::angleAxis(GetParam().pitch_deg * kDegToRad, Vec3{0, 0, 1});
  pose.velocity = Vec3{0.0, -1.0, 0.0};  // as if dropped from 5 cm
  const EnergyTrace t = TracePassive(pose, 3000);
  std::printf(
      "[ measured ] passive drop %s at 1 m/s: max energy growth per step %.5f J, max "
      "above start %.5f J, COM speed at 3 s %.5f m/s\n",
      GetParam().name, t.max_step_growth, t.max_above_start, t.final_com_speed);
  ASSERT_TRUE(t.finite) << "non-finite state at step " << t.first_nonfinite_step;
  EXPECT_LE(t.max_step_growth, kPassiveEnergyGrowthPerStepJ);
  EXPECT_LE(t.max_above_start, kPassiveEnergyAboveStartJ);
  EXPECT_LT(t.final_com_speed, kRestComSpeedMps);
}

INSTANTIATE_TEST_SUITE_P(Lying, PassiveDrop,
                         ::testing::Values(DropCase{"FaceUp", 90.0}, DropCase{"FaceDown", -90.0}),
                         [](const ::testing::TestParamInfo<DropCase>& p) {
                           return std::string(p.param.name);
                         });

// The controllers run at world.control_rate_hz whatever the physics step: at 0.5 ms and 1 kHz the
// torques are computed every second step and held in between.
TEST(Simulation, ControllersRunAtTheControlRateAndHoldTheirTorquesBetween) {
  SceneDesc scene = OneRunnerScene("pose");
  scene.world.timestep_s = 0.0005;
  auto created = Simulation::Create(scene);
  ASSERT_TRUE(created.ok()) << created.error();
  Simulation& sim = *created.value();
  std::vector<std::vector<double>> applied;
  for (int i = 0; i < 200; ++i) {
    ASSERT_FALSE(sim.Step().diverged);
    applied.push_back(sim.runner_state(0).applied_torque);
  }
  int held = 0, updates_that_changed = 0;
  for (size_t i = 0; i + 1 < applied.size(); i += 2) {
    if (applied[i] == applied[i + 1]) ++held;
    if (i + 2 < applied.size() && applied[i + 1] != applied[i + 2]) ++updates_that_changed;
  }
  EXPECT_EQ(held, 100);
  EXPECT_GT(updates_that_changed, 90);
}

// A passive body collapsing from standing folds into a deep squat (hips past their flexion
// limit), so the soft range-of-motion springs of the 3-DOF joints do work. They act on the Euler
// angles (torque E^-T Q); acting along fixed parent axes once pumped energy in until divergence.
TEST(PassiveBody, CollapsingFromStandingComesToRestWithoutGainingEnergy) {
  const HumanModel m = HumanModel::Build(BodyDesc{});
  InitialPose pose = ZeroPose(m);
  pose.velocity = Vec3{0.0, -0.3, 0.0};
  const EnergyTrace t = TracePassive(pose, 3000);
  ASSERT_TRUE(t.finite) << "non-finite state at step " << t.first_nonfinite_step;
  EXPECT_LE(t.max_step_growth, kPassiveEnergyGrowthPerStepJ);
  EXPECT_LE(t.max_above_start, kPassiveEnergyAboveStartJ);
  EXPECT_LT(t.final_com_speed, kRestComSpeedMps);
}

// The same collapse on depth-damped contacts, which have no damping at the instant of touchdown.
TEST(PassiveBody, CollapsingOnDepthDampedContactsComesToRestWithoutGainingEnergy) {
  const HumanModel m = HumanModel::Build(BodyDesc{});
  InitialPose pose = ZeroPose(m);
  pose.velocity = Vec3{0.0, -0.3, 0.0};
  WorldDesc desc;
  desc.contact_damping_ns_m = 0.0;
  desc.contact_depth_damping_ns_m2 = 1.0e6;
  const EnergyTrace t = TracePassive(pose, 3000, desc);
  std::printf("[ measured ] depth-damped collapse: max energy growth per step %.5f J, max above "
              "start %.5f J\n",
              t.max_step_growth, t.max_above_start);
  ASSERT_TRUE(t.finite) << "non-finite state at step " << t.first_nonfinite_step;
  EXPECT_LE(t.max_step_growth, kPassiveEnergyGrowthPerStepJ);
  EXPECT_LE(t.max_above_start, kPassiveEnergyAboveStartJ);
  EXPECT_LT(t.final_com_speed, kRestComSpeedMps);
}

// ---- Divergence ----

TEST(Simulation, AbsurdImpulseIsReportedAsDivergenceNamingRunnerAndSegment) {
  auto created = Simulation::Create(OneRunnerScene("stance", "pusher"));
  ASSERT_TRUE(created.ok()) << created.error();
  Simulation& sim = *created.value();
  for (int i = 0; i < 100; ++i) ASSERT_FALSE(sim.Step().diverged);
  sim.QueueImpulse(0, kPelvis, Vec3{1.0e7, 0.0, 0.0});
  const StepStatus status = sim.Step();
  ASSERT_TRUE(status.diverged);
  EXPECT_NE(status.message.find("runner 'pusher'"), std::string::npos) << status.message;
  EXPECT_NE(status.message.find("t=0.1010"), std::string::npos) << status.message;
  bool names_segment = false;
  for (const Segment& s : sim.runner_model(0).segments()) {
    names_segment |= status.message.find("segment '" + s.name + "'") != std::string::npos;
  }
  EXPECT_TRUE(names_segment) << status.message;
}

TEST(Simulation, OrdinaryStepsDoNotReportDivergence) {
  auto created = Simulation::Create(OneRunnerScene("pose_stance"));
  ASSERT_TRUE(created.ok()) << created.error();
  Simulation& sim = *created.value();
  for (int i = 0; i < 500; ++i) {
    const StepStatus status = sim.Step();
    ASSERT_FALSE(status.diverged) << status.message;
    ASSERT_TRUE(status.message.empty());
  }
  EXPECT_EQ(sim.step_count(), 500);
  EXPECT_NEAR(sim.time(), 0.5, 1e-12);
}

}  // namespace
}  // namespace poselab::sim
