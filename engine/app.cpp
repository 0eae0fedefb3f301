// The viewer's frame loop (interactive) and the headless capture runs.
#include "engine/app.h"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>

#include "engine/capture.h"
#include "engine/frame_recorder.h"
#include "engine/image_io.h"
#include "sim/physics/runner_state.h"

#ifndef POSELAB_SHADER_DIR
#error "POSELAB_SHADER_DIR must be defined by the build"
#endif

namespace poselab::engine {
namespace {

// Wall time a frame may spend stepping physics before the rest of the backlog is dropped:
// keeps the UI near 30 fps even when the physics cannot keep up with the chosen speed.
constexpr double kStepBudgetS = 0.025;
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
    view_.frame()[FrameStage::kPhysics] += NowMs() - physics_start -
                                           (view_.frame()[FrameStage::kAnalysis] - analysis_before);
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
  if (!playback_.playing || sim_ == nullptr || !error_.empty()) {
    scheduler_.Reset();  // resuming must not replay the paused time
    playback_.realtime_factor = 0.0;
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
  const sim::StepStatus status = sim_->Step();
  if (!status.diverged) {
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
  view_.Attach(*sim_);
}

void App::ApplyActions(const UiActions& actions) {
  if (actions.restart) {
    Restart();
    UpdateScene(0.0f, /*snap_camera=*/true);
    return;
  }
  if (actions.step && sim_ != nullptr && error_.empty() && !playback_.playing) StepOnce();
}

void App::UpdateScene(float dt_s, bool snap_camera) {
  if (sim_ == nullptr) {
    draw_list_.Clear();
    return;
  }
  sim_->BuildDrawList(&draw_list_);
  view_.AppendOverlays(*sim_, camera_, &draw_list_);
  // A camera preset frames every runner; the free camera follows the middle of them.
  int width = 0, height = 0;
  window_->GetFramebufferSize(&width, &height);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Viewport screen = display.x > 0.0f ? Viewport{static_cast<int>(display.x),
                                                      static_cast<int>(display.y)}
                                           : Viewport{width, height};
  if (view_.UpdateCamera(*sim_, screen, dt_s, snap_camera, &camera_)) return;
  if (playback_.follow || snap_camera) {
    // Follow the middle of the runners (so leaving a preset for the free camera does not jump);
    // a scene without runners falls back to the middle of whatever bodies are drawn.
    std::optional<glm::vec3> goal = view_.FollowPoint(*sim_);
    if (!goal) goal = CalcFollowPoint(draw_list_);
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
  ui_.DrawPanel(sim_.get(), scene_.name, &playback_, error_, actions);
  view_.DrawUi(capture_status_, view_actions);

  // The scene, finished before the clock is read: software GL renders when flushed.
  const double render_start = NowMs();
  renderer_->Draw(draw_list_, camera_, framebuffer,
                  sim_ != nullptr ? view_.Decor(*sim_) : SceneDecor{});
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
  sim::Result<std::unique_ptr<Capture>> created =
      Capture::Create(options.width, options.height, /*samples=*/0);
  if (!created.ok()) {
    std::cerr << "poselab: " << created.error() << "\n";
    return kExitFailure;
  }
  const Capture& capture = *created.value();
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
    view_.frame()[FrameStage::kPhysics] += NowMs() - frame_start -
                                           (view_.frame()[FrameStage::kAnalysis] - analysis_before);
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
  // Single-sampled: the renderer multisamples the scene and resolves it into this target.
  sim::Result<std::unique_ptr<Capture>> created =
      Capture::Create(options.width, options.height, /*samples=*/0);
  if (!created.ok()) {
    std::cerr << "poselab: " << created.error() << "\n";
    return kExitFailure;
  }
  const Capture& capture = *created.value();
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
