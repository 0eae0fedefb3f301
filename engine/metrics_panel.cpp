// Metrics table (ImGui).
#include "engine/metrics_panel.h"

#include <imgui.h>

#include <cstdio>
#include <functional>
#include <string>

#include "sim/simulation.h"

namespace poselab::engine {
namespace {

const ImVec4 kFellColor(1.0f, 0.65f, 0.25f, 1.0f);

// One table row: a label with its unit and how to print a runner's value.
struct Row {
  const char* label;
  const char* help;  // shown when the label is hovered
  std::function<std::string(const StrideMetrics&)> value;
};

std::optional<double> Scaled(const std::optional<double>& v, double k) {
  return v ? std::optional<double>(*v * k) : std::nullopt;
}

const std::vector<Row>& Rows() {
  using M = StrideMetrics;
  static const std::vector<Row> rows = {
      {"Cadence (spm)", "Steps per minute, both feet.",
       [](const M& m) { return FormatMetric(m.cadence_spm, "%.0f"); }},
      {"Speed (m/s)", "Centre-of-mass travel over the strides' time.",
       [](const M& m) { return FormatMetric(m.speed_mps, "%.2f"); }},
      {"Contact (ms)", "Ground contact time per step (force-plate thresholds).",
       [](const M& m) { return FormatMetric(Scaled(m.contact_time_s, 1000.0), "%.0f"); }},
      {"Trunk lean (deg)", "Mean forward lean of the trunk from vertical.",
       [](const M& m) { return FormatMetric(m.trunk_lean_deg, "%.1f"); }},
      {"Landing dist. (m)",
       "Horizontal distance from the centre of mass to the foot's contact point at touchdown, "
       "+ = foot ahead.",
       [](const M& m) { return FormatMetric(m.landing_distance_m, "%+.2f"); }},
      {"Strike", "Foot-strike pattern from the sole angle at touchdown (Altman & Davis 2012).",
       [](const M& m) { return m.strike.empty() ? std::string("-") : m.strike; }},
      {"Peak GRF (BW)", "Peak vertical ground reaction force per stance, body weights.",
       [](const M& m) { return FormatMetric(m.peak_grf_bw, "%.2f"); }},
      {"Impact peak (BW)", "First vertical force peak of a heel landing; - when there is none.",
       [](const M& m) { return FormatMetric(m.impact_peak_bw, "%.2f"); }},
      {"Load rate (BW/s)", "Average vertical loading rate, 20-80% of the impact peak.",
       [](const M& m) { return FormatMetric(m.loading_rate_bw_s, "%.0f"); }},
      {"Knee -work (J/kg)", "Knee negative (absorbed) work per stride, sagittal, both legs pooled.",
       [](const M& m) { return FormatMetric(m.knee_negative_work_j_kg, "%.2f"); }},
      {"Ankle -work (J/kg)",
       "Ankle negative (absorbed) work per stride, sagittal, both legs pooled.",
       [](const M& m) { return FormatMetric(m.ankle_negative_work_j_kg, "%.2f"); }},
  };
  return rows;
}

}  // namespace

void DrawMetricsTable(const sim::Simulation& sim, const RunRecord& record,
                      const std::vector<RunnerStyle>& runners, double shown_time_s, float width) {
  const int columns = 1 + static_cast<int>(runners.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
  if (!ImGui::BeginTable("metrics", columns, flags, ImVec2(width, 0.0f))) return;
  // Labels in a fixed column wide enough for the longest; runners share the rest equally.
  ImGui::TableSetupColumn("Last 2 strides", ImGuiTableColumnFlags_WidthFixed,
                          ImGui::CalcTextSize("Ankle -work (J/kg)").x);
  for (const RunnerStyle& r : runners) {
    ImGui::TableSetupColumn(r.name.c_str(), ImGuiTableColumnFlags_WidthStretch);
  }
  // Header: runner names in their colours.
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("Last 2 strides");
  if (ImGui::IsItemHovered()) {
    // When the figures were taken: each runner's last refresh at or before the shown instant.
    std::string when;
    for (size_t r = 0; r < runners.size(); ++r) {
      const StrideMetrics* m = record.metrics(r).At(shown_time_s);
      char buf[96];
      std::snprintf(buf, sizeof(buf), "\n  %s: %s", runners[r].name.c_str(),
                    m != nullptr ? FormatMetric(m->time_s, "t = %.2f s").c_str() : "not yet");
      when += buf;
    }
    TooltipWrapped("Means over the last 2 strides, refreshed at every completed stride.%s",
                   when.c_str());
  }
  for (size_t r = 0; r < runners.size(); ++r) {
    ImGui::TableSetColumnIndex(static_cast<int>(r) + 1);
    ImGui::PushStyleColor(ImGuiCol_Text, runners[r].color);
    ImGui::TextUnformatted(runners[r].name.c_str());
    ImGui::PopStyleColor();
  }
  // A fallen runner's column says so first: its figures stop at the fall.
  bool any_fell = false;
  for (size_t r = 0; r < runners.size(); ++r) {
    const sim::FallInfo& fall = sim.fall_info(r);
    any_fell = any_fell || (fall.fell && fall.time_s <= shown_time_s);
  }
  if (any_fell) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted("Status");
    for (size_t r = 0; r < runners.size(); ++r) {
      ImGui::TableSetColumnIndex(static_cast<int>(r) + 1);
      const sim::FallInfo& fall = sim.fall_info(r);
      if (fall.fell && fall.time_s <= shown_time_s) {
        ImGui::TextColored(kFellColor, "fell %.1f s", fall.time_s);
      } else {
        ImGui::TextUnformatted("running");
      }
    }
  }
  for (const Row& row : Rows()) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(row.label);
    if (ImGui::IsItemHovered()) TooltipWrapped("%s", row.help);
    for (size_t r = 0; r < runners.size(); ++r) {
      ImGui::TableSetColumnIndex(static_cast<int>(r) + 1);
      const StrideMetrics* m = record.metrics(r).At(shown_time_s);
      ImGui::TextUnformatted(m != nullptr ? row.value(*m).c_str() : "-");
    }
  }
  ImGui::EndTable();
}

}  // namespace poselab::engine
