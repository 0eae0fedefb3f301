// Viewer flags: help, capture flag rules, ranges; default scene lookup; output path checks.
#include "engine/viewer_options.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace poselab::engine {
namespace {
namespace fs = std::filesystem;

// Runs the parser on `args` (program name added); keeps what it printed.
struct Parsed {
  std::variant<ViewerOptions, int> result;
  std::string out, err;
};

Parsed Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "poselab");
  std::ostringstream out, err;
  Parsed parsed{ParseViewerOptions(static_cast<int>(args.size()), args.data(), out, err), "", ""};
  parsed.out = out.str();
  parsed.err = err.str();
  return parsed;
}

int ExitCode(const Parsed& p) {
  return std::holds_alternative<int>(p.result) ? std::get<int>(p.result) : -1;
}

TEST(ViewerOptions, NoFlagsMeansInteractiveWithDefaults) {
  const Parsed p = Parse({});
  ASSERT_TRUE(std::holds_alternative<ViewerOptions>(p.result));
  const ViewerOptions& o = std::get<ViewerOptions>(p.result);
  EXPECT_FALSE(o.headless());
  EXPECT_TRUE(o.scene_path.empty());
  EXPECT_EQ(o.width, 1280);
  EXPECT_EQ(o.height, 720);
}

TEST(ViewerOptions, HelpPrintsUsageAndExitsZero) {
  const Parsed p = Parse({"--help"});
  EXPECT_EQ(ExitCode(p), kExitOk);
  EXPECT_NE(p.out.find("--screenshot"), std::string::npos);
  EXPECT_NE(p.out.find("--video"), std::string::npos);
}

TEST(ViewerOptions, ScreenshotWithSecondsIsHeadless) {
  const Parsed p = Parse({"--scene", "s.json", "--seconds", "1.5", "--screenshot", "a.png",
                          "--width", "640", "--height", "360"});
  ASSERT_TRUE(std::holds_alternative<ViewerOptions>(p.result)) << p.err;
  const ViewerOptions& o = std::get<ViewerOptions>(p.result);
  EXPECT_TRUE(o.headless());
  EXPECT_EQ(o.scene_path, "s.json");
  EXPECT_DOUBLE_EQ(o.seconds, 1.5);
  EXPECT_EQ(o.screenshot_path, "a.png");
  EXPECT_EQ(o.width, 640);
}

TEST(ViewerOptions, BadFlagsExitTwo) {
  EXPECT_EQ(ExitCode(Parse({"--screenshot", "a.png"})), kExitBadInput);  // no --seconds
  EXPECT_EQ(ExitCode(Parse({"--seconds", "1"})), kExitBadInput);         // no capture
  EXPECT_EQ(ExitCode(Parse({"--seconds", "1", "--screenshot", "a.png", "--video", "b.mp4"})),
            kExitBadInput);  // both
  EXPECT_EQ(ExitCode(Parse({"--seconds", "-1", "--screenshot", "a.png"})), kExitBadInput);
  EXPECT_EQ(ExitCode(Parse({"--seconds", "abc", "--screenshot", "a.png"})), kExitBadInput);
  EXPECT_EQ(ExitCode(Parse({"--width", "10"})), kExitBadInput);
  EXPECT_EQ(ExitCode(Parse({"--seconds", "1", "--video", "v.mp4", "--width", "641"})),
            kExitBadInput);  // odd size
  EXPECT_EQ(ExitCode(Parse({"--frobnicate"})), kExitBadInput);
}

