// Coaching view: presets, overlays, track, legend, frame-time panel, help (see coach_view.h).
#include "engine/coach_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "engine/ui.h"
#include "sim/physics/runner_state.h"
#include "sim/simulation.h"

namespace poselab::engine {
namespace {

// Camera glide towards the preset's framing: smooths the stride without losing the runners.
constexpr float kFollowTauS = 0.25f;
// Distance numbers are drawn within this far of the camera target, every kMarkEveryM metres,
// when the view is at most about 50 degrees from square across the track.
constexpr float kMarksRangeM = 20.0f;
constexpr float kMarksMinAcross = 0.64f;
constexpr float kMarkEveryM = 5.0f;
// Numbers sit this far outside the track's edge.
constexpr float kMarkOffsetM = 0.35f;
constexpr float kMarginPx = 10.0f;
// Between the toolbar's groups of buttons (cameras, capture, help).
constexpr float kGroupGapPx = 12.0f;
// How long a capture message ("Saved ...") stays under the toolbar, seconds.
constexpr double kMessageShowS = 6.0;
const ImVec4 kActiveButton(0.26f, 0.59f, 0.98f, 1.0f);
const ImVec4 kRecordColor(0.95f, 0.25f, 0.25f, 1.0f);
const ImVec4 kScrubNoteColor(1.0f, 0.80f, 0.35f, 1.0f);  // the timeline's history colour

double NowMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool Pressed(int glfw_key) { return ImGui::IsKeyPressed(glfw_key, /*repeat=*/false); }

ImU32 ToU32(const sim::Color& c) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, 1.0f));
}

const char* QuantityName(sim::LoadQuantity q) {
  switch (q) {
    case sim::LoadQuantity::kReactionForce:
      return "Joint reaction force (BW)";
    case sim::LoadQuantity::kNetMoment:
      return "Net joint moment (N m/kg)";
    case sim::LoadQuantity::kPower:
      return "Joint power (W/kg)";
  }
  return "?";
}

}  // namespace

void CoachView::Attach(const sim::Simulation& sim) {
  analyzers_.clear();
  std::vector<float> lanes;
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    analyzers_.push_back(std::make_unique<sim::LiveAnalyzer>(sim.runner_model(r)));
    lanes.push_back(static_cast<float>(sim.scene().runners[r].lane_z_m));
  }
  track_ = CalcTrackLayout(lanes);
}

void CoachView::ObserveStep(const sim::Simulation& sim) {
  const double start = NowMs();
  for (size_t r = 0; r < analyzers_.size() && r < sim.runner_count(); ++r) {
    analyzers_[r]->Observe(sim.time(), sim.runner_state(r), sim.timestep());
  }
  frame_[FrameStage::kAnalysis] += NowMs() - start;
}

void CoachView::AppendOverlays(const sim::Simulation& sim, const OrbitCamera& camera,
                               bool runner_overlays, sim::DrawList* list) {
  const double start = NowMs();
  runner_overlays_ = runner_overlays;
  for (size_t r = 0; runner_overlays && r < analyzers_.size() && r < sim.runner_count(); ++r) {
    const sim::FallInfo& fall = sim.fall_info(r);
    const std::string phase = fall.fell ? std::string("fallen") : sim.runner_phase(r);
    sim::AppendRunnerOverlays(sim.runner_model(r), sim.runner_state(r), analyzers_[r]->figures(),
                              phase, sim::RunnerColor(r), settings_.overlays, list);
  }
  // Distance numbers just beyond the track's far edge (seen from the camera): the near edge
  // lies at the bottom of the picture or below it. Only when the camera looks across the track:
  // seen along it, the numbers would stack up between the runners.
  const float across = std::abs(std::cos(camera.yaw()));
  if (!track_.lane_lines_z.empty() && across > kMarksMinAcross) {
    const glm::vec3 target = camera.target();
    const bool camera_on_plus_side =
        camera.CalcEye().z >= 0.5f * (track_.lane_lines_z.front() + track_.lane_lines_z.back());
    const float z = camera_on_plus_side ? track_.lane_lines_z.front() - kMarkOffsetM
                                        : track_.lane_lines_z.back() + kMarkOffsetM;
    for (const DistanceMark& mark :
         CalcDistanceMarks(target.x - kMarksRangeM, target.x + kMarksRangeM, kMarkEveryM)) {
      list->labels.push_back({sim::Vec3{mark.x_m, 0.02, z}, mark.text,
                              sim::Color{0.95f, 0.95f, 0.93f, 1.0f}, 0.9f, false});
    }
  }
  frame_[FrameStage::kAnalysis] += NowMs() - start;
}

