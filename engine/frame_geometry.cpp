// DrawList -> per-instance arrays. Spheres become degenerate capsules and arrows become a
// capsule shaft plus a cone head, so the renderer only needs three instanced meshes and lines.
#include "engine/frame_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

namespace poselab::engine {
namespace {

glm::vec4 ToVec4(const sim::Color& c) { return {c.r, c.g, c.b, c.a}; }

// A rotation taking local +Y onto the unit vector `dir`.
glm::mat4 RotateYOnto(const glm::vec3& dir) {
  const glm::vec3 y(0.0f, 1.0f, 0.0f);
  const float cos_angle = glm::dot(y, dir);
  if (cos_angle > 0.999999f) return glm::mat4(1.0f);
  // Anti-parallel: any axis perpendicular to Y will do for a half turn.
  if (cos_angle < -0.999999f) return glm::rotate(glm::mat4(1.0f), glm::pi<float>(), {1, 0, 0});
  const glm::vec3 axis = glm::normalize(glm::cross(y, dir));
  return glm::rotate(glm::mat4(1.0f), std::acos(cos_angle), axis);
}

void AddArrow(const sim::DrawArrow& arrow, const ArrowStyle& style, GeometryLayer* layer) {
  const glm::vec3 origin(arrow.origin);
  const glm::vec3 vec(arrow.vector);
  const float length = glm::length(vec);
  if (!(length >= style.min_length_m)) return;  // also rejects NaN
  const glm::vec3 dir = vec / length;
  const float head_length = std::min(style.head_length_m, 0.35f * length);
  const glm::vec3 head_base = origin + dir * (length - head_length);
  const glm::vec4 color = ToVec4(arrow.color);

  // Shaft: stops at the head's base (its rounded end hides inside the cone).
  layer->capsules.push_back(
      {glm::vec4(origin, style.shaft_radius_m), glm::vec4(head_base, 0.0f), color});
  // Head: the unit cone scaled to (radius, length, radius), turned onto the arrow, tip at the end.
  const float head_radius = std::max(style.head_radius_m, style.shaft_radius_m * 1.5f);
  glm::mat4 model = glm::translate(glm::mat4(1.0f), head_base) * RotateYOnto(dir) *
                    glm::scale(glm::mat4(1.0f), glm::vec3(head_radius, head_length, head_radius));
  layer->cones.push_back({model, color});
}

}  // namespace

void GeometryLayer::Clear() {
  capsules.clear();
  boxes.clear();
  cones.clear();
  lines.clear();
}

bool GeometryLayer::empty() const {
  return capsules.empty() && boxes.empty() && cones.empty() && lines.empty();
}

void BuildFrameGeometry(const sim::DrawList& list, const ArrowStyle& style, FrameGeometry* out) {
  out->scene.Clear();
  out->overlay.Clear();
  GeometryLayer& scene = out->scene;

  for (const sim::DrawCapsule& c : list.capsules) {
    scene.capsules.push_back({glm::vec4(glm::vec3(c.a), static_cast<float>(c.radius)),
                              glm::vec4(glm::vec3(c.b), 0.0f), ToVec4(c.color)});
  }
  for (const sim::DrawSphere& s : list.spheres) {
    const glm::vec3 centre(s.center);
    scene.capsules.push_back({glm::vec4(centre, static_cast<float>(s.radius)),
                              glm::vec4(centre, s.glow), ToVec4(s.color)});
  }
  for (const sim::DrawBox& b : list.boxes) {
    // model = T * R * S maps the unit cube (corners at +-1) onto the box.
    const glm::mat4 rotation = glm::mat4_cast(glm::quat(b.pose.orientation));
    const glm::mat4 model = glm::translate(glm::mat4(1.0f), glm::vec3(b.pose.position)) * rotation *
                            glm::scale(glm::mat4(1.0f), glm::vec3(b.half_extents));
    scene.boxes.push_back({model, ToVec4(b.color)});
  }
  for (const sim::DrawLine& l : list.lines) {
    GeometryLayer& layer = l.overlay ? out->overlay : scene;
    if (l.width_m > 0.0) {  // a tube: GL core lines are one pixel wide
      layer.capsules.push_back({glm::vec4(glm::vec3(l.a), static_cast<float>(0.5 * l.width_m)),
                                glm::vec4(glm::vec3(l.b), 0.0f), ToVec4(l.color)});
      continue;
    }
    layer.lines.push_back({glm::vec3(l.a), ToVec4(l.color)});
    layer.lines.push_back({glm::vec3(l.b), ToVec4(l.color)});
  }
  for (const sim::DrawArrow& a : list.arrows) {
    AddArrow(a, style, a.overlay ? &out->overlay : &scene);
  }
}

std::optional<PixelRect> CalcScreenBounds(const FrameGeometry& geometry,
                                          const glm::mat4& view_projection, int viewport_width,
                                          int viewport_height, int margin_px) {
  // The world box of every instance: capsules by their ends and radius, meshes by their model
  // matrix applied to the unit shapes' corners (the cone's base lies in [-1, 1] x [0, 1] x
  // [-1, 1], inside the unit cube), lines by their vertices.
  glm::vec3 lo(std::numeric_limits<float>::max()), hi(-std::numeric_limits<float>::max());
  auto add = [&lo, &hi](const glm::vec3& p) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  };
  for (const GeometryLayer* layer : {&geometry.scene, &geometry.overlay}) {
    for (const CapsuleInstance& c : layer->capsules) {
      const glm::vec3 r(c.a_radius.w);
      add(glm::vec3(c.a_radius) - r);
      add(glm::vec3(c.a_radius) + r);
      add(glm::vec3(c.b) - r);
      add(glm::vec3(c.b) + r);
    }
    for (const std::vector<MeshInstance>* meshes : {&layer->boxes, &layer->cones}) {
      for (const MeshInstance& m : *meshes) {
        for (int i = 0; i < 8; ++i) {
          const glm::vec4 corner((i & 1) ? 1.0f : -1.0f, (i & 2) ? 1.0f : -1.0f,
                                 (i & 4) ? 1.0f : -1.0f, 1.0f);
          add(glm::vec3(m.model * corner));
        }
      }
    }
    for (const LineVertex& v : layer->lines) add(v.position);
  }
  if (lo.x > hi.x) return std::nullopt;

