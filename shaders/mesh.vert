// Instanced rigid meshes (boxes, arrow-head cones) placed by a per-instance model matrix, which
// may scale non-uniformly, so normals go through the inverse transpose.
#version 330 core

layout(location = 0) in vec3 in_position;
layout(location = 1) in vec3 in_normal;
layout(location = 3) in mat4 in_model;   // per instance; occupies locations 3-6
layout(location = 7) in vec4 in_color;   // per instance: linear RGBA

uniform mat4 u_view_projection;

out vec3 v_world;
out vec3 v_normal;
out vec4 v_color;
out float v_glow;

void main() {
  vec4 world = in_model * vec4(in_position, 1.0);
  // A per-vertex inverse is wasteful in general, but there are only a few boxes and cones.
  v_normal = transpose(inverse(mat3(in_model))) * in_normal;
  v_world = world.xyz;
  v_color = in_color;
  v_glow = 0.0;  // boxes and cones are always lit
  gl_Position = u_view_projection * world;
}
