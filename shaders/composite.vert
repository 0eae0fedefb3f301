// A triangle covering the whole viewport, from gl_VertexID (no vertex buffer): the pass that lays
// the resolved, multisampled bodies layer over the ground.
#version 330 core

void main() {
  vec2 corner = vec2((gl_VertexID & 1) * 4.0 - 1.0, (gl_VertexID & 2) * 2.0 - 1.0);
  gl_Position = vec4(corner, 0.0, 1.0);
}
