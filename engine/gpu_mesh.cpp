// VAO/VBO set-up for instanced meshes and line lists. Instance buffers are re-specified each
// frame (glBufferData "orphaning"), the usual cheap way to stream a few hundred instances.
#include "engine/gpu_mesh.h"

#include <glad/gl.h>

#include <cstdint>

#include "sim/core/result.h"

namespace poselab::engine {
namespace {

const void* Offset(size_t bytes) { return reinterpret_cast<const void*>(bytes); }  // NOLINT

// A float vertex attribute read from the bound buffer, advancing once per instance if asked.
void FloatAttribute(GLuint location, GLint components, size_t stride, size_t offset,
                    bool per_instance) {
  glEnableVertexAttribArray(location);
  glVertexAttribPointer(location, components, GL_FLOAT, GL_FALSE, static_cast<GLsizei>(stride),
                        Offset(offset));
  glVertexAttribDivisor(location, per_instance ? 1 : 0);
}

}  // namespace

InstancedMesh::InstancedMesh(const MeshData& mesh, InstanceLayout layout) : layout_(layout) {
  index_count_ = static_cast<int>(mesh.indices.size());
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);

  glGenBuffers(1, &vertex_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(MeshVertex)),
               mesh.vertices.data(), GL_STATIC_DRAW);
  FloatAttribute(0, 3, sizeof(MeshVertex), offsetof(MeshVertex, position), false);
  FloatAttribute(1, 3, sizeof(MeshVertex), offsetof(MeshVertex, normal), false);
  FloatAttribute(2, 1, sizeof(MeshVertex), offsetof(MeshVertex, end), false);

  glGenBuffers(1, &index_buffer_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);  // recorded in the VAO
  glBufferData(GL_ELEMENT_ARRAY_BUFFER,
               static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(uint32_t)), mesh.indices.data(),
               GL_STATIC_DRAW);

  glGenBuffers(1, &instance_buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, instance_buffer_);
  if (layout == InstanceLayout::kCapsule) {
    constexpr size_t stride = sizeof(CapsuleInstance);
    FloatAttribute(3, 4, stride, offsetof(CapsuleInstance, a_radius), true);
    FloatAttribute(4, 4, stride, offsetof(CapsuleInstance, b), true);
    FloatAttribute(5, 4, stride, offsetof(CapsuleInstance, color), true);
  } else {
    constexpr size_t stride = sizeof(MeshInstance);
    // A mat4 attribute occupies four consecutive locations, one per column.
    for (GLuint column = 0; column < 4; ++column) {
      FloatAttribute(3 + column, 4, stride,
                     offsetof(MeshInstance, model) + column * sizeof(glm::vec4), true);
    }
    FloatAttribute(7, 4, stride, offsetof(MeshInstance, color), true);
  }
  glBindVertexArray(0);
}

InstancedMesh::~InstancedMesh() {
  glDeleteBuffers(1, &instance_buffer_);
  glDeleteBuffers(1, &index_buffer_);
  glDeleteBuffers(1, &vertex_buffer_);
  glDeleteVertexArrays(1, &vao_);
}

void InstancedMesh::Draw(const std::vector<CapsuleInstance>& instances) {
  POSELAB_ASSERT(layout_ == InstanceLayout::kCapsule, "capsule instances on a non-capsule mesh");
  DrawRaw(instances.data(), instances.size() * sizeof(CapsuleInstance), instances.size());
}

void InstancedMesh::Draw(const std::vector<MeshInstance>& instances) {
  POSELAB_ASSERT(layout_ == InstanceLayout::kModelMatrix, "matrix instances on a capsule mesh");
  DrawRaw(instances.data(), instances.size() * sizeof(MeshInstance), instances.size());
}

void InstancedMesh::DrawRaw(const void* data, size_t bytes, size_t count) {
  if (count == 0) return;
  glBindBuffer(GL_ARRAY_BUFFER, instance_buffer_);
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(bytes), nullptr, GL_STREAM_DRAW);
  glBufferSubData(GL_ARRAY_BUFFER, 0, static_cast<GLsizeiptr>(bytes), data);
  glBindVertexArray(vao_);
  glDrawElementsInstanced(GL_TRIANGLES, index_count_, GL_UNSIGNED_INT, nullptr,
                          static_cast<GLsizei>(count));
  glBindVertexArray(0);
}

LineBuffer::LineBuffer() {
  glGenVertexArrays(1, &vao_);
  glBindVertexArray(vao_);
  glGenBuffers(1, &buffer_);
  glBindBuffer(GL_ARRAY_BUFFER, buffer_);
  FloatAttribute(0, 3, sizeof(LineVertex), offsetof(LineVertex, position), false);
  FloatAttribute(1, 4, sizeof(LineVertex), offsetof(LineVertex, color), false);
  glBindVertexArray(0);
}

LineBuffer::~LineBuffer() {
  glDeleteBuffers(1, &buffer_);
  glDeleteVertexArrays(1, &vao_);
}

void LineBuffer::Draw(const std::vector<LineVertex>& vertices) {
  if (vertices.empty()) return;
  const auto bytes = static_cast<GLsizeiptr>(vertices.size() * sizeof(LineVertex));
  glBindBuffer(GL_ARRAY_BUFFER, buffer_);
  glBufferData(GL_ARRAY_BUFFER, bytes, nullptr, GL_STREAM_DRAW);
  glBufferSubData(GL_ARRAY_BUFFER, 0, bytes, vertices.data());
  glBindVertexArray(vao_);
  glDrawArrays(GL_LINES, 0, static_cast<GLsizei>(vertices.size()));
  glBindVertexArray(0);
}

}  // namespace poselab::engine
