// Session panels (ImGui): layout, timeline, branch progress and banner, scenes and export.
#include "engine/session_ui.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>

#include "engine/metrics_panel.h"
#include "engine/plot_data.h"
#include "sim/draw/draw_builder.h"
#include "sim/simulation.h"

namespace poselab::engine {
namespace {

constexpr float kMargin = SessionUi::kEdgeMargin;
constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
const ImVec4 kHistoryColor(1.0f, 0.80f, 0.35f, 1.0f);
const ImVec4 kErrorColor(1.0f, 0.45f, 0.40f, 1.0f);
const ImVec4 kOkColor(0.55f, 0.85f, 0.55f, 1.0f);
const ImVec4 kBannerBackground(0.10f, 0.10f, 0.12f, 0.85f);
const ImVec4 kBranchColor(1.0f, 0.85f, 0.30f, 1.0f);

ImU32 ToImColor(const sim::Color& c) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f));
}

// A button that wraps to the next line when it would pass the window's right edge.
bool FlowButton(const char* label, bool first) {
  const float width = ImGui::CalcTextSize(label).x + 2.0f * ImGui::GetStyle().FramePadding.x;
  if (!first) {
    ImGui::SameLine();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
  }
  return ImGui::Button(label);
}

}  // namespace

float SessionUi::BottomHeight(float display_height) {
  return std::clamp(display_height * kBottomFraction, kBottomMinHeight, kBottomMaxHeight);
}

void SessionUi::Draw(const sim::Simulation* sim, const Session& session, PlaybackState* playback,
                     SessionRequests* requests) {
  top_inset_ = 0.0f;
  DrawScenes(sim, session, requests);
  if (sim == nullptr) return;
  std::vector<RunnerStyle> runners;
  for (size_t r = 0; r < sim->runner_count(); ++r) {
    runners.push_back({sim->scene().runners[r].name, ToImColor(sim::RunnerColor(r))});
  }
  DrawBottom(session, runners, playback, requests);
  DrawRight(*sim, session, runners, requests);
  DrawBranchBanner(session);
}

void SessionUi::DrawBottom(const Session& session, const std::vector<RunnerStyle>& runners,
                           PlaybackState* playback, SessionRequests* requests) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float height = BottomHeight(display.y);
  ImGui::SetNextWindowPos(ImVec2(0.0f, display.y - height), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(display.x, height), ImGuiCond_Always);
  ImGui::Begin("Timeline and plots", nullptr,
               kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBringToFrontOnFocus);
  if (session.branching()) {
    // Branching replaces the timeline: the new run is being re-simulated up to the branch point.
    const BranchJob& job = *session.branch_job();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kBranchColor, "Branching: re-simulating the run from t = 0 to %.2f s",
                       job.at_time_s());
    ImGui::SameLine();
    char overlay[32];
    std::snprintf(overlay, sizeof(overlay), "%.0f%%", 100.0 * job.progress());
    ImGui::ProgressBar(static_cast<float>(job.progress()), ImVec2(260.0f, 0.0f), overlay);
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) requests->cancel_branch = true;
  } else {
    DrawTimeline(session, runners, playback, requests);
  }
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  plots_.Draw(session.history(), runners, leg_, session.shown_time_s(), avail);
  ImGui::End();
}

void SessionUi::DrawTimeline(const Session& session, const std::vector<RunnerStyle>& runners,
                             PlaybackState* playback, SessionRequests* requests) {
  const History& history = session.history();
  if (history.empty()) return;
  const double shown = session.shown_time_s();
  // Step buttons, the scrubber over the whole history, step buttons.
  if (ImGui::ArrowButton("##back", ImGuiDir_Left)) {
    playback->playing = false;
    const std::optional<size_t> i = session.shown_index();
    if (i) requests->scrub_to_s = history.time(StepIndex(*i, -1, history.size())).time_s;
  }
  ImGui::SameLine();
  double cursor = shown;
  const double lo = history.oldest_time_s(), hi = history.newest_time_s();
  ImGui::SetNextItemWidth(std::max(200.0f, ImGui::GetContentRegionAvail().x * 0.42f));
  if (ImGui::SliderScalar("##scrub", ImGuiDataType_Double, &cursor, &lo, &hi, "t = %.3f s")) {
    playback->playing = false;  // scrubbing looks at the past: the run holds still meanwhile
    requests->scrub_to_s = cursor;
  }
  if (ImGui::IsItemHovered()) {
    TooltipWrapped(
        "Drag through the last %.0f s (pauses). Paused: Left/Right arrow keys step "
        "5 ms, with Shift 100 ms.",
        kHistorySeconds);
  }
  ImGui::SameLine();
  if (ImGui::ArrowButton("##fwd", ImGuiDir_Right) && session.scrubbing()) {
    const std::optional<size_t> i = session.shown_index();
    if (i) requests->scrub_to_s = history.time(StepIndex(*i, 1, history.size())).time_s;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(!session.scrubbing());
  if (ImGui::Button("Live")) requests->go_live = true;
  ImGui::SameLine();
  char label[64];
  const std::optional<size_t> index = session.shown_index();
  std::snprintf(label, sizeof(label), "Branch from t = %.2f s",
                index ? history.time(*index).time_s : shown);
  if (ImGui::Button(label)) {
    requests->branch = true;
    // The staged edits stay on show until the new run replaces this one (the panel clears
    // them once the view is live) or the branch is cancelled.
    requests->branch_edits = runner_panel_.staged();
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    TooltipWrapped(
        "A new run: the scene is re-simulated from t = 0 to this instant (the "
        "simulation is deterministic), then the changes made in the runner tabs "
        "act from here.");
  }
  ImGui::EndDisabled();
  // Joint plots' leg, then the colour legend.
  ImGui::SameLine();
  ImGui::SetNextItemWidth(95.0f);
  ImGui::Combo("##leg", &leg_, "left leg\0right leg\0");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Leg shown in the joint plots");
  for (const RunnerStyle& r : runners) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, r.color);
    ImGui::TextUnformatted(r.name.c_str());
    ImGui::PopStyleColor();
  }
  if (session.scrubbing()) {
    ImGui::TextColored(kHistoryColor,
                       "HISTORY  t = %.3f s  (live run at %.3f s)   Space replays from here, "
                       "Live returns; changes in the runner tabs start a branch.",
                       shown, history.newest_time_s());
  } else {
    ImGui::TextDisabled(
        "Live  t = %.3f s.  Plots: last %.1f s, shaded = stance (bars: each "
        "runner's feet on the ground). Hover a plot for values.",
        shown, kPlotSpanS);
  }
}

