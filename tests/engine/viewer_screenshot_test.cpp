// End-to-end checks of the `poselab` executable. Screenshot.* renders a real scene headless (it
// needs a display, e.g. Xvfb) and checks the PNG shows a body and the UI panel; ViewerCli.*
// checks that bad input exits with code 2 before any window opens and writes nothing.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace {
namespace fs = std::filesystem;

// Pixel thresholds, in 8-bit units per channel. The ground grid is drawn within ~45 of the
// ground colour, so 48 separates "scene background" from "something else" (a body, the panel).
constexpr int kForeignThreshold = 48;
constexpr double kMinBodyFraction = 0.03;   // of the centre region
constexpr double kMinPanelFraction = 0.80;  // of the panel region, unlike the sky
constexpr double kMinTextFraction = 0.005;  // bright text pixels in the panel region
// Where engine/ui.h (Ui::kPanelX/Y, kPanelWidth) puts the panel; we check its top 100 px.
constexpr int kPanelX = 10, kPanelY = 10, kPanelWidth = 340, kPanelCheckHeight = 100;
// The camera frames the runner in the screen right of the panel column (engine/coach_view.h),
// under the toolbar that runs along its top.
constexpr int kFreeX = kPanelX + kPanelWidth + 10;
constexpr int kToolbarCheckY0 = 16, kToolbarCheckY1 = 36;

using Rgb = std::array<int, 3>;

struct Image {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
  Rgb At(int x, int y) const {
    const unsigned char* p = &pixels[(static_cast<size_t>(y) * width + x) * 3];
    return {p[0], p[1], p[2]};
  }
};

int MaxDiff(const Rgb& a, const Rgb& b) {
  return std::max({std::abs(a[0] - b[0]), std::abs(a[1] - b[1]), std::abs(a[2] - b[2])});
}

bool Load(const std::string& path, Image* image) {
  int channels = 0;
  unsigned char* data = stbi_load(path.c_str(), &image->width, &image->height, &channels, 3);
  if (data == nullptr) return false;
  image->pixels.assign(data, data + static_cast<size_t>(image->width) * image->height * 3);
  stbi_image_free(data);
  return true;
}

// Runs `command` through the shell; returns its exit status (or -1 if it did not exit).
int RunShell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The most common colour in rows [y0, y1): the plain ground when taken along the image bottom.
Rgb ModeColour(const Image& image, int y0, int y1) {
  std::map<Rgb, int> counts;
  for (int y = y0; y < y1; ++y) {
    for (int x = 0; x < image.width; ++x) ++counts[image.At(x, y)];
  }
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

TEST(Screenshot, ShowsABodyAndTheUiPanel) {
  const fs::path shot = POSELAB_SHOT_PATH;
  fs::remove(shot);
  const std::string command = std::string("'") + POSELAB_VIEWER + "' --scene '" +
                              POSELAB_SOURCE_DIR + "/scenes/stance.json' --seconds 1 " +
                              "--screenshot '" + shot.string() + "'";
  ASSERT_EQ(RunShell(command), 0) << command;
  Image image;
  ASSERT_TRUE(Load(shot.string(), &image)) << shot;
  ASSERT_EQ(image.width, 1280);
  ASSERT_EQ(image.height, 720);

  // Reference colours: sky in the top-right corner (the panel is top-left), ground along the
  // bottom rows (the camera looks slightly down at the runner, so the bottom is near ground).
  const Rgb sky = image.At(image.width - 4, 3);
  const Rgb ground = ModeColour(image, image.height - 12, image.height);
  ASSERT_GT(MaxDiff(sky, ground), kForeignThreshold) << "sky and ground look alike";

  // The camera frames the runner in the free area: its middle must hold body pixels.
  const int free_mid = (kFreeX + image.width) / 2;
  int foreign = 0, total = 0;
  for (int y = image.height * 2 / 10; y < image.height * 8 / 10; ++y) {
    for (int x = free_mid - image.width / 10; x < free_mid + image.width / 10; ++x, ++total) {
      const Rgb p = image.At(x, y);
      if (MaxDiff(p, sky) > kForeignThreshold && MaxDiff(p, ground) > kForeignThreshold) ++foreign;
    }
  }
  EXPECT_GT(static_cast<double>(foreign) / total, kMinBodyFraction)
      << "centre region shows only sky and ground";

  // The panel: mostly unlike the sky behind it, with bright text on it.
  int unlike_sky = 0, bright = 0, panel_total = 0;
  for (int y = kPanelY + 2; y < kPanelY + kPanelCheckHeight; ++y) {
    for (int x = kPanelX + 2; x < kPanelX + kPanelWidth - 2; ++x, ++panel_total) {
      const Rgb p = image.At(x, y);
      if (MaxDiff(p, sky) > kForeignThreshold) ++unlike_sky;
      if (p[0] > 180 && p[1] > 180 && p[2] > 180) ++bright;
    }
  }
  EXPECT_GT(static_cast<double>(unlike_sky) / panel_total, kMinPanelFraction) << "no panel";
  EXPECT_GT(static_cast<double>(bright) / panel_total, kMinTextFraction) << "no panel text";

  // The camera toolbar across the top of the free area, over the sky.
  int toolbar = 0, toolbar_total = 0;
  for (int y = kToolbarCheckY0; y < kToolbarCheckY1; ++y) {
    for (int x = kFreeX + 10; x < image.width - 20; ++x, ++toolbar_total) {
      if (MaxDiff(image.At(x, y), sky) > kForeignThreshold) ++toolbar;
    }
  }
  EXPECT_GT(static_cast<double>(toolbar) / toolbar_total, kMinPanelFraction) << "no toolbar";
}

TEST(ViewerCli, BadSceneExitsTwoAndWritesNothing) {
  const fs::path dir =
      fs::temp_directory_path() / ("poselab_viewer_cli_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "broken.json") << "{ this is not json";
  const fs::path shot = dir / "shot.png";
  const fs::path err = dir / "stderr.txt";
  for (const std::string& scene :
       {(dir / "broken.json").string(), (dir / "missing.json").string()}) {
    const std::string command = std::string("'") + POSELAB_VIEWER + "' --scene '" + scene +
                                "' --seconds 1 --screenshot '" + shot.string() + "' 2> '" +
                                err.string() + "'";
    EXPECT_EQ(RunShell(command), 2) << command;
    EXPECT_FALSE(fs::exists(shot));
    EXPECT_NE(ReadFile(err).find(fs::path(scene).filename().string()), std::string::npos)
        << "the message should name the scene file: " << ReadFile(err);
  }
  fs::remove_all(dir);
}

TEST(ViewerCli, BadFlagsExitTwo) {
  const std::string viewer = std::string("'") + POSELAB_VIEWER + "'";
  EXPECT_EQ(RunShell(viewer + " --seconds 1 2>/dev/null"), 2);
  EXPECT_EQ(RunShell(viewer + " --seconds 1 --screenshot /nonexistent_dir/shot.png 2>/dev/null"),
            2);
  EXPECT_EQ(RunShell(viewer + " --help >/dev/null"), 0);
}

}  // namespace
