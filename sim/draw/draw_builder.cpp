// DrawList building from model + state (plain data; the viewer renders it).
#include "sim/draw/draw_builder.h"

#include <array>

namespace poselab::sim {

Color RunnerColor(size_t runner_index) {
  static const std::array<Color, 4> kPalette = {Color{0.22f, 0.52f, 0.92f, 1.0f},
                                                Color{0.95f, 0.55f, 0.18f, 1.0f},
                                                Color{0.30f, 0.75f, 0.40f, 1.0f},
                                                Color{0.75f, 0.35f, 0.75f, 1.0f}};
  return kPalette[runner_index % kPalette.size()];
}

void AppendRunnerDrawing(const HumanModel& model, const RunnerState& state, const Color& color,
                         const std::string& label, DrawList* out, double bw_arrow_m) {
  const Color contact_color{0.9f, 0.9f, 0.9f, 1.0f};
  for (int s = 0; s < kSegCount; ++s) {
    const Transform& pose = state.segment_poses[s];
    for (const Collider& c : model.segment(s).colliders) {
      switch (c.shape) {
        case Collider::Shape::kSphere:
          out->spheres.push_back({pose.position + pose.orientation * c.center, c.radius,
                                  c.contact_name.empty() ? color : contact_color});
          break;
        case Collider::Shape::kCapsule:
          out->capsules.push_back({pose.position + pose.orientation * c.a,
                                   pose.position + pose.orientation * c.b, c.radius, color});
          break;
        case Collider::Shape::kBox:
          out->boxes.push_back({{pose.position + pose.orientation * c.center, pose.orientation},
                                c.half_extents, color});
          break;
      }
    }
  }

  // Ground reaction force per foot, drawn from its centre of pressure.
  const double weight = model.total_mass_kg() * 9.81;
  const Color grf_color{0.95f, 0.2f, 0.2f, 1.0f};
  for (int foot = 0; foot < 2; ++foot) {
    const int seg = foot == 0 ? kLeftFoot : kRightFoot;
    const auto cop = CentreOfPressure(state, seg, 1.0);
    if (!cop) continue;
    out->arrows.push_back({*cop, state.foot_force[foot] / weight * bw_arrow_m, grf_color, true});
  }

  // COM and its ground projection.
  const Color com_color{1.0f, 0.85f, 0.1f, 1.0f};
  out->spheres.push_back({state.com, 0.03, com_color});
  out->lines.push_back({state.com, {state.com.x, 0.0, state.com.z}, com_color, true});
  const Vec3 head = state.segment_poses[kHead].position;
  out->labels.push_back({head + Vec3{0.0, 0.25, 0.0}, label, color});
}

}  // namespace poselab::sim
