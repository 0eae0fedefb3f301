// The Pose running controller over long runs, on the shipped scene: 60 s without falling with a
// flight every step, forefoot/midfoot strikes, symmetric steps, steady speed and the lean and
// landing tracked, contacts of a runner's length and a landing without an impact peak; the
// cadence loop steers the step rate; a lean change mid-run is followed without a fall; 30 N*s
// pushes at the pelvis in four directions are recovered, and so are the backward pushes that
// used to end in falls; a running scene is bit-identical from run to run. The heel-strike
// controller runs its shipped scene for 60 s heel first.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "sim/analysis/gait_analysis.h"
#include "sim/analysis/run_stats.h"
#include "sim/io/output_writers.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"
#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

using namespace poselab::sim::test;  // NOLINT: helpers

// Runs `scene` for `seconds` and returns its summary document (as poselab-cli writes it).
nlohmann::json RunAndSummarize(SceneDesc scene, double seconds) {
  scene.duration_s = seconds;
  auto sim = CreateOrFail(scene);
  if (!sim) return {};
  std::vector<RunStats> stats;
  for (size_t r = 0; r < sim->runner_count(); ++r) stats.emplace_back(sim->runner_model(r));
  const auto steps = static_cast<int64_t>(std::llround(seconds / sim->timestep()));
  for (int64_t i = 0; i < steps; ++i) {
    const StepStatus status = sim->Step();
    EXPECT_FALSE(status.diverged) << status.message;
    if (status.diverged) break;
    for (size_t r = 0; r < sim->runner_count(); ++r) {
      stats[r].Observe(sim->runner_state(r), sim->timestep());
    }
  }
  return BuildSummary(*sim, stats, "");
}

void ExpectRunningPose(const nlohmann::json& runner) {
  SCOPED_TRACE(runner["name"].get<std::string>());
  ASSERT_FALSE(runner["fell"].get<bool>()) << runner["fall_reason"];
  const auto& g = runner["gait"];
  std::printf(
      "[ measured ] %s: %.2f m/s, %.1f spm, contact %.3f s, flight %.3f s, lean %.1f deg, "
      "landing %.3f m, L/R %.3f\n",
      runner["name"].get<std::string>().c_str(), g["speed_mps"].get<double>(),
      g["cadence_spm"].get<double>(), g["contact_time_s"].get<double>(),
      g["flight_time_s"].get<double>(), g["trunk_lean_deg"].get<double>(),
      g["landing_distance_m"].get<double>(), g["left_right_step_time_ratio"].get<double>());
  // A flight phase each step, steps of equal length left and right (within 5%), steady speed.
  EXPECT_GT(g["flight_time_s"].get<double>(), 0.05);
  EXPECT_NEAR(g["left_right_step_time_ratio"].get<double>(), 1.0, 0.05);
  EXPECT_TRUE(g["speed_steady"].get<bool>());
  // At least 90% of steps land on the midfoot or forefoot.
  const auto& strikes = g["strike_pattern"];
  const double rear = strikes["rearfoot"].get<double>();
  const double total = rear + strikes["midfoot"].get<double>() + strikes["forefoot"].get<double>();
  ASSERT_GT(total, 0.0);
  EXPECT_LE(rear / total, 0.10);
  // Lean and landing tracked (the bounds); cadence only in part (README, and the test
  // below).
  const auto& tracking = runner["tracking"];
  EXPECT_TRUE(tracking["trunk_lean_within_2_deg"].get<bool>()) << tracking["trunk_lean_error_deg"];
  EXPECT_TRUE(tracking["landing_within_0_05_m"].get<bool>()) << tracking["landing_error_m"];
}