WorldBox CoachView::RunnersBox(const sim::Simulation& sim,
                               const std::vector<glm::vec3>& coms) const {
  POSELAB_ASSERT(coms.size() == sim.runner_count(), "one shown COM per runner");
  WorldBox box{};
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    const WorldBox one =
        RunnerFrameBox(coms[r], static_cast<float>(sim.scene().runners[r].body.height_m));
    box = r == 0 ? one : Union(box, one);
  }
  return box;
}

bool CoachView::UpdateCamera(const sim::Simulation& sim, const std::vector<glm::vec3>& coms,
                             const Viewport& viewport, float dt_s, bool snap,
                             OrbitCamera* camera) const {
  const std::optional<PresetAngles> angles = PresetAnglesFor(settings_.preset);
  if (sim.runner_count() == 0) return false;
  if (!angles) {
    // Free camera: the mouse and the follow option steer it. A snap (start, restart, every
    // headless frame) stands it back far enough to frame every runner from where it looks.
    if (snap) {
      camera->set_distance(
          FrameBox(*camera, RunnersBox(sim, coms), viewport, FreeArea(viewport)).distance_m);
    }
    return false;
  }
  camera->set_yaw(angles->yaw_rad);
  camera->set_pitch(angles->pitch_rad);
  const Framing framing = FrameBox(*camera, RunnersBox(sim, coms), viewport, FreeArea(viewport));
  const float tau = snap ? 0.0f : kFollowTauS;
  camera->set_target(SmoothTowards(camera->target(), framing.target, dt_s, tau));
  const glm::vec3 distance =
      SmoothTowards(glm::vec3(camera->distance()), glm::vec3(framing.distance_m), dt_s, tau);
  camera->set_distance(distance.x);
  return true;
}

std::optional<glm::vec3> CoachView::FollowPoint(const sim::Simulation& sim,
                                                const std::vector<glm::vec3>& coms) const {
  if (sim.runner_count() == 0) return std::nullopt;
  return RunnersBox(sim, coms).center();
}

glm::vec3 CoachView::FreeCameraTarget(const OrbitCamera& camera, const Viewport& viewport,
                                      const glm::vec3& point) const {
  const ScreenRect free = FreeArea(viewport);
  return TargetShowingPointAt(camera, point, viewport,
                              glm::vec2(0.5f * (free.x0 + free.x1), 0.5f * (free.y0 + free.y1)));
}

SceneDecor CoachView::Decor(const sim::Simulation& sim, const std::vector<glm::vec3>& coms) const {
  SceneDecor decor;
  decor.track = &track_;
  if (sim.runner_count() > 0) decor.shadow_casters = RunnersBox(sim, coms);
  return decor;
}

ScreenRect CoachView::FreeArea(const Viewport& viewport) const {
  const float bottom = settings_.show_stats ? kStatsHeight + kMarginPx : kMarginPx;
  return {insets_.left + kMarginPx, insets_.top + Ui::kPanelY + kToolbarHeight,
          static_cast<float>(viewport.width) - insets_.right - kMarginPx,
          static_cast<float>(viewport.height) - insets_.bottom - bottom};
}

void CoachView::EndFrame(double total_ms) {
  frame_.total_ms = total_ms;
  stats_.Add(frame_);
  frame_ = FrameTimes{};
}

