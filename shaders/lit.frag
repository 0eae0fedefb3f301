// Shared lighting for bodies: one directional light (Lambert + a small Blinn-Phong highlight)
// over a hemisphere ambient (sky above, ground bounce below), times the per-instance colour.
#version 330 core

in vec3 v_world;
in vec3 v_normal;
in vec4 v_color;

uniform vec3 u_light_dir;       // world, unit, pointing towards the light
uniform vec3 u_camera_pos;      // world, metres
uniform vec3 u_sky_ambient;     // ambient from above
uniform vec3 u_ground_ambient;  // ambient bounced from below

out vec4 frag_color;

void main() {
  vec3 n = normalize(v_normal);
  vec3 view = normalize(u_camera_pos - v_world);
  float diffuse = max(dot(n, u_light_dir), 0.0);
  vec3 half_vec = normalize(u_light_dir + view);
  float specular = diffuse > 0.0 ? pow(max(dot(n, half_vec), 0.0), 48.0) : 0.0;
  vec3 ambient = mix(u_ground_ambient, u_sky_ambient, n.y * 0.5 + 0.5);
  vec3 rgb = v_color.rgb * (ambient + 0.72 * diffuse) + vec3(0.12 * specular);
  frag_color = vec4(rgb, v_color.a);
}
