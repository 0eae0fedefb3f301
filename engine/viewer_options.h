// Command line of the `poselab` viewer: interactive by default, or headless capture
//   poselab [--scene S] [--seconds T --screenshot OUT.png | --video OUT.mp4] [--width W]
//           [--height H]
//   poselab [--scene S] [--seconds T] --bench-frames N     (frame-time benchmark)
// GL-free so flag validation and scene lookup are unit-tested.
#pragma once

#include <iosfwd>
#include <string>
#include <variant>

#include "engine/camera_presets.h"
#include "sim/core/result.h"
#include "sim/draw/draw_builder.h"

namespace poselab::engine {

// Process exit codes shared with the CLI's contract.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;   // no display, GL or shader trouble, failed write
constexpr int kExitBadInput = 2;  // bad flags or scene; nothing is written
constexpr int kExitDiverged = 3;  // numerical divergence while stepping

struct ViewerOptions {
  std::string scene_path;       // as given; empty = default scene (see ResolveScenePath)
  double seconds = -1.0;        // simulated seconds before capture; < 0 = not given
  std::string screenshot_path;  // PNG of the final frame
  std::string video_path;       // MP4 at 30 fps of simulated time (PNG sequence without ffmpeg)
  int width = 1280;             // window / capture size in pixels, [64, 8192]
  int height = 720;
  int bench_frames = 0;         // > 0: headless benchmark of this many frames, [1, 100000]
  // The view to start in (interactive) or to capture (headless).
  CameraPreset camera = CameraPreset::kSide;       // --camera side|front|rear|behind|free
  bool joint_loads = true;                          // --loads off turns the joint colours off
  sim::LoadQuantity loads = sim::LoadQuantity::kReactionForce;  // --loads force|moment|power
  bool joint_arrows = false;                        // --joint-arrows

  bool headless() const {
    return !screenshot_path.empty() || !video_path.empty() || bench_frames > 0;
  }
};

// Parses argv. Returns the options, or an exit code when the program should stop now: kExitOk
// after --help (usage written to `out`), kExitBadInput for bad flags (message written to `err`).
std::variant<ViewerOptions, int> ParseViewerOptions(int argc, const char* const* argv,
                                                    std::ostream& out, std::ostream& err);

// Finds the scene file to load. A given path is used as is when it exists relative to the
// current directory, else relative to `source_dir` (so the viewer runs from a build directory);
// otherwise it is returned unchanged and loading reports the missing file. With no path, the
// default is scenes/compare.json if present, else scenes/stance.json, looked up the same way.
sim::Result<std::string> ResolveScenePath(const std::string& requested,
                                          const std::string& source_dir);

// Checks that a capture output can be created (its directory exists) before any work is done,
// so bad input writes nothing.
sim::Status CheckOutputPath(const std::string& path, const char* flag);

}  // namespace poselab::engine
