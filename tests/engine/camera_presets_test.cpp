// Camera presets: each looks from where its name says, and the framing keeps every runner inside
// the unobstructed part of the screen, tightly, for one runner and for two in adjacent lanes.
#include "engine/camera_presets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <glm/gtc/constants.hpp>
#include <string>

namespace poselab::engine {
namespace {

constexpr float kStatureM = 1.75f;

// The screen minus a 360 px panel column on the left and a 48 px toolbar on top, as the viewer
// lays it out at 1280x720.
constexpr Viewport kViewport{1280, 720};
constexpr ScreenRect kSafe{360.0f, 48.0f, 1280.0f, 720.0f};

std::vector<glm::vec3> Corners(const WorldBox& b) {
  std::vector<glm::vec3> out;
  for (int i = 0; i < 8; ++i) {
    out.push_back(
        {(i & 1) ? b.max.x : b.min.x, (i & 2) ? b.max.y : b.min.y, (i & 4) ? b.max.z : b.min.z});
  }
  return out;
}

OrbitCamera Framed(CameraPreset preset, const WorldBox& box) {
  OrbitCamera camera;
  const auto angles = PresetAnglesFor(preset);
  EXPECT_TRUE(angles.has_value());
  camera.set_yaw(angles->yaw_rad);
  camera.set_pitch(angles->pitch_rad);
  const Framing framing = FrameBox(camera, box, kViewport, kSafe);
  camera.set_target(framing.target);
  camera.set_distance(framing.distance_m);
  return camera;
}

// Screen-space extent of the box's corners under `camera`.
ScreenRect Extent(const OrbitCamera& camera, const WorldBox& box) {
  ScreenRect r{1e9f, 1e9f, -1e9f, -1e9f};
  for (const glm::vec3& c : Corners(box)) {
    const auto p = camera.ProjectToScreen(c, kViewport);
    EXPECT_TRUE(p.has_value());
    if (!p) continue;
    r = {std::min(r.x0, p->x), std::min(r.y0, p->y), std::max(r.x1, p->x), std::max(r.y1, p->y)};
  }
  return r;
}

const CameraPreset kViews[] = {CameraPreset::kSide, CameraPreset::kFront, CameraPreset::kRear,
                               CameraPreset::kBehind};

TEST(CameraPresets, EachViewLooksFromWhereItsNameSays) {
  const WorldBox box = RunnerFrameBox({10.0f, 1.0f, 0.0f}, kStatureM);
  // The direction from the target to the eye (the target itself moves sideways to centre the
  // runner in the free part of the screen).
  auto eye = [&box](CameraPreset preset) {
    const OrbitCamera camera = Framed(preset, box);
    return camera.CalcEye() - camera.target();
  };
  const glm::vec3 side = eye(CameraPreset::kSide);
  EXPECT_GT(side.z, 0.0f);  // the runner's right
  EXPECT_LT(std::abs(side.x), 0.05f * side.z);
  const glm::vec3 front = eye(CameraPreset::kFront);
  EXPECT_GT(front.x, 0.0f);
  EXPECT_LT(std::abs(front.z), 0.05f * front.x);
  const glm::vec3 rear = eye(CameraPreset::kRear);
  EXPECT_LT(rear.x, 0.0f);
  EXPECT_LT(std::abs(rear.z), 0.05f * -rear.x);
  // Follow-behind: behind the runners, above them, over the right shoulder.
  const glm::vec3 behind = eye(CameraPreset::kBehind);
  EXPECT_LT(behind.x, 0.0f);
  EXPECT_GT(behind.y, 0.3f * glm::length(behind));
  EXPECT_GT(behind.z, 0.0f);
  EXPECT_FALSE(PresetAnglesFor(CameraPreset::kFree).has_value());
}

TEST(CameraPresets, EveryPresetKeepsBothRunnersInsideTheFreeScreen) {
  // Two runners in adjacent lanes, one of them 3 m ahead.
  const WorldBox a = RunnerFrameBox({20.0f, 1.0f, 0.0f}, kStatureM);
  const WorldBox b = RunnerFrameBox({23.0f, 1.0f, 1.22f}, kStatureM);
  const WorldBox both = Union(a, b);
  for (CameraPreset preset : kViews) {
    const OrbitCamera camera = Framed(preset, both);
    for (const WorldBox& runner : {a, b}) {
      for (const glm::vec3& corner : Corners(runner)) {
        const auto p = camera.ProjectToScreen(corner, kViewport);
        ASSERT_TRUE(p.has_value()) << ToString(preset);
        EXPECT_TRUE(kSafe.Contains(*p))
            << ToString(preset) << ": corner projects to " << p->x << ", " << p->y;
      }
    }
  }
}

TEST(CameraPresets, FramingIsTightAndCentred) {
  const WorldBox one = RunnerFrameBox({5.0f, 1.0f, 0.0f}, kStatureM);
  const WorldBox two = Union(one, RunnerFrameBox({5.0f, 1.0f, 1.22f}, kStatureM));
  for (const WorldBox& box : {one, two}) {
    for (CameraPreset preset : kViews) {
      const ScreenRect r = Extent(Framed(preset, box), box);
      // The box touches the margin on at least one axis: not framed from farther than needed
      // (6% margins leave 88% of the free width or height).
      const float fill = std::max(r.width() / kSafe.width(), r.height() / kSafe.height());
      EXPECT_GT(fill, 0.85f) << ToString(preset);
      EXPECT_LE(fill, 0.881f) << ToString(preset);
      // Centred in the free area, not in the whole window.
      EXPECT_NEAR(0.5f * (r.x0 + r.x1), 0.5f * (kSafe.x0 + kSafe.x1), 1.0f) << ToString(preset);
      EXPECT_NEAR(0.5f * (r.y0 + r.y1), 0.5f * (kSafe.y0 + kSafe.y1), 1.0f) << ToString(preset);
    }
  }
}

TEST(CameraPresets, RunnersFarApartAreFramedFromFartherAway) {
  const WorldBox a = RunnerFrameBox({0.0f, 1.0f, 0.0f}, kStatureM);
  const WorldBox near = Union(a, RunnerFrameBox({1.0f, 1.0f, 1.22f}, kStatureM));
  const WorldBox far = Union(a, RunnerFrameBox({12.0f, 1.0f, 1.22f}, kStatureM));
  OrbitCamera camera;
  camera.set_yaw(0.0f);
  const float d_near = FrameBox(camera, near, kViewport, kSafe).distance_m;
  const float d_far = FrameBox(camera, far, kViewport, kSafe).distance_m;
  EXPECT_GT(d_far, 2.0f * d_near);
  // Beyond what the camera allows: the farthest distance, not a failure.
  const WorldBox huge = Union(a, RunnerFrameBox({500.0f, 1.0f, 0.0f}, kStatureM));
  EXPECT_EQ(FrameBox(camera, huge, kViewport, kSafe).distance_m, OrbitCamera::kMaxDistanceM);
}

TEST(CameraPresets, BoundsHoldEveryPointWithTheMargin) {
  EXPECT_FALSE(CalcBounds({}, 0.1f).has_value());
  const auto box = CalcBounds({{1, 2, 3}, {-1, 0, 5}, {0, 1, 4}}, 0.5f);
  ASSERT_TRUE(box.has_value());
  EXPECT_EQ(box->min, glm::vec3(-1.5f, -0.5f, 2.5f));
  EXPECT_EQ(box->max, glm::vec3(1.5f, 2.5f, 5.5f));
  const WorldBox r = RunnerFrameBox({3.0f, 1.0f, 1.0f}, kStatureM);
  EXPECT_EQ(r.min.y, 0.0f);  // from the ground
  EXPECT_GT(r.max.y, kStatureM);
  EXPECT_LT(r.min.x, 3.0f);
  EXPECT_GT(r.max.x, 3.0f);
}

TEST(CameraPresets, FreeCameraTargetPutsThePointWhereAsked) {
  // The free camera follows the runners' middle, shown at the centre of the part of the screen
  // the panels leave (here: right of a 350 px column, above a 245 px plot panel), from any
  // direction and distance the mouse left it at.
  const glm::vec3 point(12.0f, 1.1f, -0.6f);
  const glm::vec2 where(645.0f, 255.0f);
  for (const float yaw_deg : {0.0f, 35.0f, -60.0f, 90.0f, 180.0f}) {
    for (const float distance : {2.5f, 4.2f, 11.0f}) {
      OrbitCamera camera;
      camera.set_yaw(glm::radians(yaw_deg));
      camera.set_pitch(glm::radians(20.0f));
      camera.set_distance(distance);
      camera.set_target(TargetShowingPointAt(camera, point, kViewport, where));
      const auto shown = camera.ProjectToScreen(point, kViewport);
      ASSERT_TRUE(shown.has_value());
      EXPECT_NEAR(shown->x, where.x, 0.5f) << "yaw " << yaw_deg << ", distance " << distance;
      EXPECT_NEAR(shown->y, where.y, 0.5f) << "yaw " << yaw_deg << ", distance " << distance;
    }
  }
  // At the screen's centre the target is the point itself.
  OrbitCamera camera;
  const glm::vec3 centred = TargetShowingPointAt(camera, point, kViewport, {640.0f, 360.0f});
  EXPECT_NEAR(glm::distance(centred, point), 0.0f, 1e-5f);
}

}  // namespace
}  // namespace poselab::engine