void SessionUi::DrawRight(const sim::Simulation& sim, const Session& session,
                          const std::vector<RunnerStyle>& runners, SessionRequests* requests) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float bottom_top = display.y - BottomHeight(display.y);
  ImGui::SetNextWindowPos(ImVec2(display.x - kMargin, kMargin), ImGuiCond_Always,
                          ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(kRightWidth, 0.0f), ImVec2(kRightWidth, FLT_MAX));
  ImGui::Begin("Stride metrics", nullptr, kFixed | ImGuiWindowFlags_AlwaysAutoResize);
  DrawMetricsTable(sim, session.record(), runners, session.shown_time_s(),
                   kRightWidth - 2.0f * ImGui::GetStyle().WindowPadding.x);
  const float metrics_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  ImGui::End();

  const float top = metrics_bottom + 6.0f;
  const float height = bottom_top - top - 6.0f;
  if (height < 60.0f) return;  // no room on a small display: the table matters more
  ImGui::SetNextWindowPos(ImVec2(display.x - kMargin, top), ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowSize(ImVec2(kRightWidth, height), ImGuiCond_Always);
  ImGui::Begin("Runners", nullptr, kFixed);
  runner_panel_.Draw(sim, session, runners, requests);
  ImGui::End();
}

void SessionUi::DrawScenes(const sim::Simulation* sim, const Session& session,
                           SessionRequests* requests) {
  // A section of the Simulation panel (engine/ui.cpp), closed at first: the left column also
  // holds the view's legend, and one panel that scrolls cannot run into the plots below it.
  ImGui::Begin(Ui::kPanelName);
  if (!ImGui::CollapsingHeader("Scenes and export")) {
    ImGui::End();
    return;
  }
  ImGui::TextDisabled("One click loads a scene and restarts:");
  bool first = true, drills = false;
  for (const ScenePreset& p : presets_) {
    const bool drill = p.label.rfind("drills/", 0) == 0;
    if (drill && !drills) {
      ImGui::TextDisabled("Drills:");
      first = true;
      drills = true;
    }
    const std::string label = drill ? p.label.substr(7) : p.label;
    if (FlowButton((label + "##" + p.path).c_str(), first)) requests->preset_path = p.path;
    first = false;
  }
  if (presets_.empty()) ImGui::TextDisabled("(no scenes folder found)");
  ImGui::Separator();
  ImGui::BeginDisabled(sim == nullptr || session.history().empty());
  if (ImGui::Button("Export history CSV")) requests->export_csv = true;
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    TooltipWrapped(
        "The recorded last %.0f s at %.0f samples/s: GRF, stance, joint moments "
        "and powers, COM, phase. Written to out/<scene>/.",
        kHistorySeconds, kHistoryRateHz);
  }
  if (!session.message().empty()) {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + Ui::kPanelWidth - 20.0f);
    ImGui::TextColored(session.message_is_error() ? kErrorColor : kOkColor, "%s",
                       session.message().c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void SessionUi::DrawBranchBanner(const Session& session) {
  if (session.branch_note().empty()) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, kMargin), ImGuiCond_Always, ImVec2(0.5f, 0.0f));
  ImGui::SetNextWindowSizeConstraints(
      ImVec2(0.0f, 0.0f), ImVec2(display.x - 2.0f * (kRightWidth + 3.0f * kMargin), FLT_MAX));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, kBannerBackground);
  ImGui::Begin("##branch", nullptr,
               kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoInputs);
  ImGui::PushTextWrapPos(display.x - 2.0f * (kRightWidth + 4.0f * kMargin));
  ImGui::TextColored(session.branch_failed() ? kErrorColor : kBranchColor, "%s",
                     session.branch_note().c_str());
  ImGui::PopTextWrapPos();
  top_inset_ = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace poselab::engine
