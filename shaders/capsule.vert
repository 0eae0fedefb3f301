// Instanced capsules (and spheres, with a == b). The mesh is a unit sphere split at its equator
// (engine/mesh_builder.h): each vertex is moved to end point a or b by its `end` weight, then
// offset by radius along the sphere direction turned onto the a->b axis. Hemispheres stay round
// at any length, which a scaled cylinder matrix could not give.
#version 330 core

layout(location = 0) in vec3 in_position;  // unit sphere point (also its normal)
layout(location = 1) in vec3 in_normal;
layout(location = 2) in float in_end;       // 0 = hemisphere at a, 1 = at b
layout(location = 3) in vec4 in_a_radius;   // per instance: end point a (world), radius (m)
layout(location = 4) in vec4 in_b;          // per instance: end point b (world), glow
layout(location = 5) in vec4 in_color;      // per instance: linear RGBA

uniform mat4 u_view_projection;

out vec3 v_world;
out vec3 v_normal;
out vec4 v_color;
out float v_glow;

void main() {
  vec3 a = in_a_radius.xyz;
  vec3 b = in_b.xyz;
  vec3 axis = b - a;
  float len = length(axis);
  // Orthonormal right-handed basis (x, y, z) with y along the capsule; a sphere keeps +Y.
  vec3 y = len > 1e-6 ? axis / len : vec3(0.0, 1.0, 0.0);
  vec3 helper = abs(y.y) < 0.99 ? vec3(0.0, 1.0, 0.0) : vec3(1.0, 0.0, 0.0);
  vec3 x = normalize(cross(helper, y));
  vec3 z = cross(x, y);
  mat3 basis = mat3(x, y, z);

  v_normal = basis * in_normal;
  v_world = mix(a, b, in_end) + basis * (in_position * in_a_radius.w);
  v_color = in_color;
  v_glow = in_b.w;
  gl_Position = u_view_projection * vec4(v_world, 1.0);
}
