// Ground reaction force figures on synthetic signals with known answers (impact peak, loading
// rate), the force under a body standing still, and the grf and joints blocks of a simulated run.
#include "sim/analysis/load_analysis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/analysis/run_stats.h"
#include "sim/io/output_writers.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"

namespace poselab::sim {
namespace {

constexpr double kDt = 0.001;

// A rearfoot stance: a 1.8 BW impact bump centred 30 ms after touchdown on top of a 2.5 BW
// half-sine active peak over 250 ms.
std::vector<double> HeelStrikeStance() {
  std::vector<double> f;
  for (double t = 0.0; t < 0.25; t += kDt) {
    const double active = 2.5 * std::sin(kPi * t / 0.25);
    const double bump = 1.25 * std::exp(-0.5 * std::pow((t - 0.03) / 0.008, 2.0));
    f.push_back(active + bump);
  }
  return f;
}

// A forefoot stance: one smooth half-sine peak.
std::vector<double> ForefootStance(double peak_bw = 2.6, double contact_s = 0.2) {
  std::vector<double> f;
  for (double t = 0.0; t < contact_s; t += kDt) f.push_back(peak_bw * std::sin(kPi * t / contact_s));
  return f;
}

TEST(LoadAnalysis, FindsTheImpactPeakOfARearfootLanding) {
  const std::vector<double> f = HeelStrikeStance();
  const auto impact = FindImpactPeak(f, kDt);
  ASSERT_TRUE(impact);
  // The peak of the sum sits a little after the bump's centre (the active peak still rises),
  // and the 10 ms smoothing lowers it slightly.
  const double at = f[static_cast<size_t>(std::lround(impact->time_s / kDt))];
  EXPECT_NEAR(impact->time_s, 0.032, 0.004);
  EXPECT_NEAR(impact->value_bw, at, 0.15);
  EXPECT_GT(impact->value_bw, 1.4);
}

TEST(LoadAnalysis, AForefootLandingHasNoImpactPeak) {
  EXPECT_FALSE(FindImpactPeak(ForefootStance(), kDt));
  // Nor does a stance that wobbles by less than 0.1 BW on its way up.
  std::vector<double> f = ForefootStance();
  for (size_t i = 0; i < f.size(); ++i) f[i] += 0.03 * std::sin(2.0 * kPi * 60.0 * i * kDt);
  EXPECT_FALSE(FindImpactPeak(f, kDt));
}

TEST(LoadAnalysis, LoadingRateIsTheSlopeBetween20And80PercentOfTheImpactPeak) {
  // Linear rise at 50 BW/s to 2.0 BW at 40 ms, a fall to 1.4 BW, then the active peak.
  std::vector<double> f;
  for (int i = 0; i <= 40; ++i) f.push_back(50.0 * i * kDt);
  for (int i = 1; i <= 20; ++i) f.push_back(2.0 - 0.03 * i);
  for (int i = 1; i <= 150; ++i) f.push_back(1.4 + 1.2 * std::sin(kPi * i / 150.0));
  const auto impact = FindImpactPeak(f, kDt);
  ASSERT_TRUE(impact);
  EXPECT_NEAR(impact->time_s, 0.040, 0.003);
  const auto rate = AverageLoadingRate(f, kDt, impact);
  ASSERT_TRUE(rate);
  EXPECT_NEAR(*rate, 50.0, 2.5);
}

TEST(LoadAnalysis, WithoutAnImpactPeakTheRateUsesTheForce13PercentIntoStance) {
  const double peak = 2.6, contact = 0.2;
  const std::vector<double> f = ForefootStance(peak, contact);
  const auto rate = AverageLoadingRate(f, kDt, std::nullopt);
  ASSERT_TRUE(rate);
  const double ref = peak * std::sin(kPi * 0.13);
  const double ta = contact / kPi * std::asin(0.2 * ref / peak);
  const double tb = contact / kPi * std::asin(0.8 * ref / peak);
  EXPECT_NEAR(*rate, 0.6 * ref / (tb - ta), 0.05 * 0.6 * ref / (tb - ta));
  // A rearfoot landing loads faster than a forefoot one of the same peak.
  const std::vector<double> heel = HeelStrikeStance();
  const auto heel_rate = AverageLoadingRate(heel, kDt, FindImpactPeak(heel, kDt));
  ASSERT_TRUE(heel_rate);
  EXPECT_GT(*heel_rate, 1.5 * *rate);
}

TEST(LoadAnalysis, TooShortAStanceHasNoFigures) {
  EXPECT_FALSE(FindImpactPeak({0.1, 0.2}, kDt));
  EXPECT_FALSE(AverageLoadingRate({0.1, 0.2}, kDt, std::nullopt));
}

// Runs a shipped scene and returns its summary's runner block.
nlohmann::ordered_json RunScene(const std::string& file, double seconds) {
  auto scene = LoadSceneFile(std::string(POSELAB_SOURCE_DIR) + "/" + file);
  EXPECT_TRUE(scene.ok()) << scene.error();
  SceneDesc desc = scene.value();
  desc.duration_s = seconds;
  auto sim = Simulation::Create(desc);
  EXPECT_TRUE(sim.ok());
  Simulation& s = *sim.value();
  std::vector<RunStats> stats;
  stats.emplace_back(s.runner_model(0));
  while (s.time() < seconds - 0.5 * s.timestep()) {
    EXPECT_FALSE(s.Step().diverged);
    stats[0].Observe(s.runner_state(0), s.timestep());
  }
  return BuildSummary(s, stats, "")["runners"][0];
}

TEST(LoadAnalysis, QuietStandingLoadsTheFeetWithBodyWeight) {
  const auto runner = RunScene("scenes/stance.json", 3.0);
  const double bw = runner["balance"]["mean_vertical_grf_bw"].get<double>();
  std::printf("[ measured ] quiet standing: mean vertical GRF %.4f BW\n", bw);
  EXPECT_NEAR(bw, 1.0, 0.01);
  // No steps, so no stance or stride figures: null, never made up.
  EXPECT_TRUE(runner["grf"]["peak_vertical_bw"].is_null());
  EXPECT_TRUE(runner["joints"]["knee"]["negative_work_j_kg"].is_null());
}

TEST(LoadAnalysis, ARunFillsTheGrfAndJointBlocks) {
  const auto runner = RunScene("scenes/pose.json", 16.0);
  ASSERT_FALSE(runner["fell"].get<bool>());
  const auto& grf = runner["grf"];
  const auto& joints = runner["joints"];
  std::printf("[ measured ] pose, 4-16 s: peak vGRF %.2f BW, loading rate %.0f BW/s, braking %.2f "
              "BW, propulsive %.2f BW; knee extensor %.2f N*m/kg, ankle plantarflexor %.2f N*m/kg, "
              "residual %.2f%%\n",
              grf["peak_vertical_bw"].get<double>(), grf["loading_rate_bw_s"].get<double>(),
              grf["peak_braking_bw"].get<double>(), grf["peak_propulsive_bw"].get<double>(),
              joints["knee"]["peak_extensor_moment_nm_kg"].get<double>(),
              joints["ankle"]["peak_extensor_moment_nm_kg"].get<double>(),
              100.0 * runner["inverse_dynamics_residual"].get<double>());
  EXPECT_GT(runner["load_counts"]["stances"].get<int>(), 30);
  EXPECT_GT(runner["load_counts"]["strides"].get<int>(), 15);
  // Running, not standing: the vertical force peaks well above body weight.
  EXPECT_GT(grf["peak_vertical_bw"].get<double>(), 1.8);
  EXPECT_GT(grf["peak_braking_bw"].get<double>(), 0.0);
  EXPECT_GT(grf["peak_propulsive_bw"].get<double>(), 0.0);
  for (const char* j : {"hip", "knee", "ankle"}) {
    SCOPED_TRACE(j);
    const auto& b = joints[j];
    EXPECT_GT(b["peak_extensor_moment_nm_kg"].get<double>(), 0.5);
    EXPECT_LE(b["negative_work_j_kg"].get<double>(), 0.0);
    EXPECT_GE(b["positive_work_j_kg"].get<double>(), 0.0);
    EXPECT_GT(b["peak_reaction_force_bw"].get<double>(), 1.0);
  }
  // The bar for the cross-check: under 5% of the peak moment.
  EXPECT_LT(runner["inverse_dynamics_residual"].get<double>(), 0.05);
}

}  // namespace
}  // namespace poselab::sim
