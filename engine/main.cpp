// poselab: the viewer executable. Validates flags and the scene before opening any window, so
// bad input exits with code 2 and writes nothing.
#include <exception>
#include <iostream>
#include <utility>
#include <variant>

#include "engine/app.h"
#include "engine/viewer_options.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"

#ifndef POSELAB_SOURCE_DIR
#define POSELAB_SOURCE_DIR ""
#endif

namespace engine = poselab::engine;
namespace sim = poselab::sim;

namespace {

int Run(int argc, char** argv) {
  const std::variant<engine::ViewerOptions, int> parsed =
      engine::ParseViewerOptions(argc, argv, std::cout, std::cerr);
  if (const int* exit_code = std::get_if<int>(&parsed)) return *exit_code;
  const engine::ViewerOptions& options = std::get<engine::ViewerOptions>(parsed);

  // Input checks, all before the first byte is written.
  sim::Result<std::string> scene_path =
      engine::ResolveScenePath(options.scene_path, POSELAB_SOURCE_DIR);
  if (!scene_path.ok()) {
    std::cerr << "poselab: " << scene_path.error() << "\n";
    return engine::kExitBadInput;
  }
  for (const auto& [path, flag] : {std::pair{options.screenshot_path, "--screenshot"},
                                   std::pair{options.video_path, "--video"}}) {
    if (path.empty()) continue;
    const sim::Status ok = engine::CheckOutputPath(path, flag);
    if (!ok.ok()) {
      std::cerr << "poselab: " << ok.error() << "\n";
      return engine::kExitBadInput;
    }
  }
  sim::Result<sim::SceneDesc> scene = sim::LoadSceneFile(scene_path.value());
  if (!scene.ok()) {
    std::cerr << scene.error() << "\n";
    return engine::kExitBadInput;
  }
  sim::Result<std::unique_ptr<sim::Simulation>> simulation = sim::Simulation::Create(scene.value());
  if (!simulation.ok()) {
    std::cerr << simulation.error() << "\n";
    return engine::kExitBadInput;
  }

  sim::Result<std::unique_ptr<engine::App>> app =
      engine::App::Create(std::move(scene).value(), std::move(simulation).value(), options);
  if (!app.ok()) {
    std::cerr << "poselab: " << app.error() << "\n";
    return engine::kExitFailure;
  }
  if (options.bench_frames > 0) return app.value()->RunBench(options);
  return options.headless() ? app.value()->RunCapture(options) : app.value()->RunInteractive();
}

}  // namespace

int main(int argc, char** argv) {
  // Last resort: an exception (out of memory, filesystem error) still ends with a message and
  // a defined exit code rather than std::terminate.
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "poselab: " << e.what() << "\n";
    return engine::kExitFailure;
  }
}
