// App: the viewer's top level. Owns the window, renderer, camera, UI and the Simulation, and runs
// either the interactive loop or a headless capture (screenshot or video).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/coach_view.h"
#include "engine/orbit_camera.h"
#include "engine/renderer.h"
#include "engine/session.h"
#include "engine/session_ui.h"
#include "engine/step_scheduler.h"
#include "engine/ui.h"
#include "engine/viewer_options.h"
#include "engine/window.h"
#include "sim/draw/draw_list.h"
#include "sim/scene/scene_desc.h"
#include "sim/simulation.h"

namespace poselab::engine {

class Capture;
class FrameRecorder;

class App {
 public:
  // Opens the window (hidden for headless options) and loads the renderer. `sim` was created
  // from `scene` by the caller, so scene errors are reported before any window opens.
  static sim::Result<std::unique_ptr<App>> Create(sim::SceneDesc scene,
                                                  std::unique_ptr<sim::Simulation> sim,
                                                  const ViewerOptions& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The interactive loop; returns the process exit code when the window closes.
  int RunInteractive();
  // Headless: steps options.seconds of simulated time and writes the screenshot or video.
  // Returns kExitOk, kExitDiverged (message on stderr) or kExitFailure.
  int RunCapture(const ViewerOptions& options);
  // Headless benchmark: after options.seconds (if given) of simulated time, renders
  // options.bench_frames frames offscreen exactly as the interactive loop does (physics at real
  // time from the measured frame time, overlays, panels) and prints the frame-time report.
  int RunBench(const ViewerOptions& options);

 private:
  App(sim::SceneDesc scene, std::unique_ptr<sim::Simulation> sim);

  // Advances the interactive simulation by this frame's share of fixed steps.
  void AdvancePlaying(double wall_dt_s);
  // One step; on divergence pauses and keeps the message for the red box.
  bool StepOnce();
  void Restart();
  // Re-simulates towards a branch point this frame; installs the new run when it is done.
  void ContinueBranch();
  void ApplyActions(const UiActions& actions);
  // Rebuilds the draw list (live, or the scrubbed instant) with the view's overlays and moves
  // the camera: the preset's framing, or the free camera's follow.
  void UpdateScene(float dt_s, bool snap_camera);
  // The window in ImGui's coordinates (labels, panels, framing).
  Viewport ScreenViewport() const;
  // What the session's panels cover along the window's edges, for the view's panels and camera.
  ScreenInsets PanelInsets(const Viewport& screen) const;
  // Each runner's COM as shown: the scrubbed sample's while scrubbing, else the live state's.
  std::vector<glm::vec3> ShownComs() const;
  // Draws scene + UI into the bound framebuffer. Interactive frames also take mouse/keyboard.
  void RenderFrame(int width, int height, bool headless, UiActions* actions,
                   ViewActions* view_actions);
  // Interactive capture: a PNG of the frame just drawn, and the video recording.
  void HandleCapture(const ViewActions& actions, int width, int height);
  // Headless helpers.
  bool StepUntil(int64_t step_index);
  int ReportDivergence() const;
  void RenderCaptureFrame(const Capture& capture);

  sim::SceneDesc scene_;
  std::unique_ptr<sim::Simulation> sim_;
  std::unique_ptr<Window> window_;      // declared before the renderer: the GL context must
  std::unique_ptr<Renderer> renderer_;  // outlive every GL object, so it is destroyed last
  OrbitCamera camera_;
  Ui ui_;
  PlaybackState playback_;
  StepScheduler scheduler_;
  sim::DrawList draw_list_;
  CoachView view_;
  std::optional<glm::vec3> carried_middle_;  // the runners' middle the camera was carried to
  CaptureStatus capture_status_;
  std::unique_ptr<FrameRecorder> recorder_;  // while a video is being recorded
  double video_start_s_ = 0.0;               // window clock when the recording started
  long video_frames_ = 0;                    // video frames queued so far
  std::string error_;  // divergence or failed restart; shown until a restart succeeds
  // History, scrubbing, branching, live edits, pushes, plots and metrics around sim_.
  Session session_;
  SessionUi session_ui_;
};

}  // namespace poselab::engine
