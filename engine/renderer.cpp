// Frame rendering: shadow map from the key light, ground, depth-tested scene layer, then the
// overlay layer after a depth clear.
#include "engine/renderer.h"

#include <glad/gl.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "engine/shadow_projection.h"

namespace poselab::engine {
namespace {

// Tessellation: 12 slices keep silhouettes of a 5 cm radius limb smooth enough at full-body
// zoom under multisampling and lighting; every extra vertex costs a software renderer on every
// instance (its vertex work runs on one thread). Shadows need no smooth outline: the shadow map
// gets a coarser mesh.
constexpr int kCapsuleSlices = 12;
constexpr int kCapsuleStacks = 6;
constexpr int kShadowCapsuleSlices = 8;
constexpr int kShadowCapsuleStacks = 4;
constexpr int kConeSlices = 20;
// Texture unit of the shadow map: unit 0 is left to ImGui's font texture.
constexpr int kShadowUnit = 1;
// The front slice of the depth range that only overlays use: 1/1000 of a 24-bit buffer still
// leaves 16000 depth steps for arrows and lines among themselves.
constexpr double kOverlayDepthSliver = 0.001;
// Texture unit the composite pass reads the resolved bodies layer from.
constexpr int kLayerUnit = 2;

}  // namespace

sim::Result<std::unique_ptr<Renderer>> Renderer::Create(const std::string& shader_dir,
                                                       int samples) {
  std::unique_ptr<Renderer> renderer(new Renderer());
  GLint max_samples = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  renderer->scene_samples_ = std::clamp(samples, 0, static_cast<int>(max_samples));
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
      {&renderer->ground_shadow_program_, "ground.vert", "ground_shadow.frag"},
      {&renderer->capsule_depth_program_, "capsule.vert", "depth.frag"},
      {&renderer->mesh_depth_program_, "mesh.vert", "depth.frag"},
      {&renderer->composite_program_, "composite.vert", "composite.frag"},
  };
  for (const ProgramSpec& spec : programs) {
    sim::Result<ShaderProgram> program =
        ShaderProgram::Load(shader_dir, spec.vertex, spec.fragment);
    if (!program.ok()) return sim::Error{program.error()};
    *spec.target = std::move(program).value();
  }

  renderer->capsule_mesh_ = std::make_unique<InstancedMesh>(
      BuildCapsuleMesh(kCapsuleSlices, kCapsuleStacks), InstanceLayout::kCapsule);
  renderer->shadow_capsule_mesh_ = std::make_unique<InstancedMesh>(
      BuildCapsuleMesh(kShadowCapsuleSlices, kShadowCapsuleStacks), InstanceLayout::kCapsule);
  renderer->box_mesh_ =
      std::make_unique<InstancedMesh>(BuildBoxMesh(), InstanceLayout::kModelMatrix);
  renderer->cone_mesh_ =
      std::make_unique<InstancedMesh>(BuildConeMesh(kConeSlices), InstanceLayout::kModelMatrix);
  renderer->lines_ = std::make_unique<LineBuffer>();
  glGenVertexArrays(1, &renderer->ground_vao_);
  renderer->CreateShadowMap();
  return renderer;
}

Renderer::~Renderer() {
  DeleteSceneTarget();
  if (ground_vao_ != 0) glDeleteVertexArrays(1, &ground_vao_);
  if (shadow_fbo_ != 0) glDeleteFramebuffers(1, &shadow_fbo_);
  if (shadow_texture_ != 0) glDeleteTextures(1, &shadow_texture_);
}

