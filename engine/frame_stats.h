// Frame-time accounting for the stats panel and the benchmark: per-stage times (physics,
// analysis, render, UI) smoothed for display, optionally every frame kept for percentiles.
// Clock-free and GL-free: the caller measures, this adds up.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace poselab::engine {

enum class FrameStage : int { kPhysics = 0, kAnalysis, kRender, kUi };
constexpr int kFrameStageCount = 4;
const char* ToString(FrameStage stage);  // "physics", "analysis", "render", "UI"

// One frame, milliseconds. `total_ms` is the whole frame, start to start, so it also holds what
// no stage covers (waiting for the display, event handling).
struct FrameTimes {
  std::array<double, kFrameStageCount> stage_ms{};
  double total_ms = 0.0;
  double& operator[](FrameStage s) { return stage_ms[static_cast<int>(s)]; }
  double operator[](FrameStage s) const { return stage_ms[static_cast<int>(s)]; }
};

class FrameStats {
 public:
  // `tau_s`: time constant of the display smoothing. `keep_history`: keep every frame (the
  // benchmark); the interactive viewer keeps only the smoothed values.
  explicit FrameStats(double tau_s = 0.5, bool keep_history = false);

  void Add(const FrameTimes& frame);

  // Exponentially smoothed over about `tau_s` of wall time (frame-rate independent); the first
  // frame is taken as is.
  const FrameTimes& smoothed() const { return smoothed_; }
  double fps() const { return smoothed_.total_ms > 0.0 ? 1000.0 / smoothed_.total_ms : 0.0; }
  const std::vector<FrameTimes>& history() const { return history_; }
  long frames() const { return frames_; }

 private:
  double tau_s_;
  bool keep_history_;
  FrameTimes smoothed_;
  std::vector<FrameTimes> history_;
  long frames_ = 0;
};

struct Percentiles {
  double median = 0.0;
  double p95 = 0.0;
};
// Median and 95th percentile, linearly interpolated between order statistics (the common
// "type 7" definition); zeros for no values.
Percentiles CalcPercentiles(std::vector<double> values);

// The benchmark's report: one row per stage and one for the whole frame with median and 95th
// percentile in ms, plus frames per second from the median and the 95th-percentile frame.
std::string FormatBenchReport(const std::vector<FrameTimes>& frames, int width, int height);

}  // namespace poselab::engine
