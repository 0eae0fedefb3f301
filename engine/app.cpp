// The viewer's frame loop (interactive) and the headless capture runs.
#include "engine/app.h"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <utility>

#include "engine/capture.h"
#include "engine/frame_recorder.h"
#include "engine/image_io.h"
#include "engine/presets.h"
#include "sim/physics/runner_state.h"

#ifndef POSELAB_SHADER_DIR
#error "POSELAB_SHADER_DIR must be defined by the build"
#endif
#ifndef POSELAB_SOURCE_DIR
#define POSELAB_SOURCE_DIR ""
#endif

namespace poselab::engine {
namespace {

// Wall time a frame may spend stepping physics before the rest of the backlog is dropped:
// keeps the UI near 30 fps even when the physics cannot keep up with the chosen speed.
constexpr double kStepBudgetS = 0.025;
// While branching, the view holds still (a progress bar), so re-simulation may take most of
// the frame: 10 frames per second are enough for a progress bar.
constexpr double kBranchBudgetS = 0.1;
// Camera follow lag: smooths the stride's bob without losing the runner.
constexpr float kFollowTauS = 0.25f;
// Multisamples of the 3D scene, interactive and headless alike.
constexpr int kSceneSamples = 4;
// Video frame rate, in frames per simulated second.
constexpr double kVideoFps = 30.0;
// Headless frames drawn before the captured one: ImGui sizes auto-resizing windows during their
// first frame and shows them from the second.
constexpr int kUiWarmupFrames = 2;
// Benchmark frames not counted: the first frames compile shaders and fill caches.
constexpr int kBenchWarmupFrames = 10;
// The frame time the benchmark assumes before it has measured one (a 30 fps frame).
constexpr double kBenchFirstFrameS = 1.0 / 30.0;

double NowMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Interactive screenshots and videos go to the current directory, named after the scene.
std::string CapturePrefix(const std::string& scene_name) { return "poselab_" + scene_name; }

// The offscreen target of a headless run, single-sampled: the renderer multisamples the scene
// and resolves it into this target. On failure the reason is on stderr and the result is null.
std::unique_ptr<Capture> CreateCaptureOrReport(const ViewerOptions& options) {
  sim::Result<std::unique_ptr<Capture>> created =
      Capture::Create(options.width, options.height, /*samples=*/0);
  if (!created.ok()) {
    std::cerr << "poselab: " << created.error() << "\n";
    return nullptr;
  }
  return std::move(created.value());
}

}  // namespace

App::App(sim::SceneDesc scene, std::unique_ptr<sim::Simulation> sim)
    : scene_(std::move(scene)), sim_(std::move(sim)), scheduler_(sim_->timestep()) {}

App::~App() = default;

sim::Result<std::unique_ptr<App>> App::Create(sim::SceneDesc scene,
                                              std::unique_ptr<sim::Simulation> sim,
                                              const ViewerOptions& options) {
  POSELAB_ASSERT(sim != nullptr, "App needs a simulation");
  std::unique_ptr<App> app(new App(std::move(scene), std::move(sim)));
  WindowOptions window_options;
  window_options.width = options.width;
  window_options.height = options.height;
  window_options.title = "PoseLab - " + app->scene_.name;
  window_options.visible = !options.headless();
  // Multisampling lives in the renderer's scene target, so the window and the capture target
  // are single-sampled: the UI does not pay for it.
  window_options.samples = 0;
  sim::Result<std::unique_ptr<Window>> window = Window::Create(window_options);
  if (!window.ok()) return sim::Error{window.error()};
  app->window_ = std::move(window).value();
  sim::Result<std::unique_ptr<Renderer>> renderer =
      Renderer::Create(POSELAB_SHADER_DIR, kSceneSamples);
  if (!renderer.ok()) return sim::Error{renderer.error()};
  app->renderer_ = std::move(renderer).value();
  app->session_.Reset(*app->sim_);
  app->session_ui_.SetPresets(ListScenePresets(FindScenesDir(POSELAB_SOURCE_DIR)));
  app->view_.Attach(*app->sim_);
  ViewSettings& view = app->view_.settings();
  view.preset = options.camera;
  view.overlays.joint_loads = options.joint_loads;
  view.overlays.quantity = options.loads;
  view.overlays.joint_arrows = options.joint_arrows;
  app->UpdateScene(0.0f, /*snap_camera=*/true);
  return app;
}

int App::RunInteractive() {
  double last = window_->Now();
  while (!window_->ShouldClose()) {
    window_->PollEvents();
    const double now = window_->Now();
    const double wall_dt = now - last;
    last = now;

    int width = 0, height = 0;
    window_->GetFramebufferSize(&width, &height);
    if (width == 0 || height == 0) {  // minimised: nothing to draw, so don't spin
      window_->WaitEvents(0.1);
      continue;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);

    // Physics first, so the frame shows the state it just reached; this frame's keys and
    // buttons take effect after it is drawn (at most one frame of latency). The physics time
    // is the stepping less the analysis that observed each step.
    const double analysis_before = view_.frame()[FrameStage::kAnalysis];
    const double physics_start = NowMs();
    AdvancePlaying(wall_dt);
    view_.frame()[FrameStage::kPhysics] +=
        NowMs() - physics_start - (view_.frame()[FrameStage::kAnalysis] - analysis_before);
    UpdateScene(static_cast<float>(wall_dt), /*snap_camera=*/false);
    UiActions actions;
    ViewActions view_actions;
    RenderFrame(width, height, /*headless=*/false, &actions, &view_actions);
    HandleCapture(view_actions, width, height);  // reads the back buffer before the swap
    window_->SwapBuffers();
    ApplyActions(actions);
    view_.EndFrame(wall_dt * 1e3);
  }
  if (recorder_ != nullptr) (void)recorder_->Stop();
  return kExitOk;
}

void App::AdvancePlaying(double wall_dt_s) {
  if (session_.branching()) {
    ContinueBranch();
    return;
  }
  if (!playback_.playing || sim_ == nullptr || !error_.empty()) {
    scheduler_.Reset();  // resuming must not replay the paused time
    playback_.realtime_factor = 0.0;
    return;
  }
  // Scrubbed back and playing: replay the recorded history, then carry on live.
  if (session_.scrubbing()) {
    scheduler_.Reset();
    session_.AdvanceReplay(wall_dt_s * playback_.speed);
    playback_.realtime_factor = playback_.speed;
    return;
  }
  const double sim_start = sim_->time();
  const double wall_start = window_->Now();
  const int due = scheduler_.Advance(wall_dt_s, playback_.speed);
  for (int i = 0; i < due; ++i) {
    if (!StepOnce()) break;
    // Check the clock every 16 steps only: it is cheap, but not free.
    if ((i & 15) == 15 && window_->Now() - wall_start > kStepBudgetS) {
      scheduler_.Reset();  // drop the backlog: run slower than asked rather than freeze
      break;
    }
  }
  // Smoothed display of how fast simulated time actually advances.
  if (wall_dt_s > 0.0) {
    const double factor = (sim_->time() - sim_start) / wall_dt_s;
    const double alpha = 1.0 - std::exp(-wall_dt_s / 0.5);
    playback_.realtime_factor += (factor - playback_.realtime_factor) * alpha;
  }
}

bool App::StepOnce() {
  session_.BeforeStep(sim_.get());
  const sim::StepStatus status = sim_->Step();
  if (!status.diverged) {
    // The run record (history, gait events, stride metrics) and the view's live analyzers both
    // observe every step; both count as analysis in the frame times, not as physics.
    const double analysis_start = NowMs();
    session_.AfterStep(*sim_);
    view_.frame()[FrameStage::kAnalysis] += NowMs() - analysis_start;
    view_.ObserveStep(*sim_);
    return true;
  }
  // Never reset silently: stop here, keep the last state on screen and say why.
  playback_.playing = false;
  error_ = status.message;
  return false;
}

void App::Restart() {
  sim::Result<std::unique_ptr<sim::Simulation>> sim = sim::Simulation::Create(scene_);
  if (!sim.ok()) {
    sim_.reset();
    error_ = "Restart failed: " + sim.error();
    playback_.playing = false;
    return;
  }
  sim_ = std::move(sim).value();
  error_.clear();
  scheduler_ = StepScheduler(sim_->timestep());
  session_.Reset(*sim_);
  view_.Attach(*sim_);
}

void App::ContinueBranch() {
  const double start = window_->Now();
  std::unique_ptr<sim::Simulation> branched =
      session_.ContinueBranch([&] { return window_->Now() - start > kBranchBudgetS; });
  if (branched == nullptr) return;
  // The new run starts paused at the branch point, so the change can be watched from there.
  sim_ = std::move(branched);
  error_.clear();
  scheduler_ = StepScheduler(sim_->timestep());
  playback_.playing = false;
  // The view's analyzers start over on the new run: its loads show from its second step, its
  // landing marks from its first touchdown.
  view_.Attach(*sim_);
  UpdateScene(0.0f, /*snap_camera=*/false);
}

void App::ApplyActions(const UiActions& actions) {
  if (actions.restart) {
    Restart();
    UpdateScene(0.0f, /*snap_camera=*/true);
    return;
  }
  if (sim_ == nullptr) {
    if (!actions.session.preset_path.empty() && session_.Apply(actions.session, &scene_, nullptr)) {
      Restart();
      UpdateScene(0.0f, /*snap_camera=*/true);
    }
    return;
  }
  if (session_.Apply(actions.session, &scene_, sim_.get())) {
    Restart();
    UpdateScene(0.0f, /*snap_camera=*/true);
    return;
  }
  if (!playback_.playing && !session_.branching()) {
    // While scrubbed, stepping moves through the history instead of the physics.
    if (actions.scrub_samples != 0) session_.ScrubBy(actions.scrub_samples);
    if (actions.step && session_.scrubbing()) {
      session_.ScrubBy(1);
    } else if (actions.step && error_.empty()) {
      StepOnce();
    }
  }
}

Viewport App::ScreenViewport() const {
  // ImGui's display size (window coordinates) once a UI frame has begun; the framebuffer's
  // before that. Both have the same aspect ratio.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  if (display.x > 0.0f && display.y > 0.0f) {
    return {static_cast<int>(display.x), static_cast<int>(display.y)};
  }
  int width = 0, height = 0;
  window_->GetFramebufferSize(&width, &height);
  return {width, height};
}

