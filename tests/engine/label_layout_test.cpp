// Label placement: no two labels overlap afterwards, the first never moves, labels that were
// apart stay put, and a moved label moves only vertically and as little as needed.
#include "engine/label_layout.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace poselab::engine {
namespace {

constexpr float kGap = 2.0f;

bool Overlap(const glm::vec2& ca, const glm::vec2& sa, const glm::vec2& cb, const glm::vec2& sb) {
  return std::abs(ca.x - cb.x) < 0.5f * (sa.x + sb.x) &&
         std::abs(ca.y - cb.y) < 0.5f * (sa.y + sb.y);
}

TEST(LabelLayout, LabelsApartStayWhereTheyAre) {
  const std::vector<LabelBox> boxes = {{{100, 100}, {80, 20}}, {{300, 100}, {80, 20}},
                                       {{100, 200}, {80, 20}}};
  const std::vector<glm::vec2> placed = LayoutLabels(boxes, kGap);
  ASSERT_EQ(placed.size(), 3u);
  for (size_t i = 0; i < boxes.size(); ++i) EXPECT_EQ(placed[i], boxes[i].center);
}

TEST(LabelLayout, TwoRunnersNamesOnTopOfEachOtherAreStacked) {
  // Side view of two runners level with each other: their name labels land almost together.
  const std::vector<LabelBox> boxes = {{{640, 200}, {120, 24}}, {{650, 205}, {110, 24}}};
  const std::vector<glm::vec2> placed = LayoutLabels(boxes, kGap);
  EXPECT_EQ(placed[0], boxes[0].center);
  EXPECT_EQ(placed[1].x, boxes[1].center.x);  // only vertical moves
  // The smaller move wins: just below the first (205 -> 226.01), not above it (173.99).
  EXPECT_NEAR(placed[1].y, 200.0f + 24.0f + kGap, 0.02f);
}

TEST(LabelLayout, ManyRandomLabelsEndUpWithoutOverlap) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> x(400, 800), y(200, 400), w(40, 160), h(16, 30);
  std::vector<LabelBox> boxes;
  for (int i = 0; i < 40; ++i) boxes.push_back({{x(rng), y(rng)}, {w(rng), h(rng)}});
  const std::vector<glm::vec2> placed = LayoutLabels(boxes, kGap);
  ASSERT_EQ(placed.size(), boxes.size());
  EXPECT_EQ(placed[0], boxes[0].center);
  for (size_t i = 0; i < boxes.size(); ++i) {
    EXPECT_EQ(placed[i].x, boxes[i].center.x);
    for (size_t j = 0; j < i; ++j) {
      EXPECT_FALSE(Overlap(placed[i], boxes[i].size, placed[j], boxes[j].size))
          << "labels " << j << " and " << i;
    }
  }
}

}  // namespace
}  // namespace poselab::engine
