// Ui: everything that goes through Dear ImGui: the simulation panel (play/pause, step, speed,
// restart, time, fall status), the divergence message box, keyboard shortcuts, mouse-to-camera
// input and the DrawList's text labels projected onto the screen.
#pragma once

#include <imgui.h>

#include <string>

#include "engine/orbit_camera.h"
#include "engine/session.h"
#include "sim/draw/draw_list.h"

namespace poselab::sim {
class Simulation;
}

namespace poselab::engine {

// Playback settings the user edits; the App applies them.
struct PlaybackState {
  bool playing = true;
  float speed = 1.0f;            // simulated seconds per wall second, [kMinSpeed, kMaxSpeed]
  bool follow = true;            // the free camera's target follows the middle of the runners
  double realtime_factor = 0.0;  // measured simulated / wall seconds (display only)
};

// One-shot requests from this frame's panel or shortcuts.
struct UiActions {
  bool step = false;        // advance one physics step (only offered while paused)
  bool restart = false;     // recreate the Simulation from the scene
  int scrub_samples = 0;    // Left/Right while paused: move the history cursor by this many samples
  SessionRequests session;  // from the history, plots, metrics and runner panels
};

class Ui {
 public:
  static constexpr float kMinSpeed = 0.05f;
  static constexpr float kMaxSpeed = 2.0f;
  // Where the panel sits (pixels from the top-left) and its width; the screenshot test knows it.
  static constexpr float kPanelX = 10.0f;
  static constexpr float kPanelY = 10.0f;
  static constexpr float kPanelWidth = 340.0f;
  // The panel's ImGui window. Other parts of the viewer add their sections to it (ImGui appends
  // to a window begun again under the same name), so the left column is one panel that scrolls
  // rather than several that could run into each other.
  static constexpr const char* kPanelName = "Simulation";

  // Keyboard shortcuts: Space play/pause, S or '.' single step (paused), R restart, Left/Right
  // scrub the history by one sample (Shift: 20 samples, 0.1 s) while paused. Ignored while
  // ImGui has keyboard focus (e.g. typing a value into the speed slider).
  void HandleShortcuts(PlaybackState* playback, UiActions* actions) const;

  // Mouse over the 3D view (not over a panel): left-drag rotates, right- or middle-drag pans
  // (and stops following, so the pan sticks), the wheel zooms.
  void HandleCameraInput(OrbitCamera* camera, const Viewport& viewport,
                         PlaybackState* playback) const;

  // The panel, at most `max_height` pixels tall (it scrolls beyond). `sim` may be null when a
  // restart failed; `error` (diverged step or failed restart) is shown in a red box, its top
  // centre at `message_anchor` (pixels), until a restart.
  void DrawPanel(const sim::Simulation* sim, const std::string& scene_name, PlaybackState* playback,
                 const std::string& error, float max_height, const ImVec2& message_anchor,
                 UiActions* actions) const;

  // Text labels at their world anchors, over the 3D view and under the panels (ImGui background
  // draw list), moved apart where they would cover each other (engine/label_layout.h).
  void DrawLabels(const sim::DrawList& list, const OrbitCamera& camera,
                  const Viewport& viewport) const;
};

}  // namespace poselab::engine
