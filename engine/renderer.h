// Renderer: draws a sim::DrawList with OpenGL 3.3 into the bound framebuffer: sky clear, the
// ground with its running track, lit instanced capsules/spheres/boxes with shadows from the key
// light (a shadow map), lines and arrows, then the overlay layer on top. Labels are not drawn
// here (the Ui projects them with ImGui).
#pragma once

#include <memory>
#include <string>

#include <optional>

#include "engine/camera_presets.h"
#include "engine/frame_geometry.h"
#include "engine/gpu_mesh.h"
#include "engine/orbit_camera.h"
#include "engine/shader_program.h"
#include "engine/track_layout.h"
#include "sim/core/result.h"
#include "sim/draw/draw_list.h"

namespace poselab::engine {

// Colours and light of the scene, linear RGB. One place to restyle the viewer.
struct RenderStyle {
  glm::vec3 sky{0.62f, 0.70f, 0.78f};
  glm::vec3 ground{0.33f, 0.35f, 0.37f};
  glm::vec3 grid_line{0.41f, 0.43f, 0.45f};  // the faint 5 m lines beyond the track
  // The track: a muted brick red, so that blue and green runners stand out on it, with white
  // lane lines and distance marks.
  glm::vec3 track{0.47f, 0.31f, 0.27f};
  glm::vec3 lane_line{0.92f, 0.92f, 0.90f};
  // Towards the light (normalised on use): a key light high in front of the runner (+X) and a
  // little to its right, so the default 3/4 camera sees lit and shaded sides of every limb.
  glm::vec3 light_dir{0.65f, 0.70f, 0.30f};
  // Ambient + diffuse peaks near 1 so saturated DrawList colours do not clip flat when lit.
  glm::vec3 sky_ambient{0.28f, 0.30f, 0.33f};
  glm::vec3 ground_ambient{0.12f, 0.11f, 0.10f};
  float ground_half_size_m = 80.0f;
  // Shadows: the map's size in texels (the light frustum is fitted to the runners, so 1024
  // gives a few millimetres per texel for two runners side by side) and how much of the
  // ground's light a shadow takes away.
  int shadow_map_size = 1024;
  float shadow_darkness = 0.45f;
};

// What the renderer draws besides the DrawList.
struct SceneDecor {
  const TrackLayout* track = nullptr;     // lanes and distance marks; none when null
  std::optional<WorldBox> shadow_casters;  // the runners; no shadows when empty
};

class Renderer {
 public:
  // Loads the shaders from `shader_dir` and builds the primitive meshes. The scene is rendered
  // with `samples` multisamples (capped to what the driver allows; 0 = none) and resolved into
  // the target framebuffer. Needs a current GL context, which must outlive the renderer.
  static sim::Result<std::unique_ptr<Renderer>> Create(const std::string& shader_dir,
                                                       int samples = 4);
  ~Renderer();
  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;

  // Clears and draws `list` seen by `camera` into the currently bound framebuffer and leaves it
  // bound. Sky and ground go straight in; bodies and overlays are multisampled in their part of
  // the screen and laid over them.
  void Draw(const sim::DrawList& list, const OrbitCamera& camera, const Viewport& viewport,
            const SceneDecor& decor = {});

  // False when the driver could not give us a depth texture to render shadows into.
  bool shadows_available() const { return shadow_fbo_ != 0; }
  int samples() const { return scene_samples_; }

  const RenderStyle& style() const { return style_; }

 private:
  Renderer() = default;
  // The multisampled scene target, (re)made for the viewport size; false without one.
  bool EnsureSceneTarget(const Viewport& viewport);
  void DeleteSceneTarget();
  // Bodies (scene layer) and overlays, depth-tested, into the bound framebuffer.
  void DrawBodies(const glm::vec3& eye, const glm::mat4& view_projection, float shadow_strength,
                  const glm::mat4& light_view_projection);
  void CreateShadowMap();
  // Renders the scene layer's depth from the key light; returns the light's view-projection.
  glm::mat4 DrawShadowMap(const WorldBox& casters);
  void DrawGround(const OrbitCamera& camera, const glm::mat4& view_projection,
                  const TrackLayout* track, float shadow_strength,
                  const glm::mat4& light_view_projection);
  void DrawLayer(const GeometryLayer& layer, const glm::vec3& eye,
                 const glm::mat4& view_projection, float shadow_strength,
                 const glm::mat4& light_view_projection);

  RenderStyle style_;
  ArrowStyle arrow_style_;
  ShaderProgram capsule_program_;
  ShaderProgram mesh_program_;
  ShaderProgram line_program_;
  ShaderProgram ground_program_;
  ShaderProgram ground_shadow_program_;
  ShaderProgram capsule_depth_program_;
  ShaderProgram mesh_depth_program_;
  ShaderProgram composite_program_;
  std::unique_ptr<InstancedMesh> capsule_mesh_;
  std::unique_ptr<InstancedMesh> shadow_capsule_mesh_;  // coarser: for the shadow map
  std::unique_ptr<InstancedMesh> box_mesh_;
  std::unique_ptr<InstancedMesh> cone_mesh_;
  std::unique_ptr<LineBuffer> lines_;
  unsigned ground_vao_ = 0;  // attribute-less: core profile still needs a VAO bound to draw
  unsigned shadow_fbo_ = 0;  // 0 = shadows unavailable
  unsigned shadow_texture_ = 0;
  glm::vec4 shadow_footprint_{0.0f};  // ground area shadows can reach (min x, min z, max x, max z)
  int scene_samples_ = 0;     // 0 = render straight into the target
  unsigned scene_fbo_ = 0;    // multisampled bodies layer
  unsigned scene_rb_[2] = {0, 0};  // its colour, depth
  unsigned resolve_fbo_ = 0;  // the layer resolved, read by the composite pass
  unsigned resolve_texture_ = 0;
  int scene_width_ = 0, scene_height_ = 0;
  FrameGeometry geometry_;   // reused every frame to avoid reallocating the instance arrays
};

}  // namespace poselab::engine
