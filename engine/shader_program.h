// ShaderProgram: a linked GLSL vertex + fragment program read from shaders/ at run time (so a
// shader can be edited without rebuilding), with typed uniform setters.
#pragma once

#include <glm/glm.hpp>
#include <string>

#include "sim/core/result.h"

namespace poselab::engine {

class ShaderProgram {
 public:
  // Reads `dir`/`vertex_file` and `dir`/`fragment_file`, compiles and links them. Errors carry
  // the file name and the driver's log.
  static sim::Result<ShaderProgram> Load(const std::string& dir, const std::string& vertex_file,
                                         const std::string& fragment_file);
  ShaderProgram() = default;
  ShaderProgram(ShaderProgram&& other) noexcept;
  ShaderProgram& operator=(ShaderProgram&& other) noexcept;
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;
  ~ShaderProgram();

  void Use() const;
  // Setters act on the program in use; unknown names are ignored (GL returns location -1),
  // which lets a shader drop a uniform it no longer needs.
  void Set(const char* name, int value) const;  // also sampler units
  void Set(const char* name, float value) const;
  // A vec4 array uniform (`name` is the array's name), `count` vec4s from `values`.
  void SetVec4Array(const char* name, const glm::vec4* values, int count) const;
  void Set(const char* name, const glm::vec2& value) const;
  void Set(const char* name, const glm::vec3& value) const;
  void Set(const char* name, const glm::vec4& value) const;
  void Set(const char* name, const glm::mat4& value) const;

 private:
  explicit ShaderProgram(unsigned id) : id_(id) {}
  unsigned id_ = 0;
};

}  // namespace poselab::engine
