// Plot data: the window cut from the history, stance intervals, hover interpolation, axis ticks.
#include "engine/plot_data.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poselab::engine {
namespace {

// One runner, samples every 10 ms from t = 0; the right foot is in stance for samples
// [stance_from, stance_to), carrying 2 BW, and the right knee moment is the sample number.
History StanceHistory(int count, int stance_from, int stance_to) {
  History h(1, 1000, 10);
  for (int i = 0; i < count; ++i) {
    RunnerSample s;
    const bool stance = i >= stance_from && i < stance_to;
    s.stance[1] = stance;
    s.grf_y_bw[1] = stance ? 2.0f : 0.0f;
    s.moment_nm_kg[1][1] = static_cast<float>(i);
    h.Push({i * 0.01, i * 10}, {s});
  }
  return h;
}

TEST(PlotData, ChannelsReadTheirSignalAndStance) {
  RunnerSample s;
  s.grf_y_bw = {0.5f, 1.0f};
  s.stance = {false, true};
  s.moment_nm_kg[0][2] = -1.5f;
  s.power_w_kg[1][0] = 3.0f;
  PlotChannel grf;
  EXPECT_FLOAT_EQ(ChannelValue(s, grf), 1.5f);  // both feet
  EXPECT_TRUE(ChannelStance(s, grf));
  const PlotChannel left_ankle_moment{PlotChannel::Signal::kMoment, 0, 2};
  EXPECT_FLOAT_EQ(ChannelValue(s, left_ankle_moment), -1.5f);
  EXPECT_FALSE(ChannelStance(s, left_ankle_moment));  // the left foot is in the air
  const PlotChannel right_hip_power{PlotChannel::Signal::kPower, 1, 0};
  EXPECT_FLOAT_EQ(ChannelValue(s, right_hip_power), 3.0f);
  EXPECT_TRUE(ChannelStance(s, right_hip_power));
}

TEST(PlotData, TraceCoversTheWindowWithRelativeTimes) {
  const History h = StanceHistory(100, 40, 60);  // t = 0 .. 0.99
  const PlotChannel knee{PlotChannel::Signal::kMoment, 1, 1};
  const PlotTrace trace = CollectTrace(h, 0, knee, 0.90, 0.5);
  // From the sample at 0.40 (window start) to the one after the end (0.91).
  ASSERT_FALSE(trace.t.empty());
  EXPECT_NEAR(trace.t.front(), -0.5f, 1e-5);
  EXPECT_NEAR(trace.t.back(), 0.01f, 1e-5);
  EXPECT_FLOAT_EQ(trace.v.front(), 40.0f);
  ASSERT_EQ(trace.stance.size(), 1u);
  // Stance from sample 40 (t = -0.5) to sample 60, the first in flight (t = -0.3).
  EXPECT_NEAR(trace.stance[0].first, -0.5f, 1e-5);
  EXPECT_NEAR(trace.stance[0].second, -0.3f, 1e-5);
}

TEST(PlotData, OpenStanceEndsAtTheWindowEdge) {
  const History h = StanceHistory(50, 30, 1000);
  const PlotTrace trace = CollectTrace(h, 0, PlotChannel{}, 0.49, 0.3);
  ASSERT_EQ(trace.stance.size(), 1u);
  EXPECT_NEAR(trace.stance[0].first, -0.19f, 1e-5);
  EXPECT_NEAR(trace.stance[0].second, 0.0f, 1e-5);
}

TEST(PlotData, ScrubbedWindowEndsAtTheCursor) {
  const History h = StanceHistory(100, 0, 0);
  const PlotChannel knee{PlotChannel::Signal::kMoment, 1, 1};
  const PlotTrace trace = CollectTrace(h, 0, knee, 0.30, 0.2);
  // Relative time 0 is the cursor: the value there is sample 30's.
  EXPECT_NEAR(TraceValueAt(trace, 0.0f).value(), 30.0f, 1e-3);
  EXPECT_NEAR(TraceValueAt(trace, -0.105f).value(), 19.5f, 1e-3);  // interpolated
  EXPECT_FALSE(TraceValueAt(trace, -0.5f).has_value());
}

TEST(PlotData, EmptyHistoryGivesAnEmptyTrace) {
  const History h(1, 10, 5);
  const PlotTrace trace = CollectTrace(h, 0, PlotChannel{}, 1.0, 1.2);
  EXPECT_TRUE(trace.t.empty());
  EXPECT_FALSE(TraceValueAt(trace, 0.0f).has_value());
}

TEST(PlotData, NiceAxisRoundsOutToRoundSteps) {
  const AxisScale grf = NiceAxis(0.0f, 2.63f, 4);
  EXPECT_FLOAT_EQ(grf.step, 1.0f);
  EXPECT_FLOAT_EQ(grf.lo, 0.0f);
  EXPECT_FLOAT_EQ(grf.hi, 3.0f);
  const AxisScale moment = NiceAxis(-0.7f, 3.1f, 5);
  EXPECT_FLOAT_EQ(moment.step, 1.0f);
  EXPECT_FLOAT_EQ(moment.lo, -1.0f);
  EXPECT_FLOAT_EQ(moment.hi, 4.0f);
  const AxisScale power = NiceAxis(-23.0f, 11.0f, 4);
  EXPECT_FLOAT_EQ(power.step, 10.0f);
  EXPECT_FLOAT_EQ(power.lo, -30.0f);
  EXPECT_FLOAT_EQ(power.hi, 20.0f);
  // A flat signal still gets a usable range.
  const AxisScale flat = NiceAxis(0.0f, 0.0f, 4);
  EXPECT_GT(flat.hi, flat.lo);
  EXPECT_GT(flat.step, 0.0f);
}

}  // namespace
}  // namespace poselab::engine
