// Load analysis (see load_analysis.h).
#include "sim/analysis/load_analysis.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/analysis/gait_analysis.h"
#include "sim/analysis/inverse_dynamics.h"

namespace poselab::sim {

namespace {

constexpr double kGravity = 9.81;
// Every GRF figure is taken from the force low-passed by a centred 10 ms moving average (first
// zero at 100 Hz, -3 dB near 45 Hz), as force-plate data are filtered before analysis. Unfiltered,
// the figures would hinge on the timestep: the rigid friction stops a landing foot's sliding in
// one physics step, a spike whose height is the foot's momentum over dt.
constexpr double kSmoothingS = 0.01;
constexpr double kImpactWindowS = 0.08;    // an impact peak lies in the first 80 ms...
constexpr double kImpactWindowFraction = 0.3;  // ...and the first 30% of the stance
constexpr double kImpactDipBw = 0.1;       // the force falls this much after it
constexpr double kNoPeakReferenceFraction = 0.13;
constexpr double kMinStrideS = 0.3, kMaxStrideS = 2.0;

// A stance's force, smoothed: outside the stance the foot's force is zero, and the window counts
// those zeros, so that the rise at touchdown is smoothed like the rest (a truncated window would
// leave the first samples as sharp as the physics step made them).
// The window is kSmoothingS wide at any step: each sample stands for the dt around it, and the
// samples at the window's ends count for the part of their dt inside it (an 11-sample window at
// 1 ms would be 11 ms wide, a 21-sample one at 0.5 ms 10.5 ms, and a wider window flattens a
// landing's rise: the Pose runner's loading rate moved 9% when the step was halved).
std::vector<double> BoxWeights(double dt) {
  const double half = 0.5 * kSmoothingS / dt;  // in samples
  std::vector<double> w;
  for (int k = 0;; ++k) {
    const double inside = std::clamp(half - (k - 0.5), 0.0, 1.0);
    if (inside <= 0.0) break;
    w.push_back(inside);
  }
  return w;  // w[k] for offsets +-k; they sum to kSmoothingS / dt over both sides
}

std::vector<double> Smooth(const std::vector<double>& x, double dt) {
  const std::vector<double> w = BoxWeights(dt);
  const double total = std::max(1.0, kSmoothingS / dt);
  const int half = static_cast<int>(w.size()) - 1;
  const int n = static_cast<int>(x.size());
  std::vector<double> out(x.size());
  for (int i = 0; i < n; ++i) {
    double sum = 0.0;
    for (int k = std::max(0, i - half); k <= std::min(n - 1, i + half); ++k) {
      sum += w[std::abs(k - i)] * x[k];
    }
    out[i] = sum / total;
  }
  return out;
}

// The same window averaging only the samples it has at the ends (a joint's moment is not zero
// outside the stance, unlike the foot's force): Smooth(x) over Smooth(1).
std::vector<double> SmoothTruncated(const std::vector<double>& x, double dt) {
  std::vector<double> out = Smooth(x, dt);
  const std::vector<double> coverage = Smooth(std::vector<double>(x.size(), 1.0), dt);
  for (size_t i = 0; i < out.size(); ++i) out[i] /= coverage[i];
  return out;
}

constexpr double kProfileMinStanceS = 0.1, kProfileMaxStanceS = 1.0;

}  // namespace

const char* const StanceProfile::kNames[StanceProfile::kChannels] = {
    "vertical_grf_bw",     "fore_aft_grf_bw",        "hip_flexion_deg",
    "knee_flexion_deg",    "ankle_dorsiflexion_deg", "hip_moment_nm_kg",
    "knee_moment_nm_kg",   "ankle_moment_nm_kg",     "hip_power_w_kg",
    "knee_power_w_kg",     "ankle_power_w_kg"};

std::array<double, StanceProfile::kPoints> NormaliseToStance(const std::vector<double>& x) {
  std::array<double, StanceProfile::kPoints> out{};
  const int n = static_cast<int>(x.size());
  if (n == 0) return out;
  for (int p = 0; p < StanceProfile::kPoints; ++p) {
    const double at = (n - 1) * static_cast<double>(p) / (StanceProfile::kPoints - 1);
    const int i = std::min(static_cast<int>(at), n - 1);
    const int j = std::min(i + 1, n - 1);
    out[p] = x[i] + (at - i) * (x[j] - x[i]);
  }
  return out;
}

double MovingAverage::Add(double x, double dt) {
  const size_t n = std::max<size_t>(1, static_cast<size_t>(std::lround(kSmoothingS / dt)));
  window_.push_back(x);
  sum_ += x;
  while (window_.size() > n) {
    sum_ -= window_.front();
    window_.pop_front();
  }
  return sum_ / static_cast<double>(window_.size());
}

namespace {

std::optional<double> Mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  double s = 0.0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

}  // namespace

std::optional<ImpactPeak> FindImpactPeak(const std::vector<double>& fy_bw, double dt) {
  const int n = static_cast<int>(fy_bw.size());
  if (n < 5 || dt <= 0.0) return std::nullopt;
  const std::vector<double> s = Smooth(fy_bw, dt);
  const int window = std::min(static_cast<int>(kImpactWindowFraction * n),
                              static_cast<int>(kImpactWindowS / dt));
  for (int i = 1; i < std::min(window, n - 1); ++i) {
    if (!(s[i] > s[i - 1] && s[i] >= s[i + 1])) continue;
    // The dip: the lowest force between this maximum and the highest point after it.
    const int k = static_cast<int>(std::max_element(s.begin() + i + 1, s.end()) - s.begin());
    const double dip = *std::min_element(s.begin() + i + 1, s.begin() + k + 1);
    if (s[i] - dip < kImpactDipBw || s[k] - dip < kImpactDipBw) continue;
    return ImpactPeak{s[i], i * dt};
  }
  return std::nullopt;
}

std::optional<double> AverageLoadingRate(const std::vector<double>& fy_bw, double dt,
                                         const std::optional<ImpactPeak>& impact) {
  const int n = static_cast<int>(fy_bw.size());
  if (n < 5 || dt <= 0.0) return std::nullopt;
  const std::vector<double> s = Smooth(fy_bw, dt);
  const int ref_index = impact ? static_cast<int>(std::lround(impact->time_s / dt))
                               : static_cast<int>(std::lround(kNoPeakReferenceFraction * n));
  if (ref_index <= 1 || ref_index >= n) return std::nullopt;
  const double ref = impact ? impact->value_bw : s[ref_index];
  // Where the force first reaches `level`: (sample index, force), interpolated linearly between
  // the samples either side, since a steep landing crosses 20% and 80% between samples and the
  // nearest sample after each crossing would make the rate depend on where the samples fall.
  // A force already above `level` at touchdown (the filtered force starts from what the contact
  // took in its first milliseconds) gives the first sample.
  struct Point {
    double index = -1.0, force = 0.0;
  };
  auto crossing = [&](double level) {
    for (int i = 0; i <= ref_index; ++i) {
      if (s[i] < level) continue;
      if (i == 0) return Point{0.0, s[0]};
      return Point{(i - 1) + (level - s[i - 1]) / (s[i] - s[i - 1]), level};
    }
    return Point{};
  };
  const Point a = crossing(0.2 * ref), b = crossing(0.8 * ref);
  if (a.index < 0.0 || b.index <= a.index) return std::nullopt;
  return (b.force - a.force) / ((b.index - a.index) * dt);
}

LoadAnalyzer::LoadAnalyzer(const HumanModel& model)
    : model_(model), weight_n_(model.total_mass_kg() * kGravity) {
  for (Side side : {Side::kLeft, Side::kRight}) {
    Leg& leg = legs_[side == Side::kLeft ? 0 : 1];
    const std::string p = side == Side::kLeft ? "left_" : "right_";
    leg.dof = {model.FindDof(p + "hip_flexion"), model.FindDof(p + "knee_flexion"),
               model.FindDof(p + "ankle_dorsiflexion")};
    const LegJoints& lj = model.leg(side);
    leg.joint = {lj.hip, lj.knee, lj.ankle};
  }
}

void LoadAnalyzer::Observe(double time_s, const RunnerState& prev, const RunnerState& cur,
                           double dt) {
  const double mass = model_.total_mass_kg();
  const InverseDynamicsResult id = CalcInverseDynamics(model_, prev, cur, dt);
  const std::vector<double> moment = MomentsPerDof(model_, cur, id);

  const size_t bin = static_cast<size_t>(std::max(0.0, std::floor(time_s)));
  if (residual_bins_.size() <= bin) residual_bins_.resize(bin + 1);
  ResidualBin& rb = residual_bins_[bin];
  ++rb.n;

  // Sums for the output sample.
  if (interval_.moment.empty()) interval_.moment.assign(moment.size(), 0.0);
  ++interval_.steps;
  for (size_t d = 0; d < moment.size(); ++d) interval_.moment[d] += moment[d];
  interval_.residual_force += id.residual_force_n;
  interval_.residual_moment += id.residual_moment_nm;
  for (int f = 0; f < 2; ++f) {
    interval_.grf[f] += cur.foot_force[f];
    const int seg = HumanModel::Foot(f == 0 ? Side::kLeft : Side::kRight);
    if (const auto cop = CentreOfPressure(cur, seg, 0.0)) {
      cop_sum_[f] += cur.foot_force[f].y * *cop;
      cop_load_[f] += cur.foot_force[f].y;
      for (const ContactPoint& c : cur.contacts) {
        if (c.segment == seg) interval_.free_moment[f] += glm::cross(c.position - *cop, c.force);
      }
    }
  }

  const GaitEventThresholds thresholds;
  for (Leg& leg : legs_) {
    const int l = static_cast<int>(&leg - legs_.data());
    const double fy = cur.foot_force[l].y / weight_n_;
    const double fx = cur.foot_force[l].x / weight_n_;
    const bool dwelt = time_s - leg.event_s >= thresholds.min_dwell_s || leg.event_s < 0.0;
    if (!leg.loaded && fy > thresholds.on_bw && dwelt) {
      leg.loaded = true;
      leg.event_s = time_s;
      leg.fy_bw.clear();
      leg.fx_bw.clear();
      for (int i = 0; i < 3; ++i) {
        leg.q[i].clear();
        leg.qdot[i].clear();
        leg.moment[i].clear();
      }
      // A touchdown ends this leg's stride and starts the next.
      const double length = time_s - leg.stride.start_s;
      if (leg.stride_open && length >= kMinStrideS && length <= kMaxStrideS) {
        strides_.push_back(leg.stride);
      }
      leg.stride = Stride{};
      leg.stride.start_s = time_s;
      leg.stride_open = true;
    } else if (leg.loaded && fy < thresholds.off_bw && dwelt) {
      leg.loaded = false;
      leg.event_s = time_s;
      Stance st;
      st.start_s = time_s - static_cast<double>(leg.fy_bw.size()) * dt;
      GrfFigures& g = st.grf;
      if (!leg.fy_bw.empty()) {
        const std::vector<double> fy_f = Smooth(leg.fy_bw, dt), fx_f = Smooth(leg.fx_bw, dt);
        g.peak_vertical_bw = *std::max_element(fy_f.begin(), fy_f.end());
        const auto impact = FindImpactPeak(leg.fy_bw, dt);
        if (impact) {
          g.impact_peak_bw = impact->value_bw;
          g.impact_peak_time_s = impact->time_s;
        }
        g.loading_rate_bw_s = AverageLoadingRate(leg.fy_bw, dt, impact);
        g.peak_braking_bw = std::max(0.0, -*std::min_element(fx_f.begin(), fx_f.end()));
        g.peak_propulsive_bw = std::max(0.0, *std::max_element(fx_f.begin(), fx_f.end()));
      }
      stances_.push_back(st);
      const double length = static_cast<double>(leg.fy_bw.size()) * dt;
      if (length >= kProfileMinStanceS && length <= kProfileMaxStanceS) {
        AddStanceCurves(leg, st.start_s, dt);
      }
    }
    if (leg.loaded) {
      leg.fy_bw.push_back(fy);
      leg.fx_bw.push_back(fx);
      for (int i = 0; i < 3; ++i) {
        leg.q[i].push_back(cur.q[leg.dof[i]]);
        leg.qdot[i].push_back(cur.qdot[leg.dof[i]]);
        leg.moment[i].push_back(moment[leg.dof[i]]);
      }
    }
    for (int i = 0; i < 3; ++i) {
      const int d = leg.dof[i];
      const double applied = cur.applied_torque[d] + cur.passive_torque[d];
      const double error = moment[d] - applied;
      rb.sq[i] += error * error;
      rb.peak[i] = std::max(rb.peak[i], std::abs(applied));
      interval_.reaction[l][i] += id.joints[leg.joint[i]].force_n;
      interval_.power[l][i] += moment[d] * cur.qdot[d];
      // The stride figures use the moment and reaction force low-passed like the GRF (the same
      // cutoff for forces and kinematics, as Kristianslund, Krosshaug & van den Bogert 2012,
      // J Biomech 45:666, recommend): a contact or limit impulse resolved in one physics step
      // would otherwise set a peak that grows as the step shrinks.
      const double moment_f = leg.moment_filter[i].Add(moment[d], dt);
      const double reaction_f =
          leg.reaction_filter[i].Add(glm::length(id.joints[leg.joint[i]].force_n), dt);
      if (!leg.stride_open) continue;
      Stride& s = leg.stride;
      const double m = moment_f / mass;  // + = flexor (dorsiflexor at the ankle)
      s.peak_extensor[i] = std::max(s.peak_extensor[i], -m);
      s.peak_flexor[i] = std::max(s.peak_flexor[i], m);
      const double power = moment_f * cur.qdot[d] / mass;  // W/kg
      (power < 0.0 ? s.negative_work[i] : s.positive_work[i]) += power * dt;
      s.peak_reaction[i] = std::max(s.peak_reaction[i], reaction_f / weight_n_);
    }
  }
}

void LoadAnalyzer::AddStanceCurves(const Leg& leg, double start_s, double dt) {
  const double mass = model_.total_mass_kg();
  Curves c{};
  c[0] = NormaliseToStance(Smooth(leg.fy_bw, dt));
  c[1] = NormaliseToStance(Smooth(leg.fx_bw, dt));
  for (int i = 0; i < 3; ++i) {
    std::vector<double> deg(leg.q[i].size()), moment = SmoothTruncated(leg.moment[i], dt),
                                              power(leg.q[i].size());
    for (size_t k = 0; k < deg.size(); ++k) {
      deg[k] = leg.q[i][k] * kRadToDeg;
      power[k] = moment[k] * leg.qdot[i][k] / mass;
      moment[k] /= mass;
    }
    c[2 + i] = NormaliseToStance(deg);
    c[5 + i] = NormaliseToStance(moment);
    c[8 + i] = NormaliseToStance(power);
  }
  if (start_s < kProfileKeepS) {
    early_curves_.emplace_back(start_s, c);
    return;
  }
  ++curve_count_;
  for (int ch = 0; ch < StanceProfile::kChannels; ++ch) {
    for (int p = 0; p < StanceProfile::kPoints; ++p) {
      curve_sum_[ch][p] += c[ch][p];
      curve_sq_sum_[ch][p] += c[ch][p] * c[ch][p];
    }
  }
}

StanceProfile LoadAnalyzer::Profile(double warmup_s) const {
  Curves sum = curve_sum_, sq = curve_sq_sum_;
  int n = curve_count_;
  for (const auto& [start_s, c] : early_curves_) {
    if (start_s < warmup_s) continue;
    ++n;
    for (int ch = 0; ch < StanceProfile::kChannels; ++ch) {
      for (int p = 0; p < StanceProfile::kPoints; ++p) {
        sum[ch][p] += c[ch][p];
        sq[ch][p] += c[ch][p] * c[ch][p];
      }
    }
  }
  StanceProfile out;
  out.stances = n;
  if (n == 0) return out;
  for (int ch = 0; ch < StanceProfile::kChannels; ++ch) {
    for (int p = 0; p < StanceProfile::kPoints; ++p) {
      const double mean = sum[ch][p] / n;
      out.mean[ch][p] = mean;
      out.sd[ch][p] = n > 1 ? std::sqrt(std::max(0.0, (sq[ch][p] - n * mean * mean) / (n - 1)))
                            : 0.0;
    }
  }
  return out;
}

LoadSample LoadAnalyzer::TakeSample() {
  LoadSample out = interval_;
  if (out.steps > 0) {
    const double n = static_cast<double>(out.steps);
    for (double& m : out.moment) m /= n;
    out.residual_force /= n;
    out.residual_moment /= n;
    for (int f = 0; f < 2; ++f) {
      out.grf[f] /= n;
      out.free_moment[f] /= n;
      out.cop[f] = cop_load_[f] > 0.0 ? cop_sum_[f] / cop_load_[f] : Vec3{0.0};
      for (int i = 0; i < 3; ++i) {
        out.reaction[f][i] /= n;
        out.power[f][i] /= n;
      }
    }
  } else {
    out.moment.assign(static_cast<size_t>(model_.dof_count()), 0.0);
  }
  interval_ = LoadSample{};
  cop_sum_ = {};
  cop_load_ = {};
  return out;
}

LoadSummary LoadAnalyzer::Summarize(double warmup_s) const {
  LoadSummary out;
  std::vector<double> peak, impact, impact_t, rate, braking, propulsive;
  int with_impact = 0;
  for (const Stance& s : stances_) {
    if (s.start_s < warmup_s) continue;
    ++out.stances;
    const GrfFigures& g = s.grf;
    if (g.peak_vertical_bw) peak.push_back(*g.peak_vertical_bw);
    if (g.impact_peak_bw) {
      ++with_impact;
      impact.push_back(*g.impact_peak_bw);
      impact_t.push_back(*g.impact_peak_time_s);
    }
    if (g.loading_rate_bw_s) rate.push_back(*g.loading_rate_bw_s);
    if (g.peak_braking_bw) braking.push_back(*g.peak_braking_bw);
    if (g.peak_propulsive_bw) propulsive.push_back(*g.peak_propulsive_bw);
  }
  out.grf.peak_vertical_bw = Mean(peak);
  out.stances_with_impact_peak = with_impact;
  // An impact peak is reported when at least half the stances have one.
  if (out.stances > 0 && 2 * with_impact >= out.stances) {
    out.grf.impact_peak_bw = Mean(impact);
    out.grf.impact_peak_time_s = Mean(impact_t);
  }
  out.grf.loading_rate_bw_s = Mean(rate);
  out.grf.peak_braking_bw = Mean(braking);
  out.grf.peak_propulsive_bw = Mean(propulsive);

  std::array<std::vector<double>, 3> ext, flex, neg, pos, reaction;
  for (const Stride& s : strides_) {
    if (s.start_s < warmup_s) continue;
    ++out.strides;
    for (int i = 0; i < 3; ++i) {
      ext[i].push_back(s.peak_extensor[i]);
      flex[i].push_back(s.peak_flexor[i]);
      neg[i].push_back(s.negative_work[i]);
      pos[i].push_back(s.positive_work[i]);
      reaction[i].push_back(s.peak_reaction[i]);
    }
  }
  for (int i = 0; i < 3; ++i) {
    out.joints[i] = {Mean(ext[i]), Mean(flex[i]), Mean(neg[i]), Mean(pos[i]), Mean(reaction[i])};
  }

  ResidualBin total;
  for (size_t b = 0; b < residual_bins_.size(); ++b) {
    if (static_cast<double>(b) < warmup_s) continue;
    const ResidualBin& rb = residual_bins_[b];
    total.n += rb.n;
    for (int i = 0; i < 3; ++i) {
      total.sq[i] += rb.sq[i];
      total.peak[i] = std::max(total.peak[i], rb.peak[i]);
    }
  }
  if (total.n > 0) {
    double worst = 0.0;
    for (int i = 0; i < 3; ++i) {
      if (total.peak[i] <= 0.0) continue;
      const double rms = std::sqrt(total.sq[i] / (2.0 * static_cast<double>(total.n)));
      worst = std::max(worst, rms / total.peak[i]);
    }
    out.inverse_dynamics_residual = worst;
  }
  return out;
}

}  // namespace poselab::sim
