// Procedural ground grid: thin lines every metre, stronger ones every 5 m, and the lane's centre
// line (z = 0) along X. Lines are anti-aliased with screen-space derivatives and fade out with
// distance, where they would only shimmer; the fade goes to the plain ground colour.
#version 330 core

in vec3 v_world;

uniform vec3 u_camera_pos;
uniform vec3 u_ground_color;
uniform vec3 u_line_color;
uniform vec3 u_major_line_color;
uniform vec3 u_lane_color;

out vec4 frag_color;

// Coverage in [0, 1] of a grid line of half width `half_width_m` every `spacing_m` metres, for
// both axes. fwidth gives the size of a pixel in the same units, which sets the blur.
float GridCoverage(vec2 xz, float spacing_m, float half_width_m) {
  vec2 cell = xz / spacing_m;
  vec2 pixel = max(fwidth(cell), vec2(1e-5));
  vec2 dist = abs(fract(cell - 0.5) - 0.5) - half_width_m / spacing_m;  // to the line's edge
  vec2 cover = 1.0 - smoothstep(vec2(0.0), pixel * 1.5, dist);
  // Once a pixel spans most of a cell the lines alias into moire: fade them out.
  cover *= 1.0 - smoothstep(0.25, 0.5, pixel);
  return max(cover.x, cover.y);
}

void main() {
  vec2 xz = v_world.xz;
  float fade = 1.0 - smoothstep(20.0, 60.0, distance(u_camera_pos.xz, xz));
  vec3 rgb = u_ground_color;
  rgb = mix(rgb, u_line_color, GridCoverage(xz, 1.0, 0.008) * fade);
  rgb = mix(rgb, u_major_line_color, GridCoverage(xz, 5.0, 0.014) * fade);
  // Lane centre line: z = 0 only.
  float lane_pixel = max(fwidth(xz.y), 1e-5);
  float lane = 1.0 - smoothstep(0.0, lane_pixel * 1.5, abs(xz.y) - 0.02);
  rgb = mix(rgb, u_lane_color, lane * fade);
  frag_color = vec4(rgb, 1.0);
}