TEST(RunningSlow, PoseRunsTheShippedSceneFor60s) {
  const auto doc = RunAndSummarize(Shipped("scenes/pose.json"), 60.0);
  ASSERT_TRUE(doc.is_object());
  const auto& runner = doc["runners"][0];
  ExpectRunningPose(runner);
  // The compliant landing: contacts within the 0.18-0.30 s, no impact peak, and a
  // loading rate far below the stiff stance's 287 BW/s (83-88 BW/s measured over 60-120 s).
  const double contact = runner["gait"]["contact_time_s"].get<double>();
  EXPECT_GE(contact, 0.18);
  EXPECT_LE(contact, 0.30);
  const auto& grf = runner["grf"];
  EXPECT_TRUE(grf["impact_peak_bw"].is_null()) << grf["impact_peak_bw"];
  EXPECT_LT(grf["loading_rate_bw_s"].get<double>(), 120.0);
  std::printf("[ measured ] pose: peak %.2f BW, loading rate %.1f BW/s\n",
              grf["peak_vertical_bw"].get<double>(), grf["loading_rate_bw_s"].get<double>());
}

TEST(RunningSlow, HeelStrikeRunsTheShippedSceneFor60s) {
  // The heel striker runs heel first with a flight every step, symmetric steps, steady speed,
  // the lean and the cadence held; contact within the 0.18-0.30 s. It does not track
  // the landing offset asked for (a known gap, README): that is reported, not asserted.
  const auto doc = RunAndSummarize(Shipped("scenes/heel_strike.json"), 60.0);
  ASSERT_TRUE(doc.is_object());
  const auto& runner = doc["runners"][0];
  ASSERT_FALSE(runner["fell"].get<bool>()) << runner["fall_reason"];
  const auto& g = runner["gait"];
  std::printf(
      "[ measured ] heel_strike: %.2f m/s, %.1f spm, contact %.3f s, flight %.3f s, lean %.1f "
      "deg, landing %.3f m, L/R %.3f\n",
      g["speed_mps"].get<double>(), g["cadence_spm"].get<double>(),
      g["contact_time_s"].get<double>(), g["flight_time_s"].get<double>(),
      g["trunk_lean_deg"].get<double>(), g["landing_distance_m"].get<double>(),
      g["left_right_step_time_ratio"].get<double>());
  EXPECT_GT(g["flight_time_s"].get<double>(), 0.05);
  EXPECT_NEAR(g["left_right_step_time_ratio"].get<double>(), 1.0, 0.05);
  EXPECT_TRUE(g["speed_steady"].get<bool>());
  EXPECT_GE(g["contact_time_s"].get<double>(), 0.18);
  EXPECT_LE(g["contact_time_s"].get<double>(), 0.30);
  EXPECT_GE(g["speed_mps"].get<double>(), 2.4);
  // At least 90% of steps land on the heel (the foot lands ahead of the COM, heel first).
  const auto& strikes = g["strike_pattern"];
  const double rear = strikes["rearfoot"].get<double>();
  const double total = rear + strikes["midfoot"].get<double>() + strikes["forefoot"].get<double>();
  ASSERT_GT(total, 0.0);
  EXPECT_GE(rear / total, 0.90);
  EXPECT_GT(g["landing_distance_m"].get<double>(), 0.0);
  EXPECT_TRUE(runner["tracking"]["trunk_lean_within_2_deg"].get<bool>())
      << runner["tracking"]["trunk_lean_error_deg"];
  EXPECT_TRUE(runner["tracking"]["cadence_within_3_spm"].get<bool>())
      << runner["tracking"]["cadence_error_spm"];
}

// Runs `scene_path` for 30 s at each cadence asked and expects the step rate within the issue's
// +-3 steps/min of it.
void ExpectCadenceTracked(const char* scene_path, std::initializer_list<double> cadences) {
  for (const double asked : cadences) {
    SceneDesc scene = Shipped(scene_path);
    scene.runners[0].controller.cadence_spm = asked;
    const auto doc = RunAndSummarize(scene, 30.0);
    ASSERT_TRUE(doc.is_object());
    const auto& runner = doc["runners"][0];
    ASSERT_FALSE(runner["fell"].get<bool>()) << runner["fall_reason"];
    const double achieved = runner["gait"]["cadence_spm"].get<double>();
    std::printf("[ measured ] %s, cadence asked %.0f: %.1f steps/min\n", scene_path, asked,
                achieved);
    EXPECT_NEAR(achieved, asked, 3.0);
  }
}

