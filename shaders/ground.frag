// Procedural ground: a running track of lanes around the runners (white lane lines, a tick
// across each line every metre, a line across the lanes every 5 m, continued faintly across the
// ground beyond for depth). Lines are anti-aliased with screen-space derivatives and fade out
// with distance, where they would only shimmer. Shadows are a second pass
// (ground_shadow.frag) over the part of the ground they can reach.
//
// This shader covers most of the screen, and a software renderer runs both sides of every
// branch, so it has none: one derivative, the nearest lane line by vector min/abs, and masks.
#version 330 core

in vec3 v_world;

uniform vec3 u_camera_pos;
uniform vec3 u_ground_color;
uniform vec3 u_line_color;
uniform vec3 u_track_color;
uniform vec3 u_lane_color;
uniform vec4 u_lane_z[3];  // lane lines' z (engine/track_layout.h, at most 9), padded with 1e6
uniform vec2 u_track_z;    // the track's edges (first and last line); x > y: no track

out vec4 frag_color;

// Coverage in [0, 1] of a line whose edge is `dist` metres away (negative inside), for pixels
// `pixel` metres wide: a 1.5 pixel soft edge.
float Cover(float dist, float pixel) { return clamp(0.5 - dist / (pixel * 1.5), 0.0, 1.0); }

// Lines every `spacing` metres along `coord`, `half_width` wide on each side; fade out once a
// pixel spans a quarter of a cell, where they would alias into moire.
float Repeat(float coord, float pixel, float spacing, float half_width) {
  float dist = abs(fract(coord / spacing - 0.5) - 0.5) * spacing - half_width;
  return Cover(dist, pixel) * clamp(2.0 - 4.0 * pixel / spacing, 0.0, 1.0);
}

void main() {
  vec2 xz = v_world.xz;
  vec2 pixel = max(fwidth(xz), vec2(1e-5));
  // Lines fade out between 20 and 60 m from the eye.
  float fade = clamp((60.0 - distance(u_camera_pos.xz, xz)) / 40.0, 0.0, 1.0);

  // The nearest lane line, across the track.
  vec4 d = min(min(abs(u_lane_z[0] - xz.y), abs(u_lane_z[1] - xz.y)), abs(u_lane_z[2] - xz.y));
  float line_dist = min(min(d.x, d.y), min(d.z, d.w));
  float on_track = step(u_track_z.x, xz.y) * step(xz.y, u_track_z.y);

  float five = Repeat(xz.x, pixel.x, 5.0, 0.025);
  float ticks = Repeat(xz.x, pixel.x, 1.0, 0.015) * step(line_dist, 0.16);
  vec3 rgb = mix(u_ground_color, u_track_color, on_track);
  rgb = mix(rgb, u_lane_color, on_track * max(five, ticks) * fade);
  rgb = mix(rgb, u_line_color, (1.0 - on_track) * five * fade);
  // Lane lines: 5 cm wide, as on a real track.
  rgb = mix(rgb, u_lane_color, Cover(line_dist - 0.025, pixel.y) * fade);
  frag_color = vec4(rgb, 1.0);
}
