// GPU buffers: an instanced primitive mesh (static vertices/indices + a per-frame instance
// buffer) and a streamed GL_LINES buffer. Attribute locations match shaders/*.vert.
#pragma once

#include <cstddef>
#include <vector>

#include "engine/frame_geometry.h"
#include "engine/mesh_builder.h"

namespace poselab::engine {

// Per-instance data layouts an InstancedMesh can be fed with.
enum class InstanceLayout {
  kCapsule,      // CapsuleInstance: locations 3 (a, radius), 4 (b), 5 (colour)
  kModelMatrix,  // MeshInstance: locations 3-6 (model matrix columns), 7 (colour)
};

// A mesh drawn many times per frame with glDrawElementsInstanced. Vertex attributes:
// 0 position, 1 normal, 2 capsule end weight. Requires a current GL context for its lifetime.
class InstancedMesh {
 public:
  InstancedMesh(const MeshData& mesh, InstanceLayout layout);
  ~InstancedMesh();
  InstancedMesh(const InstancedMesh&) = delete;
  InstancedMesh& operator=(const InstancedMesh&) = delete;

  // Upload this frame's instances and draw them with the program in use.
  void Draw(const std::vector<CapsuleInstance>& instances);
  void Draw(const std::vector<MeshInstance>& instances);

 private:
  void DrawRaw(const void* data, size_t bytes, size_t count);

  InstanceLayout layout_;
  unsigned vao_ = 0;
  unsigned vertex_buffer_ = 0;
  unsigned index_buffer_ = 0;
  unsigned instance_buffer_ = 0;
  int index_count_ = 0;
};

// Streamed line segments (pairs of LineVertex): locations 0 (position) and 1 (colour).
class LineBuffer {
 public:
  LineBuffer();
  ~LineBuffer();
  LineBuffer(const LineBuffer&) = delete;
  LineBuffer& operator=(const LineBuffer&) = delete;

  void Draw(const std::vector<LineVertex>& vertices);

 private:
  unsigned vao_ = 0;
  unsigned buffer_ = 0;
};

}  // namespace poselab::engine
