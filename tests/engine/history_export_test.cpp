// History CSV: header with units, one row per stored sample, no partial file left, numbered
// export names that never overwrite.
#include "engine/history_export.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace poselab::engine {
namespace {
namespace fs = std::filesystem;

fs::path TempDir(const std::string& tag) {
  const fs::path dir =
      fs::temp_directory_path() / ("poselab_" + tag + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> Lines(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
  return fields;
}

TEST(HistoryCsv, WritesHeaderWithUnitsAndOneRowPerSample) {
  History h(2, 3, 5);  // capacity 3: the export holds what the ring still has
  for (int i = 0; i < 5; ++i) {
    RunnerSample a, b;
    a.grf_y_bw = {0.0f, 2.5f};
    a.stance = {false, true};
    a.moment_nm_kg[1][1] = 2.0f;
    a.phase = h.InternPhase(0, "pose");
    b.power_w_kg[0][2] = -7.5f;
    b.phase = h.InternPhase(1, "flight");
    h.Push({i * 0.005, i * 5}, {a, b});
  }
  const fs::path dir = TempDir("history_csv");
  const fs::path path = dir / "out.csv";
  ASSERT_TRUE(WriteHistoryCsv(h, {"pose", "heel"}, path.string()).ok());
  EXPECT_FALSE(fs::exists(path.string() + ".partial"));
  const std::vector<std::string> lines = Lines(path);
  ASSERT_EQ(lines.size(), 4u);  // header + the 3 samples kept
  const std::vector<std::string> header = Split(lines[0]);
  const size_t per_runner = HistoryCsvRunnerColumns().size();
  ASSERT_EQ(header.size(), 2 + 2 * per_runner);
  EXPECT_EQ(header[0], "time_s");
  // Every numeric column says its unit (or is a 0/1 flag or the phase word).
  for (size_t c = 2; c < header.size(); ++c) {
    const std::string& h_name = header[c];
    const bool unit =
        h_name.find("_m") != std::string::npos || h_name.find("_bw") != std::string::npos ||
        h_name.find("_nm_kg") != std::string::npos || h_name.find("_w_kg") != std::string::npos ||
        h_name.find("_mps") != std::string::npos || h_name.find("stance") != std::string::npos ||
        h_name.find("phase") != std::string::npos;
    EXPECT_TRUE(unit) << h_name;
  }
  // The first kept sample is the third pushed (t = 0.010 s, step 10).
  const std::vector<std::string> row = Split(lines[1]);
  ASSERT_EQ(row.size(), header.size());
  EXPECT_EQ(row[0], "0.0100");
  EXPECT_EQ(row[1], "10");
  auto column = [&](const std::string& name) {
    for (size_t c = 0; c < header.size(); ++c) {
      if (header[c] == name) return row[c];
    }
    ADD_FAILURE() << "no column " << name;
    return std::string();
  };
  EXPECT_EQ(column("pose.grf_y_bw"), "2.5");
  EXPECT_EQ(column("pose.right_stance"), "1");
  EXPECT_EQ(column("pose.left_stance"), "0");
  EXPECT_EQ(column("pose.right_knee_moment_nm_kg"), "2");
  EXPECT_EQ(column("heel.left_ankle_power_w_kg"), "-7.5");
  EXPECT_EQ(column("pose.phase"), "pose");
  EXPECT_EQ(column("heel.phase"), "flight");
  fs::remove_all(dir);
}

TEST(HistoryCsv, UnwritablePathIsAnErrorNamingIt) {
  const History h(1, 2, 5);
  const sim::Status status = WriteHistoryCsv(h, {"r"}, "/nonexistent_dir/x.csv");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().find("/nonexistent_dir/x.csv"), std::string::npos) << status.error();
}

TEST(HistoryCsv, ExportNamesCountUpAndNeverOverwrite) {
  const fs::path dir = TempDir("history_names") / "sub";  // created on demand
  const sim::Result<std::string> first = NextExportPath(dir.string(), "pose_history");
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(fs::path(first.value()).filename(), "pose_history_001.csv");
  std::ofstream(first.value()) << "x";
  const sim::Result<std::string> second = NextExportPath(dir.string(), "pose_history");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(fs::path(second.value()).filename(), "pose_history_002.csv");
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace poselab::engine
