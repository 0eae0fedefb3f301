// Gait analysis: touchdown and toe-off per foot from the vertical ground reaction force (as a
// force plate detects them), the kinematics at each touchdown, and the gait block of
// summary.json (speed, cadence, step and stride length, contact and flight time, duty factor,
// vertical oscillation, trunk lean, landing distance, shin and foot-strike angles, strike
// pattern). Observes only; never feeds back into the physics.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/types.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

// Force thresholds of the event detector, with hysteresis (a touchdown needs the load to rise
// above `on`, a toe-off to fall below `off`) and a minimum time between a foot's events. Force
// plate practice uses 10-50 N thresholds; ours are a fraction of body weight.
struct GaitEventThresholds {
  double on_bw = 0.05;        // touchdown: vertical force above 5% of body weight
  double off_bw = 0.02;       // toe-off: below 2% of body weight
  double min_dwell_s = 0.03;  // a foot's contact or swing shorter than this is noise
};

// What gait analysis needs from one physics step (world frame; index 0 = left, 1 = right).
struct GaitObservation {
  Vec3 com{0.0};
  std::array<double, 2> foot_fy{0.0, 0.0};                 // vertical GRF per foot, N
  std::array<Vec3, 2> foot_contact{Vec3{0.0}, Vec3{0.0}};  // centre of pressure, or foot COM
  std::array<std::string, 2> first_contact;                // named contact point bearing most load
  std::array<Vec3, 2> knee{Vec3{0.0}, Vec3{0.0}};
  std::array<Vec3, 2> ankle{Vec3{0.0}, Vec3{0.0}};
  std::array<Vec3, 2> foot_forward{Vec3{1, 0, 0}, Vec3{1, 0, 0}};  // heel-to-toe unit axis
  Vec3 trunk_up{0.0, 1.0, 0.0};                                    // trunk long axis, unit
};

// Builds the observation from a simulated runner's state.
GaitObservation ObserveGait(const HumanModel& model, const RunnerState& state);

enum class StrikePattern { kRearfoot, kMidfoot, kForefoot };
const char* ToString(StrikePattern pattern);

// Foot-strike angle classification (Altman & Davis 2012, Gait Posture 35:298): the sole's angle
// to the ground at touchdown, + toes up: rearfoot above 8 degrees, forefoot below -1.6 degrees,
// midfoot between.
StrikePattern ClassifyStrike(double foot_strike_angle_deg);

struct GaitEvent {
  enum class Type { kTouchdown, kToeOff };
  Type type = Type::kTouchdown;
  int foot = 0;  // 0 left, 1 right
  double time_s = 0.0;
  // Touchdown only:
  double landing_distance_m = 0.0;     // horizontal, COM to contact point, + = foot ahead
  double shin_angle_deg = 0.0;         // shank from vertical, + = ankle ahead of knee
  double foot_strike_angle_deg = 0.0;  // sole vs ground, + = toes up
  std::string first_contact;           // named contact point that took the first load
};

// Steady-state gait figures; fields are empty (null in JSON) when they cannot be measured.
struct GaitSummary {
  int steps = 0;  // touchdowns counted in the window
  std::optional<double> speed_mps, cadence_spm, step_length_m, stride_length_m;
  std::optional<double> contact_time_s, flight_time_s, duty_factor, vertical_oscillation_m;
  std::optional<double> trunk_lean_deg, landing_distance_m, shin_angle_deg;
  std::optional<double> foot_strike_angle_deg;
  std::optional<std::array<int, 3>> strike_counts;   // rearfoot, midfoot, forefoot
  std::optional<double> left_right_step_time_ratio;  // mean left step time / right, symmetry
  // Whether the speed is steady: the change of step speed (COM travel over step time) across the
  // window, from a least-squares line through the steps, and whether it stays within
  // max(5% of the mean speed, 0.1 m/s).
  std::optional<double> speed_change_mps;
  std::optional<bool> speed_steady;
};

// The steadiness bound of GaitSummary::speed_steady for a mean speed (m/s).
double SteadySpeedTolerance(double mean_speed_mps);

class GaitAnalyzer {
 public:
  explicit GaitAnalyzer(double body_weight_n, GaitEventThresholds thresholds = {});

  // Call once per physics step, in time order.
  void Observe(double time_s, const GaitObservation& obs);

  const std::vector<GaitEvent>& events() const { return events_; }

  // Figures over [warmup_s, end]: touchdown-to-touchdown steps that start after the warm-up.
  GaitSummary Summarize(double warmup_s) const;

 private:
  struct Sample {
    double time_s;
    Vec3 com;
    double trunk_lean_deg;
  };
  double body_weight_n_;
  GaitEventThresholds thresholds_;
  std::array<bool, 2> in_contact_{false, false};
  std::array<double, 2> last_change_s_{-1e9, -1e9};
  std::vector<GaitEvent> events_;
  std::vector<Sample> samples_;
};

}  // namespace poselab::sim
