// The resolved bodies layer, pixel for pixel. Its colours are premultiplied by coverage (the
// layer was cleared to transparent black), so it is blended with (ONE, ONE_MINUS_SRC_ALPHA):
// anti-aliased edges mix with the ground beneath.
#version 330 core

uniform sampler2D u_layer;

out vec4 frag_color;

void main() { frag_color = texelFetch(u_layer, ivec2(gl_FragCoord.xy), 0); }
