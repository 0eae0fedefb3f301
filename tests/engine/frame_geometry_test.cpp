// DrawList -> instance arrays: layer split, sphere/arrow conversion, box placement, follow point.
#include "engine/frame_geometry.h"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/orbit_camera.h"

namespace poselab::engine {
namespace {

constexpr float kTol = 1e-5f;

sim::DrawArrow MakeArrow(const sim::Vec3& origin, const sim::Vec3& vector, bool overlay) {
  sim::DrawArrow arrow;
  arrow.origin = origin;
  arrow.vector = vector;
  arrow.overlay = overlay;
  return arrow;
}

TEST(FrameGeometry, CapsulesAndSpheresBecomeCapsuleInstances) {
  sim::DrawList list;
  list.capsules.push_back({{0, 1, 0}, {0, 1.5, 0}, 0.06, {1, 0, 0, 1}});
  list.spheres.push_back({{1, 2, 3}, 0.1, {0, 1, 0, 0.5f}});
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  ASSERT_EQ(geometry.scene.capsules.size(), 2u);
  EXPECT_TRUE(geometry.overlay.empty());
  const CapsuleInstance& capsule = geometry.scene.capsules[0];
  EXPECT_FLOAT_EQ(capsule.a_radius.w, 0.06f);
  EXPECT_FLOAT_EQ(capsule.b.y, 1.5f);
  // A sphere is a capsule whose ends coincide.
  const CapsuleInstance& sphere = geometry.scene.capsules[1];
  EXPECT_EQ(glm::vec3(sphere.a_radius), glm::vec3(sphere.b));
  EXPECT_FLOAT_EQ(sphere.a_radius.w, 0.1f);
  EXPECT_FLOAT_EQ(sphere.color.a, 0.5f);
}

TEST(FrameGeometry, WideLinesBecomeTubesInTheirLayer) {
  sim::DrawList list;
  sim::DrawLine tube;
  tube.a = {0, 0, 0};
  tube.b = {0, 1, 0};
  tube.width_m = 0.02;
  tube.overlay = true;
  list.lines = {tube};
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  EXPECT_TRUE(geometry.scene.empty());
  EXPECT_TRUE(geometry.overlay.lines.empty());
  ASSERT_EQ(geometry.overlay.capsules.size(), 1u);
  // The width is the tube's diameter: the capsule's radius is half of it.
  EXPECT_FLOAT_EQ(geometry.overlay.capsules[0].a_radius.w, 0.01f);
  EXPECT_FLOAT_EQ(geometry.overlay.capsules[0].b.y, 1.0f);
}

TEST(FrameGeometry, OverlayLinesAndArrowsGoToTheOverlayLayer) {
  sim::DrawList list;
  sim::DrawLine hidden_line;
  hidden_line.b = {1, 0, 0};
  sim::DrawLine overlay_line = hidden_line;
  overlay_line.overlay = true;
  list.lines = {hidden_line, overlay_line, overlay_line};
  list.arrows = {MakeArrow({0, 0, 0}, {0, 1, 0}, true), MakeArrow({0, 0, 0}, {1, 0, 0}, false)};
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  EXPECT_EQ(geometry.scene.lines.size(), 2u);  // one segment = two vertices
  EXPECT_EQ(geometry.overlay.lines.size(), 4u);
  EXPECT_EQ(geometry.overlay.cones.size(), 1u);
  EXPECT_EQ(geometry.overlay.capsules.size(), 1u);
  EXPECT_EQ(geometry.scene.cones.size(), 1u);
}

TEST(FrameGeometry, ArrowHeadEndsAtTheTipAndShaftMeetsIt) {
  sim::DrawList list;
  const sim::Vec3 origin(1.0, 0.0, 0.5);
  const sim::Vec3 vector(0.0, 0.0, -2.0);  // 2 m towards -Z
  list.arrows = {MakeArrow(origin, vector, true)};
  const ArrowStyle style;
  FrameGeometry geometry;
  BuildFrameGeometry(list, style, &geometry);
  ASSERT_EQ(geometry.overlay.cones.size(), 1u);
  const glm::mat4& model = geometry.overlay.cones[0].model;
  // The unit cone's tip (0, 1, 0) lands on origin + vector; its base centre on the shaft's end.
  const glm::vec3 tip = model * glm::vec4(0.0f, 1.0f, 0.0f, 1.0f);
  const glm::vec3 base = model * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
  const glm::vec3 expected_tip = glm::vec3(origin + vector);
  EXPECT_NEAR(glm::length(tip - expected_tip), 0.0f, kTol);
  EXPECT_NEAR(glm::length(tip - base), style.head_length_m, kTol);
  const CapsuleInstance& shaft = geometry.overlay.capsules[0];
  EXPECT_NEAR(glm::length(glm::vec3(shaft.b) - base), 0.0f, kTol);
  EXPECT_NEAR(glm::length(glm::vec3(shaft.a_radius) - glm::vec3(origin)), 0.0f, kTol);
  // The base rim has the head radius.
  const glm::vec3 rim = model * glm::vec4(1.0f, 0.0f, 0.0f, 1.0f);
  EXPECT_NEAR(glm::length(rim - base), style.head_radius_m, kTol);
}

TEST(FrameGeometry, DownwardAndTinyArrows) {
  sim::DrawList list;
  list.arrows = {MakeArrow({0, 1, 0}, {0, -0.1, 0}, false),  // anti-parallel to +Y, short
                 MakeArrow({0, 1, 0}, {0, 0, 0}, false)};    // no direction: skipped
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  ASSERT_EQ(geometry.scene.cones.size(), 1u);
  const glm::vec3 tip = geometry.scene.cones[0].model * glm::vec4(0.0f, 1.0f, 0.0f, 1.0f);
  EXPECT_NEAR(tip.y, 0.9f, kTol);
  // A short arrow's head is shortened to 35% of it, so the shaft keeps some length.
  const glm::vec3 base = geometry.scene.cones[0].model * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
  EXPECT_NEAR(base.y - tip.y, 0.035f, kTol);
}

TEST(FrameGeometry, BoxModelMapsTheUnitCubeOntoTheBox) {
  sim::DrawList list;
  sim::DrawBox box;
  box.pose.position = {1.0, 0.05, -0.2};
  // 90 degrees about +Y: local +X goes to world -Z.
  box.pose.orientation = glm::angleAxis(sim::kPi / 2.0, sim::Vec3(0.0, 1.0, 0.0));
  box.half_extents = {0.13, 0.05, 0.045};
  list.boxes = {box};
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  ASSERT_EQ(geometry.scene.boxes.size(), 1u);
  const glm::mat4& model = geometry.scene.boxes[0].model;
  const glm::vec3 centre = model * glm::vec4(0.0f, 0.0f, 0.0f, 1.0f);
  const glm::vec3 front = model * glm::vec4(1.0f, 0.0f, 0.0f, 1.0f);
  EXPECT_NEAR(glm::length(centre - glm::vec3(1.0f, 0.05f, -0.2f)), 0.0f, kTol);
  EXPECT_NEAR(glm::length(front - centre - glm::vec3(0.0f, 0.0f, -0.13f)), 0.0f, kTol);
}

TEST(FrameGeometry, FollowPointIsTheMeanOfCapsuleEnds) {
  sim::DrawList list;
  EXPECT_FALSE(CalcFollowPoint(list).has_value());
  list.spheres.push_back({});  // spheres, boxes and arrows do not count
  EXPECT_FALSE(CalcFollowPoint(list).has_value());
  list.capsules.push_back({{0, 0, 0}, {0, 2, 0}, 0.05, {}});
  list.capsules.push_back({{4, 1, 1}, {4, 1, -1}, 0.05, {}});
  const std::optional<glm::vec3> p = CalcFollowPoint(list);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(p->x, 2.0f, kTol);
  EXPECT_NEAR(p->y, 1.0f, kTol);
  EXPECT_NEAR(p->z, 0.0f, kTol);
}

TEST(FrameGeometry, RebuildingClearsThePreviousFrame) {
  sim::DrawList list;
  list.capsules.push_back({});
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  EXPECT_EQ(geometry.scene.capsules.size(), 1u);
}

TEST(FrameGeometry, ScreenBoundsHoldEverythingDrawnAndNoMore) {
  OrbitCamera camera;
  camera.set_target({0.0f, 1.0f, 0.0f});
  camera.set_yaw(0.0f);
  camera.set_pitch(0.0f);
  camera.set_distance(5.0f);
  const Viewport viewport{1280, 720};
  const glm::mat4 vp = camera.CalcViewProjection(viewport);

  FrameGeometry empty;
  EXPECT_FALSE(CalcScreenBounds(empty, vp, 1280, 720).has_value());

  // A 1 m tall capsule at the target, and an overlay line off to one side.
  sim::DrawList list;
  list.capsules.push_back({{0, 0.5, 0}, {0, 1.5, 0}, 0.1, {1, 1, 1, 1}});
  sim::DrawLine line;
  line.a = {1.0, 1.0, 0.0};
  line.b = {1.2, 1.0, 0.0};
  line.overlay = true;
  list.lines.push_back(line);
  FrameGeometry geometry;
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  const auto rect = CalcScreenBounds(geometry, vp, 1280, 720, 0);
  ASSERT_TRUE(rect.has_value());
  // Every drawn point projects inside (GL window coordinates: y up from the bottom).
  for (const glm::vec3& p : {glm::vec3(0, 0.4f, 0), glm::vec3(0, 1.6f, 0),
                             glm::vec3(-0.1f, 1.0f, 0), glm::vec3(1.2f, 1.0f, 0)}) {
    const auto s = camera.ProjectToScreen(p, viewport);
    ASSERT_TRUE(s.has_value());
    EXPECT_GE(s->x, rect->x);
    EXPECT_LE(s->x, rect->x + rect->width);
    EXPECT_GE(720.0f - s->y, rect->y);
    EXPECT_LE(720.0f - s->y, rect->y + rect->height);
  }
  // ...and the rectangle is small: a fraction of the screen, not all of it.
  EXPECT_LT(rect->width * rect->height, 1280 * 720 / 4);

  // Geometry reaching behind the eye: the whole viewport.
  list.lines[0].b = {0.0, 1.0, 10.0};
  BuildFrameGeometry(list, ArrowStyle{}, &geometry);
  const auto whole = CalcScreenBounds(geometry, vp, 1280, 720);
  ASSERT_TRUE(whole.has_value());
  EXPECT_EQ(whole->width, 1280);
  EXPECT_EQ(whole->height, 720);
}

}  // namespace
}  // namespace poselab::engine
