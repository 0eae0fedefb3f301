// FrameGeometry: a DrawList turned into per-instance arrays ready for GPU upload (capsules,
// boxes, arrow-head cones, line vertices), split into a depth-tested scene layer and an overlay
// layer drawn on top. GL-free so the conversion is unit-tested.
#pragma once

#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "sim/draw/draw_list.h"

namespace poselab::engine {

// One capsule (or sphere, with a == b): end points and radius in metres, world frame.
// Laid out as three vec4 vertex attributes (see shaders/capsule.vert).
struct CapsuleInstance {
  glm::vec4 a_radius;  // xyz = end point a, w = radius
  glm::vec4 b;         // xyz = end point b, w = glow (see sim::DrawSphere)
  glm::vec4 color;     // linear RGBA
};

// One rigid mesh (unit box or unit cone) placed by a model matrix (may scale non-uniformly).
struct MeshInstance {
  glm::mat4 model;
  glm::vec4 color;
};

// A vertex of a GL_LINES list.
struct LineVertex {
  glm::vec3 position;
  glm::vec4 color;
};

// Everything drawn in one depth pass.
struct GeometryLayer {
  std::vector<CapsuleInstance> capsules;
  std::vector<MeshInstance> boxes;
  std::vector<MeshInstance> cones;
  std::vector<LineVertex> lines;  // pairs of vertices

  void Clear();
  bool empty() const;
};

// The scene layer is depth-tested against the bodies; the overlay layer is drawn after the depth
// buffer is cleared, so overlay lines and arrows are never hidden inside a body.
struct FrameGeometry {
  GeometryLayer scene;
  GeometryLayer overlay;
};

// How arrows are drawn: a thin capsule shaft plus a cone head. Metres.
struct ArrowStyle {
  float shaft_radius_m = 0.012f;
  float head_radius_m = 0.035f;
  float head_length_m = 0.09f;  // shortened to 35% of the arrow for short arrows
  float min_length_m = 1e-4f;   // shorter arrows are skipped (no direction to draw)
};

// Fills `out` (cleared first) from `list`. Labels are not geometry: the UI draws them.
void BuildFrameGeometry(const sim::DrawList& list, const ArrowStyle& style, FrameGeometry* out);

// The screen rectangle, in pixels with the origin at the bottom-left (GL's window coordinates),
// that holds everything in `geometry` seen through `view_projection`, grown by `margin_px` and
// clamped to the viewport: the region that needs multisampling. Empty when there is nothing to
// draw; the whole viewport when any of it reaches behind the eye (its projection is unbounded).
struct PixelRect {
  int x = 0, y = 0, width = 0, height = 0;
};
std::optional<PixelRect> CalcScreenBounds(const FrameGeometry& geometry,
                                          const glm::mat4& view_projection, int viewport_width,
                                          int viewport_height, int margin_px = 2);

// A point for the camera to follow when no runner COM is known: the mean of all capsule end
// points (the bodies are capsules; ground markers and arrows are not). Empty without capsules.
std::optional<glm::vec3> CalcFollowPoint(const sim::DrawList& list);

}  // namespace poselab::engine