TEST(ViewerOptions, ViewFlagsChooseCameraAndJointColours) {
  const Parsed defaults = Parse({});
  const ViewerOptions& d = std::get<ViewerOptions>(defaults.result);
  EXPECT_EQ(d.camera, CameraPreset::kSide);  // the coaching view
  EXPECT_TRUE(d.joint_loads);
  EXPECT_EQ(d.loads, sim::LoadQuantity::kReactionForce);
  EXPECT_FALSE(d.joint_arrows);

  const Parsed p = Parse({"--camera", "behind", "--loads", "power", "--joint-arrows"});
  ASSERT_TRUE(std::holds_alternative<ViewerOptions>(p.result)) << p.err;
  const ViewerOptions& o = std::get<ViewerOptions>(p.result);
  EXPECT_EQ(o.camera, CameraPreset::kBehind);
  EXPECT_EQ(o.loads, sim::LoadQuantity::kPower);
  EXPECT_TRUE(o.joint_arrows);
  EXPECT_FALSE(std::get<ViewerOptions>(Parse({"--loads", "off"}).result).joint_loads);
  EXPECT_EQ(std::get<ViewerOptions>(Parse({"--loads", "moment"}).result).loads,
            sim::LoadQuantity::kNetMoment);

  EXPECT_EQ(ExitCode(Parse({"--camera", "top"})), kExitBadInput);
  EXPECT_EQ(ExitCode(Parse({"--loads", "torque"})), kExitBadInput);
}

TEST(ViewerOptions, BenchFramesIsHeadlessAndExcludesCaptures) {
  const Parsed p = Parse({"--seconds", "4", "--bench-frames", "120"});
  ASSERT_TRUE(std::holds_alternative<ViewerOptions>(p.result)) << p.err;
  EXPECT_TRUE(std::get<ViewerOptions>(p.result).headless());
  EXPECT_EQ(std::get<ViewerOptions>(p.result).bench_frames, 120);
  EXPECT_EQ(ExitCode(Parse({"--bench-frames", "0"})), kExitBadInput);
  EXPECT_EQ(ExitCode(Parse({"--seconds", "1", "--bench-frames", "5", "--screenshot", "a.png"})),
            kExitBadInput);
}

TEST(ViewerOptions, BadFlagMessagesNameTheFlag) {
  const Parsed p = Parse({"--seconds", "1"});
  EXPECT_NE(p.err.find("--seconds"), std::string::npos);
}

// A scratch directory tree, removed afterwards.
class ScenePathTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("poselab_scene_path_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_ / "scenes");
    previous_cwd_ = fs::current_path();
    fs::current_path(fs::temp_directory_path());  // cwd without a scenes/ directory
  }
  void TearDown() override {
    fs::current_path(previous_cwd_);
    fs::remove_all(root_);
  }
  void Touch(const std::string& relative) { std::ofstream(root_ / relative) << "{}"; }

  fs::path root_;
  fs::path previous_cwd_;
};

TEST_F(ScenePathTest, DefaultPrefersCompareThenPoseThenStance) {
  Touch("scenes/stance.json");
  sim::Result<std::string> found = ResolveScenePath("", root_.string());
  ASSERT_TRUE(found.ok()) << found.error();
  EXPECT_EQ(fs::path(found.value()), root_ / "scenes/stance.json");
  Touch("scenes/pose.json");
  found = ResolveScenePath("", root_.string());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(fs::path(found.value()), root_ / "scenes/pose.json");
  Touch("scenes/compare.json");
  found = ResolveScenePath("", root_.string());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(fs::path(found.value()), root_ / "scenes/compare.json");
}

TEST_F(ScenePathTest, DefaultWithoutScenesIsAnError) {
  const sim::Result<std::string> found = ResolveScenePath("", root_.string());
  ASSERT_FALSE(found.ok());
  EXPECT_NE(found.error().find("scenes/stance.json"), std::string::npos);
}

TEST_F(ScenePathTest, GivenPathFallsBackToSourceDirThenPassesThrough) {
  Touch("scenes/drill.json");
  sim::Result<std::string> found = ResolveScenePath("scenes/drill.json", root_.string());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(fs::path(found.value()), root_ / "scenes/drill.json");
  // Missing everywhere: returned unchanged so the loader's message names what the user typed.
  found = ResolveScenePath("scenes/missing.json", root_.string());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found.value(), "scenes/missing.json");
}

TEST_F(ScenePathTest, OutputPathNeedsAnExistingDirectory) {
  EXPECT_TRUE(CheckOutputPath((root_ / "shot.png").string(), "--screenshot").ok());
  const sim::Status missing = CheckOutputPath((root_ / "nope/shot.png").string(), "--screenshot");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("--screenshot"), std::string::npos);
  EXPECT_FALSE(CheckOutputPath((root_ / "scenes/").string(), "--video").ok());
}

}  // namespace
}  // namespace poselab::engine
