// poselab-cli against the CLI contract: every shipped scene runs 1 s, exits 0 and writes a
// schema-1 summary.json and a timeseries.csv with one row per output sample; bad input exits 2
// and writes nothing; --help exits 0; a diverging run exits 3 naming the time and body part.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/io/output_writers.h"
#include "sim/model/human_model.h"
#include "sim/scene/scene_loader.h"
#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using poselab::sim::test::SourcePath;
using poselab::sim::test::ExpectSameWorld;

// A fresh folder under the test temp dir, unique to the running test; removed first.
fs::path FreshDir(const std::string& tag) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string("cli_") + info->test_suite_name() + "_" + info->name() + "_" + tag;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  const fs::path dir = fs::path(::testing::TempDir()) / name;
  fs::remove_all(dir);
  return dir;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

// Runs poselab-cli with `args` (already quoted as needed); stdout and stderr go to files in
// `log_dir`, which is created and is never the --out folder under test.
CliResult RunCli(const std::string& args, const fs::path& log_dir) {
  fs::create_directories(log_dir);
  const fs::path out = log_dir / "stdout.txt", err = log_dir / "stderr.txt";
  const std::string cmd =
      Quote(POSELAB_CLI) + " " + args + " >" + Quote(out.string()) + " 2>" + Quote(err.string());
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

bool MissingOrEmpty(const fs::path& dir) {
  return !fs::exists(dir) || (fs::is_directory(dir) && fs::is_empty(dir));
}

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) cells.push_back(cell);
  return cells;
}

// ---- Every shipped scene ----

// An OpenSim storage file (.mot / .sto), read the way OpenSim's Storage reads one: a title line,
// key=value lines up to "endheader", a tab-separated label line, then rows of numbers.
struct StorageFile {
  std::string title;
  std::map<std::string, std::string> header;
  std::vector<std::string> labels;
  std::vector<std::vector<double>> rows;
  std::string error;  // empty when it parsed
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, '\t')) cells.push_back(cell);
  return cells;
}

StorageFile ReadStorage(const fs::path& path) {
  StorageFile f;
  std::ifstream in(path);
  if (!in) {
    f.error = "cannot open " + path.string();
    return f;
  }
  std::string line;
  std::getline(in, f.title);
  bool ended = false;
  while (std::getline(in, line)) {
    if (line == "endheader") {
      ended = true;
      break;
    }
    const size_t eq = line.find('=');
    if (eq == std::string::npos) {
      f.error = "header line without '=': " + line;
      return f;
    }
    f.header[line.substr(0, eq)] = line.substr(eq + 1);
  }
  if (!ended || !std::getline(in, line)) {
    f.error = "no endheader or no column labels";
    return f;
  }
  f.labels = SplitTabs(line);
  while (std::getline(in, line)) {
    std::vector<double> row;
    for (const std::string& c : SplitTabs(line)) row.push_back(std::stod(c));
    if (row.size() != f.labels.size()) {
      f.error = "row " + std::to_string(f.rows.size() + 1) + " has " +
                std::to_string(row.size()) + " values for " + std::to_string(f.labels.size()) +
                " labels";
      return f;
    }
    f.rows.push_back(row);
  }
  return f;
}

// The checks OpenSim's reader makes of a storage file, and ours: counts that match, time first,
// unique labels, finite numbers, increasing time.
void ExpectValidStorage(const fs::path& path, const std::string& in_degrees) {
  SCOPED_TRACE(path.filename().string());
  const StorageFile f = ReadStorage(path);
  ASSERT_TRUE(f.error.empty()) << f.error;
  EXPECT_EQ(f.header.at("version"), "1");
  EXPECT_EQ(f.header.at("inDegrees"), in_degrees);
  EXPECT_EQ(std::stoul(f.header.at("nRows")), f.rows.size());
  EXPECT_EQ(std::stoul(f.header.at("nColumns")), f.labels.size());
  ASSERT_FALSE(f.labels.empty());
  EXPECT_EQ(f.labels[0], "time");
  EXPECT_EQ(std::set<std::string>(f.labels.begin(), f.labels.end()).size(), f.labels.size());
  for (size_t i = 0; i < f.rows.size(); ++i) {
    for (double v : f.rows[i]) ASSERT_TRUE(std::isfinite(v)) << "row " << i + 1;
    if (i > 0) {
      ASSERT_GT(f.rows[i][0], f.rows[i - 1][0]) << "row " << i + 1;
    }
  }
}

