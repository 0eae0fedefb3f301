// OrbitCamera: eye placement from yaw/pitch/distance, projection of the target to the screen
// centre, and the pan/zoom/pitch limits.
#include "engine/orbit_camera.h"

#include <gtest/gtest.h>

#include <cmath>
#include <glm/gtc/constants.hpp>

namespace poselab::engine {
namespace {

constexpr float kTolM = 1e-4f;   // positions, metres
constexpr float kTolPx = 1e-2f;  // screen positions, pixels

void ExpectNear(const glm::vec3& actual, const glm::vec3& expected, float tol) {
  EXPECT_NEAR(actual.x, expected.x, tol);
  EXPECT_NEAR(actual.y, expected.y, tol);
  EXPECT_NEAR(actual.z, expected.z, tol);
}

OrbitCamera MakeCamera(float yaw_deg, float pitch_deg, float distance_m) {
  OrbitCamera camera;
  camera.set_target({2.0f, 1.0f, -0.5f});
  camera.set_yaw(glm::radians(yaw_deg));
  camera.set_pitch(glm::radians(pitch_deg));
  camera.set_distance(distance_m);
  return camera;
}

TEST(OrbitCamera, YawZeroLooksFromTheRunnersRight) {
  const OrbitCamera camera = MakeCamera(0.0f, 0.0f, 3.0f);
  ExpectNear(camera.CalcEye(), camera.target() + glm::vec3(0.0f, 0.0f, 3.0f), kTolM);
}

TEST(OrbitCamera, YawNinetyLooksFromTheFront) {
  const OrbitCamera camera = MakeCamera(90.0f, 0.0f, 3.0f);
  ExpectNear(camera.CalcEye(), camera.target() + glm::vec3(3.0f, 0.0f, 0.0f), kTolM);
}

TEST(OrbitCamera, PitchLiftsTheEyeOnASphere) {
  const OrbitCamera camera = MakeCamera(0.0f, 30.0f, 4.0f);
  const glm::vec3 offset = camera.CalcEye() - camera.target();
  EXPECT_NEAR(offset.y, 4.0f * std::sin(glm::radians(30.0f)), kTolM);
  EXPECT_NEAR(offset.z, 4.0f * std::cos(glm::radians(30.0f)), kTolM);
  EXPECT_NEAR(glm::length(offset), 4.0f, kTolM);
}

TEST(OrbitCamera, TargetProjectsToScreenCentre) {
  const Viewport viewport{1280, 720};
  for (float yaw : {-150.0f, 0.0f, 35.0f, 200.0f}) {
    for (float pitch : {-30.0f, 0.0f, 10.0f, 80.0f}) {
      const OrbitCamera camera = MakeCamera(yaw, pitch, 5.0f);
      const std::optional<glm::vec2> p = camera.ProjectToScreen(camera.target(), viewport);
      ASSERT_TRUE(p.has_value());
      EXPECT_NEAR(p->x, 640.0f, kTolPx) << "yaw " << yaw << " pitch " << pitch;
      EXPECT_NEAR(p->y, 360.0f, kTolPx) << "yaw " << yaw << " pitch " << pitch;
    }
  }
}

TEST(OrbitCamera, ScreenAxesMatchTheWorld) {
  // From the runner's right (yaw 0), forward (+X) is screen right and up (+Y) is screen up.
  const Viewport viewport{800, 600};
  const OrbitCamera camera = MakeCamera(0.0f, 0.0f, 3.0f);
  const auto ahead = camera.ProjectToScreen(camera.target() + glm::vec3(0.5f, 0, 0), viewport);
  const auto above = camera.ProjectToScreen(camera.target() + glm::vec3(0, 0.5f, 0), viewport);
  ASSERT_TRUE(ahead && above);
  EXPECT_GT(ahead->x, 400.0f + 10.0f);
  EXPECT_NEAR(ahead->y, 300.0f, kTolPx);
  EXPECT_LT(above->y, 300.0f - 10.0f);
}

TEST(OrbitCamera, PointsBehindTheEyeAreNotProjected) {
  const OrbitCamera camera = MakeCamera(0.0f, 0.0f, 3.0f);
  // 1 m behind the eye, on the far side from the target.
  const glm::vec3 behind = camera.CalcEye() + glm::vec3(0.0f, 0.0f, 1.0f);
  EXPECT_FALSE(camera.ProjectToScreen(behind, Viewport{}).has_value());
}

TEST(OrbitCamera, PanMovesTargetAcrossTheViewKeepingTheOffset) {
  OrbitCamera camera = MakeCamera(30.0f, 20.0f, 4.0f);
  const Viewport viewport{1280, 720};
  const glm::vec3 offset_before = camera.CalcEye() - camera.target();
  const glm::vec3 target_before = camera.target();
  camera.Pan(100.0f, -40.0f, viewport);
  const glm::vec3 moved = camera.target() - target_before;
  EXPECT_GT(glm::length(moved), 0.01f);
  // The move lies in the view plane and the eye moves with the target.
  EXPECT_NEAR(glm::dot(moved, glm::normalize(offset_before)), 0.0f, kTolM);
  ExpectNear(camera.CalcEye() - camera.target(), offset_before, kTolM);
}

TEST(OrbitCamera, PanKeepsTheGrabbedPointUnderTheCursor) {
  // A point at the target's depth dragged by (dx, dy) pixels must land (dx, dy) further on.
  OrbitCamera camera = MakeCamera(-20.0f, 15.0f, 6.0f);
  const Viewport viewport{1000, 800};
  const glm::vec3 point = camera.target();
  const glm::vec2 before = *camera.ProjectToScreen(point, viewport);
  camera.Pan(50.0f, 30.0f, viewport);
  const glm::vec2 after = *camera.ProjectToScreen(point, viewport);
  EXPECT_NEAR(after.x - before.x, 50.0f, 0.5f);
  EXPECT_NEAR(after.y - before.y, 30.0f, 0.5f);
}

TEST(OrbitCamera, ZoomAndPitchAreClamped) {
  OrbitCamera camera;
  camera.Zoom(1000.0f);
  EXPECT_FLOAT_EQ(camera.distance(), OrbitCamera::kMinDistanceM);
  camera.Zoom(-1000.0f);
  EXPECT_FLOAT_EQ(camera.distance(), OrbitCamera::kMaxDistanceM);
  camera.set_pitch(glm::half_pi<float>() + 0.3f);
  EXPECT_FLOAT_EQ(camera.pitch(), OrbitCamera::kMaxPitchRad);
  camera.Rotate(0.0f, -100000.0f);
  EXPECT_FLOAT_EQ(camera.pitch(), OrbitCamera::kMinPitchRad);
}

TEST(OrbitCamera, ZoomInBringsTheEyeCloser) {
  OrbitCamera camera = MakeCamera(0.0f, 0.0f, 5.0f);
  camera.Zoom(2.0f);
  EXPECT_LT(camera.distance(), 5.0f);
  EXPECT_GT(camera.distance(), 3.0f);
}

TEST(SmoothTowards, ConvergesAndSnapsWithoutLag) {
  const glm::vec3 goal(1.0f, 2.0f, 3.0f);
  ExpectNear(SmoothTowards(glm::vec3(0.0f), goal, 0.016f, 0.0f), goal, 0.0f);
  glm::vec3 p(0.0f);
  for (int i = 0; i < 300; ++i) p = SmoothTowards(p, goal, 1.0f / 60.0f, 0.25f);
  ExpectNear(p, goal, 1e-3f);
  // One time constant covers 1 - 1/e of the way, whatever the frame split.
  glm::vec3 q(0.0f);
  for (int i = 0; i < 10; ++i) q = SmoothTowards(q, goal, 0.025f, 0.25f);
  EXPECT_NEAR(q.x, 1.0f - std::exp(-1.0f), 1e-4f);
}

}  // namespace
}  // namespace poselab::engine
