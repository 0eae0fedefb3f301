// Builds the DrawList for a runner: its colliders as shapes, foot ground-reaction arrows at the
// centre of pressure, the COM with its ground projection, and a name label.
#pragma once

#include <string>

#include "sim/draw/draw_list.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

// Distinct colours for runners by index (blue, orange, green, ...).
Color RunnerColor(size_t runner_index);

// Appends one runner. GRF arrows are scaled so that one body weight is `bw_arrow_m` long.
void AppendRunnerDrawing(const HumanModel& model, const RunnerState& state, const Color& color,
                         const std::string& label, DrawList* out, double bw_arrow_m = 0.5);

}  // namespace poselab::sim