ScreenInsets App::PanelInsets(const Viewport& screen) const {
  // The simulation panel's column on the left, the session's right column, plot panel along
  // the bottom and (after a branch) banner along the top: engine/session_ui.h.
  ScreenInsets insets;
  insets.left = Ui::kPanelX + Ui::kPanelWidth;
  insets.right = SessionUi::RightInset();
  insets.bottom = SessionUi::BottomHeight(static_cast<float>(screen.height));
  insets.top = session_ui_.TopInset();
  return insets;
}

std::vector<glm::vec3> App::ShownComs() const {
  std::vector<glm::vec3> coms;
  if (sim_ == nullptr) return coms;
  for (size_t r = 0; r < sim_->runner_count(); ++r) {
    const std::optional<sim::Vec3> scrubbed =
        session_.scrubbing() ? session_.ShownCom(r) : std::nullopt;
    coms.emplace_back(scrubbed ? *scrubbed : sim_->runner_state(r).com);
  }
  return coms;
}

void App::UpdateScene(float dt_s, bool snap_camera) {
  if (sim_ == nullptr) {
    draw_list_.Clear();
    return;
  }
  // Scrubbed: the bodies at the cursor, from the history; live: the simulation's state.
  const bool scrubbed = session_.scrubbing();
  if (scrubbed) {
    session_.BuildShownDrawList(*sim_, &draw_list_);
  } else {
    sim_->BuildDrawList(&draw_list_);
  }
  session_.AppendPushArrows(*sim_, &draw_list_);
  // The load colours, joint arrows and Pose lines are built from the live state and the live
  // analyzers, which know nothing of a past instant: while scrubbed they are hidden (the legend
  // says so) rather than drawn over bodies they do not belong to. The track's numbers stay.
  view_.AppendOverlays(*sim_, camera_, /*runner_overlays=*/!scrubbed, &draw_list_);

  // A camera preset frames every runner where it is shown (live or scrubbed) inside the area no
  // panel covers; the free camera follows the middle of them.
  const Viewport screen = ScreenViewport();
  view_.set_insets(PanelInsets(screen));
  const std::vector<glm::vec3> coms = ShownComs();
  // First carry the camera along with the runners' middle: the glides below then smooth only
  // changes of framing (a new preset, runners drawing apart), not the running itself, which
  // would leave the camera trailing by speed x lag (0.7 m at 2.8 m/s), the leader at the edge.
  const std::optional<glm::vec3> middle = view_.FollowPoint(*sim_, coms);
  const bool following = view_.settings().preset != CameraPreset::kFree || playback_.follow;
  if (middle && carried_middle_ && following && !snap_camera) {
    camera_.set_target(camera_.target() + (*middle - *carried_middle_));
  }
  carried_middle_ = middle;
  if (view_.UpdateCamera(*sim_, coms, screen, dt_s, snap_camera, &camera_)) return;
  if (playback_.follow || snap_camera) {
    // Follow the middle of the runners, shown in the middle of the free area (so leaving a
    // preset for the free camera does not jump); a scene without runners falls back to the
    // middle of whatever bodies are drawn.
    std::optional<glm::vec3> goal = middle;
    if (!goal) goal = CalcFollowPoint(draw_list_);
    if (goal) goal = view_.FreeCameraTarget(camera_, screen, *goal);
    if (goal) {
      camera_.set_target(
          SmoothTowards(camera_.target(), *goal, dt_s, snap_camera ? 0.0f : kFollowTauS));
    }
  }
}

