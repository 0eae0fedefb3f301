// Frame-time smoothing, percentiles and the benchmark report (see frame_stats.h).
#include "engine/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace poselab::engine {

const char* ToString(FrameStage stage) {
  switch (stage) {
    case FrameStage::kPhysics:
      return "physics";
    case FrameStage::kAnalysis:
      return "analysis";
    case FrameStage::kRender:
      return "render";
    case FrameStage::kUi:
      return "UI";
  }
  return "?";
}

FrameStats::FrameStats(double tau_s, bool keep_history)
    : tau_s_(tau_s), keep_history_(keep_history) {}

void FrameStats::Add(const FrameTimes& frame) {
  if (keep_history_) history_.push_back(frame);
  if (frames_++ == 0) {
    smoothed_ = frame;
    return;
  }
  // Exact discretisation of a first-order lag over this frame's duration.
  const double alpha = tau_s_ > 0.0 ? 1.0 - std::exp(-std::max(frame.total_ms, 0.0) * 1e-3 / tau_s_)
                                    : 1.0;
  for (int s = 0; s < kFrameStageCount; ++s) {
    smoothed_.stage_ms[s] += (frame.stage_ms[s] - smoothed_.stage_ms[s]) * alpha;
  }
  smoothed_.total_ms += (frame.total_ms - smoothed_.total_ms) * alpha;
}

Percentiles CalcPercentiles(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  auto at = [&values](double q) {
    const double pos = q * static_cast<double>(values.size() - 1);
    const auto i = static_cast<size_t>(std::floor(pos));
    const size_t j = std::min(i + 1, values.size() - 1);
    return values[i] + (values[j] - values[i]) * (pos - static_cast<double>(i));
  };
  return {at(0.5), at(0.95)};
}

std::string FormatBenchReport(const std::vector<FrameTimes>& frames, int width, int height) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof(line), "%zu frames at %dx%d\n", frames.size(), width, height);
  out += line;
  out += "stage       median ms    p95 ms\n";
  auto row = [&](const char* name, const std::vector<double>& v) {
    const Percentiles p = CalcPercentiles(v);
    std::snprintf(line, sizeof(line), "%-10s %10.2f %9.2f\n", name, p.median, p.p95);
    out += line;
    return p;
  };
  std::vector<double> v(frames.size());
  for (int s = 0; s < kFrameStageCount; ++s) {
    for (size_t i = 0; i < frames.size(); ++i) v[i] = frames[i].stage_ms[s];
    row(ToString(static_cast<FrameStage>(s)), v);
  }
  for (size_t i = 0; i < frames.size(); ++i) v[i] = frames[i].total_ms;
  const Percentiles total = row("frame", v);
  std::snprintf(line, sizeof(line), "fps: %.1f at the median frame, %.1f at the 95th percentile\n",
                total.median > 0.0 ? 1000.0 / total.median : 0.0,
                total.p95 > 0.0 ? 1000.0 / total.p95 : 0.0);
  out += line;
  return out;
}

}  // namespace poselab::engine
