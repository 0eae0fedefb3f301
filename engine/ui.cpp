// ImGui panel, shortcuts, camera mouse input and projected labels.
#include "engine/ui.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cfloat>

#include "sim/simulation.h"

namespace poselab::engine {
namespace {

const ImVec4 kOkColor(0.45f, 0.85f, 0.45f, 1.0f);
const ImVec4 kFellColor(1.0f, 0.65f, 0.25f, 1.0f);
const ImVec4 kErrorBackground(0.55f, 0.06f, 0.06f, 0.95f);

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
                   PlaybackState* playback, const std::string& error, UiActions* actions) const {
  ImGui::SetNextWindowPos(ImVec2(kPanelX, kPanelY), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSizeConstraints(ImVec2(kPanelWidth, 0.0f), ImVec2(kPanelWidth, FLT_MAX));
  ImGui::Begin("Simulation", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
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
  ImGui::TextDisabled("Space play, S step, R restart, arrows scrub");

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
  ImGui::Separator();
  ImGui::TextDisabled("Mouse: L rotate, R/M pan, wheel zoom");
  ImGui::End();

  // Divergence (or a failed restart) in a red box at the top centre until the user restarts.
  if (!error.empty()) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, kPanelY), ImGuiCond_Always,
                            ImVec2(0.5f, 0.0f));
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
  // Behind every window (the background list), so a label never covers a panel.
  ImDrawList* draw = ImGui::GetBackgroundDrawList();
  for (const sim::DrawLabel& label : list.labels) {
    const std::optional<glm::vec2> screen =
        camera.ProjectToScreen(glm::vec3(label.position), viewport);
    if (!screen) continue;  // behind the camera
    // Centre the text on its anchor; a 1 px dark shadow keeps it readable on sky and ground.
    const ImVec2 size = ImGui::CalcTextSize(label.text.c_str());
    const ImVec2 pos(screen->x - size.x * 0.5f, screen->y - size.y * 0.5f);
    draw->AddText(ImVec2(pos.x + 1.0f, pos.y + 1.0f), IM_COL32(0, 0, 0, 160), label.text.c_str());
    const sim::Color& c = label.color;
    draw->AddText(pos, ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a)),
                  label.text.c_str());
  }
}

}  // namespace poselab::engine
