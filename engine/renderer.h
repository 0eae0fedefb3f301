// Renderer: draws a sim::DrawList with OpenGL 3.3 into the bound framebuffer: sky clear, grid
// ground, lit instanced capsules/spheres/boxes, lines and arrows, then the overlay layer on top.
// Labels are not drawn here (the Ui projects them with ImGui).
#pragma once

#include <memory>
#include <string>

#include "engine/frame_geometry.h"
#include "engine/gpu_mesh.h"
#include "engine/orbit_camera.h"
#include "engine/shader_program.h"
#include "sim/core/result.h"
#include "sim/draw/draw_list.h"

namespace poselab::engine {

// Colours and light of the scene, linear RGB. One place to restyle the viewer.
struct RenderStyle {
  glm::vec3 sky{0.62f, 0.70f, 0.78f};
  glm::vec3 ground{0.33f, 0.35f, 0.37f};
  glm::vec3 grid_line{0.41f, 0.43f, 0.45f};
  glm::vec3 grid_major_line{0.46f, 0.48f, 0.50f};
  glm::vec3 lane_line{0.50f, 0.50f, 0.44f};
  // Towards the light (normalised on use): a key light high in front of the runner (+X) and a
  // little to its right, so the default 3/4 camera sees lit and shaded sides of every limb.
  glm::vec3 light_dir{0.65f, 0.70f, 0.30f};
  // Ambient + diffuse peaks near 1 so saturated DrawList colours do not clip flat when lit.
  glm::vec3 sky_ambient{0.28f, 0.30f, 0.33f};
  glm::vec3 ground_ambient{0.12f, 0.11f, 0.10f};
  float ground_half_size_m = 80.0f;
};

class Renderer {
 public:
  // Loads the shaders from `shader_dir` and builds the primitive meshes. Needs a current GL
  // context, which must outlive the renderer.
  static sim::Result<std::unique_ptr<Renderer>> Create(const std::string& shader_dir);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Clears and draws `list` seen by `camera` into the currently bound framebuffer.
  void Draw(const sim::DrawList& list, const OrbitCamera& camera, const Viewport& viewport);

  const RenderStyle& style() const { return style_; }

 private:
  Renderer() = default;
  void DrawGround(const OrbitCamera& camera, const glm::mat4& view_projection);
  void DrawLayer(const GeometryLayer& layer, const glm::vec3& eye,
                 const glm::mat4& view_projection);

  RenderStyle style_;
  ArrowStyle arrow_style_;
  ShaderProgram capsule_program_;
  ShaderProgram mesh_program_;
  ShaderProgram line_program_;
  ShaderProgram ground_program_;
  std::unique_ptr<InstancedMesh> capsule_mesh_;
  std::unique_ptr<InstancedMesh> box_mesh_;
  std::unique_ptr<InstancedMesh> cone_mesh_;
  std::unique_ptr<LineBuffer> lines_;
  unsigned ground_vao_ = 0;  // attribute-less: core profile still needs a VAO bound to draw
  FrameGeometry geometry_;   // reused every frame to avoid reallocating the instance arrays
};

}  // namespace poselab::engine
