// Shadow-map pass: depth only, nothing to colour.
#version 330 core

void main() {}
