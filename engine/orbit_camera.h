// OrbitCamera: a camera that circles a target point (yaw/pitch/distance) and yields the view and
// projection matrices. Pure maths, no GL, so it is unit-tested without a display.
#pragma once

#include <glm/glm.hpp>
#include <optional>

namespace poselab::engine {

// A viewport in pixels; the origin is the top-left corner, like ImGui's screen coordinates.
struct Viewport {
  int width = 1280;
  int height = 720;
  float aspect() const { return height > 0 ? static_cast<float>(width) / height : 1.0f; }
};

// Orbit camera in the world frame (Y up, X forward along the lane, Z to the runner's right).
// yaw 0 puts the eye on the +Z side (the runner's right) looking at -Z, so a runner moving
// along +X crosses the screen from left to right; positive yaw swings the eye towards +X (the
// front). Pitch lifts the eye above the target's horizontal plane.
class OrbitCamera {
 public:
  static constexpr float kMinPitchRad = -1.40f;  // about -80 deg: just above the nadir
  static constexpr float kMaxPitchRad = 1.48f;   // about 85 deg: avoids the degenerate view-up
  static constexpr float kMinDistanceM = 0.3f;
  static constexpr float kMaxDistanceM = 60.0f;

  OrbitCamera();

  // Eye position in the world frame, metres.
  glm::vec3 CalcEye() const;
  // Right-handed view matrix (world -> eye) and OpenGL clip-space projection.
  glm::mat4 CalcView() const;
  glm::mat4 CalcProjection(float aspect) const;
  glm::mat4 CalcViewProjection(const Viewport& viewport) const;

  // Projects a world point to viewport pixels (top-left origin). Empty when the point lies
  // behind the eye (or on its plane), where a projection would be meaningless.
  std::optional<glm::vec2> ProjectToScreen(const glm::vec3& world, const Viewport& viewport) const;

  // Mouse-driven edits. Rotate takes pixel deltas; Pan moves the target in the view plane so the
  // point under the cursor stays under it; Zoom takes wheel clicks (positive = closer).
  void Rotate(float dx_px, float dy_px);
  void Pan(float dx_px, float dy_px, const Viewport& viewport);
  void Zoom(float wheel_clicks);

  void set_target(const glm::vec3& target) { target_ = target; }
  void set_yaw(float yaw_rad) { yaw_rad_ = yaw_rad; }
  void set_pitch(float pitch_rad);
  void set_distance(float distance_m);

  const glm::vec3& target() const { return target_; }
  float yaw() const { return yaw_rad_; }
  float pitch() const { return pitch_rad_; }
  float distance() const { return distance_m_; }
  float fov_y() const { return fov_y_rad_; }

 private:
  glm::vec3 target_{0.0f, 1.0f, 0.0f};
  float yaw_rad_;
  float pitch_rad_;
  float distance_m_;
  float fov_y_rad_;
  float near_m_ = 0.05f;
  float far_m_ = 300.0f;
};

// Moves `current` towards `goal` with a first-order lag of time constant `tau_s` over `dt_s`.
// Used to follow a runner without the jitter of a hard lock; tau <= 0 snaps.
glm::vec3 SmoothTowards(const glm::vec3& current, const glm::vec3& goal, float dt_s, float tau_s);

}  // namespace poselab::engine
