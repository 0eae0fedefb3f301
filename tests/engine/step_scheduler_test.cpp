// StepScheduler: simulated time tracks wall time times speed, remainders carry, long frames cap.
#include "engine/step_scheduler.h"

#include <gtest/gtest.h>

#include <limits>

namespace poselab::engine {
namespace {

constexpr double kDt = 1e-3;  // the scenes' default physics step

// Steps taken over `frames` frames of `frame_s` each.
int StepsOver(StepScheduler* scheduler, int frames, double frame_s, double speed) {
  int steps = 0;
  for (int i = 0; i < frames; ++i) steps += scheduler->Advance(frame_s, speed);
  return steps;
}

TEST(StepScheduler, UnitSpeedTracksWallTime) {
  StepScheduler scheduler(kDt);
  // 60 frames at 60 Hz = 1 s = 1000 steps; 16.67 steps per frame, so remainders must carry.
  EXPECT_EQ(StepsOver(&scheduler, 60, 1.0 / 60.0, 1.0), 1000);
}

TEST(StepScheduler, SpeedScalesSimulatedTime) {
  StepScheduler slow(kDt);
  EXPECT_EQ(StepsOver(&slow, 120, 1.0 / 60.0, 0.05), 100);  // 2 s wall at 0.05x = 0.1 s
  StepScheduler fast(kDt);
  EXPECT_EQ(StepsOver(&fast, 60, 1.0 / 60.0, 2.0), 2000);
}

TEST(StepScheduler, SlowSpeedStepsOnlySomeFrames) {
  StepScheduler scheduler(kDt);
  // 0.1x at 60 Hz: 1.67 ms of simulated time per frame, so frames alternate 1 and 2 steps.
  for (int i = 0; i < 30; ++i) {
    const int steps = scheduler.Advance(1.0 / 60.0, 0.1);
    EXPECT_GE(steps, 1);
    EXPECT_LE(steps, 2);
  }
}

TEST(StepScheduler, LongFramesAreCapped) {
  StepScheduler scheduler(kDt);
  // A 2 s stall counts as kMaxFrameS: the sim falls behind instead of catching up.
  const int steps = scheduler.Advance(2.0, 1.0);
  EXPECT_NEAR(steps, StepScheduler::kMaxFrameS / kDt, 1.0);
  EXPECT_LT(scheduler.accumulator(), kDt);
}

TEST(StepScheduler, NegativeOrNonFiniteInputsAddNothing) {
  StepScheduler scheduler(kDt);
  EXPECT_EQ(scheduler.Advance(-1.0, 1.0), 0);
  EXPECT_EQ(scheduler.Advance(0.016, -3.0), 0);
  EXPECT_EQ(scheduler.Advance(std::numeric_limits<double>::infinity(), 1.0), 0);
  EXPECT_EQ(scheduler.accumulator(), 0.0);
}

TEST(StepScheduler, ResetDropsTheRemainder) {
  StepScheduler scheduler(kDt);
  EXPECT_EQ(scheduler.Advance(0.0015, 1.0), 1);
  EXPECT_GT(scheduler.accumulator(), 0.0);
  scheduler.Reset();
  EXPECT_EQ(scheduler.accumulator(), 0.0);
  EXPECT_EQ(scheduler.Advance(0.0005, 1.0), 0);
}

}  // namespace
}  // namespace poselab::engine
