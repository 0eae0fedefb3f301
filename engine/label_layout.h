// Screen-space placement of text labels so that none covers another: two runners side by side
// put their names, phases and figures in the same part of the screen. GL-free.
#pragma once

#include <glm/glm.hpp>
#include <vector>

namespace poselab::engine {

// A label's box on the screen, pixels (top-left origin): centre and full size.
struct LabelBox {
  glm::vec2 center{0.0f};
  glm::vec2 size{0.0f};
};

// Returns the boxes' new centres. Boxes are placed in order; each keeps its x and moves up or
// down as little as it can to leave at least `gap_px` to every box placed before it (so earlier
// labels never move). The first box always stays where it is.
std::vector<glm::vec2> LayoutLabels(const std::vector<LabelBox>& boxes, float gap_px);

}  // namespace poselab::engine
