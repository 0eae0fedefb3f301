// Track drawing: lane lines around the runners' lanes, and the distance numbers.
#include "engine/track_layout.h"

#include <gtest/gtest.h>

namespace poselab::engine {
namespace {

TEST(TrackLayout, OneRunnerGetsOneStandardLane) {
  const TrackLayout t = CalcTrackLayout({0.0f});
  ASSERT_EQ(t.lane_lines_z.size(), 2u);
  EXPECT_FLOAT_EQ(t.lane_lines_z[0], -0.61f);
  EXPECT_FLOAT_EQ(t.lane_lines_z[1], 0.61f);
}

TEST(TrackLayout, AdjacentLanesShareTheLineBetweenThem) {
  // Given in any order; each runner ends up between two lines.
  const TrackLayout t = CalcTrackLayout({1.22f, 0.0f});
  ASSERT_EQ(t.lane_lines_z.size(), 3u);
  EXPECT_FLOAT_EQ(t.lane_lines_z[0], -0.61f);
  EXPECT_FLOAT_EQ(t.lane_lines_z[1], 0.61f);
  EXPECT_FLOAT_EQ(t.lane_lines_z[2], 1.83f);
  // Runners closer than a standard lane get narrower lanes, never overlapping ones.
  const TrackLayout narrow = CalcTrackLayout({0.0f, 0.8f});
  EXPECT_FLOAT_EQ(narrow.lane_width_m, 0.8f);
  EXPECT_FLOAT_EQ(narrow.lane_lines_z.front(), -0.4f);
  EXPECT_FLOAT_EQ(narrow.lane_lines_z.back(), 1.2f);
}

TEST(TrackLayout, RunnersInOneLaneShareItAndManyLanesAreCapped) {
  EXPECT_EQ(CalcTrackLayout({0.0f, 0.1f}).lane_lines_z.size(), 2u);
  std::vector<float> lanes;
  for (int i = 0; i < 12; ++i) lanes.push_back(1.22f * static_cast<float>(i));
  EXPECT_EQ(static_cast<int>(CalcTrackLayout(lanes).lane_lines_z.size()), kMaxLaneLines);
  EXPECT_EQ(CalcTrackLayout({}).lane_lines_z.size(), 2u);  // no runner: one lane at z = 0
}

TEST(TrackLayout, DistanceNumbersAtMultiplesOfTheirSpacing) {
  const std::vector<DistanceMark> marks = CalcDistanceMarks(-3.0f, 12.0f, 5.0f);
  ASSERT_EQ(marks.size(), 3u);
  EXPECT_EQ(marks[0].text, "0 m");
  EXPECT_EQ(marks[1].text, "5 m");
  EXPECT_EQ(marks[2].text, "10 m");
  EXPECT_FLOAT_EQ(marks[2].x_m, 10.0f);
  EXPECT_EQ(CalcDistanceMarks(-12.0f, -9.0f, 5.0f).front().text, "-10 m");
  EXPECT_TRUE(CalcDistanceMarks(1.0f, 4.0f, 5.0f).empty());
  EXPECT_TRUE(CalcDistanceMarks(0.0f, 10.0f, 0.0f).empty());
}

}  // namespace
}  // namespace poselab::engine
