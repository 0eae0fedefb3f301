// A rectangle of the ground (y = 0) from gl_VertexID (no vertex buffer): the whole ground, a
// large quad centred under the camera target (following it makes the finite quad look
// endless), or just the part where shadows fall.
#version 330 core

uniform mat4 u_view_projection;
uniform vec4 u_rect_xz;  // world metres: min x, min z, max x, max z

out vec3 v_world;

void main() {
  // Two triangles, counter-clockwise seen from above (+Y).
  const vec2 corners[6] = vec2[6](vec2(0.0, 1.0), vec2(1.0, 1.0), vec2(1.0, 0.0),
                                  vec2(0.0, 1.0), vec2(1.0, 0.0), vec2(0.0, 0.0));
  vec2 xz = mix(u_rect_xz.xy, u_rect_xz.zw, corners[gl_VertexID]);
  v_world = vec3(xz.x, 0.0, xz.y);
  gl_Position = u_view_projection * vec4(v_world, 1.0);
}