void CoachView::HandleShortcuts(ViewActions* actions) {
  const ImGuiIO& io = ImGui::GetIO();
  // '?' is whatever key types it on the user's keyboard layout, so read the typed characters.
  for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
    if (io.InputQueueCharacters[i] == '?' && !io.WantTextInput) {
      settings_.show_help = !settings_.show_help;
    }
  }
  if (io.WantCaptureKeyboard) return;
  const int preset_keys[kCameraPresetCount] = {GLFW_KEY_1, GLFW_KEY_2, GLFW_KEY_3, GLFW_KEY_4,
                                               GLFW_KEY_5};
  const int keypad_keys[kCameraPresetCount] = {GLFW_KEY_KP_1, GLFW_KEY_KP_2, GLFW_KEY_KP_3,
                                               GLFW_KEY_KP_4, GLFW_KEY_KP_5};
  for (int i = 0; i < kCameraPresetCount; ++i) {
    if (Pressed(preset_keys[i]) || Pressed(keypad_keys[i])) {
      settings_.preset = static_cast<CameraPreset>(i);
    }
  }
  sim::OverlayOptions& o = settings_.overlays;
  if (Pressed(GLFW_KEY_L)) {
    // Cycle: reaction force, moment, power, off.
    if (!o.joint_loads) {
      o.joint_loads = true;
      o.quantity = sim::LoadQuantity::kReactionForce;
    } else if (o.quantity == sim::LoadQuantity::kPower) {
      o.joint_loads = false;
    } else {
      o.quantity = static_cast<sim::LoadQuantity>(static_cast<int>(o.quantity) + 1);
    }
  }
  if (Pressed(GLFW_KEY_J)) o.joint_arrows = !o.joint_arrows;
  if (Pressed(GLFW_KEY_O)) {
    o.pose = !o.pose;
    o.phase = o.pose;
  }
  if (Pressed(GLFW_KEY_F1)) settings_.show_help = !settings_.show_help;
  if (Pressed(GLFW_KEY_F3)) settings_.show_stats = !settings_.show_stats;
  if (Pressed(GLFW_KEY_F12)) actions->screenshot = true;
  if (Pressed(GLFW_KEY_F9)) actions->toggle_video = true;
}

void CoachView::DrawUi(const CaptureStatus& capture, ViewActions* actions) {
  DrawToolbar(capture, actions);
  DrawCaptureMessage(capture);
  if (settings_.show_stats) DrawStats();
  if (settings_.show_help) DrawHelp();
}

void CoachView::DrawToolbar(const CaptureStatus& capture, ViewActions* actions) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float x = insets_.left + kMarginPx;
  ImGui::SetNextWindowPos(ImVec2(x, insets_.top + Ui::kPanelY), ImGuiCond_Always);
  ImGui::SetNextWindowSize(
      ImVec2(std::max(display.x - x - insets_.right - kMarginPx, 100.0f), 0.0f), ImGuiCond_Always);
  ImGui::Begin("View", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoCollapse);
  // Camera presets, capture, help: one row in the free area's width (about 570 px at 1280x720
  // between the side columns), so no caption and narrow gaps; the capture message shows under it.
  for (int i = 0; i < kCameraPresetCount; ++i) {
    const auto preset = static_cast<CameraPreset>(i);
    if (i > 0) ImGui::SameLine();
    const bool active = settings_.preset == preset;
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, kActiveButton);
    char label[32];
    std::snprintf(label, sizeof(label), "%d %s", i + 1, ToString(preset));
    if (ImGui::Button(label)) settings_.preset = preset;
    if (active) ImGui::PopStyleColor();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Camera presets: keys 1-5");
  ImGui::SameLine(0.0f, kGroupGapPx);
  if (ImGui::Button("Screenshot")) actions->screenshot = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save a PNG of the window (F12)");
  ImGui::SameLine();
  if (capture.recording) {
    ImGui::PushStyleColor(ImGuiCol_Button, kRecordColor);
    char label[48];
    std::snprintf(label, sizeof(label), "Stop %02d:%02d", static_cast<int>(capture.recorded_s) / 60,
                  static_cast<int>(capture.recorded_s) % 60);
    if (ImGui::Button(label)) actions->toggle_video = true;
    ImGui::PopStyleColor();
  } else if (ImGui::Button("Record")) {
    actions->toggle_video = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Start or stop a video of the window (F9)");
  ImGui::SameLine(0.0f, kGroupGapPx);
  if (ImGui::Button("Help")) settings_.show_help = !settings_.show_help;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keys and what you see (F1 or ?)");
  ImGui::End();
}