void Renderer::CreateShadowMap() {
  // A depth texture compared in the shader (sampler2DShadow); linear filtering makes the
  // hardware blend four comparisons, which softens the edges for free.
  glGenTextures(1, &shadow_texture_);
  glBindTexture(GL_TEXTURE_2D, shadow_texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_DEPTH_COMPONENT24, style_.shadow_map_size,
               style_.shadow_map_size, 0, GL_DEPTH_COMPONENT, GL_FLOAT, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
  // Outside the map nothing casts a shadow: a border at the far plane compares as lit.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_BORDER);
  const float border[4] = {1.0f, 1.0f, 1.0f, 1.0f};
  glTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
  glBindTexture(GL_TEXTURE_2D, 0);

  glGenFramebuffers(1, &shadow_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, shadow_fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, shadow_texture_, 0);
  glDrawBuffer(GL_NONE);
  glReadBuffer(GL_NONE);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!complete) {
    // Shadows are a nicety: draw without them rather than fail.
    glDeleteFramebuffers(1, &shadow_fbo_);
    shadow_fbo_ = 0;
  }
}

glm::mat4 Renderer::DrawShadowMap(const WorldBox& casters) {
  const glm::mat4 light_vp = CalcLightViewProjection(casters, style_.light_dir);
  glBindFramebuffer(GL_FRAMEBUFFER, shadow_fbo_);
  glViewport(0, 0, style_.shadow_map_size, style_.shadow_map_size);
  glClear(GL_DEPTH_BUFFER_BIT);
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  // Slope-scaled offset: surfaces at a grazing angle to the light would shadow themselves.
  glEnable(GL_POLYGON_OFFSET_FILL);
  glPolygonOffset(2.0f, 4.0f);
  glDisable(GL_CULL_FACE);  // thin limbs: both faces keep their shadow solid
  capsule_depth_program_.Use();
  capsule_depth_program_.Set("u_view_projection", light_vp);
  shadow_capsule_mesh_->Draw(geometry_.scene.capsules);
  mesh_depth_program_.Use();
  mesh_depth_program_.Set("u_view_projection", light_vp);
  box_mesh_->Draw(geometry_.scene.boxes);
  glDisable(GL_POLYGON_OFFSET_FILL);
  return light_vp;
}

bool Renderer::EnsureSceneTarget(const Viewport& viewport) {
  if (scene_samples_ <= 0) return false;
  if (scene_fbo_ != 0 && scene_width_ == viewport.width && scene_height_ == viewport.height) {
    return true;
  }
  DeleteSceneTarget();
  // Multisampled colour + depth for the bodies layer.
  glGenFramebuffers(1, &scene_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, scene_fbo_);
  glGenRenderbuffers(2, scene_rb_);
  glBindRenderbuffer(GL_RENDERBUFFER, scene_rb_[0]);
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, scene_samples_, GL_RGBA8, viewport.width,
                                   viewport.height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, scene_rb_[0]);
  glBindRenderbuffer(GL_RENDERBUFFER, scene_rb_[1]);
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, scene_samples_, GL_DEPTH_COMPONENT24,
                                   viewport.width, viewport.height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, scene_rb_[1]);
  bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  // Its single-sampled resolve, a texture the composite pass reads.
  glGenTextures(1, &resolve_texture_);
  glBindTexture(GL_TEXTURE_2D, resolve_texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, viewport.width, viewport.height, 0, GL_RGBA,
               GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, 0);
  glGenFramebuffers(1, &resolve_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, resolve_fbo_);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, resolve_texture_,
                         0);
  complete = complete && glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!complete) {
    // Multisampling is a nicety: render straight into the target from now on.
    DeleteSceneTarget();
    scene_samples_ = 0;
    return false;
  }
  scene_width_ = viewport.width;
  scene_height_ = viewport.height;
  return true;
}

void Renderer::DeleteSceneTarget() {
  const GLuint framebuffers[] = {scene_fbo_, resolve_fbo_};
  glDeleteFramebuffers(2, framebuffers);
  glDeleteRenderbuffers(2, scene_rb_);
  if (resolve_texture_ != 0) glDeleteTextures(1, &resolve_texture_);
  scene_fbo_ = resolve_fbo_ = resolve_texture_ = 0;
  scene_rb_[0] = scene_rb_[1] = 0;
  scene_width_ = scene_height_ = 0;
}

