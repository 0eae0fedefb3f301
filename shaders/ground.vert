// The ground: one large quad at y = 0 centred under the camera target, generated from
// gl_VertexID (no vertex buffer). Following the target makes the finite quad look endless.
#version 330 core

uniform mat4 u_view_projection;
uniform vec2 u_center_xz;   // world metres, snapped to whole metres by the renderer
uniform float u_half_size;  // metres

out vec3 v_world;

void main() {
  // Two triangles, counter-clockwise seen from above (+Y).
  const vec2 corners[6] = vec2[6](vec2(-1.0, 1.0), vec2(1.0, 1.0), vec2(1.0, -1.0),
                                  vec2(-1.0, 1.0), vec2(1.0, -1.0), vec2(-1.0, -1.0));
  vec2 xz = u_center_xz + corners[gl_VertexID] * u_half_size;
  v_world = vec3(xz.x, 0.0, xz.y);
  gl_Position = u_view_projection * vec4(v_world, 1.0);
}