TEST(RunningSlow, TheHeelStrikersPushOffLoopHoldsTheStepRateAskedFor) {
  // The heel striker's cadence lever is its push-off: with the push-off's limit fixed at the
  // search's 0.644 rad it stepped at 146 steps/min whatever was asked (10 degrees, 0.25 m). The
  // loop moves the limit within 0.40-0.644 rad and brings 160 and 170 asked within the issue's
  // +-3 steps/min (180 and more are beyond its reach at 10 degrees: README).
  ExpectCadenceTracked("scenes/heel_strike.json", {160.0, 170.0});
}

TEST(RunningSlow, TheCadenceLoopHoldsTheStepRateAskedFor) {
  // Unsteered (the tuning build with cadence_ki = 0, 30 s at 10 degrees), this runner steps at
  // 186 steps/min when asked for 200 and 176 when asked for 180; the cadence loop brings both
  // within the issue's +-3 steps/min. (160 asked is out of its reach: README.)
  ExpectCadenceTracked("scenes/pose.json", {200.0, 180.0});
}

TEST(RunningSlow, TheJointLoadsDoNotHingeOnTheTimestep) {
  // The bar: halving the timestep moves the summary's joint and GRF figures by less than
  // 5%, for the shipped scenes as they run (their own durations, 60 s). The controllers run at
  // world.control_rate_hz (1 kHz) at either step, so only the physics is refined. Single runs:
  // the Pose runner's loading rate, whose run-to-run spread is larger than the step's effect, is
  // held by the seeded test below. (Over the means of 16 seeded runs every figure moves under 5%,
  // the Pose runner's hip negative work most, 4.9%; on the earlier 2000 N s/m contact its
  // braking and hip extensor peaks moved 6.7% and 7.4%; README, "Joint loads".)
  for (const char* path : {"scenes/pose.json", "scenes/heel_strike.json"}) {
    const SceneDesc coarse = Shipped(path);
    SceneDesc fine = coarse;
    fine.world.timestep_s = 0.5 * fine.world.timestep_s;
    const auto a = RunAndSummarize(coarse, coarse.duration_s)["runners"][0];
    const auto b = RunAndSummarize(fine, coarse.duration_s)["runners"][0];
    ASSERT_FALSE(a["fell"].get<bool>()) << path;
    ASSERT_FALSE(b["fell"].get<bool>()) << path;
    for (const char* joint : {"hip", "knee", "ankle"}) {
      for (const char* key : {"peak_extensor_moment_nm_kg", "peak_flexor_moment_nm_kg",
                              "negative_work_j_kg", "positive_work_j_kg",
                              "peak_reaction_force_bw"}) {
        const double x = a["joints"][joint][key].get<double>();
        const double y = b["joints"][joint][key].get<double>();
        std::printf("[ measured ] %s %s.%s: %.3f at 1 ms, %.3f at 0.5 ms\n", path, joint, key, x,
                    y);
        EXPECT_NEAR(y, x, 0.05 * std::abs(x)) << path << " " << joint << "." << key;
      }
    }
    for (const char* key : {"peak_vertical_bw", "peak_braking_bw"}) {
      const double x = a["grf"][key].get<double>();
      const double y = b["grf"][key].get<double>();
      std::printf("[ measured ] %s grf.%s: %.3f at 1 ms, %.3f at 0.5 ms\n", path, key, x, y);
      EXPECT_NEAR(y, x, 0.05 * x) << path << " grf." << key;
    }
  }
}

