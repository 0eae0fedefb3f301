// Frame rendering: ground, depth-tested scene layer, then the overlay layer after a depth clear.
#include "engine/renderer.h"

#include <glad/gl.h>

#include <cmath>

namespace poselab::engine {
namespace {

// Tessellation: 24 slices keep silhouettes of a 5 cm radius limb smooth at full-body zoom;
// more buys nothing visible and costs vertices on every instance.
constexpr int kCapsuleSlices = 24;
constexpr int kCapsuleStacks = 12;
constexpr int kConeSlices = 20;

}  // namespace

sim::Result<std::unique_ptr<Renderer>> Renderer::Create(const std::string& shader_dir) {
  std::unique_ptr<Renderer> renderer(new Renderer());
  struct ProgramSpec {
    ShaderProgram* target;
    const char* vertex;
    const char* fragment;
  };
  const ProgramSpec programs[] = {
      {&renderer->capsule_program_, "capsule.vert", "lit.frag"},
      {&renderer->mesh_program_, "mesh.vert", "lit.frag"},
      {&renderer->line_program_, "line.vert", "line.frag"},
      {&renderer->ground_program_, "ground.vert", "ground.frag"},
  };
  for (const ProgramSpec& spec : programs) {
    sim::Result<ShaderProgram> program =
        ShaderProgram::Load(shader_dir, spec.vertex, spec.fragment);
    if (!program.ok()) return sim::Error{program.error()};
    *spec.target = std::move(program).value();
  }

  renderer->capsule_mesh_ = std::make_unique<InstancedMesh>(
      BuildCapsuleMesh(kCapsuleSlices, kCapsuleStacks), InstanceLayout::kCapsule);
  renderer->box_mesh_ =
      std::make_unique<InstancedMesh>(BuildBoxMesh(), InstanceLayout::kModelMatrix);
  renderer->cone_mesh_ =
      std::make_unique<InstancedMesh>(BuildConeMesh(kConeSlices), InstanceLayout::kModelMatrix);
  renderer->lines_ = std::make_unique<LineBuffer>();
  glGenVertexArrays(1, &renderer->ground_vao_);
  return renderer;
}

Renderer::~Renderer() {
  if (ground_vao_ != 0) glDeleteVertexArrays(1, &ground_vao_);
}

void Renderer::Draw(const sim::DrawList& list, const OrbitCamera& camera,
                    const Viewport& viewport) {
  BuildFrameGeometry(list, arrow_style_, &geometry_);
  const glm::mat4 view_projection = camera.CalcViewProjection(viewport);
  const glm::vec3 eye = camera.CalcEye();

  glViewport(0, 0, viewport.width, viewport.height);
  glClearColor(style_.sky.r, style_.sky.g, style_.sky.b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  // Translucent DrawList colours blend over what is behind them; they are not depth-sorted,
  // which is fine for the occasional see-through marker but not for translucent bodies.
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);

  DrawGround(camera, view_projection);
  DrawLayer(geometry_.scene, eye, view_projection);
  if (!geometry_.overlay.empty()) {
    // Overlay: depth-tested among themselves only, so they are never hidden inside a body.
    glClear(GL_DEPTH_BUFFER_BIT);
    DrawLayer(geometry_.overlay, eye, view_projection);
  }

  // Leave the state ImGui and a later pass expect.
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
}

void Renderer::DrawGround(const OrbitCamera& camera, const glm::mat4& view_projection) {
  // Snapping the quad's centre to whole metres keeps the grid still under a moving camera.
  const glm::vec3& target = camera.target();
  const glm::vec2 center(std::round(target.x), std::round(target.z));

  ground_program_.Use();
  ground_program_.Set("u_view_projection", view_projection);
  ground_program_.Set("u_center_xz", center);
  ground_program_.Set("u_half_size", style_.ground_half_size_m);
  ground_program_.Set("u_camera_pos", camera.CalcEye());
  ground_program_.Set("u_ground_color", style_.ground);
  ground_program_.Set("u_line_color", style_.grid_line);
  ground_program_.Set("u_major_line_color", style_.grid_major_line);
  ground_program_.Set("u_lane_color", style_.lane_line);

  // Push the ground back a little in depth so DrawList lines lying on y = 0 win the depth test.
  glDisable(GL_CULL_FACE);
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(1.0f, 1.0f);
  glBindVertexArray(ground_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 6);
  glBindVertexArray(0);
  glDisable(GL_POLYGON_OFFSET_FILL);
}

void Renderer::DrawLayer(const GeometryLayer& layer, const glm::vec3& eye,
                         const glm::mat4& view_projection) {
  const glm::vec3 light_dir = glm::normalize(style_.light_dir);
  glEnable(GL_CULL_FACE);
  glCullFace(GL_BACK);
  glFrontFace(GL_CCW);
  for (ShaderProgram* program : {&capsule_program_, &mesh_program_}) {
    program->Use();
    program->Set("u_view_projection", view_projection);
    program->Set("u_light_dir", light_dir);
    program->Set("u_camera_pos", eye);
    program->Set("u_sky_ambient", style_.sky_ambient);
    program->Set("u_ground_ambient", style_.ground_ambient);
    if (program == &capsule_program_) {
      capsule_mesh_->Draw(layer.capsules);
    } else {
      box_mesh_->Draw(layer.boxes);
      cone_mesh_->Draw(layer.cones);
    }
  }
  glDisable(GL_CULL_FACE);
  line_program_.Use();
  line_program_.Set("u_view_projection", view_projection);
  lines_->Draw(layer.lines);
}

}  // namespace poselab::engine