void CoachView::DrawCaptureMessage(const CaptureStatus& capture) {
  // A new message shows for kMessageShowS under the toolbar's left end, over the 3D view (the
  // toolbar's row has no room for it beside the buttons); it does not take input.
  if (capture.last_message != message_) {
    message_ = capture.last_message;
    message_since_s_ = ImGui::GetTime();
  }
  if (message_.empty() || ImGui::GetTime() - message_since_s_ > kMessageShowS) return;
  ImGui::SetNextWindowPos(
      ImVec2(insets_.left + kMarginPx, insets_.top + Ui::kPanelY + kToolbarHeight - 4.0f),
      ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.85f);
  ImGui::Begin("Capture message", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::TextUnformatted(message_.c_str());
  ImGui::End();
}

void CoachView::DrawLegend() {
  ImGui::Begin(Ui::kPanelName);
  if (!ImGui::CollapsingHeader("Loads and lines", ImGuiTreeNodeFlags_DefaultOpen)) {
    ImGui::End();
    return;
  }
  sim::OverlayOptions& o = settings_.overlays;

  // What the joint colours show.
  const int current = o.joint_loads ? static_cast<int>(o.quantity) : sim::kLoadQuantityCount;
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::BeginCombo("##quantity",
                        o.joint_loads ? QuantityName(o.quantity) : "Joint colours off")) {
    for (int i = 0; i <= sim::kLoadQuantityCount; ++i) {
      const bool off = i == sim::kLoadQuantityCount;
      const char* name =
          off ? "Joint colours off" : QuantityName(static_cast<sim::LoadQuantity>(i));
      if (ImGui::Selectable(name, i == current)) {
        o.joint_loads = !off;
        if (!off) o.quantity = static_cast<sim::LoadQuantity>(i);
      }
    }
    ImGui::EndCombo();
  }

  // The colour bar, drawn from the same LoadColor the joints use, with its scale.
  if (o.joint_loads) {
    const sim::LoadScale scale = sim::LoadScaleFor(o.quantity);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    const float h = 16.0f;
    constexpr int kSlices = 48;
    for (int i = 0; i < kSlices; ++i) {
      const double t = (i + 0.5) / kSlices;
      const sim::Color c = sim::LoadColor(scale.min + t * (scale.max - scale.min), scale);
      draw->AddRectFilled(ImVec2(p.x + w * i / kSlices, p.y),
                          ImVec2(p.x + w * (i + 1) / kSlices + 0.5f, p.y + h), ToU32(c));
    }
    draw->AddRect(p, ImVec2(p.x + w, p.y + h), IM_COL32(0, 0, 0, 200));
    ImGui::Dummy(ImVec2(w, h + 2.0f));
    // Three tick values under the bar: both ends and the middle.
    char lo[32], mid[32], hi[32];
    std::snprintf(lo, sizeof(lo), "%g", scale.min);
    std::snprintf(mid, sizeof(mid), "%g", 0.5 * (scale.min + scale.max));
    std::snprintf(hi, sizeof(hi), "%g %s", scale.max, scale.unit);
    const float x0 = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(lo);
    ImGui::SameLine(x0 + 0.5f * (w - ImGui::CalcTextSize(mid).x));
    ImGui::TextUnformatted(mid);
    ImGui::SameLine(x0 + w - ImGui::CalcTextSize(hi).x);
    ImGui::TextUnformatted(hi);
    if (scale.diverging) {
      ImGui::TextDisabled("violet: absorbing (braking)");
      ImGui::SameLine(x0 + w - ImGui::CalcTextSize("red: generating").x);
      ImGui::TextDisabled("red: generating");
    }
  }
  ImGui::Checkbox("Force arrows (J)", &o.joint_arrows);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Joint reaction force arrows: 40 cm = 1 BW");
  ImGui::SameLine();
  if (ImGui::Checkbox("Pose lines (O)", &o.pose)) o.phase = o.pose;
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Lean line, last landing, knee over foot and the phase label");
  }
  ImGui::TextDisabled("Force arrows: 40 cm = 1 body weight");
  if (!runner_overlays_) {
    // The overlays come from the live run's analyzers, which hold no past instants.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kScrubNoteColor,
                       "Showing history: joint colours, arrows and Pose lines are hidden until "
                       "the view is live again.");
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void CoachView::DrawStats() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(
      ImVec2(display.x - insets_.right - kMarginPx, display.y - insets_.bottom - kMarginPx * 0.5f),
      ImGuiCond_Always, ImVec2(1.0f, 1.0f));
  ImGui::SetNextWindowBgAlpha(0.75f);
  ImGui::Begin("Frame time", nullptr,
               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_AlwaysAutoResize |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  const FrameTimes& s = stats_.smoothed();
  ImGui::Text("%5.1f fps   physics %4.1f   analysis %4.1f   render %4.1f   UI %4.1f ms",
              stats_.fps(), s[FrameStage::kPhysics], s[FrameStage::kAnalysis],
              s[FrameStage::kRender], s[FrameStage::kUi]);
  ImGui::End();
}

