// Ground reaction force figures on synthetic signals with known answers (impact peak, loading
// rate), the force under a body standing still, and the grf and joints blocks of a simulated run.
#include "sim/analysis/load_analysis.h"

#include <gtest/gtest.h>

#include <algorithm>
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

TEST(LoadAnalysis, TheFilteredForceDoesNotDependOnTheSampleStep) {
  // A landing that loads 2.5 BW within 3 ms, sampled at 1 ms and at 0.5 ms: the 10 ms filter
  // window is 10 ms wide at both, so the loading rate and the peak agree. (An 11-sample window
  // at 1 ms is 11 ms wide against 10.5 ms at 0.5 ms, and read a rate 5% lower.)
  auto landing = [](double dt) {
    std::vector<double> f;
    for (double t = 0.0; t < 0.2 - 1e-9; t += dt) {
      f.push_back(std::min(t / 0.003, 1.0) * 2.5 * (t < 0.1 ? 1.0 : (0.2 - t) / 0.1));
    }
    return f;
  };
  const auto coarse = AverageLoadingRate(landing(0.001), 0.001, std::nullopt);
  const auto fine = AverageLoadingRate(landing(0.0005), 0.0005, std::nullopt);
  ASSERT_TRUE(coarse && fine);
  std::printf("[ measured ] loading rate of a 3 ms rise: %.1f BW/s at 1 ms, %.1f at 0.5 ms\n",
              *coarse, *fine);
  EXPECT_NEAR(*coarse / *fine, 1.0, 0.02);
}

TEST(LoadAnalysis, TheLoadingRateDoesNotHingeOnWhereTheSamplesFall) {
  // A forefoot slap like the heel striker's: 5 BW reached 20 ms after touchdown along a sine,
  // down to 1 BW by 40 ms, then 1 BW to the end of a 0.29 s stance (no impact peak: the rate is
  // taken to the force 13% into the stance, on the spike's falling edge). Sampled from
  // touchdown every 1, 0.5 and 0.125 ms, it must read one rate: the 20% and 80% levels are
  // crossed between samples (taking the first sample past each read 4.5% high at 1 ms).
  auto slap = [](double dt) {
    std::vector<double> f;
    for (int i = 0; i * dt < 0.29 - 1e-12; ++i) {
      const double t = i * dt;
      if (t < 0.02) {
        f.push_back(5.0 * std::sin(kPi * t / 0.04));
      } else if (t < 0.04) {
        f.push_back(1.0 + 4.0 * 0.5 * (1.0 + std::cos(kPi * (t - 0.02) / 0.02)));
      } else {
        f.push_back(1.0);
      }
    }
    return f;
  };
  const auto fine = AverageLoadingRate(slap(0.000125), 0.000125, std::nullopt);
  ASSERT_TRUE(fine);
  for (double dt : {0.001, 0.0005}) {
    const auto rate = AverageLoadingRate(slap(dt), dt, std::nullopt);
    ASSERT_TRUE(rate);
    std::printf("[ measured ] slap sampled every %.2f ms: %.1f BW/s (every 0.125 ms: %.1f)\n",
                dt * 1e3, *rate, *fine);
    EXPECT_NEAR(*rate / *fine, 1.0, 0.01) << "dt " << dt;
  }
}

TEST(LoadAnalysis, NormalisingAStanceResamplesItTo101PointsByLinearInterpolation) {
  // A ramp over 11 samples lands exactly on every 10th percent, halfway between in between.
  std::vector<double> ramp;
  for (int i = 0; i <= 10; ++i) ramp.push_back(2.0 * i);
  const auto c = NormaliseToStance(ramp);
  ASSERT_EQ(c.size(), 101u);
  for (int p = 0; p <= 100; ++p) EXPECT_NEAR(c[p], 0.2 * p, 1e-12) << p << "%";
  // A half sine sampled from end to end keeps its shape whatever its length: 0 at the ends, the
  // peak at 50%, within the interpolation error in between.
  for (int n : {37, 200, 1001}) {
    std::vector<double> sine;
    for (int i = 0; i < n; ++i) sine.push_back(2.0 * std::sin(kPi * i / (n - 1)));
    const auto s = NormaliseToStance(sine);
    EXPECT_NEAR(s[0], 0.0, 1e-12);
    EXPECT_NEAR(s[100], 0.0, 1e-12);
    EXPECT_NEAR(s[50], 2.0, 0.01) << n;
    EXPECT_NEAR(s[25], 2.0 * std::sin(kPi * 0.25), 0.01) << n;
  }
  // One sample: that value throughout.
  const auto one = NormaliseToStance({1.5});
  EXPECT_EQ(one[0], 1.5);
  EXPECT_EQ(one[100], 1.5);
}

