// Runner controls (ImGui).
#include "engine/runner_panel.h"

#include <imgui.h>

#include <cfloat>
#include <cmath>
#include <cstdio>

#include "sim/control/run_controller.h"
#include "sim/simulation.h"

namespace poselab::engine {
namespace {

// Ranges from the scene contract (sim/scene/scene_desc.h); the loader enforces the same.
constexpr float kLeanMin = 0.0f, kLeanMax = 30.0f;
constexpr float kCadenceMin = 120.0f, kCadenceMax = 240.0f;
constexpr float kOffsetMin = -0.1f, kOffsetMax = 0.6f;
constexpr float kHeightMin = 1.40f, kHeightMax = 2.10f;
constexpr float kMassMin = 40.0f, kMassMax = 120.0f;
// Push impulses offered: from a nudge to the 150 N s the fall test uses.
constexpr float kPushMin = 5.0f, kPushMax = 150.0f, kPushDefault = 30.0f;
const char* const kGaitTypes[] = {"pose", "heel_strike"};
const ImVec4 kNoteColor(1.0f, 0.80f, 0.35f, 1.0f);
const ImVec4 kPushColor(0.95f, 0.30f, 0.85f, 1.0f);
constexpr float kLabelWidth = 118.0f;  // slider labels go on the left, in this width

// A labelled row: the label in a fixed column, the widget filling the rest.
void Label(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(kLabelWidth);
  ImGui::SetNextItemWidth(-FLT_MIN);
}

// Records a staged (scrubbed) or live edit of one field: staged edits equal to the value at the
// cursor are dropped, so only real changes count.
template <typename T>
void Edit(std::optional<T>* staged_field, std::optional<T>* live_field, bool scrubbing, T value,
          T base) {
  if (scrubbing) {
    if (value == base) {
      staged_field->reset();
    } else {
      *staged_field = value;
    }
  } else {
    *live_field = value;
  }
}

std::string DescribeDirection(const sim::Vec3& impulse) {
  for (PushDirection d : {PushDirection::kForward, PushDirection::kBackward, PushDirection::kLeft,
                          PushDirection::kRight}) {
    if (glm::dot(glm::normalize(impulse), DirectionVector(d)) > 0.99) return ToString(d);
  }
  return "sideways";
}

}  // namespace

void RunnerPanel::Resize(size_t runners) {
  if (staged_.size() == runners) return;
  staged_.assign(runners, ControllerEdits{});
  body_.assign(runners, std::nullopt);
  push_ns_.assign(runners, kPushDefault);
  push_direction_.assign(runners, static_cast<int>(PushDirection::kBackward));
}

void RunnerPanel::Draw(const sim::Simulation& sim, const Session& session,
                       const std::vector<RunnerStyle>& runners, SessionRequests* requests) {
  Resize(sim.runner_count());
  // Staged edits belong to the scrubbed instant; live, edits act at once.
  if (!session.scrubbing()) staged_.assign(staged_.size(), ControllerEdits{});
  if (!ImGui::BeginTabBar("runners")) return;
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    ImGui::PushStyleColor(ImGuiCol_Text, runners[r].color);
    const bool open =
        ImGui::BeginTabItem((runners[r].name + "##runner" + std::to_string(r)).c_str());
    ImGui::PopStyleColor();
    if (!open) continue;
    DrawGait(sim, session, r, requests);
    DrawPush(session, r, requests);
    DrawBody(sim, r, requests);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

void RunnerPanel::DrawGait(const sim::Simulation& sim, const Session& session, size_t r,
                           SessionRequests* requests) {
  const bool scrubbing = session.scrubbing();
  const sim::ControllerDesc base = session.ShownParams(sim, r);
  ControllerEdits& staged = staged_[r];
  ControllerEdits live;
  ImGui::BeginDisabled(session.branching());

  // Gait type: the two running controllers; a standing or drill controller shows as itself.
  const std::string type = staged.type.value_or(base.type);
  Label("Gait");
  if (ImGui::BeginCombo("##gait", type.c_str())) {
    for (const char* t : kGaitTypes) {
      if (ImGui::Selectable(t, type == t) && type != t) {
        Edit<std::string>(&staged.type, &live.type, scrubbing, t, base.type);
        // The new gait comes with its own cadence and landing offset (the lean stays): a heel
        // striker asked to land 0.15 m ahead at 180 steps/min, or a Pose runner at 0.25 m and
        // 165, is outside what the other gait was tuned for: such switches mid-run fell in 6 of
        // 10 test runs, against none of 40 with each gait's own defaults (README).
        const sim::RunStyle style =
            std::string(t) == "heel_strike" ? sim::HeelStrikeStyle() : sim::PoseStyle();
        Edit<double>(&staged.cadence_spm, &live.cadence_spm, scrubbing, style.start_cadence_spm,
                     base.cadence_spm);
        Edit<double>(&staged.landing_offset_m, &live.landing_offset_m, scrubbing,
                     style.start_landing_offset_m, base.landing_offset_m);
      }
    }
    ImGui::EndCombo();
  }
  const bool running = type == "pose" || type == "heel_strike";
  ImGui::BeginDisabled(!running);
  auto slider = [&](const char* label, const char* id, std::optional<double>* staged_field,
                    std::optional<double>* live_field, double base_value, float lo, float hi,
                    const char* format) {
    auto v = static_cast<float>(staged_field->value_or(base_value));
    Label(label);
    if (ImGui::SliderFloat(id, &v, lo, hi, format, ImGuiSliderFlags_AlwaysClamp)) {
      Edit<double>(staged_field, live_field, scrubbing, v, base_value);
    }
  };
  slider("Lean", "##lean", &staged.lean_deg, &live.lean_deg, base.lean_deg, kLeanMin, kLeanMax,
         "%.1f deg");
  slider("Cadence", "##cadence", &staged.cadence_spm, &live.cadence_spm, base.cadence_spm,
         kCadenceMin, kCadenceMax, "%.0f steps/min");
  slider("Landing offset", "##offset", &staged.landing_offset_m, &live.landing_offset_m,
         base.landing_offset_m, kOffsetMin, kOffsetMax, "%.2f m ahead");
  ImGui::EndDisabled();
  ImGui::EndDisabled();
  if (live.any()) requests->live_edits.emplace_back(r, live);
  // Live, changes act from the next step (no note needed); scrubbed, they wait for a branch.
  if (scrubbing) {
    ImGui::TextColored(kNoteColor, "%s",
                       staged.any() ? "Changed: press Branch (timeline) to run it"
                                    : "Scrubbed: changes start a branch");
  }
}

void RunnerPanel::DrawBody(const sim::Simulation& sim, size_t r, SessionRequests* requests) {
  // Folded by default: the gait and the push are what a session changes most.
  if (!ImGui::CollapsingHeader("Body (restarts the run)")) return;
  const sim::BodyDesc& current = sim.scene().runners[r].body;
  sim::BodyDesc body = body_[r].value_or(current);
  bool changed = false;
  auto h = static_cast<float>(body.height_m);
  Label("Height");
  if (ImGui::SliderFloat("##height", &h, kHeightMin, kHeightMax, "%.2f m",
                         ImGuiSliderFlags_AlwaysClamp)) {
    body.height_m = h;
    changed = true;
  }
  auto m = static_cast<float>(body.mass_kg);
  Label("Mass");
  if (ImGui::SliderFloat("##mass", &m, kMassMin, kMassMax, "%.0f kg",
                         ImGuiSliderFlags_AlwaysClamp)) {
    body.mass_kg = m;
    changed = true;
  }
  int sex = body.sex == sim::Sex::kFemale ? 0 : 1;
  Label("Sex");
  if (ImGui::Combo("##sex", &sex, "female\0male\0")) {
    body.sex = sex == 0 ? sim::Sex::kFemale : sim::Sex::kMale;
    changed = true;
  }
  if (changed) body_[r] = body;
  const bool differs =
      body_[r] && (body_[r]->height_m != current.height_m || body_[r]->mass_kg != current.mass_kg ||
                   body_[r]->sex != current.sex);
  ImGui::BeginDisabled(!differs);
  if (ImGui::Button("Apply body and restart")) {
    requests->bodies.assign(sim.runner_count(), std::nullopt);
    for (size_t k = 0; k < body_.size(); ++k) requests->bodies[k] = body_[k];
    body_.assign(body_.size(), std::nullopt);
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (differs && ImGui::SmallButton("Undo")) body_[r].reset();
  ImGui::TextDisabled("A new body is rebuilt: the run restarts at t = 0.");
}

void RunnerPanel::DrawPush(const Session& session, size_t r, SessionRequests* requests) {
  // The header carries the last push, so it shows even when the section is folded.
  std::string header = "Push";
  if (const std::optional<PushRecord>& last = session.record().last_push(r)) {
    char buf[96];
    std::snprintf(buf, sizeof(buf), "Push  (last: %.0f N s %s at %.2f s)",
                  glm::length(last->impulse_ns), DescribeDirection(last->impulse_ns).c_str(),
                  last->time_s);
    header = buf;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, session.record().last_push(r)
                                           ? kPushColor
                                           : ImGui::GetStyleColorVec4(ImGuiCol_Text));
  const bool open =
      ImGui::CollapsingHeader((header + "###push").c_str(), ImGuiTreeNodeFlags_DefaultOpen);
  ImGui::PopStyleColor();
  if (!open) return;
  // One row: impulse, direction, button (at the pelvis, spread over kLivePushDurationS).
  ImGui::BeginDisabled(session.scrubbing() || session.branching());
  ImGui::SetNextItemWidth(100.0f);
  ImGui::SliderFloat("##push", &push_ns_[r], kPushMin, kPushMax, "%.0f N s",
                     ImGuiSliderFlags_AlwaysClamp);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(95.0f);
  ImGui::Combo("##dir", &push_direction_[r], "forward\0backward\0left\0right\0");
  ImGui::SameLine();
  if (ImGui::Button("Push pelvis", ImVec2(-FLT_MIN, 0.0f))) {
    requests->pushes.push_back(
        {r, static_cast<PushDirection>(push_direction_[r]), static_cast<double>(push_ns_[r])});
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    if (session.scrubbing()) {
      TooltipWrapped("Pushes act on the live run: press Live first.");
    } else {
      TooltipWrapped("An impulse at the pelvis, spread over %.1f s like a scene push.",
                     kLivePushDurationS);
    }
  }
}

}  // namespace poselab::engine
