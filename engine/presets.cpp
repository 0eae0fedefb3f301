// Scene preset discovery.
#include "engine/presets.h"

#include <algorithm>
#include <filesystem>

namespace poselab::engine {
namespace fs = std::filesystem;

std::string FindScenesDir(const std::string& source_dir) {
  std::error_code ec;
  if (fs::is_directory("scenes", ec)) return "scenes";
  if (!source_dir.empty()) {
    const fs::path in_source = fs::path(source_dir) / "scenes";
    if (fs::is_directory(in_source, ec)) return in_source.string();
  }
  return {};
}

std::vector<ScenePreset> ListScenePresets(const std::string& scenes_dir) {
  std::vector<ScenePreset> out;
  if (scenes_dir.empty()) return out;
  for (const char* sub : {"", "drills"}) {
    const fs::path dir = fs::path(scenes_dir) / sub;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<ScenePreset> found;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
      if (!entry.is_regular_file(ec) || entry.path().extension() != ".json") continue;
      const std::string stem = entry.path().stem().string();
      found.push_back({*sub ? std::string(sub) + "/" + stem : stem, entry.path().string()});
    }
    std::sort(found.begin(), found.end(),
              [](const ScenePreset& a, const ScenePreset& b) { return a.label < b.label; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace poselab::engine