// Runs a shipped scene and returns its summary's runner block (and its stance curves, when asked).
nlohmann::ordered_json RunScene(const std::string& file, double seconds,
                                StanceProfile* profile = nullptr) {
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
  if (profile) *profile = stats[0].loads().Profile(RunStats::WarmupSeconds(s.time()));
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
  StanceProfile profile;
  const auto runner = RunScene("scenes/pose.json", 16.0, &profile);
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
  // The summary's impact peak is the mean over the stances that have one, and only when at
  // least half of them do; the count says how many did either way.
  const int stances = runner["load_counts"]["stances"].get<int>();
  const int with_impact = runner["load_counts"]["stances_with_impact_peak"].get<int>();
  EXPECT_GE(with_impact, 0);
  EXPECT_LE(with_impact, stances);
  EXPECT_EQ(grf["impact_peak_bw"].is_null(), 2 * with_impact < stances) << with_impact;
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

  // Stance curves over the same stances (the 12 s after the warm-up).
  EXPECT_GE(profile.stances, runner["load_counts"]["stances"].get<int>() - 2);
  const auto& fy = profile.mean[0];
  const auto& fx = profile.mean[1];
  // Vertical impulse: over a steady step the feet carry body weight on average, so the mean
  // stance force times the contact time is the step time (the filter moves a little force past
  // the stance's ends: within 6%).
  double fy_mean = 0.0;
  for (int p = 0; p < 100; ++p) fy_mean += 0.005 * (fy[p] + fy[p + 1]);
  const auto& gait = runner["gait"];
  const double impulse_bw_s = fy_mean * gait["contact_time_s"].get<double>();
  const double step_s = 60.0 / gait["cadence_spm"].get<double>();
  std::printf("[ measured ] pose stance curves over %d stances: mean %.3f BW over the stance, "
              "impulse %.4f BW*s against a %.4f s step; peak at %d%%\n",
              profile.stances, fy_mean, impulse_bw_s, step_s,
              static_cast<int>(std::max_element(fy.begin(), fy.end()) - fy.begin()));
  EXPECT_NEAR(impulse_bw_s / step_s, 1.0, 0.06);
  // One smooth peak mid-stance, near the summary's mean peak (a mean curve peaks lower).
  const int peak_at = static_cast<int>(std::max_element(fy.begin(), fy.end()) - fy.begin());
  EXPECT_GE(peak_at, 20);
  EXPECT_LE(peak_at, 60);
  EXPECT_LE(fy[peak_at], grf["peak_vertical_bw"].get<double>() + 1e-9);
  EXPECT_GT(fy[peak_at], 0.85 * grf["peak_vertical_bw"].get<double>());
  // Braking first, propulsion last.
  double early = 0.0, late = 0.0;
  for (int p = 0; p <= 30; ++p) early += fx[p];
  for (int p = 70; p <= 100; ++p) late += fx[p];
  EXPECT_LT(early, 0.0);
  EXPECT_GT(late, 0.0);
  // The knee flexes under the load and holds an extensor (negative) moment at the force peak.
  const auto& knee = profile.mean[3];
  const int knee_peak = static_cast<int>(std::max_element(knee.begin(), knee.end()) - knee.begin());
  EXPECT_GT(knee[knee_peak], knee[0] + 10.0);
  EXPECT_LT(profile.mean[6][peak_at], -0.5);
  for (int ch = 0; ch < StanceProfile::kChannels; ++ch) {
    for (int p = 0; p < StanceProfile::kPoints; ++p) {
      ASSERT_TRUE(std::isfinite(profile.mean[ch][p]) && profile.sd[ch][p] >= 0.0)
          << StanceProfile::kNames[ch] << " " << p << "%";
    }
  }
}

TEST(LoadAnalysis, StandingStillHasNoStanceCurves) {
  StanceProfile profile;
  RunScene("scenes/stance.json", 3.0, &profile);
  EXPECT_EQ(profile.stances, 0);
}

}  // namespace
}  // namespace poselab::sim