void CoachView::DrawHelp() {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(
      ImVec2(std::min(900.0f, display.x - 40.0f), std::min(640.0f, display.y - 40.0f)),
      ImGuiCond_Appearing);
  if (!ImGui::Begin("Help: keys and what you see (F1 or ? to close)", &settings_.show_help,
                    ImGuiWindowFlags_NoCollapse)) {
    ImGui::End();
    return;
  }
  auto row = [](const char* key, const char* what) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(key);
    ImGui::TableSetColumnIndex(1);
    ImGui::TextWrapped("%s", what);
  };
  ImGui::TextColored(kActiveButton, "Keys");
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingStretchProp)) {
    row("Space", "play / pause");
    row("S or .", "one small step forward while paused");
    row("R", "start the run again");
    row("Left  Right",
        "while paused: step back or forward through the last 30 s of the run, "
        "5 ms at a time (with Shift 0.1 s). The timeline above the plots does the "
        "same with the mouse; Space replays from there, Live returns.");
    row("1  2  3  4  5",
        "camera: side (follows the runners), front, rear, follow from behind, "
        "free. Every camera keeps all runners in the picture.");
    row("mouse",
        "left drag: turn the camera; right drag: move it; wheel: zoom. Any of these "
        "switches to the free camera.");
    row("L",
        "what the joint colours show: force through the joint, muscle turning effort, "
        "muscle power, or nothing");
    row("J", "arrows for the force through each joint");
    row("O", "the Pose lines and the phase label");
    row("F12", "save a picture of the screen (PNG in the current folder)");
    row("F9", "start / stop a video (MP4 with ffmpeg, else numbered PNG pictures)");
    row("F3", "the frame-time line (how fast the computer keeps up)");
    row("F1 or ?", "this help");
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextColored(kActiveButton, "What you see");
  if (ImGui::BeginTable("marks", 2, ImGuiTableFlags_SizingStretchProp)) {
    row("balls on hips, knees, ankles",
        "how hard each joint works right now. White is little, then yellow, orange, red for "
        "a lot (the scale is under \"Loads and lines\" on the left). Force through the joint "
        "is in body weights (BW). Muscle turning effort (net moment) is per kg of body mass. "
        "Muscle power is violet when the muscles brake and soak up the landing, red when they "
        "push.");
    row("red arrow under a foot",
        "the ground pushing back on the runner, starting where the foot presses; 40 cm long "
        "is one body weight.");
    row("orange arrows (J)",
        "the force through each joint, pointing at the joint; same scale as the red arrow.");
    row("yellow ball and line", "the body's centre of mass (COM) and the spot under it.");
    row("yellow line with angle",
        "the lean: from the point of support on the ground through the COM. The angle is from "
        "vertical; more angle is more forward fall. Shown while a foot is on the ground.");
    row("footprint, \"landed ... of COM\"",
        "where the last foot came down and how far ahead of (or behind) the COM it was at that "
        "moment. The Pose method asks for a landing close under the body.");
    row("light blue lines",
        "straight down from the knee and the ankle of the standing (or landing) leg: is the "
        "knee over the foot? The distance between them is written beside the knee.");
    row("word under the name",
        "what the runner's controller is doing now: pose (standing on the support leg), fall "
        "(leaning forward), pull (pulling the foot up under the hip), flight (both feet off the "
        "ground). A heel striker shows landing and push-off instead.");
    row("track", "lanes 1.22 m wide; a tick every metre, a line every 5 m with the distance.");
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextColored(kActiveButton, "Panels");
  if (ImGui::BeginTable("panels", 2, ImGuiTableFlags_SizingStretchProp)) {
    row("bottom",
        "the timeline (drag it to look back; Live returns; \"Branch from\" starts a new "
        "run from that instant with the changes made in the runner tabs), then the "
        "vertical ground force of every runner and the hip, knee and ankle moments and "
        "powers of one leg over the last 1.2 s. Shaded: foot on the ground.");
    row("right",
        "stride metrics of each runner over its last two strides, and a tab per "
        "runner: gait, lean, cadence and landing (live), height, mass and sex (restart), "
        "and a push.");
    row("left",
        "play, step, speed and each runner's state; the joint colour scale and overlay "
        "switches; scenes to load with one click and the history export (CSV).");
    row("history",
        "while you look back, the bodies, ground arrows, plots and metrics show that "
        "instant; the joint colours and Pose lines belong to the live run and are "
        "hidden until you return to Live.");
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace poselab::engine
