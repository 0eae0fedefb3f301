// Greedy vertical de-overlap of labels (see label_layout.h).
#include "engine/label_layout.h"

#include <cmath>
#include <limits>

namespace poselab::engine {
namespace {

bool Overlaps(const glm::vec2& ca, const glm::vec2& sa, const glm::vec2& cb, const glm::vec2& sb,
              float gap) {
  return std::abs(ca.x - cb.x) < 0.5f * (sa.x + sb.x) + gap &&
         std::abs(ca.y - cb.y) < 0.5f * (sa.y + sb.y) + gap;
}

}  // namespace

std::vector<glm::vec2> LayoutLabels(const std::vector<LabelBox>& boxes, float gap_px) {
  std::vector<glm::vec2> placed;
  placed.reserve(boxes.size());
  for (size_t i = 0; i < boxes.size(); ++i) {
    const LabelBox& box = boxes[i];
    auto is_free = [&](const glm::vec2& c) {
      for (size_t j = 0; j < placed.size(); ++j) {
        if (Overlaps(c, box.size, placed[j], boxes[j].size, gap_px)) return false;
      }
      return true;
    };
    // Candidates: where it wants to be, and just above or just below each placed label it
    // would share columns with. Just above the highest such label is always free, so a place
    // is always found.
    glm::vec2 best = box.center;
    if (!is_free(best)) {
      float best_move = std::numeric_limits<float>::max();
      for (size_t j = 0; j < placed.size(); ++j) {
        const float reach = 0.5f * (box.size.y + boxes[j].size.y) + gap_px + 0.01f;
        for (float y : {placed[j].y - reach, placed[j].y + reach}) {
          const glm::vec2 c(box.center.x, y);
          const float move = std::abs(y - box.center.y);
          if (move < best_move && is_free(c)) {
            best = c;
            best_move = move;
          }
        }
      }
    }
    placed.push_back(best);
  }
  return placed;
}

}  // namespace poselab::engine
