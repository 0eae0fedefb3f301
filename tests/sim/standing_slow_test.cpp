// Standing controllers over long runs: the shipped two-foot stance holds 60 s with the COM over
// the feet, the pose-stance drill holds 30 s on one leg, and the stance recovers 20 N*s pushes
// forward and backward.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"
#include "tests/sim/test_scenes.h"
#include "tests/sim/test_tolerances.h"

namespace poselab::sim {
namespace {

using namespace poselab::sim::test;  // NOLINT: tolerances and helpers

std::unique_ptr<Simulation> Create(const SceneDesc& scene) { return CreateOrFail(scene); }

int DofIndex(const HumanModel& m, const std::string& name) {
  const int d = m.FindDof(name);
  EXPECT_GE(d, 0) << name;
  return d;
}

// ---- Two-foot stance ----

TEST(StanceController, HoldsTheShippedStanceFor60sWithTheComOverTheFeet) {
  const SceneDesc scene = Shipped("scenes/stance.json");
  ASSERT_EQ(scene.runners.size(), 1u);
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  const HumanModel& m = sim->runner_model(0);
  double worst_lateral = 0.0, min_heel_margin = 1e9, min_toe_margin = 1e9;
  const auto steps = static_cast<int64_t>(std::llround(60.0 / sim->timestep()));
  for (int64_t i = 1; i <= steps; ++i) {
    const StepStatus status = sim->Step();
    ASSERT_FALSE(status.diverged) << status.message;
    if (i % 10 != 0 || sim->time() < 1.0) continue;
    const RunnerState& st = sim->runner_state(0);
    const Vec3 heel_l = FootContactWorld(m, st, kLeftFoot, "heel");
    const Vec3 heel_r = FootContactWorld(m, st, kRightFoot, "heel");
    const Vec3 toe_l = FootContactWorld(m, st, kLeftFoot, "toe");
    const Vec3 toe_r = FootContactWorld(m, st, kRightFoot, "toe");
    // Support region (sagittal): behind both toes, ahead of both heels.
    const double heel_margin = st.com.x - std::max(heel_l.x, heel_r.x);
    const double toe_margin = std::min(toe_l.x, toe_r.x) - st.com.x;
    min_heel_margin = std::min(min_heel_margin, heel_margin);
    min_toe_margin = std::min(min_toe_margin, toe_margin);
    ASSERT_GT(heel_margin, 0.0) << "COM behind the heels at t = " << sim->time();
    ASSERT_GT(toe_margin, 0.0) << "COM ahead of the toes at t = " << sim->time();
    // Lateral: over the midpoint of the feet, which stays on the lane.
    const double mid_z =
        0.5 * (st.segment_poses[kLeftFoot].position.z + st.segment_poses[kRightFoot].position.z);
    worst_lateral = std::max({worst_lateral, std::abs(st.com.z), std::abs(st.com.z - mid_z)});
    ASSERT_LT(std::abs(st.com.z), kStanceComLateralTolM) << "t = " << sim->time();
    ASSERT_LT(std::abs(st.com.z - mid_z), kStanceComLateralTolM) << "t = " << sim->time();
  }
  std::printf(
      "[ measured ] 60 s stance: COM at least %.3f m ahead of the heels and %.3f m "
      "behind the toes; worst lateral offset %.4f m\n",
      min_heel_margin, min_toe_margin, worst_lateral);
  EXPECT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
  EXPECT_NEAR(sim->time(), 60.0, 1e-9);
  EXPECT_LT(glm::length(sim->runner_state(0).com_velocity), kRestComSpeedMps);
}

// ---- Pose stance on one leg ----

TEST(StanceController, HoldsThePoseStanceDrillFor30sOnOneLeg) {
  const SceneDesc scene = Shipped("scenes/drills/pose_stance.json");
  ASSERT_EQ(scene.runners.size(), 1u);
  ASSERT_EQ(scene.runners[0].controller.type, "pose_stance");
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  const HumanModel& m = sim->runner_model(0);
  const bool left_support = scene.runners[0].controller.support_leg == "left";
  const std::string support = left_support ? "left_" : "right_";
  const int support_foot = left_support ? 0 : 1;
  const int free_talus = left_support ? kRightTalus : kLeftTalus;
  const int support_knee = DofIndex(m, support + "knee_flexion");
  const double weight = BodyWeightN(m, scene.world.gravity_mps2);

  double max_free_force = 0.0, worst_support_rel = 0.0;
  double min_knee_deg = 1e9, min_free_ankle = 1e9;
  const auto steps = static_cast<int64_t>(std::llround(30.0 / sim->timestep()));
  for (int64_t i = 1; i <= steps; ++i) {
    const StepStatus status = sim->Step();
    ASSERT_FALSE(status.diverged) << status.message;
    if (sim->time() < 2.0) continue;
    const RunnerState& st = sim->runner_state(0);
    const double free_fy = st.foot_force[1 - support_foot].y;
    const double support_fy = st.foot_force[support_foot].y;
    const double knee_deg = st.q[support_knee] * kRadToDeg;
    const double free_ankle_y = st.segment_poses[free_talus].position.y;  // talus COM = ankle
    max_free_force = std::max(max_free_force, std::abs(free_fy));
    worst_support_rel = std::max(worst_support_rel, std::abs(support_fy - weight) / weight);
    min_knee_deg = std::min(min_knee_deg, knee_deg);
    min_free_ankle = std::min(min_free_ankle, free_ankle_y);
    ASSERT_LT(std::abs(free_fy), kFreeFootMaxForceN) << "t = " << sim->time();
    ASSERT_NEAR(support_fy, weight, kSupportFootWeightRelTol * weight) << "t = " << sim->time();
    ASSERT_GT(knee_deg, kSupportKneeMinFlexionDeg) << "t = " << sim->time();
    ASSERT_GT(free_ankle_y, kFreeAnkleMinHeightM) << "t = " << sim->time();
  }
  std::printf(
      "[ measured ] 30 s pose stance after 2 s: free foot |Fy| <= %.3f N, support foot "
      "within %.4f BW, support knee >= %.1f deg, free ankle >= %.3f m\n",
      max_free_force, worst_support_rel, min_knee_deg, min_free_ankle);
  EXPECT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
  EXPECT_NEAR(sim->time(), 30.0, 1e-9);
}

// ---- Push recovery ----

struct PushCase {
  const char* name;
  Vec3 direction;
};

class StancePushRecovery : public ::testing::TestWithParam<PushCase> {};

// A 20 N*s push at the pelvis at t = 2 s (scheduled in the scene, as a user would), then 8 s to
// recover. Returns the simulation after 10 s.
std::unique_ptr<Simulation> RunPushed(const Vec3& direction, double* peak_speed_after_push) {
  SceneDesc scene = Shipped("scenes/stance.json");
  if (scene.runners.empty()) return nullptr;
  scene.runners[0].pushes.clear();
  PushDesc push;
  push.time_s = 2.0;
  push.direction = direction;
  push.impulse_ns = 20.0;
  push.segment = "pelvis";
  scene.runners[0].pushes.push_back(push);
  auto sim = Create(scene);
  if (!sim) return nullptr;
  *peak_speed_after_push = 0.0;
  const auto steps = static_cast<int64_t>(std::llround(10.0 / sim->timestep()));
  for (int64_t i = 1; i <= steps; ++i) {
    const StepStatus status = sim->Step();
    EXPECT_FALSE(status.diverged) << status.message;
    if (status.diverged) return nullptr;
    if (sim->time() >= 2.0) {
      *peak_speed_after_push =
          std::max(*peak_speed_after_push, glm::length(sim->runner_state(0).com_velocity));
    }
  }
  return sim;
}

TEST_P(StancePushRecovery, RecoversA20NsPelvisPush) {
  double peak = 0.0;
  auto sim = RunPushed(GetParam().direction, &peak);
  ASSERT_TRUE(sim);
  const double final_speed = glm::length(sim->runner_state(0).com_velocity);
  std::printf("[ measured ] %s push: peak COM speed %.3f m/s, at 10 s %.4f m/s\n", GetParam().name,
              peak, final_speed);
  EXPECT_GT(peak, kPushFeltComSpeedMps) << "the push must actually move the body";
  EXPECT_FALSE(sim->fall_info(0).fell)
      << sim->fall_info(0).reason << " at " << sim->fall_info(0).time_s << " s";
  EXPECT_LT(final_speed, kRecoveredComSpeedMps);
}

INSTANTIATE_TEST_SUITE_P(SagittalPushes, StancePushRecovery,
                         ::testing::Values(PushCase{"Forward", Vec3{1.0, 0.0, 0.0}},
                                           PushCase{"Backward", Vec3{-1.0, 0.0, 0.0}}),
                         [](const ::testing::TestParamInfo<PushCase>& p) {
                           return std::string(p.param.name);
                         });

// Sideways: the hip ab/adductors shift load between the feet (double-support lateral balance).
TEST(StancePushRecoveryLateral, RecoversA20NsSidewaysPelvisPush) {
  for (double side : {1.0, -1.0}) {
    double peak = 0.0;
    auto sim = RunPushed(Vec3{0.0, 0.0, side}, &peak);
    ASSERT_TRUE(sim);
    EXPECT_GT(peak, kPushFeltComSpeedMps);
    EXPECT_FALSE(sim->fall_info(0).fell)
        << "push toward z = " << side << ": " << sim->fall_info(0).reason;
    EXPECT_LT(glm::length(sim->runner_state(0).com_velocity), kRecoveredComSpeedMps);
    std::printf("[ measured ] sideways push toward z = %+.0f: peak COM speed %.3f m/s, fell %d\n",
                side, peak, static_cast<int>(sim->fall_info(0).fell));
  }
}

// controller.balance_gain scales the COM balance feedback: without it (0) the posture servo
// and weight support alone cannot absorb a 15 N*s push; at the default (1) the runner recovers.
TEST(StanceController, BalanceGainIsWhatRecoversFromAPush) {
  auto fell_after_push = [](double gain) {
    SceneDesc scene = Shipped("scenes/stance.json");
    scene.runners[0].controller.balance_gain = gain;
    PushDesc push;
    push.time_s = 2.0;
    push.impulse_ns = 15.0;
    scene.runners[0].pushes = {push};
    auto sim = Create(scene);
    while (sim->time() < 8.0 - 1e-9) {
      if (sim->Step().diverged) return true;
    }
    return sim->fall_info(0).fell;
  };
  EXPECT_TRUE(fell_after_push(0.0));
  EXPECT_FALSE(fell_after_push(1.0));
}

// Parameter changes over time: a scheduled knee bend is followed within a second, standing.
TEST(StanceController, FollowsAScheduledKneeBend) {
  SceneDesc scene = WithScheduledChange(Shipped("scenes/stance.json"), 2.0,
                                        [](ControllerDesc* c) { c->knee_flex_deg = 35.0; });
  auto sim = Create(scene);
  const HumanModel& m = sim->runner_model(0);
  const int knee = m.FindDof("left_knee_flexion");
  while (sim->time() < 1.9) ASSERT_FALSE(sim->Step().diverged);
  const double before = sim->runner_state(0).q[knee] * kRadToDeg;
  const double com_before = sim->runner_state(0).com.y;
  while (sim->time() < 3.5) ASSERT_FALSE(sim->Step().diverged);
  const double after = sim->runner_state(0).q[knee] * kRadToDeg;
  EXPECT_NEAR(before, 15.0, 2.0);
  EXPECT_NEAR(after, 35.0, 2.0);
  EXPECT_LT(sim->runner_state(0).com.y, com_before - 0.01);  // bending the knees lowers the COM
  EXPECT_FALSE(sim->fall_info(0).fell);
  EXPECT_EQ(sim->controller_params(0).knee_flex_deg, 35.0);
}

// A live change (as the viewer makes it) and the same change scheduled in the scene take
// effect in the same step: the runs stay bit-identical.
TEST(StanceController, LiveChangeEqualsTheSameScheduledChange) {
  SceneDesc scheduled = Shipped("scenes/stance.json");
  ControllerDesc bent = scheduled.runners[0].controller;
  bent.knee_flex_deg = 30.0;
  scheduled.runners[0].schedule = {ScheduledChange{1.0, bent}};
  auto a = Create(scheduled);
  auto b = Create(Shipped("scenes/stance.json"));
  bool queued = false;
  while (a->time() < 2.0) {
    // The scheduled change fires in the step that starts at t = 1 s; queue the live one for it.
    if (!queued && b->time() > 1.0 - 1e-9) {
      ASSERT_TRUE(b->QueueControllerChange(0, bent).ok());
      queued = true;
    }
    a->Step();
    b->Step();
  }
  EXPECT_EQ(a->StateHash(), b->StateHash());
  ControllerDesc unknown = bent;
  unknown.type = "hopping";  // a reserved type with no controller yet
  EXPECT_FALSE(b->QueueControllerChange(0, unknown).ok());
  EXPECT_EQ(b->controller_params(0).type, "stance");
}

// ---- After a fall ----

// A fall is a result, not an error: a fallen runner stops actuating and its passive body must
// come to rest, not diverge (this once failed because the soft range-of-motion springs of the
// 3-DOF joints were not conservative).
TEST(StanceController, AFallEndsWithTheBodyAtRestNotInDivergence) {
  for (const Vec3& direction : {Vec3{1, 0, 0}, Vec3{-1, 0, 0}, Vec3{0, 0, 1}}) {
    SceneDesc scene = Shipped("scenes/stance.json");
    ASSERT_FALSE(scene.runners.empty());
    PushDesc push;
    push.time_s = 1.0;
    push.direction = direction;
    push.impulse_ns = 100.0;  // far beyond what standing balance can absorb
    scene.runners[0].pushes = {push};
    auto sim = Create(scene);
    ASSERT_TRUE(sim);
    std::string divergence;
    while (sim->time() < 8.0 - 1e-9 && divergence.empty()) divergence = sim->Step().message;
    EXPECT_TRUE(divergence.empty()) << divergence;
    EXPECT_TRUE(sim->fall_info(0).fell);
    EXPECT_LT(glm::length(sim->runner_state(0).com_velocity), kRestComSpeedMps);
  }
}

}  // namespace
}  // namespace poselab::sim
