// OrbitCamera maths: spherical eye placement around a target, view/projection matrices and
// mouse-driven rotate/pan/zoom.
#include "engine/orbit_camera.h"

#include <algorithm>
#include <cmath>
#include <glm/gtc/matrix_transform.hpp>

namespace poselab::engine {
namespace {

// Mouse sensitivities, chosen by feel: a full-width drag of a 1280 px window turns ~1.3 turns.
constexpr float kRotateRadPerPx = 0.0065f;
// Each wheel click scales the distance by this factor (multiplicative feels uniform at any range).
constexpr float kZoomPerClick = 0.88f;

}  // namespace

OrbitCamera::OrbitCamera()
    // Default: a three-quarter side view from the runner's right and slightly in front, a little
    // above hip height, close enough that a 1.75 m runner fills about two thirds of the height.
    : yaw_rad_(glm::radians(35.0f)),
      pitch_rad_(glm::radians(10.0f)),
      distance_m_(4.2f),
      fov_y_rad_(glm::radians(40.0f)) {}

glm::vec3 OrbitCamera::CalcEye() const {
  const float horizontal = distance_m_ * std::cos(pitch_rad_);
  const glm::vec3 offset(horizontal * std::sin(yaw_rad_), distance_m_ * std::sin(pitch_rad_),
                         horizontal * std::cos(yaw_rad_));
  return target_ + offset;
}

glm::mat4 OrbitCamera::CalcView() const {
  // The pitch clamp keeps the view direction away from +-Y, so world up is a safe up vector.
  return glm::lookAt(CalcEye(), target_, glm::vec3(0.0f, 1.0f, 0.0f));
}

glm::mat4 OrbitCamera::CalcProjection(float aspect) const {
  return glm::perspective(fov_y_rad_, aspect, near_m_, far_m_);
}

glm::mat4 OrbitCamera::CalcViewProjection(const Viewport& viewport) const {
  return CalcProjection(viewport.aspect()) * CalcView();
}

std::optional<glm::vec2> OrbitCamera::ProjectToScreen(const glm::vec3& world,
                                                      const Viewport& viewport) const {
  const glm::vec4 clip = CalcViewProjection(viewport) * glm::vec4(world, 1.0f);
  if (clip.w <= 1e-6f) return std::nullopt;
  const glm::vec2 ndc(clip.x / clip.w, clip.y / clip.w);
  // NDC y points up; screen y points down.
  return glm::vec2((ndc.x * 0.5f + 0.5f) * static_cast<float>(viewport.width),
                   (0.5f - ndc.y * 0.5f) * static_cast<float>(viewport.height));
}

void OrbitCamera::Rotate(float dx_px, float dy_px) {
  // Dragging right swings the eye to the left around the target (the scene turns with the hand).
  yaw_rad_ -= dx_px * kRotateRadPerPx;
  set_pitch(pitch_rad_ + dy_px * kRotateRadPerPx);
}

void OrbitCamera::Pan(float dx_px, float dy_px, const Viewport& viewport) {
  // World metres per pixel at the target's depth: the visible height there is 2 d tan(fov/2).
  const float metres_per_px = 2.0f * distance_m_ * std::tan(fov_y_rad_ * 0.5f) /
                              static_cast<float>(std::max(viewport.height, 1));
  const glm::vec3 forward = glm::normalize(target_ - CalcEye());
  const glm::vec3 right = glm::normalize(glm::cross(forward, glm::vec3(0.0f, 1.0f, 0.0f)));
  const glm::vec3 up = glm::cross(right, forward);
  // Dragging right moves the scene right, i.e. the target left; screen y grows downwards.
  target_ += (-dx_px * right + dy_px * up) * metres_per_px;
}

void OrbitCamera::Zoom(float wheel_clicks) {
  set_distance(distance_m_ * std::pow(kZoomPerClick, wheel_clicks));
}

void OrbitCamera::set_pitch(float pitch_rad) {
  pitch_rad_ = std::clamp(pitch_rad, kMinPitchRad, kMaxPitchRad);
}

void OrbitCamera::set_distance(float distance_m) {
  distance_m_ = std::clamp(distance_m, kMinDistanceM, kMaxDistanceM);
}

glm::vec3 SmoothTowards(const glm::vec3& current, const glm::vec3& goal, float dt_s, float tau_s) {
  if (tau_s <= 0.0f) return goal;
  // Exact discretisation of dx/dt = (goal - x) / tau: frame-rate independent.
  const float alpha = 1.0f - std::exp(-std::max(dt_s, 0.0f) / tau_s);
  return current + (goal - current) * alpha;
}

}  // namespace poselab::engine
