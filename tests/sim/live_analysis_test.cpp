// LiveAnalyzer on a simulated Pose run: its touchdowns are the gait analysis's, the stance leg
// carries the load, and Reset forgets everything.
#include "sim/analysis/live_analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "sim/analysis/gait_analysis.h"
#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

using test::CreateOrFail;
using test::Shipped;

constexpr double kRunSeconds = 2.0;
// Twice the filter window after a touchdown.
constexpr double kSettleS = 0.02;

TEST(LiveAnalysis, TouchdownsMatchTheGaitAnalysis) {
  std::unique_ptr<Simulation> sim = CreateOrFail(Shipped("scenes/pose.json"));
  ASSERT_NE(sim, nullptr);
  const HumanModel& model = sim->runner_model(0);
  LiveAnalyzer live(model);
  GaitAnalyzer reference(model.total_mass_kg() * 9.81);
  int touchdowns = 0;
  while (sim->time() < kRunSeconds) {
    ASSERT_FALSE(sim->Step().diverged);
    const RunnerState& state = sim->runner_state(0);
    const size_t before = reference.events().size();
    reference.Observe(sim->time(), ObserveGait(model, state));
    live.Observe(sim->time(), state, sim->timestep());
    if (reference.events().size() == before) continue;
    const GaitEvent& e = reference.events().back();
    EXPECT_EQ(live.figures().foot_loaded[e.foot], e.type == GaitEvent::Type::kTouchdown);
    if (e.type != GaitEvent::Type::kTouchdown) continue;
    ++touchdowns;
    const auto& mark = live.figures().last_touchdown;
    ASSERT_TRUE(mark.has_value());
    EXPECT_EQ(mark->foot, e.foot);
    EXPECT_DOUBLE_EQ(mark->time_s, e.time_s);
    EXPECT_DOUBLE_EQ(mark->landing_distance_m, e.landing_distance_m);
    EXPECT_NEAR(mark->contact.x - mark->com.x, mark->landing_distance_m, 1e-9);
    EXPECT_EQ(mark->contact.y, 0.0);  // the marker lies on the ground
  }
  // 180 steps/min: about six touchdowns in two seconds.
  EXPECT_GE(touchdowns, 4);
}

TEST(LiveAnalysis, TheStanceLegCarriesTheLoad) {
  std::unique_ptr<Simulation> sim = CreateOrFail(Shipped("scenes/pose.json"));
  ASSERT_NE(sim, nullptr);
  const HumanModel& model = sim->runner_model(0);
  const double weight = model.total_mass_kg() * 9.81;
  LiveAnalyzer live(model);
  int checked = 0;
  while (sim->time() < kRunSeconds) {
    ASSERT_FALSE(sim->Step().diverged);
    const RunnerState& state = sim->runner_state(0);
    live.Observe(sim->time(), state, sim->timestep());
    const LiveFigures& f = live.figures();
    // Mid-stance of one leg: the foot bears well over a body weight, the other is in the air,
    // and the 10 ms filter has had time to follow the landing.
    for (int l = 0; l < 2; ++l) {
      if (!f.foot_loaded[l] || f.foot_loaded[1 - l] || state.foot_force[l].y < 1.5 * weight ||
          !f.last_touchdown || f.last_touchdown->foot != l ||
          sim->time() - f.last_touchdown->time_s < kSettleS) {
        continue;
      }
      ++checked;
      ASSERT_TRUE(f.has_loads);
      const auto& stance = f.legs[l];
      const auto& swing = f.legs[1 - l];
      // The body's weight and more goes down through the stance knee and ankle; the swing leg
      // carries little more than its own inertia.
      EXPECT_GT(stance[kLegKnee].reaction_bw, 1.0);
      EXPECT_GT(stance[kLegAnkle].reaction_bw, 1.0);
      EXPECT_GT(stance[kLegKnee].reaction_bw, swing[kLegKnee].reaction_bw);
      // The calf holds the body up: a plantarflexor (negative) ankle moment.
      EXPECT_LT(stance[kLegAnkle].moment_nm_kg, -0.5);
      EXPECT_NEAR(stance[kLegKnee].reaction_bw, glm::length(stance[kLegKnee].reaction_n) / weight,
                  1e-12);
    }
  }
  EXPECT_GT(checked, 50);
}

TEST(LiveAnalysis, ResetForgetsThePast) {
  std::unique_ptr<Simulation> sim = CreateOrFail(Shipped("scenes/pose.json"));
  ASSERT_NE(sim, nullptr);
  LiveAnalyzer live(sim->runner_model(0));
  while (sim->time() < 1.0) {
    ASSERT_FALSE(sim->Step().diverged);
    live.Observe(sim->time(), sim->runner_state(0), sim->timestep());
  }
  ASSERT_TRUE(live.figures().has_loads);
  ASSERT_TRUE(live.figures().last_touchdown.has_value());
  live.Reset();
  EXPECT_FALSE(live.figures().has_loads);
  EXPECT_FALSE(live.figures().last_touchdown.has_value());
  // One state is not enough for inverse dynamics (it differences velocities over a step).
  ASSERT_FALSE(sim->Step().diverged);
  live.Observe(sim->time(), sim->runner_state(0), sim->timestep());
  EXPECT_FALSE(live.figures().has_loads);
  EXPECT_EQ(live.figures().legs[0][kLegKnee].reaction_bw, 0.0);
}

}  // namespace
}  // namespace poselab::sim