  float x0 = std::numeric_limits<float>::max(), y0 = x0, x1 = -x0, y1 = -x0;
  for (int i = 0; i < 8; ++i) {
    const glm::vec4 clip = view_projection * glm::vec4((i & 1) ? hi.x : lo.x,
                                                       (i & 2) ? hi.y : lo.y,
                                                       (i & 4) ? hi.z : lo.z, 1.0f);
    if (clip.w <= 1e-6f) return PixelRect{0, 0, viewport_width, viewport_height};
    const float sx = (clip.x / clip.w * 0.5f + 0.5f) * static_cast<float>(viewport_width);
    const float sy = (clip.y / clip.w * 0.5f + 0.5f) * static_cast<float>(viewport_height);
    x0 = std::min(x0, sx);
    y0 = std::min(y0, sy);
    x1 = std::max(x1, sx);
    y1 = std::max(y1, sy);
  }
  const int left = std::max(0, static_cast<int>(std::floor(x0)) - margin_px);
  const int bottom = std::max(0, static_cast<int>(std::floor(y0)) - margin_px);
  const int right = std::min(viewport_width, static_cast<int>(std::ceil(x1)) + margin_px);
  const int top = std::min(viewport_height, static_cast<int>(std::ceil(y1)) + margin_px);
  if (right <= left || top <= bottom) return std::nullopt;  // all of it off screen
  return PixelRect{left, bottom, right - left, top - bottom};
}

std::optional<glm::vec3> CalcFollowPoint(const sim::DrawList& list) {
  if (list.capsules.empty()) return std::nullopt;
  // Sum in double: a long run puts the runner ~100 m down the lane.
  sim::Vec3 sum(0.0);
  for (const sim::DrawCapsule& c : list.capsules) sum += c.a + c.b;
  return glm::vec3(sum / (2.0 * static_cast<double>(list.capsules.size())));
}

}  // namespace poselab::engine