void App::RenderFrame(int width, int height, bool headless, UiActions* actions,
                      ViewActions* view_actions) {
  const double ui_start = NowMs();
  window_->BeginUiFrame(headless, width, height);
  const Viewport framebuffer{width, height};
  // Labels and mouse deltas are in ImGui's (window) coordinates, which differ from framebuffer
  // pixels on high-DPI screens; the aspect ratio is the same.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Viewport screen{static_cast<int>(display.x), static_cast<int>(display.y)};
  if (!headless) {
    ui_.HandleShortcuts(&playback_, actions);
    view_.HandleShortcuts(view_actions);
    // A drag or the wheel leaves the preset for the free camera.
    const glm::vec3 target = camera_.target();
    const glm::vec3 eye = camera_.CalcEye();
    ui_.HandleCameraInput(&camera_, screen, &playback_);
    if (camera_.target() != target || camera_.CalcEye() != eye) view_.OnUserCamera();
  }
  // The layout (1280x720 and up): the left column is the simulation panel with the view's
  // legend and the session's scenes as sections of it, scrolling above the plot panel; the
  // session's plot panel runs along the bottom, its metrics and runner tabs down the right; the
  // view's toolbar and frame-time line and the camera framing share the rest (engine/
  // session_ui.h, engine/coach_view.h).
  const ScreenInsets insets = PanelInsets(screen);
  const ScreenRect free = view_.FreeArea(screen);
  ui_.DrawPanel(sim_.get(), scene_.name, &playback_, error_,
                static_cast<float>(screen.height) - insets.bottom - 2.0f * Ui::kPanelY,
                ImVec2(0.5f * (free.x0 + free.x1), free.y0), actions);
  view_.DrawLegend();
  session_ui_.Draw(sim_.get(), session_, &playback_, &actions->session);
  // The banner drawn just now may have taken a strip along the top.
  view_.set_insets(PanelInsets(screen));
  view_.DrawUi(capture_status_, view_actions);

  // The scene, finished before the clock is read: software GL renders when flushed.
  const double render_start = NowMs();
  renderer_->Draw(draw_list_, camera_, framebuffer,
                  sim_ != nullptr ? view_.Decor(*sim_, ShownComs()) : SceneDecor{});
  glFinish();
  const double render_end = NowMs();
  ui_.DrawLabels(draw_list_, camera_, screen);
  window_->EndUiFrame();
  glFinish();
  view_.frame()[FrameStage::kRender] += render_end - render_start;
  view_.frame()[FrameStage::kUi] += (render_start - ui_start) + (NowMs() - render_end);
}

