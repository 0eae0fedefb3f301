// Load analysis: ground reaction force figures per stance and sagittal joint loads per stride,
// computed the way a motion lab computes them: inverse dynamics (our Newton-Euler, from the
// simulated kinematics and the measured GRF) gives each joint's net moment and reaction force;
// power is moment times joint angular velocity. Fills summary.json's grf and joints blocks and
// its inverse_dynamics_residual. Observes only; never feeds back into the physics.
//
// What the figures are: net intersegmental loads (the resultant of every muscle, ligament and
// bone contact force across a joint), not bone-on-bone contact forces, which muscle
// co-contraction makes several times larger.
#pragma once

#include <array>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

// The impact peak of one stance's vertical GRF: the first local maximum in the first 30% of the
// stance (and its first 80 ms) that the force then falls from by at least 0.1 BW before rising
// to its active peak. `fy_bw` is sampled every `dt` from touchdown. Null when there is none (a
// forefoot landing loads smoothly to one peak).
struct ImpactPeak {
  double value_bw = 0.0;
  double time_s = 0.0;  // after touchdown
};
std::optional<ImpactPeak> FindImpactPeak(const std::vector<double>& fy_bw, double dt);

// Average vertical loading rate, BW/s: the mean slope of the vertical GRF between 20% and 80% of
// the impact peak (the method of Milner, Ferber, Pollard, Hamill & Davis 2006, Med Sci Sports
// Exerc 38:323). Without an impact peak, the reference is the force 13% into the stance (our
// convention, where rearfoot impact peaks fall), so that every landing gets a comparable
// rate. Null for a stance too short to measure.
std::optional<double> AverageLoadingRate(const std::vector<double>& fy_bw, double dt,
                                         const std::optional<ImpactPeak>& impact);

// Stance curves as a gait lab averages them: each stance's signals resampled to 0, 1, ..., 100% of
// its duration, then the mean and standard deviation at each percent over the stances after the
// warm-up, both legs pooled. Channels (kChannels, in this order): vertical and fore-aft GRF (BW,
// filtered as the GRF figures are; fore-aft + = propulsive), hip flexion, knee flexion and ankle
// dorsiflexion (deg), their net moments (N m/kg, + = flexor / dorsiflexor, the sign of the DOF;
// the same 10 ms centred window over the stance's own samples) and joint powers (that moment x
// the angular velocity, W/kg, + = generating).
struct StanceProfile {
  static constexpr int kPoints = 101;
  static constexpr int kChannels = 11;
  static const char* const kNames[kChannels];  // column stems with units, e.g. "knee_moment_nm_kg"
  int stances = 0;
  std::array<std::array<double, kPoints>, kChannels> mean{}, sd{};
};

// `x` (samples at equal steps from touchdown through the last loaded sample) at 0..100% of its
// span by linear interpolation. At least one sample.
std::array<double, StanceProfile::kPoints> NormaliseToStance(const std::vector<double>& x);

struct GrfFigures {
  std::optional<double> peak_vertical_bw, impact_peak_bw, impact_peak_time_s, loading_rate_bw_s,
      peak_braking_bw, peak_propulsive_bw;
};

struct JointFigures {
  std::optional<double> peak_extensor_moment_nm_kg, peak_flexor_moment_nm_kg, negative_work_j_kg,
      positive_work_j_kg, peak_reaction_force_bw;
};

struct LoadSummary {
  GrfFigures grf;
  std::array<JointFigures, 3> joints;  // hip, knee, ankle
  int stances = 0, strides = 0;        // counted after the warm-up
  int stances_with_impact_peak = 0;     // of `stances`; grf.impact_peak_* needs at least half
  // Largest, over hip, knee and ankle (sagittal), of the RMS of |ID moment - applied torque -
  // range-of-motion torque| over the steady state, relative to the joint's peak applied moment.
  std::optional<double> inverse_dynamics_residual;
};