TEST(RunningSlow, TheLoadingRateDoesNotHingeOnTheTimestepOverSeededRuns) {
  // A single run's mean loading rate varies by 2-4% (SD) with nothing but the starting pose
  // changed, as much as halving the step moves it, so one pair of runs cannot test the 5% bar
  // (single runs, before the push guard, read 90.0 and 96.3 BW/s at 1 and 0.5 ms). Six runs per
  // step, each from its own seeded 1 degree perturbation: their means of the loading rate, the
  // peak vertical force and the propulsive peak move by under 5% when the step is halved.
  constexpr int kSeeds = 6;
  const char* keys[] = {"loading_rate_bw_s", "peak_vertical_bw", "peak_propulsive_bw"};
  double mean[2][3] = {};
  for (int half = 0; half < 2; ++half) {
    for (int seed = 1; seed <= kSeeds; ++seed) {
      SceneDesc scene = Shipped("scenes/pose.json");
      scene.world.seed = static_cast<uint64_t>(seed);
      scene.world.initial_perturbation_deg = 1.0;
      if (half) scene.world.timestep_s *= 0.5;
      const auto runner = RunAndSummarize(scene, scene.duration_s)["runners"][0];
      ASSERT_FALSE(runner["fell"].get<bool>()) << "seed " << seed;
      for (int k = 0; k < 3; ++k) mean[half][k] += runner["grf"][keys[k]].get<double>() / kSeeds;
    }
  }
  for (int k = 0; k < 3; ++k) {
    std::printf("[ measured ] pose grf.%s, mean of %d seeded runs: %.3f at 1 ms, %.3f at 0.5 ms\n",
                keys[k], kSeeds, mean[0][k], mean[1][k]);
    EXPECT_NEAR(mean[1][k], mean[0][k], 0.05 * mean[0][k]) << keys[k];
  }
}

TEST(RunningSlow, ALeanChangeMidRunIsFollowedWithoutAFall) {
  // Lean 10 -> 15 at 20 s (reached at 22.5 s at the lean's rate limit): each runner speeds up
  // and keeps running. The speeds are means over 12 s before and 10 s after (a few seconds of a
  // single run swing by about 0.05 m/s with the stride-to-stride variation).
  for (const char* path : {"scenes/pose.json", "scenes/heel_strike.json"}) {
    SCOPED_TRACE(path);
    SceneDesc scene = WithScheduledChange(Shipped(path), 20.0,
                                          [](ControllerDesc* c) { c->lean_deg = 15.0; });
    scene.duration_s = 40.0;
    auto sim = CreateOrFail(scene);
    ASSERT_TRUE(sim);
    double before = 0.0, after = 0.0;
    int n_before = 0, n_after = 0;
    while (sim->time() < 40.0) {
      ASSERT_FALSE(sim->Step().diverged);
      const double t = sim->time();
      const double vx = sim->runner_state(0).com_velocity.x;
      if (t > 8.0 && t < 20.0) before += vx, ++n_before;
      if (t > 30.0) after += vx, ++n_after;
    }
    ASSERT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
    before /= n_before;
    after /= n_after;
    std::printf("[ measured ] %s, lean 10 -> 15: %.2f -> %.2f m/s\n", path, before, after);
    // The Pose runner's law asks for 0.21 m/s more, the heel striker's for 0.4.
    EXPECT_GT(after, before + 0.15);
  }
}

