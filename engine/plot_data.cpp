// Plot series, stance intervals, axis scaling.
#include "engine/plot_data.h"

#include <algorithm>
#include <cmath>

namespace poselab::engine {

float ChannelValue(const RunnerSample& sample, const PlotChannel& channel) {
  switch (channel.signal) {
    case PlotChannel::Signal::kGrf:
      return sample.grf_total_bw();
    case PlotChannel::Signal::kMoment:
      return sample.moment_nm_kg[channel.leg][channel.joint];
    case PlotChannel::Signal::kPower:
      return sample.power_w_kg[channel.leg][channel.joint];
  }
  return 0.0f;
}

bool ChannelStance(const RunnerSample& sample, const PlotChannel& channel) {
  return channel.signal == PlotChannel::Signal::kGrf ? sample.in_stance()
                                                     : sample.stance[channel.leg];
}

PlotTrace CollectTrace(const History& history, size_t runner, const PlotChannel& channel,
                       double end_time_s, double span_s) {
  PlotTrace trace;
  if (history.empty()) return trace;
  const double start = end_time_s - span_s;
  // From the last sample before the window (or the oldest) to the first one after it.
  const size_t first = history.IndexAtOrBefore(start).value_or(0);
  const size_t last =
      std::min(history.size() - 1, history.IndexAtOrBefore(end_time_s).value_or(0) + 1);
  // (A flag and a float rather than std::optional: GCC 12 warns maybe-uninitialized on it.)
  bool in_stance = false;
  float stance_start = 0.0f;
  for (size_t i = first; i <= last; ++i) {
    const RunnerSample& s = history.sample(runner, i);
    const auto t = static_cast<float>(history.time(i).time_s - end_time_s);
    trace.t.push_back(t);
    trace.v.push_back(ChannelValue(s, channel));
    const bool stance = ChannelStance(s, channel);
    if (stance && !in_stance) stance_start = t;
    if (!stance && in_stance) trace.stance.emplace_back(stance_start, t);
    in_stance = stance;
  }
  if (in_stance) trace.stance.emplace_back(stance_start, trace.t.back());
  return trace;
}

std::optional<float> TraceValueAt(const PlotTrace& trace, float t) {
  if (trace.t.empty() || t < trace.t.front() || t > trace.t.back()) return std::nullopt;
  const auto it = std::upper_bound(trace.t.begin(), trace.t.end(), t);
  if (it == trace.t.end()) return trace.v.back();
  const size_t i = static_cast<size_t>(it - trace.t.begin());  // t < trace.t[i], i >= 1
  const float t0 = trace.t[i - 1], t1 = trace.t[i];
  const float w = t1 > t0 ? (t - t0) / (t1 - t0) : 0.0f;
  return trace.v[i - 1] + w * (trace.v[i] - trace.v[i - 1]);
}

AxisScale NiceAxis(float lo, float hi, int max_ticks) {
  max_ticks = std::max(1, max_ticks);
  if (!(hi > lo)) hi = lo + 1.0f;  // also catches NaN
  const double raw = (static_cast<double>(hi) - lo) / max_ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    // Fewest ticks that still fit: the first step whose outward-rounded range has few enough.
    const double n = std::ceil(hi / step - 1e-6) - std::floor(lo / step + 1e-6);
    if (n <= max_ticks) break;
  }
  AxisScale axis;
  axis.step = static_cast<float>(step);
  axis.lo = static_cast<float>(std::floor(lo / step + 1e-6) * step);
  axis.hi = static_cast<float>(std::ceil(hi / step - 1e-6) * step);
  return axis;
}

}  // namespace poselab::engine
