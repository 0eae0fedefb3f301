// CoachView: what the viewer adds to the plain simulation for a coach: camera presets that
// keep every runner in view, live load and Pose-method overlays (from a LiveAnalyzer per
// runner), the track's lanes and distance numbers, shadows, the view toolbar, the load legend,
// the frame-time panel and the help. The App owns one and calls it at fixed points of a frame.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/camera_presets.h"
#include "engine/frame_stats.h"
#include "engine/orbit_camera.h"
#include "engine/renderer.h"
#include "engine/track_layout.h"
#include "engine/ui.h"
#include "sim/analysis/live_analysis.h"
#include "sim/draw/draw_builder.h"
#include "sim/draw/draw_list.h"

namespace poselab::sim {
class Simulation;
}

namespace poselab::engine {

// The user's view choices.
struct ViewSettings {
  CameraPreset preset = CameraPreset::kSide;
  sim::OverlayOptions overlays;
  bool show_stats = true;
  bool show_help = false;
};

// One-shot capture requests from this frame's keys and buttons.
struct ViewActions {
  bool screenshot = false;
  bool toggle_video = false;
};

// Space along the window's edges that other panels own, pixels. The view's toolbar and
// frame-time line and the camera framing keep inside the rest. By default the left column is the
// simulation panel's (engine/ui.h).
struct ScreenInsets {
  float left = 0.0f, top = 0.0f, right = 0.0f, bottom = 0.0f;
};

// What the toolbar shows about capture.
struct CaptureStatus {
  bool recording = false;
  double recorded_s = 0.0;   // wall seconds since recording started
  std::string last_message;  // "Saved poselab_pose_001.png", or an error
};

class CoachView {
 public:
  // Panels' layout at the top and bottom of the window, pixels; the free area between them and
  // right of the simulation panel is what the camera presets frame the runners in.
  static constexpr float kToolbarHeight = 44.0f;
  static constexpr float kStatsHeight = 34.0f;

  // Starts over for `sim` (a new or restarted simulation): one analyzer per runner, the track.
  // `sim` must outlive the view or the next Attach.
  void Attach(const sim::Simulation& sim);

  // After every physics step (the analyzers need every state). Its time counts as analysis.
  void ObserveStep(const sim::Simulation& sim);

  // Appends the track's distance numbers near `camera` and, when `runner_overlays`, the
  // overlays of every runner. The runner overlays are drawn from the live simulation and its
  // analyzers, so the caller turns them off while it shows another instant (a scrubbed past
  // state); the legend then says so. Its time counts as analysis.
  void AppendOverlays(const sim::Simulation& sim, const OrbitCamera& camera, bool runner_overlays,
                      sim::DrawList* list);

  // In the functions below, `coms` holds each runner's whole-body COM as the view shows it
  // (world, m; one per runner of `sim`): the live state, or a scrubbed sample of the history.

  // Points the camera for the current preset (following the runners; `snap` jumps there, else
  // it glides with a short lag over `dt_s`). Returns false in free mode, where the mouse and
  // the follow option steer the camera (a snap there only sets the distance that frames them).
  bool UpdateCamera(const sim::Simulation& sim, const std::vector<glm::vec3>& coms,
                    const Viewport& viewport, float dt_s, bool snap, OrbitCamera* camera) const;

  // The middle of all runners (the centre of the box the presets frame); empty without runners.
  std::optional<glm::vec3> FollowPoint(const sim::Simulation& sim,
                                       const std::vector<glm::vec3>& coms) const;

  // The free camera's target that shows `point` (the follow point) in the middle of the free
  // area rather than the middle of the window, seen along `camera`'s current direction and
  // distance: leaving a preset for the free camera does not jump, and the runners stay clear of
  // the panels along the edges.
  glm::vec3 FreeCameraTarget(const OrbitCamera& camera, const Viewport& viewport,
                             const glm::vec3& point) const;

  // The renderer's extras: lanes and the runners' box for the shadow map.
  SceneDecor Decor(const sim::Simulation& sim, const std::vector<glm::vec3>& coms) const;

  // The part of the window no panel covers.
  ScreenRect FreeArea(const Viewport& viewport) const;
  // Other panels' space along the edges (see ScreenInsets).
  void set_insets(const ScreenInsets& insets) { insets_ = insets; }

  // Keys (interactive frames only; ignored while ImGui has keyboard focus): 1-5 camera, L load
  // quantity, J joint force arrows, O Pose lines, F1 or ? help, F3 frame-time panel, F12
  // screenshot, F9 video on/off.
  void HandleShortcuts(ViewActions* actions);

  // The load legend and overlay switches: a section of the simulation panel (Ui::kPanelName),
  // so the left column stays one panel. Call after Ui::DrawPanel.
  void DrawLegend();
  // Toolbar along the top of the free area (with the last capture message under it for a few
  // seconds), frame-time line along its bottom, help window.
  void DrawUi(const CaptureStatus& capture, ViewActions* actions);

  // The user moved the camera with the mouse: leave the preset for free orbit.
  void OnUserCamera() { settings_.preset = CameraPreset::kFree; }

  ViewSettings& settings() { return settings_; }
  FrameStats& stats() { return stats_; }
  // This frame's stage times so far; EndFrame adds them to the statistics and starts anew.
  FrameTimes& frame() { return frame_; }
  void EndFrame(double total_ms);

 private:
  WorldBox RunnersBox(const sim::Simulation& sim, const std::vector<glm::vec3>& coms) const;
  void DrawToolbar(const CaptureStatus& capture, ViewActions* actions);
  void DrawCaptureMessage(const CaptureStatus& capture);
  void DrawStats();
  void DrawHelp();

  ViewSettings settings_;
  ScreenInsets insets_{Ui::kPanelX + Ui::kPanelWidth, 0.0f, 0.0f, 0.0f};
  std::vector<std::unique_ptr<sim::LiveAnalyzer>> analyzers_;
  TrackLayout track_;
  bool runner_overlays_ = true;  // the last AppendOverlays drew the runners' overlays
  std::string message_;          // the capture message on show, and since when (ImGui time, s)
  double message_since_s_ = 0.0;
  FrameStats stats_;
  FrameTimes frame_;
};

}  // namespace poselab::engine
