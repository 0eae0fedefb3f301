// Primitive meshes: counts, unit normals, capsule end split, outward winding, closed shapes.
#include "engine/mesh_builder.h"

#include <gtest/gtest.h>

#include <cmath>

namespace poselab::engine {
namespace {

constexpr float kTol = 1e-5f;

// Every non-degenerate triangle's geometric normal must agree with its vertex normals:
// counter-clockwise from outside, which is what back-face culling relies on.
void ExpectOutwardWinding(const MeshData& mesh) {
  ASSERT_EQ(mesh.indices.size() % 3, 0u);
  int checked = 0;
  for (size_t i = 0; i < mesh.indices.size(); i += 3) {
    const MeshVertex& a = mesh.vertices.at(mesh.indices[i]);
    const MeshVertex& b = mesh.vertices.at(mesh.indices[i + 1]);
    const MeshVertex& c = mesh.vertices.at(mesh.indices[i + 2]);
    const glm::vec3 face = glm::cross(b.position - a.position, c.position - a.position);
    if (glm::length(face) < 1e-7f) continue;  // pole triangles collapse to a point
    EXPECT_GT(glm::dot(face, a.normal + b.normal + c.normal), 0.0f) << "triangle " << i / 3;
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

void ExpectUnitNormals(const MeshData& mesh) {
  for (const MeshVertex& v : mesh.vertices) EXPECT_NEAR(glm::length(v.normal), 1.0f, kTol);
}

TEST(MeshBuilder, CapsuleCountsFollowTheFormula) {
  for (const auto& [slices, stacks] : {std::pair{3, 2}, std::pair{24, 12}, std::pair{7, 10}}) {
    const MeshData mesh = BuildCapsuleMesh(slices, stacks);
    EXPECT_EQ(mesh.vertices.size(), static_cast<size_t>((stacks + 2) * (slices + 1)));
    EXPECT_EQ(mesh.indices.size(), static_cast<size_t>((stacks + 1) * slices * 6));
  }
}

TEST(MeshBuilder, CapsuleNormalsAreUnitAndEqualThePositions) {
  const MeshData mesh = BuildCapsuleMesh(24, 12);
  ExpectUnitNormals(mesh);
  for (const MeshVertex& v : mesh.vertices) {
    EXPECT_NEAR(glm::length(v.position - v.normal), 0.0f, kTol);
  }
}

TEST(MeshBuilder, CapsuleUpperHalfGoesToEndB) {
  const MeshData mesh = BuildCapsuleMesh(16, 8);
  int at_a = 0, at_b = 0;
  for (const MeshVertex& v : mesh.vertices) {
    ASSERT_TRUE(v.end == 0.0f || v.end == 1.0f);
    if (v.end == 1.0f) {
      EXPECT_GE(v.position.y, -kTol);
      ++at_b;
    } else {
      EXPECT_LE(v.position.y, kTol);
      ++at_a;
    }
  }
  EXPECT_EQ(at_a, at_b);  // the equator ring is duplicated, once per end
}

TEST(MeshBuilder, CapsuleWindsOutwardEvenWhenStretched) {
  MeshData mesh = BuildCapsuleMesh(12, 6);
  ExpectOutwardWinding(mesh);
  // Pull the ends apart as the shader does (a at y = -1, b at y = +1): the cylinder band
  // becomes real triangles and must face outwards too.
  for (MeshVertex& v : mesh.vertices) v.position.y += v.end == 1.0f ? 1.0f : -1.0f;
  ExpectOutwardWinding(mesh);
}

TEST(MeshBuilder, BoxHasFlatAxisFacesWindingOutward) {
  const MeshData mesh = BuildBoxMesh();
  EXPECT_EQ(mesh.vertices.size(), 24u);
  EXPECT_EQ(mesh.indices.size(), 36u);
  ExpectUnitNormals(mesh);
  for (const MeshVertex& v : mesh.vertices) {
    // Each corner lies at +-1 and on the face its normal points to.
    EXPECT_NEAR(glm::dot(v.position, v.normal), 1.0f, kTol);
    EXPECT_NEAR(std::abs(v.position.x), 1.0f, kTol);
    EXPECT_NEAR(std::abs(v.position.y), 1.0f, kTol);
    EXPECT_NEAR(std::abs(v.position.z), 1.0f, kTol);
  }
  ExpectOutwardWinding(mesh);
}

TEST(MeshBuilder, ConeSpansBaseToTipAndWindsOutward) {
  const MeshData mesh = BuildConeMesh(20);
  EXPECT_EQ(mesh.indices.size(), 20u * 6u);
  ExpectUnitNormals(mesh);
  float min_y = 1e9f, max_y = -1e9f;
  for (const MeshVertex& v : mesh.vertices) {
    min_y = std::min(min_y, v.position.y);
    max_y = std::max(max_y, v.position.y);
    // On or inside the cone r <= 1 - y.
    EXPECT_LE(std::hypot(v.position.x, v.position.z), 1.0f - v.position.y + kTol);
  }
  EXPECT_FLOAT_EQ(min_y, 0.0f);
  EXPECT_FLOAT_EQ(max_y, 1.0f);
  ExpectOutwardWinding(mesh);
}

}  // namespace
}  // namespace poselab::engine
