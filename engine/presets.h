// Scene presets: the shipped scenes (scenes/*.json) and drills (scenes/drills/*.json), found on
// disk when the viewer starts, one click each. GL-free.
#pragma once

#include <string>
#include <vector>

namespace poselab::engine {

struct ScenePreset {
  std::string label;  // path under the scenes folder without ".json", e.g. "drills/pose_stance"
  std::string path;   // file to load
};

// The scenes folder: scenes/ under the current directory when it exists, else under
// `source_dir` (the viewer started from a build folder), else "" (no presets).
std::string FindScenesDir(const std::string& source_dir);

// Every *.json directly in `scenes_dir` and in its drills/ subfolder: scenes first, then drills,
// each sorted by name. Empty when the folder does not exist.
std::vector<ScenePreset> ListScenePresets(const std::string& scenes_dir);

}  // namespace poselab::engine
