// End-to-end checks of the `poselab` executable. Screenshot.* renders real scenes headless (it
// needs a display, e.g. Xvfb): the two-runner comparison must show both runners inside the part
// of the window no panel covers, with the simulation panel, toolbar, metrics column and plot
// panel around them; the standing runner's weight must show on the GRF plot. ViewerCli.* checks
// that bad input exits with code 2 before any window opens and writes nothing.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>

namespace {
namespace fs = std::filesystem;

// Pixel thresholds, in 8-bit units per channel. The ground grid is drawn within ~45 of the
// ground colour, so 48 separates "scene background" from "something else" (a body, the panel).
constexpr int kForeignThreshold = 48;
constexpr double kMinPanelFraction = 0.80;   // of a panel region, unlike the sky
constexpr double kMinTextFraction = 0.005;   // bright text pixels in the panel region
constexpr size_t kMinDistinctColours = 500;  // a rendered frame, not a blank or flat one
// Where engine/ui.h (Ui::kPanelX/Y, kPanelWidth) puts the simulation panel; we check its top
// 100 px.
constexpr int kPanelX = 10, kPanelY = 10, kPanelWidth = 340, kPanelCheckHeight = 100;
// The plot panel along the bottom (engine/session_ui.h): 34% of the height, within 220-360 px;
// at 720 px it starts at y = 475. Its first rows are the timeline; the plots fill the rest,
// the GRF plot on the left 36% (engine/plots.cpp), its value axis from 2 BW to 0 BW for a
// standing runner.
constexpr int kPlotPanelTop = 720 - 245;
constexpr int kGrfX0 = 60, kGrfX1 = 440, kGrfY0 = kPlotPanelTop + 60, kGrfY1 = 690;
constexpr int kOneBwY = 618, kOneBwTolerancePx = 25;  // 1 BW: half way up a 0-2 BW axis
constexpr int kMinTracePixels = 150;  // on the trace's row: 1 s of the 1.2 s window drawn
// engine: sim::RunnerColor(0), the first runner's drawing colour, in 8-bit sRGB.
constexpr std::array<int, 3> kRunner0Colour = {56, 133, 235};
constexpr int kTraceColourTolerance = 60;
// The right column (engine/session_ui.h: 330 px wide, 10 px from the edge) and the camera
// toolbar along the top of the space between the columns (engine/coach_view.h).
constexpr int kRightX0 = 1280 - 10 - 330;
constexpr int kToolbarCheckY0 = 16, kToolbarCheckY1 = 36;
// The uncovered view: between the simulation panel's column and the right column, under the
// toolbar and above the plot panel. Every runner must lie inside it, clear of its edges.
constexpr int kFreeX0 = kPanelX + kPanelWidth, kFreeX1 = kRightX0;
constexpr int kFreeY0 = 54, kFreeY1 = kPlotPanelTop;
constexpr int kEdgeClearancePx = 4;
// The presets centre the runners' box in the uncovered view; the bodies' pixels sit within this
// of its centre (the box also holds the labels over the heads and a stride's length).
constexpr int kCentreTolerancePx = 80;
constexpr int kMinRunnerPixels = 1500;   // of a runner's colour in the uncovered view
constexpr int kMinGrfTracePixels = 100;  // of each runner's colour in the GRF plot

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

// The runners' drawing colours (sim::RunnerColor: blue, then green) under any shading: the
// channel that dominates, by clear margins that the sky, track, ground and grey panels miss.
bool IsRunner0Blue(const Rgb& p) { return p[2] > p[0] + 70 && p[2] > p[1] + 40; }
bool IsRunner1Green(const Rgb& p) { return p[1] > p[0] + 40 && p[1] > p[2] + 25; }

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

// The most common colour in rows [y0, y1), columns [x0, x1).
Rgb ModeColour(const Image& image, int y0, int y1, int x0, int x1) {
  std::map<Rgb, int> counts;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) ++counts[image.At(x, y)];
  }
  return std::max_element(counts.begin(), counts.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

// Renders scenes/`scene` at `seconds` into `name` in the build folder and loads it.
void Render(const std::string& scene, double seconds, const std::string& name, Image* image) {
  const fs::path shot = fs::path(POSELAB_SHOT_PATH).parent_path() / name;
  fs::remove(shot);
  const std::string command = std::string("'") + POSELAB_VIEWER + "' --scene '" +
                              POSELAB_SOURCE_DIR + "/scenes/" + scene + "' --seconds " +
                              std::to_string(seconds) + " --screenshot '" + shot.string() + "'";
  ASSERT_EQ(RunShell(command), 0) << command;
  ASSERT_TRUE(Load(shot.string(), image)) << shot;
  ASSERT_EQ(image->width, 1280);
  ASSERT_EQ(image->height, 720);
}

// The ground's colour: the commonest in a band just above the plot panel, in the middle third
// (the side panels reach down to it).
Rgb GroundColour(const Image& image) {
  return ModeColour(image, kPlotPanelTop - 14, kPlotPanelTop - 2, image.width * 3 / 10,
                    image.width * 7 / 10);
}

// Fraction of the pixels in rows [y0, y1), columns [x0, x1) for which `pred` holds.
double Fraction(const Image& image, int y0, int y1, int x0, int x1,
                const std::function<bool(const Rgb&)>& pred) {
  int hits = 0, total = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x, ++total) {
      if (pred(image.At(x, y))) ++hits;
    }
  }
  return total > 0 ? static_cast<double>(hits) / total : 0.0;
}

