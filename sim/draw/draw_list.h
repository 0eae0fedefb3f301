// DrawList: plain-data description of what to draw (capsules, boxes, spheres, lines, arrows).
// sim/ fills it; engine/ renders it. No GL types here.
#pragma once

#include <string>
#include <vector>

#include "sim/core/types.h"

namespace poselab::sim {

struct Color {
  float r = 1.0f, g = 1.0f, b = 1.0f, a = 1.0f;
};

// A capsule between two end points (centres of the end hemispheres), world frame.
struct DrawCapsule {
  Vec3 a{0.0}, b{0.0};
  double radius = 0.05;
  Color color;
};

// An oriented box: centre, orientation and half extents along its local axes.
struct DrawBox {
  Transform pose;
  Vec3 half_extents{0.05};
  Color color;
};

struct DrawSphere {
  Vec3 center{0.0};
  double radius = 0.02;
  Color color;
  // 0 = lit like a body; 1 = shows its own colour in light and shadow alike, for colour-coded
  // markers whose colour is the message.
  float glow = 0.0f;
};

// A line segment; `overlay` lines are drawn on top of bodies (never hidden). OpenGL core
// profiles draw lines one pixel wide, too thin for a projector, so a line that must be seen
// from across a room gives a `width_m` and is drawn as a tube of that diameter.
struct DrawLine {
  Vec3 a{0.0}, b{0.0};
  Color color;
  bool overlay = false;
  double width_m = 0.0;  // 0 = a one-pixel line
};

// An arrow from `origin` along `vector` (metres in the world); overlay like lines.
struct DrawArrow {
  Vec3 origin{0.0}, vector{0.0};
  Color color;
  bool overlay = true;
};

// A text label anchored at a world point (the viewer projects it to the screen, centres it on
// the anchor and moves it up or down if it would cover a label drawn before it).
struct DrawLabel {
  Vec3 position{0.0};
  std::string text;
  Color color;
  float size = 1.0f;   // relative to the viewer's label font, [0.5, 2]
  bool boxed = false;  // on a dark box: readable over sky, ground and bodies alike
};

struct DrawList {
  std::vector<DrawCapsule> capsules;
  std::vector<DrawBox> boxes;
  std::vector<DrawSphere> spheres;
  std::vector<DrawLine> lines;
  std::vector<DrawArrow> arrows;
  std::vector<DrawLabel> labels;

  void Clear() {
    capsules.clear();
    boxes.clear();
    spheres.clear();
    lines.clear();
    arrows.clear();
    labels.clear();
  }
};

}  // namespace poselab::sim
