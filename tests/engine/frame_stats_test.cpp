// Frame statistics: percentiles on known data, frame-rate independent smoothing, the report.
#include "engine/frame_stats.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poselab::engine {
namespace {

TEST(FrameStats, PercentilesOfKnownData) {
  EXPECT_EQ(CalcPercentiles({}).median, 0.0);
  const Percentiles one = CalcPercentiles({7.0});
  EXPECT_EQ(one.median, 7.0);
  EXPECT_EQ(one.p95, 7.0);
  // 1..100 shuffled: the median is 50.5, the 95th percentile 95.05 (linear interpolation).
  std::vector<double> v;
  for (int i = 0; i < 100; ++i) v.push_back(static_cast<double>((i * 37) % 100 + 1));
  const Percentiles p = CalcPercentiles(v);
  EXPECT_DOUBLE_EQ(p.median, 50.5);
  EXPECT_NEAR(p.p95, 95.05, 1e-9);
}

TEST(FrameStats, SmoothingConvergesInWallTimeNotFrames) {
  // Two streams that change from 10 ms to 30 ms of physics: one at 100 fps, one at 25 fps. After
  // the same wall time they show the same smoothed value.
  auto run = [](double frame_ms) {
    FrameStats stats(0.5);
    FrameTimes f;
    f.total_ms = frame_ms;
    f[FrameStage::kPhysics] = 10.0;
    stats.Add(f);
    f[FrameStage::kPhysics] = 30.0;
    for (double t = 0.0; t < 500.0 - 1e-9; t += frame_ms) stats.Add(f);
    return stats.smoothed()[FrameStage::kPhysics];
  };
  const double fast = run(10.0), slow = run(40.0);
  // One time constant: 1 - 1/e of the way from 10 to 30.
  EXPECT_NEAR(fast, 30.0 - 20.0 * std::exp(-1.0), 0.5);
  EXPECT_NEAR(slow, fast, 0.5);
}

TEST(FrameStats, FpsFollowsTheSmoothedFrameAndHistoryIsKeptOnRequest) {
  FrameStats display(0.5, false), bench(0.5, true);
  FrameTimes f;
  f.total_ms = 25.0;
  for (int i = 0; i < 10; ++i) {
    display.Add(f);
    bench.Add(f);
  }
  EXPECT_NEAR(display.fps(), 40.0, 1e-9);
  EXPECT_TRUE(display.history().empty());
  EXPECT_EQ(bench.history().size(), 10u);
  EXPECT_EQ(bench.frames(), 10);
}

TEST(FrameStats, ReportListsEveryStageWithMedianAndP95) {
  std::vector<FrameTimes> frames(20);
  for (int i = 0; i < 20; ++i) {
    frames[i][FrameStage::kRender] = 10.0 + i;  // median 19.5
    frames[i].total_ms = 20.0 + i;              // median 29.5 -> 33.9 fps
  }
  const std::string report = FormatBenchReport(frames, 1280, 720);
  for (const char* stage : {"physics", "analysis", "render", "UI", "frame"}) {
    EXPECT_NE(report.find(stage), std::string::npos) << report;
  }
  EXPECT_NE(report.find("20 frames at 1280x720"), std::string::npos) << report;
  EXPECT_NE(report.find("19.50"), std::string::npos) << report;
  EXPECT_NE(report.find("fps: 33.9"), std::string::npos) << report;
}

}  // namespace
}  // namespace poselab::engine
