// Plots drawn with ImGui's draw list (ImPlot is not available): the vertical ground reaction
// force of every runner overlaid, and hip, knee and ankle moment and power, over the last
// kPlotSpanS of the history ending at the shown instant (live or scrubbed), stance shaded,
// each runner in its drawing colour. Hovering shows the values at the cursor's time.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "engine/history.h"

namespace poselab::engine {

// How a runner appears in the panels: its name and the colour the 3D view gives it.
struct RunnerStyle {
  std::string name;
  ImU32 color = IM_COL32_WHITE;
};

// A tooltip whose text wraps at about 32 characters' width (ImGui's own does not wrap), so long
// explanations stay a compact box. printf-style.
void TooltipWrapped(const char* fmt, ...) IM_FMTARGS(1);

class PlotPanel {
 public:
  // Fills `size` from the current cursor of the current ImGui window: the GRF plot on the left,
  // a 3x2 grid to its right with hip, knee, ankle moments (top) and powers (bottom) of `leg`
  // (0 left, 1 right). `end_time_s` is the shown instant, at the plots' right edge.
  void Draw(const History& history, const std::vector<RunnerStyle>& runners, int leg,
            double end_time_s, ImVec2 size);

 private:
  std::optional<float> hover_t_;  // relative time under the mouse, shared by all plots
};

}  // namespace poselab::engine
