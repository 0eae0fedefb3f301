// The stride metrics table: runners side by side, one row per figure with its unit, from the
// refresh in force at the shown instant (so it follows the scrubber). "-" where the analysis has
// no value (no impact peak, too few strides yet).
#pragma once

#include <vector>

#include "engine/plots.h"
#include "engine/run_record.h"

namespace poselab::sim {
class Simulation;
}

namespace poselab::engine {

// Draws the table, `width` pixels wide, into the current ImGui window.
void DrawMetricsTable(const sim::Simulation& sim, const RunRecord& record,
                      const std::vector<RunnerStyle>& runners, double shown_time_s, float width);

}  // namespace poselab::engine
