// ImGui panel, shortcuts, camera mouse input and projected labels.
#include "engine/ui.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <vector>

#include "engine/fonts.h"
#include "engine/label_layout.h"
#include "sim/simulation.h"

namespace poselab::engine {
namespace {

const ImVec4 kOkColor(0.45f, 0.85f, 0.45f, 1.0f);
const ImVec4 kFellColor(1.0f, 0.65f, 0.25f, 1.0f);
const ImVec4 kErrorBackground(0.55f, 0.06f, 0.06f, 0.95f);
constexpr float kLabelPadPx = 6.0f;  // inside a boxed label, left and right (half above/below)
constexpr float kLabelGapPx = 3.0f;  // between labels the layout moved apart

// ImGui 1.86 indexes keys by the platform backend's codes; for GLFW those are GLFW_KEY_*.
bool Pressed(int glfw_key) { return ImGui::IsKeyPressed(glfw_key, /*repeat=*/false); }

}  // namespace

void Ui::HandleShortcuts(PlaybackState* playback, UiActions* actions) const {
  if (ImGui::GetIO().WantCaptureKeyboard) return;
  if (Pressed(GLFW_KEY_SPACE)) playback->playing = !playback->playing;
  // Step while paused only: while playing, a single step would be invisible anyway. Key repeat
  // is allowed here so holding S walks through the motion step by step.
  if (!playback->playing &&
      (ImGui::IsKeyPressed(GLFW_KEY_S, true) || ImGui::IsKeyPressed(GLFW_KEY_PERIOD, true))) {
    actions->step = true;
  }
  if (Pressed(GLFW_KEY_R)) actions->restart = true;
  // Scrubbing looks at the past, so only while paused; key repeat walks through it.
  if (!playback->playing) {
    const int stride = ImGui::GetIO().KeyShift ? 20 : 1;
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, true)) actions->scrub_samples -= stride;
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, true)) actions->scrub_samples += stride;
  }
}

void Ui::HandleCameraInput(OrbitCamera* camera, const Viewport& viewport,
                           PlaybackState* playback) const {
  const ImGuiIO& io = ImGui::GetIO();
  // ImGui keeps WantCaptureMouse false for a drag that started over the 3D view, even when the
  // pointer then crosses a panel, so drags are not cut short.
  if (io.WantCaptureMouse) return;
  if (io.MouseDown[0]) camera->Rotate(io.MouseDelta.x, io.MouseDelta.y);
  if ((io.MouseDown[1] || io.MouseDown[2]) &&
      (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f)) {
    camera->Pan(io.MouseDelta.x, io.MouseDelta.y, viewport);
    playback->follow = false;
  }
  if (io.MouseWheel != 0.0f) camera->Zoom(io.MouseWheel);
}