// Where the pixels of one colour class lie within a region.
struct Extent {
  int count = 0;
  int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
};
Extent FindColour(const Image& image, int y0, int y1, int x0, int x1,
                  const std::function<bool(const Rgb&)>& pred) {
  Extent e;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      if (!pred(image.At(x, y))) continue;
      ++e.count;
      e.x0 = std::min(e.x0, x);
      e.y0 = std::min(e.y0, y);
      e.x1 = std::max(e.x1, x);
      e.y1 = std::max(e.y1, y);
    }
  }
  return e;
}

// The simulation panel: mostly unlike the sky behind it, with bright text on it.
void ExpectSimulationPanel(const Image& image, const Rgb& sky) {
  EXPECT_GT(Fraction(image, kPanelY + 2, kPanelY + kPanelCheckHeight, kPanelX + 2,
                     kPanelX + kPanelWidth - 2,
                     [&](const Rgb& p) { return MaxDiff(p, sky) > kForeignThreshold; }),
            kMinPanelFraction)
      << "no simulation panel";
  EXPECT_GT(Fraction(image, kPanelY + 2, kPanelY + kPanelCheckHeight, kPanelX + 2,
                     kPanelX + kPanelWidth - 2,
                     [](const Rgb& p) { return p[0] > 180 && p[1] > 180 && p[2] > 180; }),
            kMinTextFraction)
      << "no text on the simulation panel";
}

