// Builds the DrawList for a runner: its colliders as shapes, foot ground-reaction arrows at the
// centre of pressure, the COM with its ground projection, and a name label; and, for the viewer,
// the load and Pose-method overlays: joints coloured by load, joint reaction force arrows, the
// lean line, the last landing and the knee-over-foot marker, and the controller's phase.
// Every colour and scale decision of the overlays lives here, GL-free, so it is unit-tested.
#pragma once

#include <string>

#include "sim/analysis/live_analysis.h"
#include "sim/draw/draw_list.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

// Distinct colours for runners by index (blue, green, purple, grey): chosen to stay clear of
// the load colours (white-yellow-red, violet) and of the red force arrows.
Color RunnerColor(size_t runner_index);

// One body weight is drawn this long by every force arrow (ground and joint reaction forces).
constexpr double kForceArrowMPerBw = 0.4;

// Appends one runner. GRF arrows are scaled so that one body weight is `bw_arrow_m` long.
void AppendRunnerDrawing(const HumanModel& model, const RunnerState& state, const Color& color,
                         const std::string& label, DrawList* out,
                         double bw_arrow_m = kForceArrowMPerBw);

// Which load the joint markers show.
enum class LoadQuantity {
  kReactionForce,  // joint reaction force, BW (magnitude)
  kNetMoment,      // sagittal net joint moment, N m/kg (magnitude)
  kPower,          // sagittal joint power, W/kg (signed: + generating, - absorbing)
};
constexpr int kLoadQuantityCount = 3;

// The colour scale of a quantity: values map linearly onto [min, max] and saturate outside.
// Magnitudes run white (none) through yellow and orange to red (the top of the scale); power is
// signed and runs violet (absorbing) through white (zero) to red (generating).
struct LoadScale {
  const char* title;        // "Joint reaction force"
  const char* unit;         // "BW"
  double min = 0.0, max = 1.0;
  bool diverging = false;   // signed scale centred on zero
  const char* low_label;    // what the low end means, in a coach's words
  const char* high_label;
};
LoadScale LoadScaleFor(LoadQuantity quantity);

// The number a joint shows for `quantity`: |reaction| in BW, |moment| in N m/kg, power in W/kg.
double LoadValue(const LiveJointLoad& load, LoadQuantity quantity);

// Colour of `value` on `scale` (see LoadScale); NaN gives the low end.
Color LoadColor(double value, const LoadScale& scale);

// Which overlays to draw, as the viewer's toggles set them.
struct OverlayOptions {
  bool joint_loads = true;      // hip, knee and ankle spheres coloured by `quantity`
  LoadQuantity quantity = LoadQuantity::kReactionForce;
  bool joint_arrows = false;    // joint reaction force arrows (tip at the joint, on the distal
                                // segment), kForceArrowMPerBw long per body weight
  bool pose = true;             // lean line, last landing, knee over foot
  bool phase = true;            // the controller's phase under the runner's name
};

// Radius of the sphere that marks a joint: a little wider than the thickest limb capsule that
// meets there, so the colour shows round the limb. Metres.
double JointMarkerRadius(const HumanModel& model, int joint);

// The angle of the lean line, degrees from vertical in the sagittal (X-Y) plane: + = the COM is
// ahead of the support point (leaning forward).
double LeanAngleDeg(const Vec3& support, const Vec3& com);

// Appends the overlays of one runner. `figures` comes from its LiveAnalyzer, `phase` from its
// controller; `color` is the runner's.
void AppendRunnerOverlays(const HumanModel& model, const RunnerState& state,
                          const LiveFigures& figures, const std::string& phase,
                          const Color& color, const OverlayOptions& options, DrawList* out);

}  // namespace poselab::sim
