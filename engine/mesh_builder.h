// Mesh generation for the viewer's primitive shapes (capsule, box, cone) as plain vertex and
// index arrays. GL-free: the renderer uploads them once and draws every body by instancing.
#pragma once

#include <cstdint>
#include <glm/glm.hpp>
#include <vector>

namespace poselab::engine {

// One vertex of a primitive mesh. `end` is used by capsules only: 0 for vertices of the
// hemisphere at end point a, 1 for end point b (the vertex shader places them; see
// shaders/capsule.vert). Other meshes set it to 0.
struct MeshVertex {
  glm::vec3 position;
  glm::vec3 normal;
  float end = 0.0f;
};

// An indexed triangle list, counter-clockwise when seen from outside.
struct MeshData {
  std::vector<MeshVertex> vertices;
  std::vector<uint32_t> indices;
};

// A capsule of unit radius and zero length along local +Y: a unit sphere cut at the equator,
// with the equator ring duplicated so the upper half (end = 1) and the lower half (end = 0) can
// be pulled apart into a cylinder of any length per instance. Positions are unit vectors, so
// each position is also its own normal. `slices` >= 3 around the axis, `stacks` >= 2 and even
// from pole to pole. Vertex count: (stacks + 2) * (slices + 1); index count:
// (stacks + 1) * slices * 6. Spheres are drawn as capsules with a == b.
MeshData BuildCapsuleMesh(int slices, int stacks);

// An axis-aligned cube with half extent 1 (corners at +-1): 24 vertices (flat normals per face)
// and 36 indices.
MeshData BuildBoxMesh();

// A cone along local +Y with its base disc (radius 1) at y = 0 and its tip at y = 1, closed by
// the base: `slices` >= 3. Used for arrow heads.
MeshData BuildConeMesh(int slices);

}  // namespace poselab::engine