TEST(Screenshot, CompareShowsBothRunnersClearOfThePanels) {
  Image image;
  Render("compare.json", 3.0, fs::path(POSELAB_SHOT_PATH).filename().string(), &image);
  if (HasFatalFailure()) return;

  // Not blank: a rendered scene with panels has many colours.
  std::set<Rgb> colours;
  for (int y = 0; y < image.height; y += 2) {
    for (int x = 0; x < image.width; x += 2) colours.insert(image.At(x, y));
  }
  EXPECT_GT(colours.size(), kMinDistinctColours) << "the frame is blank or flat";

  // Reference colours: sky in the top-right corner (the panels leave a margin there), ground
  // just above the plot panel (the side camera looks slightly down at the runners).
  const Rgb sky = image.At(image.width - 4, 3);
  const Rgb ground = GroundColour(image);
  ASSERT_GT(MaxDiff(sky, ground), kForeignThreshold) << "sky and ground look alike";

  // Both runners, each in its colour, inside the uncovered view and clear of its edges: the
  // camera framed them in the space the panels leave, and no panel cuts one off.
  const std::pair<const char*, bool (*)(const Rgb&)> runners[] = {
      {"pose (blue)", IsRunner0Blue}, {"heel_strike (green)", IsRunner1Green}};
  Extent both;
  for (const auto& [name, is_runner] : runners) {
    const Extent e = FindColour(image, kFreeY0, kFreeY1, kFreeX0, kFreeX1, is_runner);
    EXPECT_GT(e.count, kMinRunnerPixels) << name << " is not in the uncovered view";
    if (e.count == 0) continue;
    EXPECT_GE(e.x0, kFreeX0 + kEdgeClearancePx) << name << " runs under the left column";
    EXPECT_LE(e.x1, kFreeX1 - kEdgeClearancePx) << name << " runs under the right column";
    EXPECT_GE(e.y0, kFreeY0 + kEdgeClearancePx) << name << " runs under the toolbar";
    EXPECT_LE(e.y1, kFreeY1 - kEdgeClearancePx) << name << " runs under the plot panel";
    both = {both.count + e.count, std::min(both.x0, e.x0), std::min(both.y0, e.y0),
            std::max(both.x1, e.x1), std::max(both.y1, e.y1)};
  }
  // Framed for the uncovered view: a framing that left out the right column or the plot panel
  // would move the runners' middle about 170 px right or 120 px down.
  EXPECT_NEAR((both.x0 + both.x1) / 2, (kFreeX0 + kFreeX1) / 2, kCentreTolerancePx);
  EXPECT_NEAR((both.y0 + both.y1) / 2, (kFreeY0 + kFreeY1) / 2, kCentreTolerancePx);

  ExpectSimulationPanel(image, sky);
  // The camera toolbar across the top of the uncovered view, over the sky.
  EXPECT_GT(Fraction(image, kToolbarCheckY0, kToolbarCheckY1, kFreeX0 + 20, kFreeX1 - 20,
                     [&](const Rgb& p) { return MaxDiff(p, sky) > kForeignThreshold; }),
            kMinPanelFraction)
      << "no toolbar";
  // The stride metrics at the top of the right column.
  EXPECT_GT(Fraction(image, 14, 110, kRightX0 + 4, image.width - 14,
                     [&](const Rgb& p) { return MaxDiff(p, sky) > kForeignThreshold; }),
            kMinPanelFraction)
      << "no metrics column";

  // The plot panel covers the bottom of the view: neither sky nor ground there.
  EXPECT_GT(Fraction(image, kPlotPanelTop + 4, image.height - 4, 4, image.width - 4,
                     [&](const Rgb& p) {
                       return MaxDiff(p, sky) > kForeignThreshold &&
                              MaxDiff(p, ground) > kForeignThreshold;
                     }),
            kMinPanelFraction)
      << "no plot panel";
  // ... and its GRF plot has a trace of each runner in the runner's colour.
  EXPECT_GT(FindColour(image, kGrfY0, kGrfY1, kGrfX0, kGrfX1, IsRunner0Blue).count,
            kMinGrfTracePixels)
      << "no GRF trace of the first runner";
  EXPECT_GT(FindColour(image, kGrfY0, kGrfY1, kGrfX0, kGrfX1, IsRunner1Green).count,
            kMinGrfTracePixels)
      << "no GRF trace of the second runner";
}

TEST(Screenshot, PlotPanelShowsTheStandingRunnersWeight) {
  Image image;
  Render("stance.json", 1.0, "shot_plots.png", &image);
  if (HasFatalFailure()) return;
  const Rgb sky = image.At(image.width - 4, 3);
  const Rgb ground = GroundColour(image);
  ExpectSimulationPanel(image, sky);

  // The panel covers the bottom of the view: neither sky nor ground there.
  EXPECT_GT(Fraction(image, kPlotPanelTop + 4, image.height - 4, 4, image.width - 4,
                     [&](const Rgb& p) {
                       return MaxDiff(p, sky) > kForeignThreshold &&
                              MaxDiff(p, ground) > kForeignThreshold;
                     }),
            kMinPanelFraction)
      << "no plot panel";

  // The GRF plot: the runner's trace, in its colour, runs level at one body weight (standing
  // still on both feet), i.e. the row with most trace pixels lies half way up the axis.
  int best_row = -1, best_count = 0;
  for (int y = kGrfY0; y < kGrfY1; ++y) {
    int count = 0;
    for (int x = kGrfX0; x < kGrfX1; ++x) {
      if (MaxDiff(image.At(x, y), kRunner0Colour) < kTraceColourTolerance) ++count;
    }
    if (count > best_count) {
      best_count = count;
      best_row = y;
    }
  }
  EXPECT_GE(best_count, kMinTracePixels) << "no GRF trace in the runner's colour";
  EXPECT_NEAR(best_row, kOneBwY, kOneBwTolerancePx) << "the GRF trace is not at 1 BW";
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