void App::HandleCapture(const ViewActions& actions, int width, int height) {
  const bool want_frame = actions.screenshot || recorder_ != nullptr;
  if (!want_frame && !actions.toggle_video) return;
  RgbImage image;
  if (want_frame) {
    // The back buffer holds the frame just drawn (resolved from its samples by the read).
    image.width = width;
    image.height = height;
    image.pixels.resize(static_cast<size_t>(width) * height * 3);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, image.pixels.data());
    FlipRows(&image);
  }
  if (actions.screenshot) {
    const std::string path = NextCapturePath("", CapturePrefix(scene_.name), ".png");
    const sim::Status written = WritePng(image, path);
    capture_status_.last_message = written.ok() ? "Saved " + path : written.error();
    std::cout << "poselab: " << capture_status_.last_message << std::endl;  // seen at once
  }
  if (recorder_ != nullptr) {
    // Pace to wall time: repeat the frame if the viewer runs below 30 fps, skip it above.
    const double elapsed = window_->Now() - video_start_s_;
    const long due = FramesDue(elapsed, kVideoFps);
    recorder_->Push(std::move(image), static_cast<int>(std::min<long>(due - video_frames_, 4)));
    video_frames_ = due;
  }
  if (actions.toggle_video) {
    if (recorder_ == nullptr) {
      const std::string path = NextCapturePath("", CapturePrefix(scene_.name), ".mp4");
      sim::Result<std::unique_ptr<FrameRecorder>> started =
          FrameRecorder::Start(path, width, height, kVideoFps);
      if (started.ok()) {
        recorder_ = std::move(started).value();
        video_start_s_ = window_->Now();
        video_frames_ = 0;
        capture_status_.recording = true;
        capture_status_.last_message = "Recording to " + recorder_->destination();
      } else {
        capture_status_.last_message = started.error();
      }
    } else {
      const sim::Status stopped = recorder_->Stop();
      capture_status_.last_message =
          stopped.ok() ? "Saved " + std::to_string(recorder_->written()) + " frames to " +
                             recorder_->destination() +
                             (recorder_->dropped() > 0
                                  ? " (" + std::to_string(recorder_->dropped()) + " dropped)"
                                  : std::string())
                       : stopped.error();
      recorder_.reset();
      capture_status_.recording = false;
    }
    std::cout << "poselab: " << capture_status_.last_message << std::endl;  // seen at once
  }
  if (recorder_ != nullptr) capture_status_.recorded_s = window_->Now() - video_start_s_;
}

