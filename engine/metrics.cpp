// Stride metrics from the gait and load analysis.
#include "engine/metrics.h"

#include <algorithm>
#include <cstdio>

namespace poselab::engine {

StrideMetrics CalcStrideMetrics(const sim::RunStats& stats, double from_s, double timestep_s) {
  StrideMetrics m;
  // Half a step of slack: the load analysis dates a stance by counting its steps back from the
  // toe-off, which can land a rounding error before the touchdown's own time.
  const double from = from_s - 0.5 * timestep_s;
  const sim::GaitSummary gait = stats.gait().Summarize(from);
  m.cadence_spm = gait.cadence_spm;
  m.speed_mps = gait.speed_mps;
  m.contact_time_s = gait.contact_time_s;
  m.trunk_lean_deg = gait.trunk_lean_deg;
  m.landing_distance_m = gait.landing_distance_m;
  if (gait.strike_counts) m.strike = StrikeLabel(*gait.strike_counts);
  const sim::LoadSummary loads = stats.loads().Summarize(from);
  m.peak_grf_bw = loads.grf.peak_vertical_bw;
  m.impact_peak_bw = loads.grf.impact_peak_bw;
  m.loading_rate_bw_s = loads.grf.loading_rate_bw_s;
  m.knee_negative_work_j_kg = loads.joints[1].negative_work_j_kg;
  m.ankle_negative_work_j_kg = loads.joints[2].negative_work_j_kg;
  return m;
}

std::string StrikeLabel(const std::array<int, 3>& counts) {
  static constexpr const char* kNames[3] = {"rearfoot", "midfoot", "forefoot"};
  const int total = counts[0] + counts[1] + counts[2];
  if (total <= 0) return "";
  const auto top =
      static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  if (counts[top] == total) return kNames[top];
  return std::string(kNames[top]) + " " + std::to_string(counts[top]) + "/" + std::to_string(total);
}

std::string FormatMetric(const std::optional<double>& value, const char* format) {
  if (!value) return "-";
  char buf[64];
  std::snprintf(buf, sizeof(buf), format, *value);
  return buf;
}

void MetricsTrack::Update(const sim::RunStats& stats, double timestep_s) {
  const std::vector<sim::GaitEvent>& events = stats.gait().events();
  bool new_touchdown = false;
  for (; events_seen_ < events.size(); ++events_seen_) {
    const sim::GaitEvent& e = events[events_seen_];
    if (e.type != sim::GaitEvent::Type::kTouchdown) continue;
    touchdowns_.push_back(e.time_s);
    ++touchdowns_since_refresh_;
    new_touchdown = true;
  }
  // kMetricsStrides strides span 2 * kMetricsStrides steps, i.e. that many + 1 touchdowns.
  const size_t needed = 2 * kMetricsStrides + 1;
  if (touchdowns_.size() > needed) {
    touchdowns_.erase(touchdowns_.begin(), touchdowns_.end() - static_cast<ptrdiff_t>(needed));
  }
  if (!new_touchdown || touchdowns_.size() < needed || touchdowns_since_refresh_ < 2) return;
  StrideMetrics m = CalcStrideMetrics(stats, touchdowns_.front(), timestep_s);
  m.time_s = touchdowns_.back();
  refreshes_.Push(std::move(m));
  touchdowns_since_refresh_ = 0;
}

const StrideMetrics* MetricsTrack::At(double time_s) const {
  // Few refreshes: a linear scan from the newest is cheap.
  for (size_t i = refreshes_.size(); i-- > 0;) {
    if (refreshes_[i].time_s <= time_s + 1e-9) return &refreshes_[i];
  }
  return nullptr;
}

}  // namespace poselab::engine
