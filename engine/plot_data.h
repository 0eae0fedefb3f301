// Plot data: the series the viewer's plots draw, cut from the history for a time window, with
// the stance intervals to shade, and axis scaling with round tick steps. GL-free, so the maths
// is unit-tested; engine/plots.cpp draws the result with ImGui.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "engine/history.h"

namespace poselab::engine {

// The plots show the last ~3 strides of running (a stride is 0.6-0.75 s at 160-200 steps/min
// counting both feet, so 1.2 s holds about two strides and three or four stances of each runner).
constexpr double kPlotSpanS = 1.2;

// What a plot draws from a runner sample.
struct PlotChannel {
  enum class Signal { kGrf, kMoment, kPower };
  Signal signal = Signal::kGrf;
  int leg = 1;    // 0 left, 1 right (moments and powers)
  int joint = 0;  // 0 hip, 1 knee, 2 ankle (moments and powers)
};

// The channel's value: vertical GRF of both feet (BW), or the leg's joint moment (N m/kg,
// extensor +) or power (W/kg).
float ChannelValue(const RunnerSample& sample, const PlotChannel& channel);
// Whether the sample counts as stance for shading: either foot for the GRF, the leg's own foot
// for its joints.
bool ChannelStance(const RunnerSample& sample, const PlotChannel& channel);

// One runner's series in a window ending at `end_time_s`; times relative to it (<= 0).
struct PlotTrace {
  std::vector<float> t, v;
  std::vector<std::pair<float, float>> stance;  // [start, end] intervals, relative times
};

// The samples within [end - span, end], plus one on each side when there is one (so the line
// reaches the plot's edges). A stance interval runs from its first stance sample to the first
// sample after it (or the window's end).
PlotTrace CollectTrace(const History& history, size_t runner, const PlotChannel& channel,
                       double end_time_s, double span_s);

// The value at relative time `t` by linear interpolation; empty outside the trace.
std::optional<float> TraceValueAt(const PlotTrace& trace, float t);

// An axis range enclosing [lo, hi] with a round tick step (1, 2 or 5 times a power of ten) and
// at most `max_ticks` intervals; the range grows outwards to whole steps.
struct AxisScale {
  float lo = 0.0f, hi = 1.0f, step = 0.5f;
};
AxisScale NiceAxis(float lo, float hi, int max_ticks);

}  // namespace poselab::engine
