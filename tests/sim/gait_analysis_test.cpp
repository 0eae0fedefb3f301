// Gait event detection and gait figures on synthetic signals with known answers.
#include "sim/analysis/gait_analysis.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poselab::sim {
namespace {

constexpr double kWeightN = 700.0;
constexpr double kDt = 0.001;

// A synthetic gait: feet alternate, each loaded for `contact_s` starting every `step_s`; the COM
// moves forward at `speed` and bobs with peak-to-peak `oscillation`; the trunk leans forward.
struct SyntheticGait {
  double step_s = 60.0 / 180.0;
  double contact_s = 0.22;
  double speed = 3.5;
  double oscillation = 0.08;
  double trunk_lean_deg = 10.0;
  double foot_angle_deg = 15.0;   // sole at touchdown, + toes up
  double landing_ahead_m = 0.25;  // contact point ahead of the COM at touchdown
  double shin_deg = 6.0;          // ankle ahead of knee at touchdown
  double left_delay_s = 0.0;      // extra delay of left touchdowns (asymmetry)
  double accel = 0.0;             // forward acceleration of the COM, m/s^2
};

GaitAnalyzer Simulate(const SyntheticGait& g, double seconds) {
  GaitAnalyzer analyzer(kWeightN);
  const double lean = g.trunk_lean_deg * kDegToRad;
  const double fa = g.foot_angle_deg * kDegToRad;
  const double sh = g.shin_deg * kDegToRad;
  for (int i = 1; i * kDt <= seconds; ++i) {
    const double t = i * kDt;
    GaitObservation obs;
    obs.com = {g.speed * t + 0.5 * g.accel * t * t,
               1.0 + 0.5 * g.oscillation * std::cos(2.0 * kPi * t / g.step_s), 0.0};
    obs.trunk_up = {std::sin(lean), std::cos(lean), 0.0};
    for (int f = 0; f < 2; ++f) {
      // Foot f touches down at (2k + f) * step_s (+ delay for the left foot).
      const double start = f == 0 ? g.left_delay_s : g.step_s;
      const double phase = std::fmod(t - start + 10.0 * 2.0 * g.step_s, 2.0 * g.step_s);
      const bool loaded = t >= start && phase < g.contact_s;
      obs.foot_fy[f] = loaded ? 2.0 * kWeightN * std::sin(kPi * phase / g.contact_s) + 50.0 : 0.0;
      obs.foot_contact[f] = {obs.com.x + g.landing_ahead_m - g.speed * phase, 0.0, 0.0};
      obs.ankle[f] = obs.foot_contact[f] + Vec3{0.0, 0.07, 0.0};
      obs.knee[f] = obs.ankle[f] + Vec3{-0.45 * std::sin(sh), 0.45 * std::cos(sh), 0.0};
      obs.foot_forward[f] = {std::cos(fa), std::sin(fa), 0.0};
      obs.first_contact[f] = "heel";
    }
    analyzer.Observe(t, obs);
  }
  return analyzer;
}

TEST(GaitAnalysis, StrikePatternFollowsAltmanAndDavisThresholds) {
  EXPECT_EQ(ClassifyStrike(15.0), StrikePattern::kRearfoot);
  EXPECT_EQ(ClassifyStrike(8.1), StrikePattern::kRearfoot);
  EXPECT_EQ(ClassifyStrike(8.0), StrikePattern::kMidfoot);
  EXPECT_EQ(ClassifyStrike(0.0), StrikePattern::kMidfoot);
  EXPECT_EQ(ClassifyStrike(-1.6), StrikePattern::kMidfoot);
  EXPECT_EQ(ClassifyStrike(-1.7), StrikePattern::kForefoot);
}

TEST(GaitAnalysis, RunningFiguresMatchTheSyntheticGait) {
  const SyntheticGait g;
  const GaitAnalyzer a = Simulate(g, 20.0);
  const GaitSummary s = a.Summarize(5.0);
  // One touchdown every step: 15 s of steady state at 180 steps/min is 45 steps (+-1 at ends).
  EXPECT_NEAR(s.steps, 45, 1);
  ASSERT_TRUE(s.cadence_spm && s.speed_mps && s.contact_time_s && s.flight_time_s);
  EXPECT_NEAR(*s.cadence_spm, 180.0, 0.2);
  EXPECT_NEAR(*s.speed_mps, g.speed, 0.01);
  EXPECT_NEAR(*s.step_length_m, g.speed * g.step_s, 0.01);
  EXPECT_NEAR(*s.stride_length_m, 2.0 * g.speed * g.step_s, 0.02);
  // Contact ends when the load falls below 2% BW: within a few ms of the synthetic end.
  EXPECT_NEAR(*s.contact_time_s, g.contact_s, 0.01);
  EXPECT_NEAR(*s.flight_time_s, g.step_s - g.contact_s, 0.01);
  EXPECT_NEAR(*s.duty_factor, g.contact_s / (2.0 * g.step_s), 0.01);
  EXPECT_NEAR(*s.vertical_oscillation_m, g.oscillation, 0.002);
  EXPECT_NEAR(*s.trunk_lean_deg, g.trunk_lean_deg, 0.01);
  EXPECT_NEAR(*s.landing_distance_m, g.landing_ahead_m, 0.01);
  EXPECT_NEAR(*s.shin_angle_deg, g.shin_deg, 0.01);
  EXPECT_NEAR(*s.foot_strike_angle_deg, g.foot_angle_deg, 0.01);
  ASSERT_TRUE(s.strike_counts);
  EXPECT_EQ((*s.strike_counts)[0], s.steps);  // all rearfoot
  ASSERT_TRUE(s.left_right_step_time_ratio);
  EXPECT_NEAR(*s.left_right_step_time_ratio, 1.0, 0.01);
}

TEST(GaitAnalysis, OverlappingContactsHaveNoFlightAndDutyFactorAboveHalf) {
  SyntheticGait walk;
  walk.step_s = 0.55;
  walk.contact_s = 0.65;  // both feet down at once: double support, no flight
  walk.speed = 1.4;
  const GaitSummary s = Simulate(walk, 20.0).Summarize(5.0);
  ASSERT_TRUE(s.flight_time_s && s.duty_factor);
  EXPECT_DOUBLE_EQ(*s.flight_time_s, 0.0);
  EXPECT_GT(*s.duty_factor, 0.5);
}

TEST(GaitAnalysis, AsymmetricStepTimesShowInTheLeftRightRatio) {
  SyntheticGait limp;
  limp.left_delay_s = 0.05;  // left touchdowns 50 ms late: left steps longer, right shorter
  const GaitSummary s = Simulate(limp, 20.0).Summarize(5.0);
  ASSERT_TRUE(s.left_right_step_time_ratio);
  EXPECT_NEAR(*s.left_right_step_time_ratio, (limp.step_s + 0.05) / (limp.step_s - 0.05), 0.02);
}

TEST(GaitAnalysis, TouchdownsCloserThanTheComSamplingStillGiveAFiniteOscillation) {
  // A stumbling runner: the left foot lands 4 ms before the right, within one COM sample
  // interval (10 ms), so no COM sample falls inside that "step".
  SyntheticGait stumble;
  stumble.left_delay_s = stumble.step_s - 0.004;
  const GaitSummary s = Simulate(stumble, 20.0).Summarize(5.0);
  ASSERT_TRUE(s.vertical_oscillation_m);
  EXPECT_GE(*s.vertical_oscillation_m, 0.0);
  EXPECT_LT(*s.vertical_oscillation_m, 2.0 * stumble.oscillation);
}

TEST(GaitAnalysis, ForceChatterAtTouchdownMakesOneEventNotMany) {
  GaitAnalyzer a(kWeightN);
  GaitObservation obs;
  // Load bounces across both thresholds every millisecond for 20 ms, then stays on.
  for (int i = 0; i < 200; ++i) {
    obs.foot_fy[0] = i < 20 ? (i % 2 ? 0.0 : 0.1 * kWeightN) : kWeightN;
    a.Observe(i * kDt, obs);
  }
  ASSERT_EQ(a.events().size(), 1u);
  EXPECT_EQ(a.events()[0].type, GaitEvent::Type::kTouchdown);
  EXPECT_EQ(a.events()[0].foot, 0);
}

TEST(GaitAnalysis, SteadySpeedIsSteadyAndASpeedingUpRunnerIsNot) {
  const GaitSummary steady = Simulate(SyntheticGait{}, 10.0).Summarize(2.0);
  ASSERT_TRUE(steady.speed_steady && steady.speed_change_mps);
  EXPECT_TRUE(*steady.speed_steady);
  EXPECT_NEAR(*steady.speed_change_mps, 0.0, 0.01);
  // 0.05 m/s^2 over the 8 s window: 0.4 m/s of change, beyond 5% of about 3.8 m/s.
  SyntheticGait faster;
  faster.accel = 0.05;
  const GaitSummary speeding = Simulate(faster, 10.0).Summarize(2.0);
  ASSERT_TRUE(speeding.speed_steady && speeding.speed_change_mps);
  EXPECT_FALSE(*speeding.speed_steady);
  EXPECT_NEAR(*speeding.speed_change_mps, 0.05 * 8.0, 0.05);
  EXPECT_GT(SteadySpeedTolerance(3.8), 0.1);
}

TEST(GaitAnalysis, StandingHasNoStepsAndNoFigures) {
  GaitAnalyzer a(kWeightN);
  GaitObservation obs;
  obs.foot_fy = {0.5 * kWeightN, 0.5 * kWeightN};
  for (int i = 1; i <= 5000; ++i) a.Observe(i * kDt, obs);
  const GaitSummary s = a.Summarize(1.0);
  EXPECT_EQ(s.steps, 0);
  EXPECT_FALSE(s.cadence_spm);
  EXPECT_FALSE(s.speed_mps);
  EXPECT_FALSE(s.strike_counts);
}

}  // namespace
}  // namespace poselab::sim
