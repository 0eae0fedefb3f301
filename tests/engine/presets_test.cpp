// Scene presets: scenes then drills, sorted, only .json files; the shipped ones are found.
#include "engine/presets.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace poselab::engine {
namespace {
namespace fs = std::filesystem;

TEST(Presets, ListsScenesThenDrillsSortedAndSkipsOtherFiles) {
  const fs::path dir =
      fs::temp_directory_path() / ("poselab_presets_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "drills");
  for (const fs::path& p : {dir / "zeta.json", dir / "alpha.json", dir / "notes.txt",
                            dir / "drills" / "b_drill.json", dir / "drills" / "a_drill.json"}) {
    std::ofstream(p) << "{}";
  }
  const std::vector<ScenePreset> presets = ListScenePresets(dir.string());
  ASSERT_EQ(presets.size(), 4u);
  EXPECT_EQ(presets[0].label, "alpha");
  EXPECT_EQ(presets[1].label, "zeta");
  EXPECT_EQ(presets[2].label, "drills/a_drill");
  EXPECT_EQ(presets[3].label, "drills/b_drill");
  EXPECT_EQ(fs::path(presets[2].path), dir / "drills" / "a_drill.json");
  fs::remove_all(dir);
}

TEST(Presets, MissingFolderGivesNoPresets) {
  EXPECT_TRUE(ListScenePresets("").empty());
  EXPECT_TRUE(ListScenePresets("/nonexistent/poselab/scenes").empty());
}

TEST(Presets, FindsTheShippedScenes) {
  const std::string dir = FindScenesDir(POSELAB_SOURCE_DIR);
  ASSERT_FALSE(dir.empty());
  const std::vector<ScenePreset> presets = ListScenePresets(dir);
  bool pose = false, drill = false;
  for (const ScenePreset& p : presets) {
    pose = pose || p.label == "pose";
    drill = drill || p.label == "drills/pose_stance";
  }
  EXPECT_TRUE(pose);
  EXPECT_TRUE(drill);
}

}  // namespace
}  // namespace poselab::engine
