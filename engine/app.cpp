// The viewer's frame loop (interactive) and the headless capture runs.
#include "engine/app.h"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "engine/capture.h"
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
// Video frame rate, in frames per simulated second.
constexpr double kVideoFps = 30.0;
// Headless frames drawn before the captured one: ImGui sizes auto-resizing windows during their
// first frame and shows them from the second.
constexpr int kUiWarmupFrames = 2;

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
  window_options.samples = options.headless() ? 0 : 4;  // headless MSAA lives in the FBO
  sim::Result<std::unique_ptr<Window>> window = Window::Create(window_options);
  if (!window.ok()) return sim::Error{window.error()};
  app->window_ = std::move(window).value();
  sim::Result<std::unique_ptr<Renderer>> renderer = Renderer::Create(POSELAB_SHADER_DIR);
  if (!renderer.ok()) return sim::Error{renderer.error()};
  app->renderer_ = std::move(renderer).value();
  app->session_.Reset(*app->sim_);
  app->session_ui_.SetPresets(ListScenePresets(FindScenesDir(POSELAB_SOURCE_DIR)));
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
    // buttons take effect after it is drawn (at most one frame of latency).
    AdvancePlaying(wall_dt);
    UpdateScene(static_cast<float>(wall_dt), /*snap_camera=*/false);
    UiActions actions;
    RenderFrame(width, height, /*headless=*/false, &actions);
    window_->SwapBuffers();
    ApplyActions(actions);
  }
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
    session_.AfterStep(*sim_);
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

void App::UpdateScene(float dt_s, bool snap_camera) {
  if (sim_ == nullptr) {
    draw_list_.Clear();
    return;
  }
  // Scrubbed: the bodies at the cursor, from the history; live: the simulation's state.
  if (session_.scrubbing()) {
    session_.BuildShownDrawList(*sim_, &draw_list_);
  } else {
    sim_->BuildDrawList(&draw_list_);
  }
  session_.AppendPushArrows(*sim_, &draw_list_);
  if (playback_.follow || snap_camera) {
    // Follow the first runner's whole-body COM; a scene without runners falls back to the
    // middle of whatever bodies are drawn.
    std::optional<glm::vec3> goal;
    if (sim_->runner_count() > 0) {
      goal = glm::vec3(session_.scrubbing() ? *session_.ShownCom(0) : sim_->runner_state(0).com);
    } else {
      goal = CalcFollowPoint(draw_list_);
    }
    // Aim below it so that it shows above the plot panel along the bottom.
    if (goal) goal->y -= SessionUi::CameraDropM(camera_, ImGui::GetIO().DisplaySize.y);
    if (goal) {
      camera_.set_target(
          SmoothTowards(camera_.target(), *goal, dt_s, snap_camera ? 0.0f : kFollowTauS));
    }
  }
}

void App::RenderFrame(int width, int height, bool headless, UiActions* actions) {
  window_->BeginUiFrame(headless, width, height);
  const Viewport framebuffer{width, height};
  // Labels and mouse deltas are in ImGui's (window) coordinates, which differ from framebuffer
  // pixels on high-DPI screens; the aspect ratio is the same.
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Viewport screen{static_cast<int>(display.x), static_cast<int>(display.y)};
  if (!headless) {
    ui_.HandleShortcuts(&playback_, actions);
    ui_.HandleCameraInput(&camera_, screen, &playback_);
  }
  ui_.DrawPanel(sim_.get(), scene_.name, &playback_, error_, actions);
  session_ui_.Draw(sim_.get(), session_, &playback_, &actions->session);
  renderer_->Draw(draw_list_, camera_, framebuffer);
  ui_.DrawLabels(draw_list_, camera_, screen);
  window_->EndUiFrame();
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
  RenderFrame(capture.width(), capture.height(), /*headless=*/true, &ignored);
}

int App::RunCapture(const ViewerOptions& options) {
  sim::Result<std::unique_ptr<Capture>> created = Capture::Create(options.width, options.height);
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
