// DrawList building from model + state (plain data; the viewer renders it), and the overlay
// colour and scale decisions.
#include "sim/draw/draw_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace poselab::sim {

namespace {

constexpr double kGravity = 9.81;

// Overlay colours. Lines that must read on a projector are tubes (DrawLine::width_m).
const Color kGrfColor{0.95f, 0.15f, 0.20f, 1.0f};
const Color kJointArrowColor{1.0f, 0.62f, 0.05f, 1.0f};
const Color kComColor{1.0f, 0.85f, 0.1f, 1.0f};
const Color kLeanColor{1.0f, 0.85f, 0.1f, 1.0f};          // the lean line runs through the COM
const Color kVerticalColor{0.95f, 0.95f, 0.95f, 0.85f};   // the plumb reference beside it
const Color kKneeFootColor{0.35f, 0.92f, 1.0f, 1.0f};
const Color kLabelText{0.96f, 0.96f, 0.96f, 1.0f};
constexpr double kLeanLineWidthM = 0.02;
constexpr double kPlumbWidthM = 0.012;
constexpr double kLeanLineOvershoot = 1.3;  // drawn past the COM, to about head height
constexpr double kMinArrowBw = 0.05;        // joint arrows shorter than this are noise

// A colour ramp through evenly spaced stops, for t in [0, 1].
template <size_t N>
Color Ramp(const std::array<Color, N>& stops, double t) {
  if (!(t > 0.0)) return stops.front();  // also NaN
  if (t >= 1.0) return stops.back();
  const double x = t * static_cast<double>(N - 1);
  const size_t i = static_cast<size_t>(x);
  const auto f = static_cast<float>(x - static_cast<double>(i));
  const Color& a = stops[i];
  const Color& b = stops[i + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f, 1.0f};
}

// Magnitudes: white (nothing) -> yellow -> orange -> red. Both green and blue fall along the
// whole ramp, so a larger load is always the hotter colour.
constexpr std::array<Color, 4> kHeatStops = {Color{0.93f, 0.93f, 0.90f, 1.0f},
                                             Color{1.00f, 0.84f, 0.25f, 1.0f},
                                             Color{0.97f, 0.45f, 0.12f, 1.0f},
                                             Color{0.80f, 0.06f, 0.08f, 1.0f}};
// Signed power: violet (absorbing) -> white (zero) -> red (generating).
constexpr std::array<Color, 5> kDivergingStops = {
    Color{0.52f, 0.18f, 0.85f, 1.0f}, Color{0.78f, 0.64f, 0.95f, 1.0f},
    Color{0.93f, 0.93f, 0.90f, 1.0f}, Color{1.00f, 0.70f, 0.25f, 1.0f},
    Color{0.80f, 0.06f, 0.08f, 1.0f}};

Color Lighter(const Color& c, float amount) {
  return {c.r + (1.0f - c.r) * amount, c.g + (1.0f - c.g) * amount, c.b + (1.0f - c.b) * amount,
          c.a};
}

Vec3 OnGround(Vec3 p, double height_m = 0.0) {
  p.y = height_m;
  return p;
}

std::string Format(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

// "14 cm ahead of COM" / "3 cm behind COM" / "level with COM": a signed horizontal distance
// (+ = ahead) in words.
std::string Relative(double metres, const std::string& what) {
  const double cm = std::round(metres * 100.0);
  if (cm == 0.0) return "level with " + what;
  return Format("%.0f cm", std::abs(cm)) + (cm > 0.0 ? " ahead of " : " behind ") + what;
}

// The support point: the centre of pressure of the loaded feet together; empty in flight.
std::optional<Vec3> SupportPoint(const RunnerState& state, const LiveFigures& figures) {
  Vec3 sum{0.0};
  double load = 0.0;
  for (int f = 0; f < 2; ++f) {
    if (!figures.foot_loaded[f]) continue;
    const int seg = HumanModel::Foot(f == 0 ? Side::kLeft : Side::kRight);
    const auto cop = CentreOfPressure(state, seg, 0.0);
    if (!cop) continue;
    sum += state.foot_force[f].y * *cop;
    load += state.foot_force[f].y;
  }
  if (load <= 0.0) return std::nullopt;
  return OnGround(sum / load);
}

Color PhaseColor(const std::string& phase) {
  if (phase == "pose") return {0.55f, 0.95f, 0.55f, 1.0f};
  if (phase == "fall") return {1.0f, 0.80f, 0.30f, 1.0f};
  if (phase == "pull") return {0.45f, 0.85f, 1.0f, 1.0f};
  return kLabelText;
}

}  // namespace

Color RunnerColor(size_t runner_index) {
  static const std::array<Color, 4> kPalette = {
      Color{0.20f, 0.48f, 0.95f, 1.0f}, Color{0.22f, 0.68f, 0.36f, 1.0f},
      Color{0.62f, 0.38f, 0.80f, 1.0f}, Color{0.55f, 0.57f, 0.60f, 1.0f}};
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
  const double weight = model.total_mass_kg() * kGravity;
  for (int foot = 0; foot < 2; ++foot) {
    const int seg = foot == 0 ? kLeftFoot : kRightFoot;
    const auto cop = CentreOfPressure(state, seg, 1.0);
    if (!cop) continue;
    out->arrows.push_back({*cop, state.foot_force[foot] / weight * bw_arrow_m, kGrfColor, true});
  }

  // COM and its ground projection.
  out->spheres.push_back({state.com, 0.03, kComColor});
  out->lines.push_back({state.com, OnGround(state.com), kComColor, true});
  const Vec3 head = state.segment_poses[kHead].position;
  out->labels.push_back({head + Vec3{0.0, 0.32, 0.0}, label, Lighter(color, 0.35f), 1.0f, true});
}

LoadScale LoadScaleFor(LoadQuantity quantity) {
  // Tops of the scales: a little above this model's stride peaks at 2.75 m/s (README, Joint
  // loads: reaction forces 2.5-3.2 BW, moments up to 3.5 N m/kg) and the ~15 W/kg that
  // ankle and knee powers reach in running (Winter 1983, J Biomech 16:91).
  switch (quantity) {
    case LoadQuantity::kReactionForce:
      return {"Joint reaction force", "BW", 0.0, 3.5, false, "none", "3.5 BW or more"};
    case LoadQuantity::kNetMoment:
      return {"Net joint moment", "N m/kg", 0.0, 3.5, false, "none", "3.5 N m/kg or more"};
    case LoadQuantity::kPower:
      return {"Joint power", "W/kg", -15.0, 15.0, true, "absorbing", "generating"};
  }
  return {"?", "", 0.0, 1.0, false, "", ""};
}

double LoadValue(const LiveJointLoad& load, LoadQuantity quantity) {
  switch (quantity) {
    case LoadQuantity::kReactionForce:
      return load.reaction_bw;
    case LoadQuantity::kNetMoment:
      return std::abs(load.moment_nm_kg);
    case LoadQuantity::kPower:
      return load.power_w_kg;
  }
  return 0.0;
}

Color LoadColor(double value, const LoadScale& scale) {
  const double span = scale.max - scale.min;
  const double t = span > 0.0 ? (value - scale.min) / span : 0.0;
  return scale.diverging ? Ramp(kDivergingStops, t) : Ramp(kHeatStops, t);
}

double JointMarkerRadius(const HumanModel& model, int joint) {
  const Joint& j = model.joint(joint);
  double widest = 0.0;
  // Capsules of the two segments that end near the joint centre (in the reference pose, where
  // the link frames are aligned with the world).
  for (int seg : {j.parent, j.child}) {
    const Segment& s = model.segment(seg);
    for (const Collider& c : s.colliders) {
      if (c.shape != Collider::Shape::kCapsule) continue;
      const double near = std::min(glm::length(s.com_ref + c.a - j.pivot_ref),
                                   glm::length(s.com_ref + c.b - j.pivot_ref));
      if (near <= 2.0 * c.radius) widest = std::max(widest, c.radius);
    }
  }
  // A ring about a third of the limb's radius wide around the limb, visible from across a room.
  return std::max(1.3 * widest + 0.008, 0.045);
}

double LeanAngleDeg(const Vec3& support, const Vec3& com) {
  return std::atan2(com.x - support.x, com.y - support.y) * kRadToDeg;
}

void AppendRunnerOverlays(const HumanModel& model, const RunnerState& state,
                          const LiveFigures& figures, const std::string& phase,
                          const Color& color, const OverlayOptions& options, DrawList* out) {
  const double weight = model.total_mass_kg() * kGravity;
  const Vec3 head = state.segment_poses[kHead].position;

  // Loads at hip, knee and ankle of both legs.
  if (figures.has_loads && (options.joint_loads || options.joint_arrows)) {
    const LoadScale scale = LoadScaleFor(options.quantity);
    for (int l = 0; l < 2; ++l) {
      const LegJoints& lj = model.leg(l == 0 ? Side::kLeft : Side::kRight);
      const std::array<int, kLegJointCount> joints = {lj.hip, lj.knee, lj.ankle};
      for (int i = 0; i < kLegJointCount; ++i) {
        const LiveJointLoad& load = figures.legs[l][i];
        const Vec3 centre = JointPivotWorld(model, state, joints[i]);
        if (options.joint_loads) {
          // Glowing: the colour is the message, so shadows must not darken it.
          out->spheres.push_back({centre, JointMarkerRadius(model, joints[i]),
                                  LoadColor(LoadValue(load, options.quantity), scale), 1.0f});
        }
        // The force on the distal segment, with its tip at the joint: in stance it points down
        // into the joint, the weight of the body above coming through it.
        if (options.joint_arrows && load.reaction_bw >= kMinArrowBw) {
          const Vec3 vec = load.reaction_n / weight * kForceArrowMPerBw;
          out->arrows.push_back({centre - vec, vec, kJointArrowColor, true});
        }
      }
    }
  }

  if (options.pose) {
    // Lean line and knee over foot: only in stance, when there is a support point to lean from
    // and a leg to stand over.
    if (const auto support = SupportPoint(state, figures)) {
      const Vec3 end = *support + (state.com - *support) * kLeanLineOvershoot;
      const double height = end.y - support->y;
      out->lines.push_back({*support, end, kLeanColor, true, kLeanLineWidthM});
      out->lines.push_back(
          {*support, *support + Vec3{0.0, height, 0.0}, kVerticalColor, true, kPlumbWidthM});
      out->labels.push_back({end + Vec3{0.0, 0.05, 0.0},
                             Format("lean %.1f\u00b0", LeanAngleDeg(*support, state.com)),
                             kLeanColor, 0.9f, true});

      // Plumb lines from the knee and the ankle of the standing leg (in double support, the
      // one that just landed) and the gap between them on the ground.
      int leg = figures.foot_loaded[0] ? 0 : 1;
      if (figures.foot_loaded[0] && figures.foot_loaded[1] && figures.last_touchdown) {
        leg = figures.last_touchdown->foot;
      }
      const LegJoints& lj = model.leg(leg == 0 ? Side::kLeft : Side::kRight);
      const Vec3 knee = JointPivotWorld(model, state, lj.knee);
      const Vec3 ankle = JointPivotWorld(model, state, lj.ankle);
      out->lines.push_back({knee, OnGround(knee), kKneeFootColor, true, kPlumbWidthM});
      out->lines.push_back({ankle, OnGround(ankle), kKneeFootColor, true, kPlumbWidthM});
      out->lines.push_back(
          {OnGround(knee, 0.006), OnGround(ankle, 0.006), kKneeFootColor, true, kPlumbWidthM});
      const double gap = knee.x - ankle.x;
      out->labels.push_back({knee + Vec3{0.18, 0.0, 0.0},
                             std::abs(gap) < 0.005 ? "knee over foot"
                                                   : "knee " + Relative(gap, "foot"),
                             kKneeFootColor, 0.8f, true});
    }

    // The last landing: where the foot came down (a footprint on the ground), a ground line back
    // to where the COM was then, and the distance, written on the ground beside the footprint.
    if (figures.last_touchdown) {
      const TouchdownMark& td = *figures.last_touchdown;
      const Color mark = Lighter(color, 0.45f);
      out->boxes.push_back({{OnGround(td.contact, 0.004), Quat(1.0, 0.0, 0.0, 0.0)},
                            Vec3{0.07, 0.004, 0.04}, mark});
      out->lines.push_back(
          {OnGround(td.com, 0.006), OnGround(td.contact, 0.006), mark, true, kPlumbWidthM});
      out->lines.push_back(
          {OnGround(td.com), OnGround(td.com, 0.12), mark, true, kPlumbWidthM});
      out->labels.push_back({OnGround(td.contact, 0.02),
                             "landed " + Relative(td.landing_distance_m, "COM"), mark, 0.8f,
                             true});
    }
  }

  // The controller's phase, under the runner's name.
  if (options.phase && !phase.empty()) {
    out->labels.push_back({head + Vec3{0.0, 0.18, 0.0}, phase, PhaseColor(phase), 1.15f, true});
  }
}

}  // namespace poselab::sim