// The loads of one output sample (timeseries.csv, the OpenSim files): means over the physics
// steps since the previous sample. World frame (X forward, Y up, Z right); per foot and leg,
// index 0 = left.
struct LoadSample {
  std::array<Vec3, 2> grf{};          // ground reaction force on each foot, N
  std::array<Vec3, 2> cop{};          // its centre of pressure (force-weighted), m; 0 unloaded
  std::array<Vec3, 2> free_moment{};  // moment of the foot's contact forces about the COP, N m
  std::vector<double> moment;         // inverse dynamics, per DOF along its axis, N m
  // Per leg, hip / knee / ankle: joint reaction force on the distal segment (N) and sagittal
  // joint power (W).
  std::array<std::array<Vec3, 3>, 2> reaction{};
  std::array<std::array<double, 3>, 2> power{};
  Vec3 residual_force{0.0}, residual_moment{0.0};  // what the pelvis still needs (unmeasured)
  int steps = 0;                                   // physics steps averaged; 0 = none yet
};

// Trailing moving average over the GRF smoothing window (10 ms), for signals that arrive one
// physics step at a time.
class MovingAverage {
 public:
  double Add(double x, double dt);

 private:
  std::deque<double> window_;
  double sum_ = 0.0;
};

class LoadAnalyzer {
 public:
  explicit LoadAnalyzer(const HumanModel& model);

  // Call once after every physics step with the state before and after it.
  void Observe(double time_s, const RunnerState& prev, const RunnerState& cur, double dt);

  // Averages over stances and strides that start after `warmup_s`, both legs pooled.
  LoadSummary Summarize(double warmup_s) const;

  // The means since the last call, for one output sample; starts the next interval.
  LoadSample TakeSample();

  // Stance curves over the stances that start after `warmup_s` and last 0.1-1 s (a scuff or
  // standing is not a running stance); `stances` is 0 when there is none.
  StanceProfile Profile(double warmup_s) const;
  // Stances starting this late always count (RunStats::WarmupSeconds is at most 10 s), so their
  // curves are summed as they come; earlier ones are kept one by one.
  static constexpr double kProfileKeepS = 10.0;

  static constexpr const char* kJointNames[3] = {"hip", "knee", "ankle"};

 private:
  struct Stance {
    double start_s = 0.0;
    GrfFigures grf;
  };
  struct Stride {
    double start_s = 0.0;
    std::array<double, 3> peak_extensor{}, peak_flexor{}, negative_work{}, positive_work{},
        peak_reaction{};
  };
  struct Leg {
    bool loaded = false;
    double event_s = -1.0;  // time of the last touchdown or toe-off
    std::vector<double> fy_bw, fx_bw;  // this stance so far
    // And per hip, knee, ankle: angle (rad), angular velocity (rad/s), net moment (N m).
    std::array<std::vector<double>, 3> q, qdot, moment;
    bool stride_open = false;
    Stride stride;
    std::array<int, 3> dof{};  // sagittal DOF of hip, knee, ankle
    std::array<int, 3> joint{};
    std::array<MovingAverage, 3> moment_filter, reaction_filter;
  };

  void AddStanceCurves(const Leg& leg, double start_s, double dt);

  const HumanModel& model_;
  double weight_n_ = 0.0;
  std::array<Leg, 2> legs_;
  std::vector<Stance> stances_;
  std::vector<Stride> strides_;
  // Cross-check, in one-second bins so that any warm-up can be left out: per joint, the sum of
  // squared moment errors, the peak |applied|, and the sample count.
  struct ResidualBin {
    std::array<double, 3> sq{}, peak{};
    long n = 0;
  };
  std::vector<ResidualBin> residual_bins_;
  // Stance curves (StanceProfile channels): those of stances before kProfileKeepS one by one,
  // with their start; the later ones as sums and sums of squares.
  using Curves = std::array<std::array<double, StanceProfile::kPoints>, StanceProfile::kChannels>;
  std::vector<std::pair<double, Curves>> early_curves_;
  Curves curve_sum_{}, curve_sq_sum_{};
  int curve_count_ = 0;
  // Sums for the output sample in progress (the COP as force-weighted sums and loads).
  LoadSample interval_;
  std::array<Vec3, 2> cop_sum_{};
  std::array<double, 2> cop_load_{};
};

}  // namespace poselab::sim