TEST(RunningSlow, SwitchingGaitMidRunKeepsRunning) {
  // The viewer's gait switch and a scene schedule's type change go through SetParams: the
  // running controller keeps its state and blends into the other style. Pose -> heel strike and
  // back, each with the new gait's own cadence and landing offset, at moments spread over the
  // stride; afterwards the foot strike is the new gait's.
  struct Switch {
    const char* scene;
    const char* to;
    double cadence, offset;
  };
  for (const Switch& sw : {Switch{"scenes/pose.json", "heel_strike", 165.0, 0.25},
                           Switch{"scenes/heel_strike.json", "pose", 180.0, 0.15}}) {
    for (const double at : {10.0, 10.1, 10.2}) {
      SCOPED_TRACE(std::string(sw.scene) + " -> " + sw.to + " at " + std::to_string(at));
      SceneDesc scene = WithScheduledChange(Shipped(sw.scene), at, [&](ControllerDesc* c) {
        c->type = sw.to;
        c->cadence_spm = sw.cadence;
        c->landing_offset_m = sw.offset;
      });
      scene.duration_s = 22.0;
      auto sim = CreateOrFail(scene);
      ASSERT_TRUE(sim);
      const HumanModel& model = sim->runner_model(0);
      GaitAnalyzer gait(BodyWeightN(model, sim->scene().world.gravity_mps2));
      while (sim->time() < scene.duration_s) {
        ASSERT_FALSE(sim->Step().diverged);
        gait.Observe(sim->time(), ObserveGait(model, sim->runner_state(0)));
      }
      ASSERT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
      int rear = 0, total = 0;
      for (const GaitEvent& e : gait.events()) {
        // After the switch's two blends (by way of the launch style): 4.5 s to the heel strike,
        // 3 s to the Pose gait.
        if (e.type != GaitEvent::Type::kTouchdown || e.time_s < at + 5.0) continue;
        ++total;
        rear += ClassifyStrike(e.foot_strike_angle_deg) == StrikePattern::kRearfoot ? 1 : 0;
      }
      ASSERT_GT(total, 10);
      if (std::string(sw.to) == "heel_strike") {
        EXPECT_GE(rear, 0.9 * total);
      } else {
        EXPECT_LE(rear, 0.1 * total);
      }
    }
  }
}

TEST(RunningSlow, PoseRecoversFrom30NsPushesAtThePelvis) {
  for (const char* path : {"scenes/pose.json"}) {
    for (const Vec3 direction :
         {Vec3{1.0, 0.0, 0.0}, Vec3{-1.0, 0.0, 0.0}, Vec3{0.0, 0.0, 1.0}, Vec3{0.0, 0.0, -1.0}}) {
      SceneDesc scene = Shipped(path);
      PushDesc push;
      push.time_s = 8.0;
      push.direction = direction;
      push.impulse_ns = 30.0;
      push.duration_s = 0.1;
      push.segment = "pelvis";
      scene.runners[0].pushes = {push};
      scene.duration_s = 18.0;
      SCOPED_TRACE(std::string(path) + " push " + std::to_string(direction.x) + "," +
                   std::to_string(direction.z));
      auto sim = CreateOrFail(scene);
      ASSERT_TRUE(sim);
      while (sim->time() < scene.duration_s) ASSERT_FALSE(sim->Step().diverged);
      EXPECT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
    }
  }
}

TEST(RunningSlow, PoseRecoversFromBackwardPushesThatUsedToEndInFalls) {
  // Before the push guard these four backward pushes ended in falls (on the 2000 N s/m contact
  // with the earlier gains): the placement correction for the lost speed aimed the next feet
  // behind the body and a swing foot caught the ground (README, "Measured"). With it the runner
  // keeps running for 8 s after each.
  for (const double at : {6.05, 15.1, 8.4, 16.6}) {
    SCOPED_TRACE("backward push at " + std::to_string(at) + " s");
    SceneDesc scene = Shipped("scenes/pose.json");
    PushDesc push;
    push.time_s = at;
    push.direction = Vec3{-1.0, 0.0, 0.0};
    push.impulse_ns = 30.0;
    push.duration_s = 0.1;
    push.segment = "pelvis";
    scene.runners[0].pushes = {push};
    scene.duration_s = at + 8.0;
    auto sim = CreateOrFail(scene);
    ASSERT_TRUE(sim);
    while (sim->time() < scene.duration_s) ASSERT_FALSE(sim->Step().diverged);
    EXPECT_FALSE(sim->fall_info(0).fell) << sim->fall_info(0).reason;
  }
}

TEST(RunningSlow, ARunningSceneIsBitIdentical) {
  SceneDesc scene = Shipped("scenes/pose.json");
  auto a = CreateOrFail(scene);
  auto b = CreateOrFail(scene);
  ASSERT_TRUE(a && b);
  while (a->time() < 5.0) {
    ASSERT_FALSE(a->Step().diverged);
    ASSERT_FALSE(b->Step().diverged);
  }
  EXPECT_EQ(a->StateHash(), b->StateHash());
}

}  // namespace
}  // namespace poselab::sim
