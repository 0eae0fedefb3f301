// History CSV writing.
#include "engine/history_export.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace poselab::engine {
namespace fs = std::filesystem;
namespace {

// A text field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace

std::vector<std::string> HistoryCsvRunnerColumns() {
  std::vector<std::string> cols = {"com_x_m", "com_y_m", "com_z_m", "com_vx_mps", "grf_y_bw"};
  for (const char* side : {"left", "right"}) {
    cols.push_back(std::string(side) + "_grf_y_bw");
    cols.push_back(std::string(side) + "_stance");
  }
  for (const char* side : {"left", "right"}) {
    for (const char* joint : kPlotJointNames) {
      cols.push_back(std::string(side) + "_" + joint + "_moment_nm_kg");
    }
    for (const char* joint : kPlotJointNames) {
      cols.push_back(std::string(side) + "_" + joint + "_power_w_kg");
    }
  }
  cols.push_back("phase");
  return cols;
}

sim::Status WriteHistoryCsv(const History& history, const std::vector<std::string>& runner_names,
                            const std::string& path) {
  POSELAB_ASSERT(runner_names.size() == history.runner_count(), "one name per runner");
  const std::string partial = path + ".partial";
  {
    std::ofstream out(partial);
    if (!out) return sim::Error{partial + ": cannot open for writing"};
    out << "time_s,step";
    const std::vector<std::string> cols = HistoryCsvRunnerColumns();
    for (const std::string& name : runner_names) {
      for (const std::string& col : cols) out << ',' << name << '.' << col;
    }
    out << '\n';
    char buf[64];
    for (size_t i = 0; i < history.size(); ++i) {
      std::snprintf(buf, sizeof(buf), "%.4f,%lld", history.time(i).time_s,
                    static_cast<long long>(history.time(i).step));
      out << buf;
      for (size_t r = 0; r < history.runner_count(); ++r) {
        const RunnerSample& s = history.sample(r, i);
        auto num = [&](double v) {
          std::snprintf(buf, sizeof(buf), ",%.6g", v);
          out << buf;
        };
        num(s.com.x);
        num(s.com.y);
        num(s.com.z);
        num(s.com_velocity.x);
        num(s.grf_total_bw());
        for (int f = 0; f < 2; ++f) {
          num(s.grf_y_bw[f]);
          out << (s.stance[f] ? ",1" : ",0");
        }
        for (int f = 0; f < 2; ++f) {
          for (int j = 0; j < kPlotJoints; ++j) num(s.moment_nm_kg[f][j]);
          for (int j = 0; j < kPlotJoints; ++j) num(s.power_w_kg[f][j]);
        }
        out << ',' << CsvField(history.phase_name(r, s.phase));
      }
      out << '\n';
    }
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(partial, ignored);
      return sim::Error{partial + ": write failed"};
    }
  }
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(partial, ec);
    return sim::Error{path + ": cannot move the finished file into place (" + why + ")"};
  }
  return {};
}

sim::Result<std::string> NextExportPath(const std::string& dir, const std::string& stem) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return sim::Error{dir + ": cannot create the export folder (" + ec.message() + ")"};
  char name[64];
  for (int n = 1; n < 10000; ++n) {
    std::snprintf(name, sizeof(name), "_%03d.csv", n);
    const fs::path candidate = fs::path(dir) / (stem + name);
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
  return sim::Error{dir + ": 9999 exports of " + stem + " already; remove some"};
}

}  // namespace poselab::engine
