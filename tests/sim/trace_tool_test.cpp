// poselab-trace: one line per touchdown and toe-off, and poselab-cli's exit codes for bad input.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/sim/test_scenes.h"

namespace poselab::sim {
namespace {

namespace fs = std::filesystem;

struct TraceResult {
  int exit_code = -1;
  std::string output;
};

// Single-quoted for the shell.
std::string Quoted(const std::string& s) {
  std::string q = "'";
  q += s;
  q += "'";
  return q;
}

TraceResult RunTrace(const std::string& args) {
  const std::string cmd = std::string("'") + POSELAB_TRACE + "' " + args + " 2>&1";
  TraceResult result;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

fs::path WriteScene(const std::string& name, const std::string& controller) {
  const fs::path path = fs::temp_directory_path() / ("poselab_trace_" + name + ".json");
  std::ofstream(path) << R"({"schema": 1, "name": ")" << name
                      << R"(", "runners": [{"name": "r", "controller": )" << controller << "}]}";
  return path;
}

TEST(TraceTool, ListsTheRunningStepsOfARun) {
  const fs::path scene = WriteScene("run", R"({"type": "pose"})");
  std::string args = Quoted(scene.string());
  args += " 0.5";
  const TraceResult r = RunTrace(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("impulse_y(BW*s)"), std::string::npos) << r.output;
  // The run starts in flight: the left foot's touchdown comes first, then its toe-off.
  const size_t td = r.output.find(" TD L ");
  const size_t to = r.output.find(" TO L ");
  ASSERT_NE(td, std::string::npos) << r.output;
  ASSERT_NE(to, std::string::npos) << r.output;
  EXPECT_LT(td, to);
}

TEST(TraceTool, QuietStandingHasNoEventsAfterTheFirstLoading) {
  std::string args = Quoted(test::SourcePath("scenes/stance.json"));
  args += " 1";
  const TraceResult r = RunTrace(args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find(" TO "), std::string::npos) << r.output;
}

TEST(TraceTool, BadInputExitsTwoWithAMessage) {
  const std::string scene = Quoted(test::SourcePath("scenes/stance.json"));
  const TraceResult seconds = RunTrace(scene + " soon");
  EXPECT_EQ(seconds.exit_code, 2);
  EXPECT_NE(seconds.output.find("SECONDS"), std::string::npos) << seconds.output;
  const TraceResult key = RunTrace(scene + " 1 runners.0.controller.lean_deg=99");
  EXPECT_EQ(key.exit_code, 2);
  EXPECT_NE(key.output.find("lean_deg"), std::string::npos) << key.output;
  EXPECT_EQ(RunTrace("").exit_code, 2);
}

}  // namespace
}  // namespace poselab::sim
