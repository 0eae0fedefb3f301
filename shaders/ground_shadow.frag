// Shadows on the ground, drawn over the ground only where the runners' shadows can fall and
// multiplied into it (blend DST_COLOR, ZERO): one bilinear shadow-map comparison per pixel,
// which blends four texels into a soft edge.
#version 330 core

in vec3 v_world;

uniform sampler2DShadow u_shadow_map;
uniform mat4 u_light_view_projection;
uniform float u_shadow_darkness;  // how much of the ground's light a shadow takes away

out vec4 frag_color;

void main() {
  vec4 clip = u_light_view_projection * vec4(v_world, 1.0);
  vec3 p = clip.xyz / clip.w * 0.5 + 0.5;
  // Outside the map the border compares as lit.
  float lit = texture(u_shadow_map, vec3(p.xy, min(p.z, 1.0) - 0.002));
  frag_color = vec4(vec3(1.0 - u_shadow_darkness * (1.0 - lit)), 1.0);
}
