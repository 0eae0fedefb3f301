// Orthographic light frustum around the casters (see shadow_projection.h).
#include "engine/shadow_projection.h"

#include <algorithm>
#include <glm/gtc/matrix_transform.hpp>

namespace poselab::engine {

glm::mat4 CalcLightViewProjection(const WorldBox& casters, const glm::vec3& light_dir,
                                  float receiver_depth_m) {
  const glm::vec3 dir = glm::normalize(light_dir);
  const glm::vec3 centre = casters.center();
  // An up vector that is never parallel to the light.
  const glm::vec3 up = std::abs(dir.y) < 0.95f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
  const float radius = glm::length(casters.max - casters.min) * 0.5f;
  const glm::mat4 view = glm::lookAt(centre + dir * (radius + 1.0f), centre, up);
  // The casters' extent in light view space (the eye looks down -z).
  glm::vec3 lo(1e30f), hi(-1e30f);
  for (int i = 0; i < 8; ++i) {
    const glm::vec3 corner{(i & 1) ? casters.max.x : casters.min.x,
                           (i & 2) ? casters.max.y : casters.min.y,
                           (i & 4) ? casters.max.z : casters.min.z};
    const glm::vec3 v = glm::vec3(view * glm::vec4(corner, 1.0f));
    lo = glm::min(lo, v);
    hi = glm::max(hi, v);
  }
  const float near_m = std::max(0.0f, -hi.z - 0.1f);
  const float far_m = -lo.z + receiver_depth_m;
  return glm::ortho(lo.x, hi.x, lo.y, hi.y, near_m, far_m) * view;
}

glm::vec4 CalcShadowFootprint(const WorldBox& casters, const glm::vec3& light_dir) {
  const glm::vec3 dir = glm::normalize(light_dir);
  glm::vec4 out(casters.min.x, casters.min.z, casters.max.x, casters.max.z);
  // A light at or below the horizon throws shadows without end: no footprint to bound them.
  if (dir.y <= 1e-3f) return glm::vec4(-1e9f, -1e9f, 1e9f, 1e9f);
  for (int i = 0; i < 8; ++i) {
    const glm::vec3 corner{(i & 1) ? casters.max.x : casters.min.x,
                           (i & 2) ? casters.max.y : casters.min.y,
                           (i & 4) ? casters.max.z : casters.min.z};
    // Down the light ray to y = 0 (a corner below the ground stays where it is).
    const glm::vec3 ground = corner - dir * (std::max(corner.y, 0.0f) / dir.y);
    out.x = std::min(out.x, ground.x);
    out.y = std::min(out.y, ground.z);
    out.z = std::max(out.z, ground.x);
    out.w = std::max(out.w, ground.z);
  }
  return out;
}

}  // namespace poselab::engine
