// The shadow map's light projection holds every caster and reaches the ground behind them.
#include "engine/shadow_projection.h"

#include <gtest/gtest.h>

namespace poselab::engine {
namespace {

glm::vec3 ToClip(const glm::mat4& m, const glm::vec3& p) {
  const glm::vec4 c = m * glm::vec4(p, 1.0f);
  return glm::vec3(c) / c.w;
}

bool InsideCube(const glm::vec3& p, float tol = 1e-4f) {
  return p.x >= -1 - tol && p.x <= 1 + tol && p.y >= -1 - tol && p.y <= 1 + tol &&
         p.z >= -1 - tol && p.z <= 1 + tol;
}

TEST(ShadowProjection, EveryCasterCornerIsInsideTheLightFrustum) {
  const WorldBox box = Union(RunnerFrameBox({30, 1, 0}, 1.75f), RunnerFrameBox({32, 1, 1.22f}, 1.75f));
  for (const glm::vec3& light : {glm::vec3(0.65f, 0.70f, 0.30f), glm::vec3(0, 1, 0),
                                 glm::vec3(-1, 0.2f, 0)}) {
    const glm::mat4 m = CalcLightViewProjection(box, light);
    for (int i = 0; i < 8; ++i) {
      const glm::vec3 corner{(i & 1) ? box.max.x : box.min.x, (i & 2) ? box.max.y : box.min.y,
                             (i & 4) ? box.max.z : box.min.z};
      EXPECT_TRUE(InsideCube(ToClip(m, corner))) << "light " << light.x << " " << light.y;
    }
  }
}

TEST(ShadowProjection, TheGroundWhereAHeadsShadowFallsIsInRangeAndFartherThanTheHead) {
  const WorldBox box = RunnerFrameBox({0, 1, 0}, 1.75f);
  const glm::vec3 light = glm::normalize(glm::vec3(0.65f, 0.70f, 0.30f));
  const glm::mat4 m = CalcLightViewProjection(box, light);
  const glm::vec3 head(0.0f, 1.7f, 0.0f);
  // Follow the light ray from the head down to the ground.
  const glm::vec3 ground = head - light * (head.y / light.y);
  const glm::vec3 h = ToClip(m, head), g = ToClip(m, ground);
  EXPECT_TRUE(InsideCube(g));
  EXPECT_NEAR(h.x, g.x, 1e-4f);  // same shadow-map texel
  EXPECT_NEAR(h.y, g.y, 1e-4f);
  EXPECT_GT(g.z, h.z);  // the head is nearer the light: the ground there is in shadow
}

TEST(ShadowProjection, FootprintHoldsEveryShadowOnTheGround) {
  const WorldBox box = RunnerFrameBox({4, 1, 0.5f}, 1.75f);
  const glm::vec3 light = glm::normalize(glm::vec3(0.65f, 0.70f, 0.30f));
  const glm::vec4 f = CalcShadowFootprint(box, light);
  // Shadows of points throughout the box, traced down the light to the ground.
  for (float x : {box.min.x, box.max.x}) {
    for (float y : {0.0f, 0.9f, box.max.y}) {
      for (float z : {box.min.z, box.max.z}) {
        const glm::vec3 p(x, y, z);
        const glm::vec3 g = p - light * (y / light.y);
        EXPECT_GE(g.x, f.x - 1e-4f);
        EXPECT_GE(g.z, f.y - 1e-4f);
        EXPECT_LE(g.x, f.z + 1e-4f);
        EXPECT_LE(g.z, f.w + 1e-4f);
      }
    }
  }
  // It reaches back from the box along the light's fall (-x, -z here), not forward.
  EXPECT_LT(f.x, box.min.x - 1.0f);
  EXPECT_EQ(f.z, box.max.x);
  // A light at the horizon: unbounded.
  EXPECT_LT(CalcShadowFootprint(box, {1, 0, 0}).x, -1e8f);
}

}  // namespace
}  // namespace poselab::engine
