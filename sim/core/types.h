// Basic math and id types shared by all of sim/ (and engine/ through sim's public headers).
// World frame: Y up, X forward along the lane, Z to the runner's right. SI units throughout.
#pragma once

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

namespace poselab::sim {

using Vec3 = glm::dvec3;
using Quat = glm::dquat;  // glm stores (x, y, z, w); construct as Quat(w, x, y, z).
using Mat3 = glm::dmat3;

constexpr double kPi = 3.14159265358979323846;
constexpr double kDegToRad = kPi / 180.0;
constexpr double kRadToDeg = 180.0 / kPi;

// A rigid transform: position of the body frame origin and its orientation, world frame.
struct Transform {
  Vec3 position{0.0};
  Quat orientation{1.0, 0.0, 0.0, 0.0};
};

inline Vec3 Rotate(const Quat& q, const Vec3& v) { return q * v; }

}  // namespace poselab::sim