bool App::StepUntil(int64_t step_index) {
  while (sim_->step_count() < step_index) {
    if (!StepOnce()) return false;
  }
  return true;
}

int App::ReportDivergence() const {
  std::cerr << "poselab: " << error_ << "\n";
  return kExitDiverged;
}

void App::RenderCaptureFrame(const Capture& capture) {
  capture.Bind();
  UpdateScene(0.0f, /*snap_camera=*/true);
  UiActions ignored;
  ViewActions ignored_view;
  RenderFrame(capture.width(), capture.height(), /*headless=*/true, &ignored, &ignored_view);
}

int App::RunBench(const ViewerOptions& options) {
  const std::unique_ptr<Capture> created = CreateCaptureOrReport(options);
  if (!created) return kExitFailure;
  const Capture& capture = *created;
  if (options.seconds > 0.0) {
    const auto start_step = static_cast<int64_t>(std::llround(options.seconds / sim_->timestep()));
    if (!StepUntil(start_step)) return ReportDivergence();
  }
  // The interactive frame, offscreen: physics for the wall time the previous frame took (the
  // same accumulator and per-frame cap), overlays, the scene, every panel.
  FrameStats bench(0.5, /*keep_history=*/true);
  const double sim_start = sim_->time();
  double wall_dt = kBenchFirstFrameS;
  double measured_wall = 0.0, measured_sim_start = sim_start;
  for (int i = 0; i < kBenchWarmupFrames + options.bench_frames; ++i) {
    if (i == kBenchWarmupFrames) measured_sim_start = sim_->time();
    const double frame_start = NowMs();
    capture.Bind();
    const double analysis_before = view_.frame()[FrameStage::kAnalysis];
    AdvancePlaying(wall_dt);
    view_.frame()[FrameStage::kPhysics] +=
        NowMs() - frame_start - (view_.frame()[FrameStage::kAnalysis] - analysis_before);
    if (!error_.empty()) return ReportDivergence();
    UpdateScene(static_cast<float>(wall_dt), /*snap_camera=*/false);
    UiActions ignored;
    ViewActions ignored_view;
    RenderFrame(capture.width(), capture.height(), /*headless=*/true, &ignored, &ignored_view);
    wall_dt = (NowMs() - frame_start) * 1e-3;
    FrameTimes frame = view_.frame();
    frame.total_ms = wall_dt * 1e3;
    view_.EndFrame(frame.total_ms);
    if (i >= kBenchWarmupFrames) {
      bench.Add(frame);
      measured_wall += wall_dt;
    }
  }
  const auto* gl_renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  std::cout << "renderer: " << (gl_renderer != nullptr ? gl_renderer : "?") << ", scene "
            << renderer_->samples() << "x multisampled, shadows "
            << (renderer_->shadows_available() ? "on" : "unavailable") << "\n"
            << "scene " << scene_.name << ", " << sim_->runner_count() << " runners, after "
            << kBenchWarmupFrames << " warm-up frames, from t = " << sim_start << " s\n"
            << FormatBenchReport(bench.history(), capture.width(), capture.height());
  std::cout << "simulated " << sim_->time() - measured_sim_start << " s in " << measured_wall
            << " s of frames ("
            << (measured_wall > 0.0 ? (sim_->time() - measured_sim_start) / measured_wall : 0.0)
            << "x real time)\n";
  return kExitOk;
}

