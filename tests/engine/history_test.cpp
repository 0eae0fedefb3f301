// History: sampling rate and capacity, time lookup across the ring's wrap-around, the scrubber's
// index maths and replay, and the drawing state rebuilt from samples.
#include "engine/history.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poselab::engine {
namespace {

constexpr double kDt = 1e-3;

// A history of one runner with samples every `every` steps of kDt from step `first_step` on;
// each sample's COM x holds its sample number, so tests can tell which one they got.
History Filled(size_t capacity, int every, int count, int first_step = 0) {
  History history(1, capacity, every);
  for (int i = 0; i < count; ++i) {
    RunnerSample s;
    s.com = glm::vec3(static_cast<float>(i), 1.0f, 0.0f);
    const int64_t step = first_step + static_cast<int64_t>(i) * every;
    history.Push({static_cast<double>(step) * kDt, step}, {s});
  }
  return history;
}

TEST(History, SamplesAt200HzAndHoldsThirtySeconds) {
  EXPECT_EQ(History::SampleEverySteps(1e-3), 5);
  EXPECT_EQ(History::SampleEverySteps(5e-4), 10);
  EXPECT_EQ(History::SampleEverySteps(5e-3), 1);  // never fewer than one step
  // 30 s at 5 ms: 6000 intervals, 6001 samples.
  EXPECT_EQ(History::CapacityFor(1e-3), 6001u);
  const double dt = 5e-3;
  const double covered = (History::CapacityFor(dt) - 1) * History::SampleEverySteps(dt) * dt;
  EXPECT_GE(covered, kHistorySeconds - 1e-9);
}

TEST(History, TimeLookupFindsTheSampleAtOrBefore) {
  const History h = Filled(100, 5, 10);  // t = 0, 0.005, ..., 0.045
  EXPECT_EQ(h.IndexAtOrBefore(0.0).value(), 0u);
  EXPECT_EQ(h.IndexAtOrBefore(0.012).value(), 2u);
  EXPECT_EQ(h.IndexAtOrBefore(0.015).value(), 3u);  // exactly on a sample
  EXPECT_EQ(h.IndexAtOrBefore(1.0).value(), 9u);    // after the newest
  EXPECT_FALSE(h.IndexAtOrBefore(-0.001).has_value());
  EXPECT_EQ(h.NearestIndex(0.0124).value(), 2u);
  EXPECT_EQ(h.NearestIndex(0.0126).value(), 3u);
  EXPECT_EQ(h.NearestIndex(-5.0).value(), 0u);
}

TEST(History, TimeLookupWorksAfterTheRingWrapped) {
  // Capacity 8, 20 samples pushed: samples 12..19 remain (t = 0.060 .. 0.095).
  const History h = Filled(8, 5, 20);
  ASSERT_EQ(h.size(), 8u);
  EXPECT_NEAR(h.oldest_time_s(), 0.060, 1e-12);
  EXPECT_NEAR(h.newest_time_s(), 0.095, 1e-12);
  const std::optional<size_t> i = h.IndexAtOrBefore(0.072);
  ASSERT_TRUE(i.has_value());
  EXPECT_EQ(h.sample(0, *i).com.x, 14.0f);  // sample 14 at t = 0.070
  EXPECT_EQ(h.time(*i).step, 70);
  EXPECT_FALSE(h.IndexAtOrBefore(0.059).has_value());  // overwritten already
}

TEST(History, PhaseLabelsAreInterned) {
  History h(2, 4, 1);
  const uint8_t a = h.InternPhase(0, "flight");
  const uint8_t b = h.InternPhase(0, "pose");
  EXPECT_NE(a, b);
  EXPECT_EQ(h.InternPhase(0, "flight"), a);
  EXPECT_EQ(h.phase_name(0, b), "pose");
  EXPECT_EQ(h.phase_name(1, a), "");  // runners have their own tables
}

TEST(ScrubIndex, StepIndexClampsToTheHistory) {
  EXPECT_EQ(StepIndex(5, -2, 10), 3u);
  EXPECT_EQ(StepIndex(1, -5, 10), 0u);
  EXPECT_EQ(StepIndex(8, 5, 10), 9u);
  EXPECT_EQ(StepIndex(0, 3, 0), 0u);
}

TEST(Scrubber, StepsBackFromLiveAndClampsAtTheOldestSample) {
  const History h = Filled(8, 5, 20);  // samples 12..19
  Scrubber scrub;
  EXPECT_FALSE(scrub.active());
  EXPECT_EQ(scrub.Index(h).value(), 7u);  // live: the newest
  scrub.StepSamples(h, -1);
  ASSERT_TRUE(scrub.active());
  EXPECT_EQ(h.sample(0, scrub.Index(h).value()).com.x, 18.0f);
  scrub.StepSamples(h, -100);
  EXPECT_EQ(scrub.Index(h).value(), 0u);
  EXPECT_NEAR(scrub.ShownTime(h), 0.060, 1e-12);
  scrub.StepSamples(h, 3);
  EXPECT_EQ(h.sample(0, scrub.Index(h).value()).com.x, 15.0f);
  scrub.Release();
  EXPECT_FALSE(scrub.active());
  EXPECT_NEAR(scrub.ShownTime(h), 0.095, 1e-12);
}

TEST(Scrubber, SetTimeClampsAndStepsFromBetweenSamples) {
  const History h = Filled(100, 5, 10);  // t = 0 .. 0.045
  Scrubber scrub;
  scrub.SetTime(h, 0.0123);  // between samples 2 and 3
  EXPECT_EQ(scrub.Index(h).value(), 2u);
  scrub.StepSamples(h, -1);  // back lands on the earlier neighbour
  EXPECT_EQ(scrub.Index(h).value(), 2u);
  EXPECT_NEAR(scrub.ShownTime(h), 0.010, 1e-12);
  scrub.SetTime(h, 0.0123);
  scrub.StepSamples(h, 1);  // forward lands on the later one
  EXPECT_EQ(scrub.Index(h).value(), 3u);
  scrub.SetTime(h, 99.0);
  EXPECT_NEAR(scrub.ShownTime(h), 0.045, 1e-12);
  scrub.SetTime(h, -99.0);
  EXPECT_NEAR(scrub.ShownTime(h), 0.0, 1e-12);
}

TEST(Scrubber, ReplayAdvancesAndGoesLiveAtTheNewestSample) {
  const History h = Filled(100, 5, 10);
  Scrubber scrub;
  scrub.SetTime(h, 0.010);
  EXPECT_FALSE(scrub.Advance(h, 0.02));
  EXPECT_NEAR(scrub.ShownTime(h), 0.030, 1e-12);
  EXPECT_TRUE(scrub.Advance(h, 0.02));  // would pass 0.045
  EXPECT_FALSE(scrub.active());
  EXPECT_FALSE(scrub.Advance(h, 0.02));  // live: nothing to replay
}

TEST(History, DrawStateInterpolatesThePoseBetweenSamples) {
  History h(1, 4, 5);
  RunnerSample a, b;
  for (int s = 0; s < sim::kSegCount; ++s) {
    a.segment_orientation[s] = glm::quat(1.0f, 0.0f, 0.0f, 0.0f);
    // 90 degrees about Y at the next sample.
    b.segment_orientation[s] = glm::angleAxis(static_cast<float>(sim::kPi / 2), glm::vec3(0, 1, 0));
    a.segment_position[s] = glm::vec3(0.0f, 1.0f, 0.0f);
    b.segment_position[s] = glm::vec3(1.0f, 1.0f, 0.0f);
  }
  a.foot_force[0] = glm::vec3(0.0f, 700.0f, 0.0f);
  a.cop[0] = glm::vec3(0.1f, 0.0f, 0.0f);
  a.cop_valid[0] = true;
  h.Push({0.0, 0}, {a});
  h.Push({0.005, 5}, {b});
  const sim::RunnerState mid = DrawStateAt(h, 0, 0.0025);
  ASSERT_EQ(mid.segment_poses.size(), static_cast<size_t>(sim::kSegCount));
  EXPECT_NEAR(mid.segment_poses[sim::kPelvis].position.x, 0.5, 1e-6);
  // Halfway by slerp: 45 degrees about Y.
  const double angle = glm::angle(mid.segment_poses[sim::kTrunk].orientation);
  EXPECT_NEAR(angle, sim::kPi / 4, 1e-5);
  // Forces come from the earlier sample, as one contact at its centre of pressure.
  ASSERT_EQ(mid.contacts.size(), 1u);
  EXPECT_EQ(mid.contacts[0].segment, sim::kLeftFoot);
  EXPECT_NEAR(mid.contacts[0].position.x, 0.1, 1e-6);
  const std::optional<sim::Vec3> cop = sim::CentreOfPressure(mid, sim::kLeftFoot, 1.0);
  ASSERT_TRUE(cop.has_value());
  EXPECT_NEAR(cop->x, 0.1, 1e-6);
  EXPECT_FALSE(sim::CentreOfPressure(mid, sim::kRightFoot, 1.0).has_value());
}

}  // namespace
}  // namespace poselab::engine
