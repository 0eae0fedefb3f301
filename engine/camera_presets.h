// Camera presets for coaching: side view (the default), front, rear, follow-behind, and free
// orbit. A preset sets the view direction; the framing then picks the target and distance that
// keep every runner inside the part of the screen that no panel covers. Pure maths, no GL.
#pragma once

#include <glm/glm.hpp>
#include <optional>
#include <vector>

#include "engine/orbit_camera.h"

namespace poselab::engine {

enum class CameraPreset { kSide, kFront, kRear, kBehind, kFree };
constexpr int kCameraPresetCount = 5;

// Short name for buttons and the help ("Side", "Front", ...).
const char* ToString(CameraPreset preset);

// A rectangle in viewport pixels, top-left origin (like ImGui's screen coordinates).
struct ScreenRect {
  float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
  float width() const { return x1 - x0; }
  float height() const { return y1 - y0; }
  bool Contains(const glm::vec2& p) const {
    return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1;
  }
};

// An axis-aligned box in the world frame, metres.
struct WorldBox {
  glm::vec3 min{0.0f}, max{0.0f};
  glm::vec3 center() const { return 0.5f * (min + max); }
};

// The box a preset frames for one runner: a fixed size around its COM, from the ground to above
// the name and phase labels over its head, long enough for a full stride. Fixed so that the
// camera does not breathe with every swing of an arm or a leg.
WorldBox RunnerFrameBox(const glm::vec3& com, float stature_m);

// The smallest box holding both.
WorldBox Union(const WorldBox& a, const WorldBox& b);

// The smallest box holding `points`, grown by `margin_m` on every side; empty without points.
std::optional<WorldBox> CalcBounds(const std::vector<glm::vec3>& points, float margin_m);

// The view direction of a preset (kFree has none: the mouse sets it). Angles as OrbitCamera's:
// yaw 0 looks from the runners' right (+Z) side, +90 deg from the front (+X).
struct PresetAngles {
  float yaw_rad = 0.0f;
  float pitch_rad = 0.0f;
};
std::optional<PresetAngles> PresetAnglesFor(CameraPreset preset);

// Where to put the target and how far back to stand so that every corner of `box` projects
// inside `safe` (shrunk by `margin_frac` of its size on each side), seen along `camera`'s yaw,
// pitch and field of view in `viewport`: the closest distance that fits, no closer than
// `min_distance_m`, with the box centred in the safe area. If nothing fits, the farthest
// distance the camera allows.
struct Framing {
  glm::vec3 target{0.0f};
  float distance_m = 0.0f;
};
Framing FrameBox(const OrbitCamera& camera, const WorldBox& box, const Viewport& viewport,
                 const ScreenRect& safe, float margin_frac = 0.06f, float min_distance_m = 2.0f);

// The target that makes `point` project onto `screen_px` (viewport pixels, top-left origin),
// keeping `camera`'s yaw, pitch and distance: the target moves in the view plane through
// `point`, so the answer is exact. The free camera follows the runners with it, keeping them in
// the middle of the part of the screen no panel covers.
glm::vec3 TargetShowingPointAt(const OrbitCamera& camera, const glm::vec3& point,
                               const Viewport& viewport, const glm::vec2& screen_px);

}  // namespace poselab::engine