int App::RunCapture(const ViewerOptions& options) {
  // Frame times of a capture say nothing about the viewer's speed: no panel for them.
  view_.settings().show_stats = false;
  const std::unique_ptr<Capture> created = CreateCaptureOrReport(options);
  if (!created) return kExitFailure;
  const Capture& capture = *created;
  const double dt = sim_->timestep();
  // Whole steps, counted from the start: no drift from summing dt.
  auto steps_at = [dt](double t_s) { return static_cast<int64_t>(std::llround(t_s / dt)); };

  if (!options.screenshot_path.empty()) {
    if (!StepUntil(steps_at(options.seconds))) return ReportDivergence();
    for (int i = 0; i < kUiWarmupFrames; ++i) RenderCaptureFrame(capture);
    RenderCaptureFrame(capture);
    const sim::Status written = WritePng(capture.Read(), options.screenshot_path);
    if (!written.ok()) {
      std::cerr << "poselab: " << written.error() << "\n";
      return kExitFailure;
    }
    std::cout << "wrote " << options.screenshot_path << " (" << capture.width() << "x"
              << capture.height() << ", t = " << sim_->time() << " s)\n";
    return kExitOk;
  }

  sim::Result<VideoWriter> opened =
      VideoWriter::Open(options.video_path, capture.width(), capture.height(), kVideoFps);
  if (!opened.ok()) {
    std::cerr << "poselab: " << opened.error() << "\n";
    return kExitFailure;
  }
  VideoWriter& writer = opened.value();
  // Frame k shows simulated time k / fps, from 0 to `seconds` inclusive.
  const auto frames = static_cast<int>(std::floor(options.seconds * kVideoFps + 1e-9)) + 1;
  for (int i = 0; i < kUiWarmupFrames; ++i) RenderCaptureFrame(capture);
  for (int k = 0; k < frames; ++k) {
    if (!StepUntil(steps_at(k / kVideoFps))) {
      (void)writer.Close();
      return ReportDivergence();
    }
    RenderCaptureFrame(capture);
    const sim::Status written = writer.Write(capture.Read());
    if (!written.ok()) {
      std::cerr << "poselab: " << written.error() << "\n";
      return kExitFailure;
    }
  }
  const sim::Status closed = writer.Close();
  if (!closed.ok()) {
    std::cerr << "poselab: " << closed.error() << "\n";
    return kExitFailure;
  }
  std::cout << "wrote " << writer.frame_count() << " frames to "
            << (writer.uses_ffmpeg() ? options.video_path : writer.frame_dir() + "/") << "\n";
  return kExitOk;
}

}  // namespace poselab::engine
