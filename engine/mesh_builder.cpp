// Primitive mesh generation: capsule (split unit sphere), box and cone, as indexed triangles.
#include "engine/mesh_builder.h"

#include <array>
#include <cmath>

#include "sim/core/result.h"

namespace poselab::engine {
namespace {

constexpr float kTwoPi = 6.28318530717958647692f;
constexpr float kPi = 3.14159265358979323846f;

// Appends the two triangles of the quad (a, b, c, d), given counter-clockwise from outside.
void AddQuad(MeshData* mesh, uint32_t a, uint32_t b, uint32_t c, uint32_t d) {
  mesh->indices.insert(mesh->indices.end(), {a, b, c, a, c, d});
}

}  // namespace

MeshData BuildCapsuleMesh(int slices, int stacks) {
  POSELAB_ASSERT(slices >= 3, "a capsule needs at least 3 slices");
  POSELAB_ASSERT(stacks >= 2 && stacks % 2 == 0, "capsule stacks must be even and >= 2");
  MeshData mesh;
  const int half = stacks / 2;
  const int columns = slices + 1;  // the seam column is duplicated so each ring closes cleanly

  // Rows from the top pole (polar angle 0) to the bottom pole (pi). The equator appears twice:
  // as the last row of the upper hemisphere (end = 1) and the first of the lower one (end = 0);
  // the band between those two rows becomes the cylinder.
  for (int hemisphere = 0; hemisphere < 2; ++hemisphere) {
    const float end = hemisphere == 0 ? 1.0f : 0.0f;
    for (int ring = 0; ring <= half; ++ring) {
      const float polar = kPi * static_cast<float>(ring + hemisphere * half) / stacks;
      const float y = std::cos(polar);
      const float r = std::sin(polar);
      for (int column = 0; column < columns; ++column) {
        const float azimuth = kTwoPi * static_cast<float>(column) / slices;
        // Azimuth runs from +Z towards +X so that rows ordered top-down give outward CCW faces.
        const glm::vec3 p(r * std::sin(azimuth), y, r * std::cos(azimuth));
        mesh.vertices.push_back({p, p, end});
      }
    }
  }

  const int rows = 2 * (half + 1);  // == stacks + 2
  for (int row = 0; row + 1 < rows; ++row) {
    for (int column = 0; column < slices; ++column) {
      const auto top_left = static_cast<uint32_t>(row * columns + column);
      const auto bottom_left = top_left + static_cast<uint32_t>(columns);
      // (top_left, bottom_left, bottom_right, top_right) is counter-clockwise from outside.
      AddQuad(&mesh, top_left, bottom_left, bottom_left + 1, top_left + 1);
    }
  }
  return mesh;
}

MeshData BuildBoxMesh() {
  MeshData mesh;
  // Each face: its outward normal and two in-plane axes u, v with u x v = normal, so the corners
  // (-u-v, +u-v, +u+v, -u+v) run counter-clockwise when seen from outside.
  struct Face {
    glm::vec3 normal, u, v;
  };
  const std::array<Face, 6> faces = {{
      {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
      {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}},
      {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
      {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
      {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
      {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}},
  }};
  for (const Face& face : faces) {
    const auto base = static_cast<uint32_t>(mesh.vertices.size());
    const std::array<glm::vec2, 4> corners = {{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}};
    for (const glm::vec2& c : corners) {
      mesh.vertices.push_back({face.normal + c.x * face.u + c.y * face.v, face.normal, 0.0f});
    }
    AddQuad(&mesh, base, base + 1, base + 2, base + 3);
  }
  return mesh;
}

MeshData BuildConeMesh(int slices) {
  POSELAB_ASSERT(slices >= 3, "a cone needs at least 3 slices");
  MeshData mesh;
  // The side normal of a cone with base radius 1 and height 1 leans out by 45 degrees:
  // normalise (cos a, 1, sin a) written in our azimuth convention.
  const float inv_sqrt2 = 1.0f / std::sqrt(2.0f);
  for (int i = 0; i < slices; ++i) {
    const float a0 = kTwoPi * static_cast<float>(i) / slices;
    const float a1 = kTwoPi * static_cast<float>(i + 1) / slices;
    const float amid = 0.5f * (a0 + a1);
    const glm::vec3 p0(std::sin(a0), 0.0f, std::cos(a0));
    const glm::vec3 p1(std::sin(a1), 0.0f, std::cos(a1));
    const glm::vec3 n0 = glm::vec3(p0.x, 1.0f, p0.z) * inv_sqrt2;
    const glm::vec3 n1 = glm::vec3(p1.x, 1.0f, p1.z) * inv_sqrt2;
    const glm::vec3 ntip = glm::vec3(std::sin(amid), 1.0f, std::cos(amid)) * inv_sqrt2;
    // Side triangle: the tip gets its own vertex per slice so its normal can bisect the slice.
    const auto side = static_cast<uint32_t>(mesh.vertices.size());
    mesh.vertices.push_back({p0, n0, 0.0f});
    mesh.vertices.push_back({p1, n1, 0.0f});
    mesh.vertices.push_back({glm::vec3(0.0f, 1.0f, 0.0f), ntip, 0.0f});
    mesh.indices.insert(mesh.indices.end(), {side, side + 1, side + 2});
    // Base triangle, facing -Y: reversed order.
    const auto base = static_cast<uint32_t>(mesh.vertices.size());
    const glm::vec3 down(0.0f, -1.0f, 0.0f);
    mesh.vertices.push_back({p0, down, 0.0f});
    mesh.vertices.push_back({p1, down, 0.0f});
    mesh.vertices.push_back({glm::vec3(0.0f), down, 0.0f});
    mesh.indices.insert(mesh.indices.end(), {base, base + 2, base + 1});
  }
  return mesh;
}

}  // namespace poselab::engine
