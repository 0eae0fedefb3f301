// Running controllers ("pose", "heel_strike") over the first steps: the documented start state,
// the first stance throwing the body into flight, strike pattern per style, the bounded approach
// to the scene's parameters, caps, determinism, fall reporting and the tracking block. Long runs,
// pushes and live changes are in running_slow_test.cpp.
#include "sim/control/run_controller.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include "sim/analysis/gait_analysis.h"
#include "sim/analysis/run_stats.h"
#include "sim/io/output_writers.h"
#include "sim/simulation.h"
#include "tests/sim/test_scenes.h"
#include "tests/sim/test_tolerances.h"

namespace poselab::sim {
namespace {

using namespace poselab::sim::test;  // NOLINT: tolerances and helpers

std::unique_ptr<Simulation> Create(const SceneDesc& scene) { return CreateOrFail(scene); }

// Steps `sim` for `seconds`, feeding gait analysis; stops early at a divergence (a failure).
GaitAnalyzer RunWithGait(Simulation* sim, double seconds) {
  const HumanModel& model = sim->runner_model(0);
  GaitAnalyzer gait(BodyWeightN(model, sim->scene().world.gravity_mps2));
  while (sim->time() < seconds) {
    const StepStatus status = sim->Step();
    EXPECT_FALSE(status.diverged) << status.message;
    if (status.diverged) break;
    gait.Observe(sim->time(), ObserveGait(model, sim->runner_state(0)));
  }
  return gait;
}

std::optional<GaitEvent> FirstEvent(const GaitAnalyzer& gait, GaitEvent::Type type, int foot) {
  for (const GaitEvent& e : gait.events()) {
    if (e.type == type && e.foot == foot) return e;
  }
  return std::nullopt;
}

TEST(RunController, StartsAtTheApexOfAFlightAtTheLeansSpeed) {
  SceneDesc scene = OneRunnerScene("pose");
  scene.runners[0].controller.lean_deg = 10.0;
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  ASSERT_EQ(sim->Step().diverged, false);
  const RunnerState& s = sim->runner_state(0);
  EXPECT_TRUE(s.contacts.empty());
  EXPECT_NEAR(s.com_velocity.x, TargetSpeedForLean(PoseStyle(), 10.0), 0.01);
  EXPECT_NEAR(s.com_velocity.y, 0.0, 0.02);
  EXPECT_EQ(sim->runner_phase(0), "flight");
  // The lean target is the pelvis pitch: the trunk starts leaning forward by lean_deg.
  const Vec3 up = s.segment_poses[kTrunk].orientation * Vec3{0.0, 1.0, 0.0};
  EXPECT_NEAR(std::atan2(up.x, up.y) * kRadToDeg, 10.0, 0.5);
}

TEST(RunController, PoseFirstStancesThrowTheBodyIntoFlights) {
  // From the flight apex the runner lands, and each of its first two stances ends with the body
  // off the ground and rising: running steps from the first one. (The compliant Pose stance
  // leaves the ground at 0.08-0.1 m/s when it is first unloaded, measured; the stiff one before
  // it left at over 0.1.)
  auto sim = Create(OneRunnerScene("pose"));
  ASSERT_TRUE(sim);
  const double bw = BodyWeightN(sim->runner_model(0), sim->scene().world.gravity_mps2);
  double lowest_vy = 0.0;
  bool loaded_before = false;
  int flights = 0;
  while (sim->time() < 0.6 && flights < 2) {
    ASSERT_FALSE(sim->Step().diverged);
    const RunnerState& s = sim->runner_state(0);
    const bool loaded = s.foot_force[0].y > 0.05 * bw || s.foot_force[1].y > 0.05 * bw;
    lowest_vy = std::min(lowest_vy, s.com_velocity.y);
    if (loaded_before && !loaded) {
      EXPECT_GT(s.com_velocity.y, 0.05) << "take-off at t = " << sim->time();
      ++flights;
    }
    loaded_before = loaded;
  }
  EXPECT_LT(lowest_vy, -0.4) << "it lands from a flight";
  EXPECT_EQ(flights, 2) << "two stances, each ending in a flight, within 0.6 s";
}

TEST(RunController, EachStyleLandsOnItsPartOfTheFoot) {
  // Pose: ball or midfoot from the first step (sole angle below Altman & Davis's 8 degree
  // rearfoot bound). Heel strike: it starts from a forefoot gait (the launch style) and blends
  // into its own over its first 3 s, so its first steps land on the ball; once the blend and the
  // cadence loop's first pull on the push-off are over (here, asked for 180 steps/min, two steps
  // at 3.6 and 5.1 s land nearly flat, heel first), every step lands heel first, toes up.
  {
    auto sim = Create(OneRunnerScene("pose"));
    ASSERT_TRUE(sim);
    const GaitAnalyzer gait = RunWithGait(sim.get(), 0.3);
    const auto first = FirstEvent(gait, GaitEvent::Type::kTouchdown, 0);
    ASSERT_TRUE(first);
    EXPECT_NE(ClassifyStrike(first->foot_strike_angle_deg), StrikePattern::kRearfoot)
        << first->foot_strike_angle_deg;
    EXPECT_NE(first->first_contact, "heel");
  }
  auto sim = Create(OneRunnerScene("heel_strike"));
  ASSERT_TRUE(sim);
  const GaitAnalyzer gait = RunWithGait(sim.get(), 9.0);
  const auto first = FirstEvent(gait, GaitEvent::Type::kTouchdown, 0);
  ASSERT_TRUE(first);
  EXPECT_NE(first->first_contact, "heel") << "the blend starts from a forefoot gait";
  int after_blend = 0;
  for (const GaitEvent& e : gait.events()) {
    if (e.type != GaitEvent::Type::kTouchdown || e.time_s < 5.5) continue;
    SCOPED_TRACE(e.time_s);
    ++after_blend;
    EXPECT_EQ(ClassifyStrike(e.foot_strike_angle_deg), StrikePattern::kRearfoot)
        << e.foot_strike_angle_deg;
    EXPECT_EQ(e.first_contact, "heel");
  }
  EXPECT_GE(after_blend, 5);
}

TEST(RunController, AnAnkleLandingTimeStartsTheStanceAnkleAtTheAngleItLandedAt) {
  // Two controllers beside the scene's, fed the same states: the shipped Pose style, whose
  // stance ankle starts at the angle it landed at (ankle_land_s > 0), and the same style with
  // ankle_land_s = 0. At touchdown the shipped one's stance ankle is a spring about the angle it
  // landed at (only its damping acts); once its landing time has passed, both act alike.
  auto sim = Create(OneRunnerScene("pose"));
  ASSERT_TRUE(sim);
  const HumanModel& model = sim->runner_model(0);
  const ControllerDesc& desc = sim->scene().runners[0].controller;
  const RunStyle shipped_style = PoseStyle();
  ASSERT_GT(shipped_style.ankle_land_s, 0.0);
  ASSERT_LT(shipped_style.ankle_land_s, 0.06);
  RunStyle at_target = shipped_style;
  at_target.ankle_land_s = 0.0;
  RunController shipped(desc, model, shipped_style);
  RunController stiff(desc, model, at_target);
  const double scale = model.total_mass_kg() / 70.0;
  std::vector<double> a, b;
  double touchdown_s = -1.0;
  int stance_ankle = -1;
  bool checked_late = false;
  std::string last_phase = shipped.phase();
  while (sim->time() < 1.0 && !checked_late) {
    ASSERT_FALSE(sim->Step().diverged);
    const RunnerState& s = sim->runner_state(0);
    shipped.Compute(s, sim->time(), &a);
    stiff.Compute(s, sim->time(), &b);
    ASSERT_EQ(shipped.phase(), stiff.phase());
    if (shipped.phase() == "pose" && last_phase != "pose") {
      const bool left = s.foot_force[0].y > s.foot_force[1].y;
      stance_ankle = model.FindDof(left ? "left_ankle_dorsiflexion" : "right_ankle_dorsiflexion");
      touchdown_s = sim->time();
      const double damping = -scale * shipped_style.gains.stance_ankle_kd * s.qdot[stance_ankle];
      EXPECT_NEAR(a[stance_ankle], damping, 1e-9);
      EXPECT_GT(std::abs(a[stance_ankle] - b[stance_ankle]), 20.0)
          << "without a landing time the ankle servo acts on its own target from touchdown";
    } else if (touchdown_s > 0.0 && sim->time() > touchdown_s + 0.06 &&
               (shipped.phase() == "pose" || shipped.phase() == "fall")) {
      EXPECT_NEAR(a[stance_ankle], b[stance_ankle], 1e-9);
      checked_late = true;
    }
    last_phase = shipped.phase();
  }
  EXPECT_TRUE(checked_late) << "a stance longer than 60 ms within the first second";
}

TEST(RunController, TorquesStayWithinTheCaps) {
  auto sim = Create(OneRunnerScene("pose"));
  ASSERT_TRUE(sim);
  const HumanModel& model = sim->runner_model(0);
  while (sim->time() < 0.5) {
    ASSERT_FALSE(sim->Step().diverged);
    const RunnerState& s = sim->runner_state(0);
    for (int d = 0; d < model.dof_count(); ++d) {
      ASSERT_GE(s.applied_torque[d], model.dof(d).torque_min_nm - 1e-9) << model.dof(d).name;
      ASSERT_LE(s.applied_torque[d], model.dof(d).torque_max_nm + 1e-9) << model.dof(d).name;
    }
  }
}

TEST(RunController, RunsAreBitIdentical) {
  auto a = Create(OneRunnerScene("heel_strike"));
  auto b = Create(OneRunnerScene("heel_strike"));
  ASSERT_TRUE(a && b);
  for (int i = 0; i < 500; ++i) {
    ASSERT_FALSE(a->Step().diverged);
    ASSERT_FALSE(b->Step().diverged);
  }
  EXPECT_EQ(a->StateHash(), b->StateHash());
}

TEST(RunController, AFallIsReportedWithTimeAndReasonAndNothingDiverges) {
  // A 150 N*s sideways shove at the pelvis knocks the runner over: the run ends as a reported
  // fall, not as a divergence or a silent reset.
  SceneDesc scene = OneRunnerScene("pose");
  PushDesc push;
  push.time_s = 1.0;
  push.direction = Vec3{0.0, 0.0, 1.0};
  push.impulse_ns = 150.0;
  push.duration_s = 0.1;
  scene.runners[0].pushes = {push};
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  RunWithGait(sim.get(), 4.0);
  const FallInfo& fall = sim->fall_info(0);
  ASSERT_TRUE(fall.fell);
  EXPECT_FALSE(fall.reason.empty());
  EXPECT_GT(fall.time_s, 1.0);
  EXPECT_LE(fall.time_s, sim->time());
}

TEST(RunController, StartsFromTheCanonicalStateAndApproachesTheScenesLean) {
  // Every run starts at the style's canonical lean (10 degrees for Pose) and the lean held moves
  // to the scene's at 2 degrees per second: a lean-20 scene leans 10 at first, 20 after 5 s.
  SceneDesc scene = OneRunnerScene("pose");
  scene.runners[0].controller.lean_deg = 20.0;
  auto sim = Create(scene);
  ASSERT_TRUE(sim);
  ASSERT_FALSE(sim->Step().diverged);
  auto trunk_lean = [&] {
    const Vec3 up = sim->runner_state(0).segment_poses[kTrunk].orientation * Vec3{0.0, 1.0, 0.0};
    return std::atan2(up.x, up.y) * kRadToDeg;
  };
  EXPECT_NEAR(trunk_lean(), 10.0, 0.5);
  double sum = 0.0;
  int n = 0;
  while (sim->time() < 9.0) {
    ASSERT_FALSE(sim->Step().diverged);
    if (sim->time() > 7.0) sum += trunk_lean(), ++n;
  }
  ASSERT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
  EXPECT_NEAR(sum / n, 20.0, 2.0);
}

TEST(RunController, SummaryReportsTrackingAgainstTheTargetsOnlyForGaitControllers) {
  for (const char* type : {"pose", "stance"}) {
    SCOPED_TRACE(type);
    auto sim = Create(OneRunnerScene(type));
    ASSERT_TRUE(sim);
    std::vector<RunStats> stats;
    stats.emplace_back(sim->runner_model(0));
    while (sim->time() < 1.0) {
      ASSERT_FALSE(sim->Step().diverged);
      stats[0].Observe(sim->runner_state(0), sim->timestep());
    }
    const auto doc = BuildSummary(*sim, stats, "");
    const auto& tracking = doc["runners"][0]["tracking"];
    if (std::string(type) == "stance") {
      EXPECT_TRUE(tracking.is_null());
      continue;
    }
    ASSERT_TRUE(tracking.is_object());
    for (const char* key : {"cadence_error_spm", "cadence_within_3_spm", "trunk_lean_error_deg",
                            "trunk_lean_within_2_deg", "landing_error_m", "landing_within_0_05_m",
                            "speed_steady", "all_within_bounds"}) {
      EXPECT_TRUE(tracking.contains(key)) << key;
    }
    // A run that has not settled into steady running is not within bounds.
    EXPECT_FALSE(tracking["all_within_bounds"].get<bool>());
  }
}

}  // namespace
}  // namespace poselab::sim