void Ui::DrawPanel(const sim::Simulation* sim, const std::string& scene_name,
                   PlaybackState* playback, const std::string& error, float max_height,
                   const ImVec2& message_anchor, UiActions* actions) const {
  ImGui::SetNextWindowPos(ImVec2(kPanelX, kPanelY), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSizeConstraints(ImVec2(kPanelWidth, 0.0f),
                                      ImVec2(kPanelWidth, std::max(max_height, 100.0f)));
  ImGui::Begin(kPanelName, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::Text("Scene: %s", scene_name.c_str());

  // Transport: play/pause, single step (paused only), restart.
  if (ImGui::Button(playback->playing ? "Pause" : "Play", ImVec2(70.0f, 0.0f))) {
    playback->playing = !playback->playing;
  }
  ImGui::SameLine();
  ImGui::BeginDisabled(playback->playing || sim == nullptr);
  if (ImGui::Button("Step", ImVec2(70.0f, 0.0f))) actions->step = true;
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Restart", ImVec2(70.0f, 0.0f))) actions->restart = true;
  ImGui::TextDisabled("Space play, S step, R restart, F1 help");

  ImGui::SliderFloat("Speed", &playback->speed, kMinSpeed, kMaxSpeed, "%.2fx",
                     ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);

  if (sim != nullptr) {
    ImGui::Text("t = %.3f s   step %lld", sim->time(), static_cast<long long>(sim->step_count()));
    // The measured rate shows whether the machine keeps up with the chosen speed.
    if (playback->playing && playback->realtime_factor > 0.0) {
      ImGui::Text("dt = %.2f ms   %.2fx real time", sim->timestep() * 1e3,
                  playback->realtime_factor);
    } else {
      ImGui::Text("dt = %.2f ms", sim->timestep() * 1e3);
    }
  }
  ImGui::Checkbox("Follow runner", &playback->follow);

  // Fall status per runner: a fall is a result of the run, shown in amber, not as an error.
  if (sim != nullptr && sim->runner_count() > 0) {
    ImGui::Separator();
    for (size_t i = 0; i < sim->runner_count(); ++i) {
      const std::string& name = sim->scene().runners.at(i).name;
      const sim::FallInfo& fall = sim->fall_info(i);
      if (fall.fell) {
        ImGui::TextColored(kFellColor, "%s: fell at %.2f s", name.c_str(), fall.time_s);
        if (!fall.reason.empty()) {
          ImGui::Indent();
          ImGui::PushStyleColor(ImGuiCol_Text, kFellColor);
          ImGui::TextWrapped("%s", fall.reason.c_str());
          ImGui::PopStyleColor();
          ImGui::Unindent();
        }
      } else {
        ImGui::TextColored(kOkColor, "%s: upright", name.c_str());
      }
    }
  }
  ImGui::End();

  // Divergence (or a failed restart) in a red box at the top centre until the user restarts.
  if (!error.empty()) {
    ImGui::SetNextWindowPos(message_anchor, ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(360.0f, 0.0f), ImVec2(560.0f, FLT_MAX));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kErrorBackground);
    ImGui::Begin(
        "Simulation stopped", nullptr,
        ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
    ImGui::PushTextWrapPos(540.0f);
    ImGui::TextUnformatted(error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::TextDisabled("Paused. Press R to restart.");
    ImGui::End();
    ImGui::PopStyleColor();
  }
}

void Ui::DrawLabels(const sim::DrawList& list, const OrbitCamera& camera,
                    const Viewport& viewport) const {
  // Project every label, then move the ones that would cover an earlier one (runner names come
  // first in the list, so they stay over their runners).
  struct Placed {
    const sim::DrawLabel* label;
    float font_px;
  };
  std::vector<Placed> shown;
  std::vector<LabelBox> boxes;
  ImFont* font = LabelFont();
  for (const sim::DrawLabel& label : list.labels) {
    const std::optional<glm::vec2> screen =
        camera.ProjectToScreen(glm::vec3(label.position), viewport);
    if (!screen) continue;  // behind the camera
    const float px = LabelFontSize() * std::clamp(label.size, 0.5f, 2.0f);
    const ImVec2 text = font->CalcTextSizeA(px, FLT_MAX, 0.0f, label.text.c_str());
    const float pad = label.boxed ? kLabelPadPx : 0.0f;
    boxes.push_back({*screen, {text.x + 2.0f * pad, text.y + pad}});
    shown.push_back({&label, px});
  }
  const std::vector<glm::vec2> centres = LayoutLabels(boxes, kLabelGapPx);

  // Behind every panel: labels belong to the 3D view, which the panels sit on.
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  for (size_t i = 0; i < shown.size(); ++i) {
    const sim::DrawLabel& label = *shown[i].label;
    const glm::vec2 half = 0.5f * boxes[i].size;
    const ImVec2 lo(centres[i].x - half.x, centres[i].y - half.y);
    const ImVec2 hi(centres[i].x + half.x, centres[i].y + half.y);
    const sim::Color& c = label.color;
    const ImU32 color = ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
    const ImVec2 text_pos(lo.x + (label.boxed ? kLabelPadPx : 0.0f),
                          lo.y + (label.boxed ? 0.5f * kLabelPadPx : 0.0f));
    if (label.boxed) {
      // A dark box with a thin edge in the label's colour: readable over sky, track and bodies.
      draw->AddRectFilled(lo, hi, IM_COL32(12, 14, 18, 205), 4.0f);
      draw->AddRect(lo, hi, (color & ~IM_COL32_A_MASK) | IM_COL32(0, 0, 0, 150), 4.0f);
    } else {
      // A 1 px dark shadow keeps plain text readable on sky and ground.
      draw->AddText(font, shown[i].font_px, ImVec2(text_pos.x + 1.0f, text_pos.y + 1.0f),
                    IM_COL32(0, 0, 0, 170), label.text.c_str());
    }
    draw->AddText(font, shown[i].font_px, text_pos, color, label.text.c_str());
  }
}

}  // namespace poselab::engine