std::vector<std::string> ShippedScenes() {
  std::vector<std::string> scenes;
  for (const char* folder : {"scenes", "scenes/drills"}) {
    const fs::path dir = fs::path(POSELAB_SOURCE_DIR) / folder;
    if (!fs::is_directory(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") {
        scenes.push_back(fs::relative(entry.path(), POSELAB_SOURCE_DIR).string());
      }
    }
  }
  std::sort(scenes.begin(), scenes.end());
  return scenes;
}

TEST(CliShippedScenes, TheShippedScenesIncludeStanceAndPoseStance) {
  const std::vector<std::string> scenes = ShippedScenes();
  EXPECT_NE(std::find(scenes.begin(), scenes.end(), "scenes/stance.json"), scenes.end());
  EXPECT_NE(std::find(scenes.begin(), scenes.end(), "scenes/drills/pose_stance.json"),
            scenes.end());
}

class CliShippedScene : public ::testing::TestWithParam<std::string> {};

TEST_P(CliShippedScene, RunsOneSecondAndWritesTheContractedOutputs) {
  const std::string scene_path = SourcePath(GetParam());
  auto scene = LoadSceneFile(scene_path);
  ASSERT_TRUE(scene.ok()) << scene.error();
  const fs::path out = FreshDir("out");
  const CliResult r =
      RunCli("run " + Quote(scene_path) + " --seconds 1 --out " + Quote(out.string()) + " --quiet",
             FreshDir("log"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << "--quiet must print nothing, printed: " << r.out;

  // summary.json (schema 1).
  json summary;
  ASSERT_NO_THROW(summary = json::parse(ReadFile(out / "summary.json")));
  EXPECT_EQ(summary.at("schema"), 1);
  EXPECT_EQ(summary.at("scene"), scene.value().name);
  EXPECT_NEAR(summary.at("seconds").get<double>(), 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(summary.at("timestep_s").get<double>(), scene.value().world.timestep_s);
  // The world block is a scene's world: read back as one, it is the scene's.
  {
    const fs::path dir = FreshDir("again");
    fs::create_directories(dir);
    const fs::path again = dir / "scene.json";
    std::ofstream(again) << json{{"schema", 1}, {"world", summary.at("world")},
                                 {"runners", json::array({json::object()})}}
                                .dump();
    auto reread = LoadSceneFile(again.string());
    ASSERT_TRUE(reread.ok()) << reread.error();
    ExpectSameWorld(scene.value().world, reread.value().world);
  }
  EXPECT_TRUE(summary.at("version").is_string());
  ASSERT_TRUE(summary.at("runners").is_array());
  ASSERT_EQ(summary.at("runners").size(), scene.value().runners.size());
  for (size_t i = 0; i < summary.at("runners").size(); ++i) {
    const json& runner = summary.at("runners").at(i);
    const RunnerDesc& rd = scene.value().runners[i];
    SCOPED_TRACE("runner " + rd.name);
    EXPECT_EQ(runner.at("name"), rd.name);
    EXPECT_EQ(runner.at("controller"), rd.controller.type);
    for (const char* key : {"lean_deg", "cadence_spm", "landing_offset_m"}) {
      EXPECT_TRUE(runner.at("params").contains(key)) << key;
    }
    EXPECT_DOUBLE_EQ(runner.at("body").at("height_m").get<double>(), rd.body.height_m);
    EXPECT_DOUBLE_EQ(runner.at("body").at("mass_kg").get<double>(), rd.body.mass_kg);
    EXPECT_EQ(runner.at("fell"), false);
    EXPECT_TRUE(runner.at("fall_time_s").is_null());
    EXPECT_EQ(runner.at("assist_impulse_ns").get<double>(), 0.0);
    EXPECT_TRUE(runner.at("torque_limited_fraction").is_object());
    EXPECT_TRUE(runner.at("steps").is_number());
    // Blocks exist with every contracted key; values may be null at this stage.
    for (const char* key :
         {"speed_mps", "cadence_spm", "step_length_m", "stride_length_m", "contact_time_s",
          "flight_time_s", "duty_factor", "vertical_oscillation_m", "trunk_lean_deg",
          "landing_distance_m", "shin_angle_deg", "foot_strike_angle_deg", "strike_pattern"}) {
      EXPECT_TRUE(runner.at("gait").contains(key)) << "gait." << key;
    }
    for (const char* key : {"peak_vertical_bw", "impact_peak_bw", "impact_peak_time_s",
                            "loading_rate_bw_s", "peak_braking_bw", "peak_propulsive_bw"}) {
      EXPECT_TRUE(runner.at("grf").contains(key)) << "grf." << key;
    }
    for (const char* joint : {"hip", "knee", "ankle"}) {
      for (const char* key :
           {"peak_extensor_moment_nm_kg", "peak_flexor_moment_nm_kg", "negative_work_j_kg",
            "positive_work_j_kg", "peak_reaction_force_bw"}) {
        EXPECT_TRUE(runner.at("joints").at(joint).contains(key)) << joint << "." << key;
      }
    }
    EXPECT_TRUE(runner.contains("inverse_dynamics_residual"));
  }

  // timeseries.csv: header first (time_s first), one row per output sample including t = 0.
  std::ifstream csv(out / "timeseries.csv");
  ASSERT_TRUE(csv.good()) << "no timeseries.csv";
  std::string line;
  ASSERT_TRUE(std::getline(csv, line));
  const std::vector<std::string> header = SplitCsvLine(line);
  ASSERT_FALSE(header.empty());
  EXPECT_EQ(header[0], "time_s");
  std::vector<double> times;
  while (std::getline(csv, line)) {
    const std::vector<std::string> cells = SplitCsvLine(line);
    ASSERT_EQ(cells.size(), header.size()) << "row " << times.size() + 1;
    for (const std::string& c : cells) {
      ASSERT_TRUE(std::isfinite(std::stod(c))) << "row " << times.size() + 1 << ": " << c;
    }
    times.push_back(std::stod(cells[0]));
  }
  const double rate = scene.value().output.sample_rate_hz;
  const auto expected_rows = static_cast<size_t>(std::llround(1.0 * rate)) + 1;
  EXPECT_EQ(times.size(), expected_rows) << "sample rate " << rate << " Hz over 1 s";
  if (rate == 100.0) {
    EXPECT_EQ(times.size(), 101u);
  }
  ASSERT_FALSE(times.empty());
  EXPECT_NEAR(times.front(), 0.0, 1e-9);
  EXPECT_NEAR(times.back(), 1.0, 1e-6);
  for (size_t i = 1; i < times.size(); ++i) {
    ASSERT_NEAR(times[i] - times[i - 1], 1.0 / rate, 1e-6) << "row " << i + 1;
  }
  EXPECT_FALSE(fs::exists(out / "timeseries.csv.partial"));

  // The OpenSim files of every runner, with nothing temporary left behind.
  for (const RunnerDesc& rd : scene.value().runners) {
    ExpectValidStorage(out / ("grf_" + rd.name + ".mot"), "no");
    ExpectValidStorage(out / ("id_" + rd.name + ".sto"), "no");
    ExpectValidStorage(out / ("kinematics_" + rd.name + ".mot"), "yes");
  }
  for (const auto& entry : fs::directory_iterator(out)) {
    const std::string ext = entry.path().extension().string();
    EXPECT_TRUE(ext != ".partial" && ext != ".tmp") << entry.path();
  }
}

TEST(CliOpenSim, QuietStandingGroundForcesSumToBodyWeightAndTheIdFileNamesEveryDof) {
  const fs::path out = FreshDir("out");
  const CliResult r = RunCli("run " + Quote(SourcePath("scenes/stance.json")) +
                                 " --seconds 2 --out " + Quote(out.string()) + " --quiet",
                             FreshDir("log"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const StorageFile grf = ReadStorage(out / "grf_stance.mot");
  ASSERT_TRUE(grf.error.empty()) << grf.error;
  const auto col = [&](const std::string& label) {
    const auto it = std::find(grf.labels.begin(), grf.labels.end(), label);
    EXPECT_NE(it, grf.labels.end()) << label;
    return static_cast<size_t>(it - grf.labels.begin());
  };
  const size_t l = col("l_ground_force_vy"), rr = col("r_ground_force_vy");
  const size_t lpy = col("l_ground_force_py");
  double sum = 0.0;
  int n = 0;
  for (const auto& row : grf.rows) {
    if (row[0] <= 1.0) continue;  // the second second, after settling
    sum += row[l] + row[rr];
    EXPECT_NEAR(row[lpy], 0.0, 0.01) << "the centre of pressure lies on the ground";
    ++n;
  }
  ASSERT_GT(n, 50);
  const HumanModel model = HumanModel::Build(BodyDesc{});
  EXPECT_NEAR(sum / n / (model.total_mass_kg() * 9.81), 1.0, 0.01);

  const StorageFile id = ReadStorage(out / "id_stance.sto");
  ASSERT_TRUE(id.error.empty()) << id.error;
  for (const Dof& d : model.dofs()) {
    EXPECT_NE(std::find(id.labels.begin(), id.labels.end(), d.name + "_moment"), id.labels.end())
        << d.name;
  }
}

INSTANTIATE_TEST_SUITE_P(AllScenes, CliShippedScene, ::testing::ValuesIn(ShippedScenes()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           if (name.rfind("scenes/", 0) == 0) name = name.substr(7);
                           if (name.size() > 5) name = name.substr(0, name.size() - 5);
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// ---- Bad input: exit 2, nothing written ----

struct BadArgs {
  const char* name;
  std::string args_after_scene;  // the --out folder is appended by the test
  const char* message_part;      // the message names what was wrong
};

class CliBadInput : public ::testing::TestWithParam<BadArgs> {};

TEST_P(CliBadInput, ExitsTwoAndWritesNothing) {
  const fs::path out = FreshDir("out");
  const CliResult r =
      RunCli("run " + Quote(SourcePath("scenes/stance.json")) + " " + GetParam().args_after_scene +
                 " --out " + Quote(out.string()) + " --quiet",
             FreshDir("log"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(MissingOrEmpty(out)) << out << " must not be written";
  EXPECT_NE(r.err.find(GetParam().message_part), std::string::npos)
      << "stderr should name '" << GetParam().message_part << "', got: " << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CliBadInput,
    ::testing::Values(
        BadArgs{"LeanOutOfRange", "--set runners.0.controller.lean_deg=45", "lean_deg"},
        BadArgs{"UnknownSceneKey", "--set runners.0.controller.no_such_key=1", "no_such_key"},
        BadArgs{"UnknownOption", "--frobnicate", "--frobnicate"},
        BadArgs{"NegativeSeconds", "--seconds -1", "--seconds"},
        BadArgs{"ZeroSeconds", "--seconds 0", "--seconds"},
        BadArgs{"NonNumericSeconds", "--seconds soon", "--seconds"},
        BadArgs{"TwoScenes", Quote(SourcePath("scenes/stance.json")), "unexpected argument"}),
    [](const ::testing::TestParamInfo<BadArgs>& p) { return std::string(p.param.name); });

TEST(Cli, MissingSceneFileExitsTwoAndWritesNothing) {
  const fs::path out = FreshDir("out");
  const CliResult r = RunCli("run " + Quote(SourcePath("scenes/no_such_scene.json")) +
                                 " --seconds 1 --out " + Quote(out.string()) + " --quiet",
                             FreshDir("log"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(MissingOrEmpty(out));
  EXPECT_NE(r.err.find("no_such_scene.json"), std::string::npos) << r.err;
}

TEST(Cli, UnknownCommandOrNoArgumentsExitTwo) {
  EXPECT_EQ(RunCli("walk", FreshDir("log1")).exit_code, 2);
  const CliResult none = RunCli("", FreshDir("log2"));
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("usage"), std::string::npos) << none.err;
}

TEST(Cli, HelpExitsZeroAndPrintsUsage) {
  for (const char* flag : {"--help", "-h"}) {
    const CliResult r = RunCli(flag, FreshDir(flag));
    EXPECT_EQ(r.exit_code, 0) << flag;
    EXPECT_NE(r.out.find("usage: poselab-cli run"), std::string::npos) << flag << ": " << r.out;
    EXPECT_NE(r.out.find("--seconds"), std::string::npos);
    EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  }
}

// ---- Divergence: exit 3 ----

// A 200 N*s blow delivered to a forearm within 1 ms spins the arm far beyond any sane angular
// speed: the divergence check must stop the run there and say so. (If the physics ever survives
// this input, find another that diverges.)
TEST(Cli, AFallenRunnersFiguresStopAtTheFall) {
  // A stander pushed over at 0.5 s falls about half a second later and lies on the ground for
  // the rest of the 4 s run. Its summary covers the run up to the fall: the mean COM height is a
  // standing one (about 0.9 m), not one averaged with the body lying on the ground.
  const fs::path out = FreshDir("out");
  const CliResult r = RunCli(
      "run " + Quote(SourcePath("scenes/stance.json")) +
          " --seconds 4 --set 'runners.0.pushes=[{\"time_s\": 0.5, \"direction\": [-1, 0, 0], "
          "\"impulse_ns\": 150, \"duration_s\": 0.1, \"segment\": \"pelvis\"}]' --out " +
          Quote(out.string()) + " --quiet",
      FreshDir("log"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json summary;
  ASSERT_NO_THROW(summary = json::parse(ReadFile(out / "summary.json")));
  const json& runner = summary.at("runners").at(0);
  ASSERT_TRUE(runner.at("fell").get<bool>());
  EXPECT_LT(runner.at("fall_time_s").get<double>(), 2.0);
  EXPECT_GT(runner.at("balance").at("mean_com_height_m").get<double>(), 0.8);
}

TEST(Cli, ARunWritesItsStanceCurvesAndSaysSo) {
  // 3 s of running (warm-up 0.75 s): stance_<runner>.csv with the documented columns, one row per
  // percent of stance, every cell a number; standing writes none.
  const fs::path out = FreshDir("out");
  const CliResult r = RunCli("run " + Quote(SourcePath("scenes/pose.json")) +
                                 " --seconds 3 --out " + Quote(out.string()),
                             FreshDir("log"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("stance_pose.csv ("), std::string::npos) << r.out;
  std::ifstream csv(out / "stance_pose.csv");
  ASSERT_TRUE(csv.good()) << "no stance_pose.csv";
  std::string line;
  ASSERT_TRUE(std::getline(csv, line));
  EXPECT_EQ(SplitCsvLine(line), poselab::sim::StanceProfileColumns());
  int rows = 0;
  while (std::getline(csv, line)) {
    const std::vector<std::string> cells = SplitCsvLine(line);
    ASSERT_EQ(cells.size(), poselab::sim::StanceProfileColumns().size()) << "row " << rows;
    EXPECT_EQ(std::stoi(cells[0]), rows);
    for (const std::string& c : cells) ASSERT_TRUE(std::isfinite(std::stod(c))) << c;
    ++rows;
  }
  EXPECT_EQ(rows, 101);
  EXPECT_FALSE(fs::exists(out / "stance_pose.csv.partial"));

  const fs::path still = FreshDir("still");
  ASSERT_EQ(RunCli("run " + Quote(SourcePath("scenes/stance.json")) + " --seconds 1 --out " +
                       Quote(still.string()) + " --quiet",
                   FreshDir("log2"))
                .exit_code,
            0);
  EXPECT_FALSE(fs::exists(still / "stance_stance.csv"));
}

TEST(Cli, TheReportPutsWhatWasAskedNextToWhatWasAchievedAndNamesTheMissedBounds) {
  // Both running controllers, 4 s each: the report's tracking lines agree with summary.json's
  // tracking block, whatever the run achieved (every false bound named, none of the true ones).
  for (const char* scene : {"scenes/pose.json", "scenes/heel_strike.json"}) {
    SCOPED_TRACE(scene);
    const fs::path out = FreshDir("out");
    const CliResult r = RunCli(
        "run " + Quote(SourcePath(scene)) + " --seconds 4 --out " + Quote(out.string()),
        FreshDir("log"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    json summary;
    ASSERT_NO_THROW(summary = json::parse(ReadFile(out / "summary.json")));
    const json& runner = summary.at("runners").at(0);
    const json& tracking = runner.at("tracking");
    char asked[96];
    std::snprintf(asked, sizeof(asked), "asked -> achieved: lean %.1f -> ",
                  runner.at("params").at("lean_deg").get<double>());
    EXPECT_NE(r.out.find(asked), std::string::npos) << r.out;
    const struct {
      const char* key;
      const char* words;
    } bounds[] = {{"trunk_lean_within_2_deg", "lean (+-2 deg)"},
                  {"cadence_within_3_spm", "cadence (+-3 steps/min)"},
                  {"landing_within_0_05_m", "landing (+-0.05 m)"},
                  {"speed_steady", "steady speed"}};
    const bool all = tracking.at("all_within_bounds").get<bool>();
    EXPECT_EQ(r.out.find("every target tracked within its bound") != std::string::npos, all)
        << r.out;
    EXPECT_EQ(r.out.find("outside the tracking bounds: ") != std::string::npos, !all) << r.out;
    for (const auto& b : bounds) {
      const bool missed = tracking.at(b.key).is_boolean() && !tracking.at(b.key).get<bool>();
      EXPECT_EQ(r.out.find(b.words) != std::string::npos, missed) << b.key << "\n" << r.out;
    }
  }
}

TEST(Cli, NumericalDivergenceExitsThreeNamingTimeAndBodyPart) {
  const fs::path out = FreshDir("out");
  const CliResult r = RunCli(
      "run " + Quote(SourcePath("scenes/stance.json")) +
          " --seconds 2 --set 'runners.0.pushes=[{\"time_s\": 0.5, \"direction\": [0, 0, 1], "
          "\"impulse_ns\": 200, \"duration_s\": 0.001, \"segment\": \"left_forearm\"}]' --out " +
          Quote(out.string()) + " --quiet",
      FreshDir("log"));
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_NE(r.err.find("divergence at t="), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("segment '"), std::string::npos) << r.err;
  // The partial run is still summarised, marked as diverged.
  json summary;
  ASSERT_NO_THROW(summary = json::parse(ReadFile(out / "summary.json")));
  EXPECT_EQ(summary.value("diverged", false), true);
  EXPECT_LT(summary.at("seconds").get<double>(), 2.0);
}

}  // namespace
}  // namespace poselab::sim