void Renderer::Draw(const sim::DrawList& list, const OrbitCamera& camera,
                    const Viewport& viewport, const SceneDecor& decor) {
  GLint bound = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &bound);
  const auto target = static_cast<GLuint>(bound);
  BuildFrameGeometry(list, arrow_style_, &geometry_);
  const glm::mat4 view_projection = camera.CalcViewProjection(viewport);
  const glm::vec3 eye = camera.CalcEye();

  float shadow = 0.0f;
  glm::mat4 light_vp(1.0f);
  if (shadow_fbo_ != 0 && decor.shadow_casters) {
    light_vp = DrawShadowMap(*decor.shadow_casters);
    shadow_footprint_ = CalcShadowFootprint(*decor.shadow_casters, style_.light_dir);
    shadow = 1.0f;
  }
  // The map stays bound for every pass: a shadow sampler must always see a depth texture with
  // comparison on, even where the shader skips it.
  glActiveTexture(GL_TEXTURE0 + kShadowUnit);
  glBindTexture(GL_TEXTURE_2D, shadow_texture_);
  glActiveTexture(GL_TEXTURE0);

  // Sky and ground, single-sampled, straight into the target: the ground shader anti-aliases
  // its own lines, and it covers most of the screen, where multisampling would cost a software
  // renderer most of the frame.
  glBindFramebuffer(GL_FRAMEBUFFER, target);
  glViewport(0, 0, viewport.width, viewport.height);
  glClearColor(style_.sky.r, style_.sky.g, style_.sky.b, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  // Translucent DrawList colours blend over what is behind them; they are not depth-sorted,
  // which is fine for the occasional see-through marker but not for translucent bodies. Alpha
  // accumulates as coverage, so the bodies layer below ends up premultiplied.
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  DrawGround(camera, view_projection, decor.track, shadow, light_vp);

  // Bodies and overlays: multisampled, in the part of the screen they cover, then laid over the
  // ground. Without a multisampled target they go straight into the target.
  const std::optional<PixelRect> rect =
      CalcScreenBounds(geometry_, view_projection, viewport.width, viewport.height);
  if (rect && EnsureSceneTarget(viewport)) {
    glBindFramebuffer(GL_FRAMEBUFFER, scene_fbo_);
    glEnable(GL_SCISSOR_TEST);
    glScissor(rect->x, rect->y, rect->width, rect->height);
    glClearColor(0.0f, 0.0f, 0.0f, 0.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    DrawBodies(eye, view_projection, shadow, light_vp);
    // Resolve (a blit from multisampled to single-sampled averages the samples), then blend.
    glBindFramebuffer(GL_READ_FRAMEBUFFER, scene_fbo_);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_);
    glBlitFramebuffer(rect->x, rect->y, rect->x + rect->width, rect->y + rect->height, rect->x,
                      rect->y, rect->x + rect->width, rect->y + rect->height,
                      GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, target);
    glDisable(GL_DEPTH_TEST);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    composite_program_.Use();
    composite_program_.Set("u_layer", kLayerUnit);
    glActiveTexture(GL_TEXTURE0 + kLayerUnit);
    glBindTexture(GL_TEXTURE_2D, resolve_texture_);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(ground_vao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
  } else if (rect) {
    DrawBodies(eye, view_projection, shadow, light_vp);
  }

  // Leave the state ImGui and a later pass expect, and the caller's framebuffer bound.
  glBindFramebuffer(GL_FRAMEBUFFER, target);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
}

void Renderer::DrawBodies(const glm::vec3& eye, const glm::mat4& view_projection,
                          float shadow_strength, const glm::mat4& light_view_projection) {
  glEnable(GL_DEPTH_TEST);
  glDepthFunc(GL_LESS);
  glDepthMask(GL_TRUE);
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  // The depth range is split: the scene uses all but its nearest sliver, the overlay only that
  // sliver, so overlays lie in front of every body and are still depth-tested among themselves,
  // without a second clear of the depth buffer.
  glDepthRange(kOverlayDepthSliver, 1.0);
  DrawLayer(geometry_.scene, eye, view_projection, shadow_strength, light_view_projection);
  if (!geometry_.overlay.empty()) {
    glDepthRange(0.0, kOverlayDepthSliver);
    DrawLayer(geometry_.overlay, eye, view_projection, 0.0f, light_view_projection);
  }
  glDepthRange(0.0, 1.0);
}

void Renderer::DrawGround(const OrbitCamera& camera, const glm::mat4& view_projection,
                          const TrackLayout* track, float shadow_strength,
                          const glm::mat4& light_view_projection) {
  // Snapping the quad's centre to whole metres keeps the lines still under a moving camera.
  const glm::vec3& target = camera.target();
  const glm::vec2 center(std::round(target.x), std::round(target.z));

  const float half = style_.ground_half_size_m;
  ground_program_.Use();
  ground_program_.Set("u_view_projection", view_projection);
  ground_program_.Set("u_rect_xz", glm::vec4(center - half, center + half));
  ground_program_.Set("u_camera_pos", camera.CalcEye());
  ground_program_.Set("u_ground_color", style_.ground);
  ground_program_.Set("u_line_color", style_.grid_line);
  ground_program_.Set("u_track_color", style_.track);
  ground_program_.Set("u_lane_color", style_.lane_line);
  // Lane lines as three vec4s (the shader takes its nearest line with vector min/abs, no loop),
  // padded far off the track; and the track's edges.
  std::array<glm::vec4, 3> lanes;
  lanes.fill(glm::vec4(1e6f));
  const int count = track != nullptr ? std::min(static_cast<int>(track->lane_lines_z.size()),
                                                kMaxLaneLines)
                                     : 0;
  for (int i = 0; i < count; ++i) lanes[i / 4][i % 4] = track->lane_lines_z[i];
  ground_program_.SetVec4Array("u_lane_z", lanes.data(), 3);
  ground_program_.Set("u_track_z", count >= 2 ? glm::vec2(track->lane_lines_z.front(),
                                                          track->lane_lines_z[count - 1])
                                              : glm::vec2(1.0f, -1.0f));  // empty: no track

  // The ground is behind everything else (the camera stays above it), so it neither tests nor
  // writes depth: markers lying on y = 0 draw over it, and the largest surface on the screen
  // skips its per-sample depth work.
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDepthMask(GL_FALSE);
  // Opaque: no blending, which would read back every pixel of the largest surface drawn.
  glDisable(GL_BLEND);
  glBindVertexArray(ground_vao_);
  glDrawArrays(GL_TRIANGLES, 0, 6);
  glEnable(GL_BLEND);

  // Shadows: a second pass over just the ground they can reach, multiplied in. A software
  // renderer evaluates a shader's branches everywhere, so skipping the lookup inside the
  // ground shader saved nothing; a smaller rectangle does.
  if (shadow_strength > 0.0f) {
    ground_shadow_program_.Use();
    ground_shadow_program_.Set("u_view_projection", view_projection);
    ground_shadow_program_.Set("u_rect_xz", shadow_footprint_);
    ground_shadow_program_.Set("u_shadow_map", kShadowUnit);
    ground_shadow_program_.Set("u_light_view_projection", light_view_projection);
    ground_shadow_program_.Set("u_shadow_darkness", style_.shadow_darkness * shadow_strength);
    glBlendFunc(GL_DST_COLOR, GL_ZERO);
    glDrawArrays(GL_TRIANGLES, 0, 6);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  }
  glBindVertexArray(0);
  glDepthMask(GL_TRUE);
  glEnable(GL_DEPTH_TEST);
}

void Renderer::DrawLayer(const GeometryLayer& layer, const glm::vec3& eye,
                         const glm::mat4& view_projection, float shadow_strength,
                         const glm::mat4& light_view_projection) {
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
    program->Set("u_shadow_map", kShadowUnit);
    program->Set("u_light_view_projection", light_view_projection);
    program->Set("u_shadow_strength", shadow_strength);
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
