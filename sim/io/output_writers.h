// Writers for a run's results: summary.json (schema 1, see the CLI contract) and
// timeseries.csv (one row per output sample, SI units, time first; columns in the README).
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/analysis/run_stats.h"
#include "sim/simulation.h"

namespace poselab::sim {

const char* Version();  // "git describe" of the build (version.cpp, generated at build time)

// Steady-state tracking bounds of the running controllers (cadence, mean trunk lean, landing
// distance): what "tracks its targets" means in summary.json's tracking block and the README.
inline constexpr double kCadenceToleranceSpm = 3.0;
inline constexpr double kLeanToleranceDeg = 2.0;
inline constexpr double kLandingToleranceM = 0.05;

// summary.json as a JSON document. `stats` has one entry per runner.
nlohmann::ordered_json BuildSummary(const Simulation& sim, const std::vector<RunStats>& stats,
                                    const std::string& divergence);

// Writes stance_<runner>.csv: one row per percent of stance (0-100), "stance_percent" then
// "<channel>_mean" and "<channel>_sd" per StanceProfile channel. Goes through "<path>.partial",
// so nothing half-written carries the final name. False with `error` set on failure.
bool WriteStanceProfile(const std::string& path, const StanceProfile& profile, std::string* error);
std::vector<std::string> StanceProfileColumns();

// Streams timeseries.csv rows. Column names are "<runner>.<quantity>_<unit>".
class TimeseriesWriter {
 public:
  // Opens `path` and writes the header; false with `error` set on failure.
  bool Open(const std::string& path, const Simulation& sim, std::string* error);
  // `loads` has one sample per runner (RunStats::TakeLoadSample), the means since the last row.
  void WriteRow(const Simulation& sim, const std::vector<LoadSample>& loads);
  bool Close();

  // The header columns for a simulation (also used by the tests and docs).
  static std::vector<std::string> Columns(const Simulation& sim);

 private:
  std::ofstream out_;
};

}  // namespace poselab::sim
