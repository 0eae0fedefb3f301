// Stride metrics for the viewer's table: the gait and load analysis's figures over the last few
// strides, refreshed at every completed stride and kept with the time they were taken, so the
// table can follow the scrubber. GL-free.
#pragma once

#include <array>
#include <optional>
#include <string>

#include "engine/ring_buffer.h"
#include "sim/analysis/run_stats.h"

namespace poselab::engine {

// The table averages over this many strides (a stride = two steps): one stride alone swings
// with left/right asymmetry; two keep the table current within about 1.5 s.
constexpr int kMetricsStrides = 2;

// One refresh of one runner's table column. Empty optionals are shown as "-".
struct StrideMetrics {
  double time_s = 0.0;  // the touchdown that completed the stride
  std::optional<double> cadence_spm, speed_mps, contact_time_s, trunk_lean_deg, landing_distance_m;
  std::string strike;  // "rearfoot", "midfoot", "forefoot", or e.g. "rearfoot 3/4"; "" unknown
  std::optional<double> peak_grf_bw, impact_peak_bw, loading_rate_bw_s, knee_negative_work_j_kg,
      ankle_negative_work_j_kg;
};

// The figures over the steps that started at or after `from_s` (a touchdown time), from the
// runner's accumulated analysis.
StrideMetrics CalcStrideMetrics(const sim::RunStats& stats, double from_s, double timestep_s);

// The strike label for counts of (rearfoot, midfoot, forefoot) touchdowns: the one pattern when
// all agree, else the most common with its share ("rearfoot 3/4"); "" when there are none.
std::string StrikeLabel(const std::array<int, 3>& counts);

// "-" for an empty value, else printf-formatted with `format` (one double conversion).
std::string FormatMetric(const std::optional<double>& value, const char* format);

// One runner's refreshes over the history window.
class MetricsTrack {
 public:
  // Call after every physics step (after RunStats::Observe). Refreshes when a stride has
  // completed since the last refresh and enough touchdowns exist for kMetricsStrides strides.
  void Update(const sim::RunStats& stats, double timestep_s);
  // The refresh shown at `time_s`: the newest taken at or before it; null before the first.
  const StrideMetrics* At(double time_s) const;
  const StrideMetrics* latest() const { return refreshes_.empty() ? nullptr : &refreshes_.back(); }

 private:
  // 30 s of history holds about 45 strides; room for short strides too.
  RingBuffer<StrideMetrics> refreshes_{128};
  size_t events_seen_ = 0;
  std::vector<double> touchdowns_;  // recent touchdown times, newest last (kept short)
  int touchdowns_since_refresh_ = 0;
};

}  // namespace poselab::engine
