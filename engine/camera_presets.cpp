// Preset view directions and the box framing (see camera_presets.h).
#include "engine/camera_presets.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <glm/gtc/constants.hpp>

namespace poselab::engine {
namespace {

// Bisection steps on the distance: 30 halvings of a 60 m range leave well under a millimetre.
constexpr int kFitIterations = 30;
constexpr int kCentringRounds = 9;

std::array<glm::vec3, 8> Corners(const WorldBox& box) {
  std::array<glm::vec3, 8> out;
  for (int i = 0; i < 8; ++i) {
    out[i] = {(i & 1) ? box.max.x : box.min.x, (i & 2) ? box.max.y : box.min.y,
              (i & 4) ? box.max.z : box.min.z};
  }
  return out;
}

// Screen-space bounds of the box's corners; empty if any corner is behind the eye.
std::optional<ScreenRect> ProjectBox(const OrbitCamera& camera, const WorldBox& box,
                                     const Viewport& viewport) {
  ScreenRect r{1e30f, 1e30f, -1e30f, -1e30f};
  for (const glm::vec3& c : Corners(box)) {
    const std::optional<glm::vec2> p = camera.ProjectToScreen(c, viewport);
    if (!p) return std::nullopt;
    r.x0 = std::min(r.x0, p->x);
    r.y0 = std::min(r.y0, p->y);
    r.x1 = std::max(r.x1, p->x);
    r.y1 = std::max(r.y1, p->y);
  }
  return r;
}

// At distance `d`: the target that centres the projected box in `safe`, and whether the box
// then fits inside `inner`.
bool FitsAt(OrbitCamera camera, const WorldBox& box, const Viewport& viewport,
            const ScreenRect& inner, float d, glm::vec3* target) {
  camera.set_distance(d);
  *target = box.center();
  camera.set_target(*target);
  // Move the target in the view plane so that the box's screen centre lands on the safe
  // area's centre. Metres per pixel are measured at the target's depth, which perspective
  // makes only nearly right for the box's corners, so the correction is repeated (each round
  // removes most of what is left: eight leave a fraction of a pixel).
  const float metres_per_px =
      2.0f * d * std::tan(camera.fov_y() * 0.5f) / static_cast<float>(std::max(viewport.height, 1));
  const glm::vec3 forward = glm::normalize(camera.target() - camera.CalcEye());
  const glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
  const glm::vec3 up = glm::cross(right, forward);
  std::optional<ScreenRect> moved;
  for (int round = 0; round < kCentringRounds; ++round) {
    moved = ProjectBox(camera, box, viewport);
    if (!moved) return false;
    if (round == kCentringRounds - 1) break;
    const glm::vec2 shift_px((inner.x0 + inner.x1 - moved->x0 - moved->x1) * 0.5f,
                             (inner.y0 + inner.y1 - moved->y0 - moved->y1) * 0.5f);
    // Moving the target right moves the scene left; screen y grows downwards.
    *target += (-shift_px.x * right + shift_px.y * up) * metres_per_px;
    camera.set_target(*target);
  }
  return moved && moved->x0 >= inner.x0 && moved->x1 <= inner.x1 && moved->y0 >= inner.y0 &&
         moved->y1 <= inner.y1;
}

}  // namespace

const char* ToString(CameraPreset preset) {
  switch (preset) {
    case CameraPreset::kSide:
      return "Side";
    case CameraPreset::kFront:
      return "Front";
    case CameraPreset::kRear:
      return "Rear";
    case CameraPreset::kBehind:
      return "Behind";
    case CameraPreset::kFree:
      return "Free";
  }
  return "?";
}

WorldBox RunnerFrameBox(const glm::vec3& com, float stature_m) {
  // A stride at 3-4 m/s reaches about 0.6 m ahead of and behind the COM; the labels sit up to
  // 0.45 m over the head.
  constexpr float kHalfLengthM = 0.7f;
  constexpr float kHalfWidthM = 0.35f;
  constexpr float kAboveHeadM = 0.45f;
  return {{com.x - kHalfLengthM, 0.0f, com.z - kHalfWidthM},
          {com.x + kHalfLengthM, stature_m + kAboveHeadM, com.z + kHalfWidthM}};
}

WorldBox Union(const WorldBox& a, const WorldBox& b) {
  return {glm::min(a.min, b.min), glm::max(a.max, b.max)};
}

std::optional<WorldBox> CalcBounds(const std::vector<glm::vec3>& points, float margin_m) {
  if (points.empty()) return std::nullopt;
  WorldBox box{points.front(), points.front()};
  for (const glm::vec3& p : points) {
    box.min = glm::min(box.min, p);
    box.max = glm::max(box.max, p);
  }
  box.min -= glm::vec3(margin_m);
  box.max += glm::vec3(margin_m);
  return box;
}

std::optional<PresetAngles> PresetAnglesFor(CameraPreset preset) {
  // A few degrees of pitch show the ground line and the feet; a dead-level eye would put the
  // ground plane edge-on. The follow-behind view sits over the runners' right shoulder, high
  // enough to see both lanes and the ground ahead.
  switch (preset) {
    case CameraPreset::kSide:
      return PresetAngles{0.0f, glm::radians(8.0f)};
    case CameraPreset::kFront:
      return PresetAngles{glm::radians(90.0f), glm::radians(6.0f)};
    case CameraPreset::kRear:
      return PresetAngles{glm::radians(-90.0f), glm::radians(6.0f)};
    case CameraPreset::kBehind:
      return PresetAngles{glm::radians(-60.0f), glm::radians(24.0f)};
    case CameraPreset::kFree:
      return std::nullopt;
  }
  return std::nullopt;
}

Framing FrameBox(const OrbitCamera& camera, const WorldBox& box, const Viewport& viewport,
                 const ScreenRect& safe, float margin_frac, float min_distance_m) {
  const ScreenRect inner{
      safe.x0 + margin_frac * safe.width(), safe.y0 + margin_frac * safe.height(),
      safe.x1 - margin_frac * safe.width(), safe.y1 - margin_frac * safe.height()};
  float lo = std::max(min_distance_m, OrbitCamera::kMinDistanceM);
  float hi = OrbitCamera::kMaxDistanceM;
  glm::vec3 target = box.center();
  if (FitsAt(camera, box, viewport, inner, lo, &target)) return {target, lo};
  if (!FitsAt(camera, box, viewport, inner, hi, &target)) return {target, hi};
  // Fitting is monotonic in the distance: farther always fits once nearer does.
  for (int i = 0; i < kFitIterations; ++i) {
    const float mid = 0.5f * (lo + hi);
    glm::vec3 t;
    if (FitsAt(camera, box, viewport, inner, mid, &t)) {
      hi = mid;
    } else {
      lo = mid;
    }
  }
  FitsAt(camera, box, viewport, inner, hi, &target);
  return {target, hi};
}

glm::vec3 TargetShowingPointAt(const OrbitCamera& camera, const glm::vec3& point,
                               const Viewport& viewport, const glm::vec2& screen_px) {
  // At the target's depth a pixel spans 2 d tan(fov / 2) / height metres in the view plane; a
  // point in that plane, offset by (dx, dy) pixels from the screen's centre, lies that many
  // pixels' worth along the camera's right and down vectors from the target.
  const float metres_per_px = 2.0f * camera.distance() * std::tan(camera.fov_y() * 0.5f) /
                              static_cast<float>(std::max(viewport.height, 1));
  const glm::vec3 forward = glm::normalize(camera.target() - camera.CalcEye());
  const glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
  const glm::vec3 up = glm::cross(right, forward);
  const glm::vec2 offset_px(screen_px.x - 0.5f * static_cast<float>(viewport.width),
                            screen_px.y - 0.5f * static_cast<float>(viewport.height));
  return point - (offset_px.x * right - offset_px.y * up) * metres_per_px;
}

}  // namespace poselab::engine
