// CSV export of the viewer's recorded history (the last kHistorySeconds): one row per sample,
// time first, units in every column name. GL-free.
#pragma once

#include <string>
#include <vector>

#include "engine/history.h"
#include "sim/core/result.h"

namespace poselab::engine {

// Column names of one runner's block, in the order WriteHistoryCsv writes them, without the
// "<runner>." prefix.
std::vector<std::string> HistoryCsvRunnerColumns();

// Writes every stored sample of `history` to `path`: first to `path`.partial, renamed into
// place when complete, so a reader never sees half a file. `runner_names` gives the column
// prefixes (one per runner). An error names the path when the file cannot be written.
sim::Status WriteHistoryCsv(const History& history, const std::vector<std::string>& runner_names,
                            const std::string& path);

// The first of `dir`/`stem`_001.csv, _002, ... that does not exist yet (so exports never
// overwrite each other); creates `dir` if needed. An error when it cannot.
sim::Result<std::string> NextExportPath(const std::string& dir, const std::string& stem);

}  // namespace poselab::engine
