// Shared lighting for bodies: one directional key light (Lambert + a small Blinn-Phong highlight)
// over a hemisphere ambient (sky above, ground bounce below) and a weak fill from the eye, so a
// view from behind the runners (the key light is in front of them) still shows their shapes,
// times the per-instance colour.
// The key light is blocked where the shadow map says another body (or this one) is in the way.
#version 330 core

in vec3 v_world;
in vec3 v_normal;
in vec4 v_color;
in float v_glow;  // 0 lit; 1 the instance's own colour whatever the light (colour-coded markers)

uniform vec3 u_light_dir;       // world, unit, pointing towards the light
uniform vec3 u_camera_pos;      // world, metres
uniform vec3 u_sky_ambient;     // ambient from above
uniform vec3 u_ground_ambient;  // ambient bounced from below
uniform sampler2DShadow u_shadow_map;
uniform mat4 u_light_view_projection;
uniform float u_shadow_strength;  // 0 = no shadows (the overlay layer), 1 = full

out vec4 frag_color;

// Fraction of the key light that reaches `world`, from one bilinear shadow-map lookup (the
// hardware compares four texels and blends them: soft enough edges at one fetch, which keeps
// software rendering fast). The normal offset keeps a surface from shadowing itself.
float KeyLight(vec3 world, vec3 n) {
  if (u_shadow_strength <= 0.0) return 1.0;
  vec4 clip = u_light_view_projection * vec4(world + n * 0.012, 1.0);
  vec3 p = clip.xyz / clip.w * 0.5 + 0.5;
  if (any(lessThan(p.xy, vec2(0.0))) || any(greaterThan(p.xy, vec2(1.0)))) return 1.0;
  float lit = texture(u_shadow_map, vec3(p.xy, min(p.z, 1.0) - 0.0015));
  return mix(1.0, lit, u_shadow_strength);
}

void main() {
  vec3 n = normalize(v_normal);
  vec3 view = normalize(u_camera_pos - v_world);
  float key = KeyLight(v_world, n);
  float diffuse = max(dot(n, u_light_dir), 0.0) * key;
  vec3 half_vec = normalize(u_light_dir + view);
  float specular = diffuse > 0.0 ? pow(max(dot(n, half_vec), 0.0), 48.0) : 0.0;
  vec3 ambient = mix(u_ground_ambient, u_sky_ambient, n.y * 0.5 + 0.5);
  float fill = 0.18 * max(dot(n, view), 0.0);
  vec3 rgb = v_color.rgb * (ambient + 0.72 * diffuse + fill) + vec3(0.12 * specular);
  // A glowing marker keeps its colour, with a little shading so it still reads as a ball.
  vec3 own = v_color.rgb * (0.8 + 0.2 * max(dot(n, view), 0.0)) + vec3(0.12 * specular);
  frag_color = vec4(mix(rgb, own, clamp(v_glow, 0.0, 1.0)), v_color.a);
}
