// GLSL program loading: read, compile, link, report the driver log with the file name.
#include "engine/shader_program.h"

#include <glad/gl.h>

#include <fstream>
#include <glm/gtc/type_ptr.hpp>
#include <sstream>
#include <utility>

namespace poselab::engine {
namespace {

sim::Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return sim::Error{path + ": cannot read shader"};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

sim::Result<GLuint> Compile(GLenum stage, const std::string& path) {
  sim::Result<std::string> source = ReadText(path);
  if (!source.ok()) return sim::Error{source.error()};
  const GLuint shader = glCreateShader(stage);
  const char* text = source.value().c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    char log[2048] = {};
    glGetShaderInfoLog(shader, sizeof(log), nullptr, log);
    glDeleteShader(shader);
    return sim::Error{path + ": compile error:\n" + log};
  }
  return shader;
}

}  // namespace

sim::Result<ShaderProgram> ShaderProgram::Load(const std::string& dir,
                                               const std::string& vertex_file,
                                               const std::string& fragment_file) {
  sim::Result<GLuint> vs = Compile(GL_VERTEX_SHADER, dir + "/" + vertex_file);
  if (!vs.ok()) return sim::Error{vs.error()};
  sim::Result<GLuint> fs = Compile(GL_FRAGMENT_SHADER, dir + "/" + fragment_file);
  if (!fs.ok()) {
    glDeleteShader(vs.value());
    return sim::Error{fs.error()};
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vs.value());
  glAttachShader(program, fs.value());
  glLinkProgram(program);
  // The program keeps the compiled code; the shader objects can go now.
  glDeleteShader(vs.value());
  glDeleteShader(fs.value());
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    char log[2048] = {};
    glGetProgramInfoLog(program, sizeof(log), nullptr, log);
    glDeleteProgram(program);
    return sim::Error{vertex_file + " + " + fragment_file + ": link error:\n" + log};
  }
  return ShaderProgram(program);
}

ShaderProgram::ShaderProgram(ShaderProgram&& other) noexcept : id_(std::exchange(other.id_, 0)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& other) noexcept {
  if (this != &other) {
    if (id_ != 0) glDeleteProgram(id_);
    id_ = std::exchange(other.id_, 0);
  }
  return *this;
}

ShaderProgram::~ShaderProgram() {
  if (id_ != 0) glDeleteProgram(id_);
}

void ShaderProgram::Use() const { glUseProgram(id_); }

void ShaderProgram::Set(const char* name, int value) const {
  glUniform1i(glGetUniformLocation(id_, name), value);
}

void ShaderProgram::SetVec4Array(const char* name, const glm::vec4* values, int count) const {
  if (count > 0) glUniform4fv(glGetUniformLocation(id_, name), count, glm::value_ptr(values[0]));
}

void ShaderProgram::Set(const char* name, float value) const {
  glUniform1f(glGetUniformLocation(id_, name), value);
}

void ShaderProgram::Set(const char* name, const glm::vec2& value) const {
  glUniform2fv(glGetUniformLocation(id_, name), 1, glm::value_ptr(value));
}

void ShaderProgram::Set(const char* name, const glm::vec3& value) const {
  glUniform3fv(glGetUniformLocation(id_, name), 1, glm::value_ptr(value));
}

void ShaderProgram::Set(const char* name, const glm::vec4& value) const {
  glUniform4fv(glGetUniformLocation(id_, name), 1, glm::value_ptr(value));
}

void ShaderProgram::Set(const char* name, const glm::mat4& value) const {
  glUniformMatrix4fv(glGetUniformLocation(id_, name), 1, GL_FALSE, glm::value_ptr(value));
}

}  // namespace poselab::engine
