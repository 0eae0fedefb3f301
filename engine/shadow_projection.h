// The key light's view of the runners for the shadow map: an orthographic projection along the
// light direction that just holds the shadow casters. Pure maths, no GL.
#pragma once

#include <glm/glm.hpp>

#include "engine/camera_presets.h"

namespace poselab::engine {

// World -> light clip space. Every point of `casters` lands inside the clip cube; the depth
// range reaches `receiver_depth_m` beyond the casters so that the ground behind them, where the
// shadows fall, still gets a valid depth. `light_dir` points towards the light (need not be
// unit length, must not be zero).
glm::mat4 CalcLightViewProjection(const WorldBox& casters, const glm::vec3& light_dir,
                                  float receiver_depth_m = 5.0f);

// The part of the ground (y = 0) that shadows of `casters` can fall on, lit along `light_dir`:
// the casters' box swept down along the light. As (min x, min z, max x, max z), metres. The
// ground shader skips the shadow-map lookup outside it, which is most of the screen.
glm::vec4 CalcShadowFootprint(const WorldBox& casters, const glm::vec3& light_dir);

}  // namespace poselab::engine
