// Viewer flag parsing (CLI11) and scene/output path checks.
#include "engine/viewer_options.h"

#include <CLI/CLI.hpp>
#include <cmath>
#include <filesystem>
#include <ostream>
#include <sstream>

namespace poselab::engine {
namespace fs = std::filesystem;

std::variant<ViewerOptions, int> ParseViewerOptions(int argc, const char* const* argv,
                                                    std::ostream& out, std::ostream& err) {
  ViewerOptions options;
  CLI::App app{
      "PoseLab viewer: watch a scene run, or capture it headless.\n"
      "Interactive: Space play/pause, S or . single step, R restart, Left/Right scrub the\n"
      "history while paused (Shift: 0.1 s); 1-5 camera (side, front, rear, behind, free);\n"
      "L joint colours, J joint force arrows, O Pose lines; F12 screenshot, F9 video; F3 frame\n"
      "times; F1 or ? help; left-drag rotate, right/middle-drag pan, wheel zoom.",
      "poselab"};
  app.add_option("--scene", options.scene_path,
                 "scene file (default: the first of scenes/compare.json, scenes/pose.json, "
                 "scenes/stance.json that exists)");
  auto* seconds = app.add_option("--seconds", options.seconds,
                                 "simulated seconds to run before capturing (headless)");
  seconds->check(CLI::Range(0.0, 3600.0));
  auto* screenshot = app.add_option("--screenshot", options.screenshot_path,
                                    "write a PNG of the frame at --seconds and exit");
  auto* video = app.add_option("--video", options.video_path,
                               "write an MP4 of the first --seconds at 30 fps of simulated time "
                               "(a PNG sequence in OUT's stem directory when ffmpeg is missing)");
  app.add_option("--width", options.width, "window / capture width in pixels")
      ->check(CLI::Range(64, 8192));
  app.add_option("--height", options.height, "window / capture height in pixels")
      ->check(CLI::Range(64, 8192));
  std::string camera = "side", loads = "force";
  app.add_option("--camera", camera, "camera preset to start with or capture from")
      ->check(CLI::IsMember({"side", "front", "rear", "behind", "free"}));
  app.add_option("--loads", loads,
                 "what the joint colours show: force (joint reaction force, BW), moment (net "
                 "joint moment, N m/kg), power (W/kg) or off")
      ->check(CLI::IsMember({"force", "moment", "power", "off"}));
  app.add_flag("--joint-arrows", options.joint_arrows, "draw the joint reaction force arrows");
  auto* bench = app.add_option("--bench-frames", options.bench_frames,
                               "render N frames offscreen as the interactive viewer would "
                               "(physics at real time, overlays, panels) after --seconds, then "
                               "print per-stage frame times (median, 95th percentile) and exit");
  bench->check(CLI::Range(1, 100000));
  screenshot->excludes(video);
  bench->excludes(screenshot);
  bench->excludes(video);
  screenshot->needs(seconds);
  video->needs(seconds);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 writes usage for --help (exit 0) and the message plus a hint for errors.
    const int code = app.exit(e, out, err);
    return code == 0 ? kExitOk : kExitBadInput;
  }

  const char* const presets[] = {"side", "front", "rear", "behind", "free"};
  for (int i = 0; i < kCameraPresetCount; ++i) {
    if (camera == presets[i]) options.camera = static_cast<CameraPreset>(i);
  }
  options.joint_loads = loads != "off";
  if (loads == "moment") options.loads = sim::LoadQuantity::kNetMoment;
  if (loads == "power") options.loads = sim::LoadQuantity::kPower;

  // Cross-flag rules CLI11 does not express.
  if (options.seconds >= 0.0 && !options.headless()) {
    err << "--seconds needs --screenshot, --video or --bench-frames\n";
    return kExitBadInput;
  }
  // yuv420p (what players expect) halves the chroma resolution, so ffmpeg needs even sizes.
  if (!options.video_path.empty() && (options.width % 2 != 0 || options.height % 2 != 0)) {
    err << "--video needs an even --width and --height (got " << options.width << "x"
        << options.height << ")\n";
    return kExitBadInput;
  }
  return options;
}

sim::Result<std::string> ResolveScenePath(const std::string& requested,
                                          const std::string& source_dir) {
  // The first existing candidate among cwd-relative and source-relative paths.
  auto find = [&](const std::string& path) -> std::string {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return path;
    const fs::path p(path);
    if (p.is_relative() && !source_dir.empty()) {
      const fs::path in_source = fs::path(source_dir) / p;
      if (fs::is_regular_file(in_source, ec)) return in_source.string();
    }
    return {};
  };

  if (!requested.empty()) {
    const std::string found = find(requested);
    return found.empty() ? requested : found;
  }
  for (const char* candidate : {"scenes/compare.json", "scenes/pose.json", "scenes/stance.json"}) {
    const std::string found = find(candidate);
    if (!found.empty()) return found;
  }
  std::ostringstream message;
  message << "no --scene given and none of scenes/compare.json, scenes/pose.json, "
             "scenes/stance.json exists in the current directory"
          << (source_dir.empty() ? "" : " or in " + source_dir);
  return sim::Error{message.str()};
}

sim::Status CheckOutputPath(const std::string& path, const char* flag) {
  const fs::path p(path);
  if (p.filename().empty()) {
    return sim::Error{std::string(flag) + " " + path + ": names a directory, not a file"};
  }
  const fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return sim::Error{std::string(flag) + " " + path + ": directory " + dir.string() +
                      " does not exist"};
  }
  return {};
}

}  // namespace poselab::engine
