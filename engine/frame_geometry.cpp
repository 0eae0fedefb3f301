// DrawList -> per-instance arrays. Spheres become degenerate capsules and arrows become a
// capsule shaft plus a cone head, so the renderer only needs three instanced meshes and lines.
#include "engine/frame_geometry.h"

#include <algorithm>
#include <cmath>
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
                              glm::vec4(centre, 0.0f), ToVec4(s.color)});
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

std::optional<glm::vec3> CalcFollowPoint(const sim::DrawList& list) {
  if (list.capsules.empty()) return std::nullopt;
  // Sum in double: a long run puts the runner ~100 m down the lane.
  sim::Vec3 sum(0.0);
  for (const sim::DrawCapsule& c : list.capsules) sum += c.a + c.b;
  return glm::vec3(sum / (2.0 * static_cast<double>(list.capsules.size())));
}

}  // namespace poselab::engine
