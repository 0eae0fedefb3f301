// Procedural ground: a running track of lanes around the runners (white lane lines, a tick
// across each line every metre, a line across the lanes every 5 m) on a plain ground with a
// faint 1 m grid for depth. Lines are anti-aliased with screen-space derivatives and fade out
// with distance, where they would only shimmer. Shadows of the runners come from the key
// light's shadow map.
//
// This shader covers most of the screen, and under a software renderer its cost is a large
// part of the frame, so it takes one derivative, finds the nearest lane line with vector
// operations, and reads the shadow map once (a bilinear comparison blends four texels), and only
// where a shadow can fall.
#version 330 core

in vec3 v_world;

uniform vec3 u_camera_pos;
uniform vec3 u_ground_color;
uniform vec3 u_line_color;
uniform vec3 u_track_color;
uniform vec3 u_lane_color;
uniform vec4 u_lane_z[3];  // lane lines' z (engine/track_layout.h, at most 9), padded with 1e6
uniform vec2 u_track_z;    // the track's edges (first and last line); x > y: no track
uniform sampler2DShadow u_shadow_map;
uniform mat4 u_light_view_projection;
uniform float u_shadow_strength;  // 0 = no shadows
uniform vec4 u_shadow_footprint;  // ground the shadows can reach: min x, min z, max x, max z
uniform float u_shadow_darkness;  // how much of the ground's light a shadow takes away

out vec4 frag_color;

// Coverage in [0, 1] of a line whose edge is `dist` metres away (negative inside), for pixels
// `pixel` metres wide: a 1.5 pixel soft edge.
float Cover(float dist, float pixel) { return 1.0 - smoothstep(0.0, pixel * 1.5, dist); }

// Lines every `spacing` metres along `coord`, `half_width` wide on each side; fade out once a
// pixel spans most of a cell, where they would alias into moire.
float Repeat(float coord, float pixel, float spacing, float half_width) {
  float dist = abs(fract(coord / spacing - 0.5) - 0.5) * spacing - half_width;
  return Cover(dist, pixel) * (1.0 - smoothstep(0.25, 0.5, pixel / spacing));
}

void main() {
  vec2 xz = v_world.xz;
  vec2 pixel = max(fwidth(xz), vec2(1e-5));
  float fade = 1.0 - smoothstep(20.0, 60.0, distance(u_camera_pos.xz, xz));

  // The nearest lane line, across the track.
  vec4 d = min(min(abs(u_lane_z[0] - xz.y), abs(u_lane_z[1] - xz.y)), abs(u_lane_z[2] - xz.y));
  float line_dist = min(min(d.x, d.y), min(d.z, d.w));

  vec3 rgb;
  if (xz.y >= u_track_z.x && xz.y <= u_track_z.y) {
    // Every 5 m a line across all lanes; every metre a tick across each lane line.
    float marks = Repeat(xz.x, pixel.x, 5.0, 0.025);
    if (line_dist < 0.16) marks = max(marks, Repeat(xz.x, pixel.x, 1.0, 0.015));
    rgb = mix(u_track_color, u_lane_color, marks * fade);
  } else {
    float grid = max(Repeat(xz.x, pixel.x, 1.0, 0.008), Repeat(xz.y, pixel.y, 1.0, 0.008));
    rgb = mix(u_ground_color, u_line_color, grid * fade);
  }
  // Lane lines: 5 cm wide, as on a real track.
  rgb = mix(rgb, u_lane_color, Cover(line_dist - 0.025, pixel.y) * fade);

  // The shadow map only where shadows can fall: elsewhere (most of the screen) the lookup is
  // skipped.
  if (u_shadow_strength > 0.0 && all(greaterThanEqual(xz, u_shadow_footprint.xy)) &&
      all(lessThanEqual(xz, u_shadow_footprint.zw))) {
    vec4 clip = u_light_view_projection * vec4(v_world, 1.0);
    vec3 p = clip.xyz / clip.w * 0.5 + 0.5;
    if (all(greaterThanEqual(p.xy, vec2(0.0))) && all(lessThanEqual(p.xy, vec2(1.0)))) {
      float lit = texture(u_shadow_map, vec3(p.xy, min(p.z, 1.0) - 0.002));
      rgb *= 1.0 - u_shadow_darkness * u_shadow_strength * (1.0 - lit);
    }
  }
  frag_color = vec4(rgb, 1.0);
}
