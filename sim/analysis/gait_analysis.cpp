// Gait events from foot load, and steady-state gait figures (see gait_analysis.h).
#include "sim/analysis/gait_analysis.h"

#include <algorithm>
#include <cmath>

namespace poselab::sim {

namespace {

constexpr double kSamplePeriodS = 0.01;

double Mean(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

std::optional<double> MeanOrNull(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  return Mean(v);
}

}  // namespace

const char* ToString(StrikePattern pattern) {
  switch (pattern) {
    case StrikePattern::kRearfoot:
      return "rearfoot";
    case StrikePattern::kMidfoot:
      return "midfoot";
    case StrikePattern::kForefoot:
      return "forefoot";
  }
  return "?";
}

StrikePattern ClassifyStrike(double foot_strike_angle_deg) {
  if (foot_strike_angle_deg > 8.0) return StrikePattern::kRearfoot;
  if (foot_strike_angle_deg < -1.6) return StrikePattern::kForefoot;
  return StrikePattern::kMidfoot;
}

GaitObservation ObserveGait(const HumanModel& model, const RunnerState& state) {
  GaitObservation obs;
  obs.com = state.com;
  obs.trunk_up = state.segment_poses[kTrunk].orientation * Vec3{0.0, 1.0, 0.0};
  for (int f = 0; f < 2; ++f) {
    const Side side = f == 0 ? Side::kLeft : Side::kRight;
    const int foot = HumanModel::Foot(side);
    obs.foot_fy[f] = state.foot_force[f].y;
    obs.knee[f] = JointPivotWorld(model, state, model.leg(side).knee);
    obs.ankle[f] = JointPivotWorld(model, state, model.leg(side).ankle);
    obs.foot_forward[f] = state.segment_poses[foot].orientation * Vec3{1.0, 0.0, 0.0};
    // Centre of pressure of the foot's contacts, and the point bearing the most load.
    double most = 0.0;
    for (const ContactPoint& c : state.contacts) {
      if (c.segment == foot && c.force.y > most) {
        most = c.force.y;
        obs.first_contact[f] = c.name;
      }
    }
    obs.foot_contact[f] =
        CentreOfPressure(state, foot, 0.0).value_or(state.segment_poses[foot].position);
  }
  return obs;
}

double SteadySpeedTolerance(double mean_speed_mps) {
  return std::max(0.05 * std::abs(mean_speed_mps), 0.1);
}

GaitAnalyzer::GaitAnalyzer(double body_weight_n, GaitEventThresholds thresholds)
    : body_weight_n_(body_weight_n), thresholds_(thresholds) {}

void GaitAnalyzer::Observe(double time_s, const GaitObservation& obs) {
  // COM and trunk samples at 100 Hz are plenty for oscillation and lean, and keep an hour-long
  // run to a few MB (events are still detected every step).
  if (samples_.empty() || time_s - samples_.back().time_s >= kSamplePeriodS - 1e-9) {
    const Vec3& up = obs.trunk_up;
    samples_.push_back({time_s, obs.com, std::atan2(up.x, up.y) * kRadToDeg});
  }
  for (int f = 0; f < 2; ++f) {
    const double fy = obs.foot_fy[f];
    if (time_s - last_change_s_[f] < thresholds_.min_dwell_s) continue;
    if (!in_contact_[f] && fy > thresholds_.on_bw * body_weight_n_) {
      GaitEvent e;
      e.type = GaitEvent::Type::kTouchdown;
      e.foot = f;
      e.time_s = time_s;
      e.landing_distance_m = obs.foot_contact[f].x - obs.com.x;
      const Vec3 shank = obs.ankle[f] - obs.knee[f];
      e.shin_angle_deg = std::atan2(shank.x, -shank.y) * kRadToDeg;
      const Vec3& fw = obs.foot_forward[f];
      e.foot_strike_angle_deg = std::atan2(fw.y, std::hypot(fw.x, fw.z)) * kRadToDeg;
      e.first_contact = obs.first_contact[f];
      events_.push_back(e);
      in_contact_[f] = true;
      last_change_s_[f] = time_s;
    } else if (in_contact_[f] && fy < thresholds_.off_bw * body_weight_n_) {
      GaitEvent e;
      e.type = GaitEvent::Type::kToeOff;
      e.foot = f;
      e.time_s = time_s;
      events_.push_back(e);
      in_contact_[f] = false;
      last_change_s_[f] = time_s;
    }
  }
}

GaitSummary GaitAnalyzer::Summarize(double warmup_s) const {
  GaitSummary out;
  std::vector<const GaitEvent*> touchdowns;
  for (const GaitEvent& e : events_) {
    if (e.type == GaitEvent::Type::kTouchdown && e.time_s >= warmup_s) touchdowns.push_back(&e);
  }
  out.steps = static_cast<int>(touchdowns.size());
  if (touchdowns.size() < 3) return out;  // too few steps for any steady-state figure

  auto com_at = [&](double t) {
    const auto it = std::lower_bound(samples_.begin(), samples_.end(), t,
                                     [](const Sample& s, double v) { return s.time_s < v; });
    return it == samples_.end() ? samples_.back().com : it->com;
  };
  auto next_event = [&](int foot, GaitEvent::Type type, double after) -> const GaitEvent* {
    for (const GaitEvent& e : events_) {
      if (e.foot == foot && e.type == type && e.time_s > after) return &e;
    }
    return nullptr;
  };

  // Steps: touchdown to next touchdown (either foot).
  const double t0 = touchdowns.front()->time_s, t1 = touchdowns.back()->time_s;
  const double step_time = (t1 - t0) / static_cast<double>(touchdowns.size() - 1);
  out.cadence_spm = 60.0 / step_time;
  out.speed_mps = (com_at(t1).x - com_at(t0).x) / (t1 - t0);
  out.step_length_m = *out.speed_mps * step_time;
  out.stride_length_m = 2.0 * *out.step_length_m;

  std::vector<double> contact, flight, oscillation, landing, shin, fsa, step_by_foot[2];
  std::array<int, 3> counts{0, 0, 0};
  for (size_t i = 0; i < touchdowns.size(); ++i) {
    const GaitEvent& td = *touchdowns[i];
    landing.push_back(td.landing_distance_m);
    shin.push_back(td.shin_angle_deg);
    fsa.push_back(td.foot_strike_angle_deg);
    counts[static_cast<int>(ClassifyStrike(td.foot_strike_angle_deg))]++;
    if (const GaitEvent* off = next_event(td.foot, GaitEvent::Type::kToeOff, td.time_s)) {
      if (i + 1 < touchdowns.size() || off->time_s <= t1)
        contact.push_back(off->time_s - td.time_s);
    }
    if (i == 0) continue;
    const GaitEvent& prev = *touchdowns[i - 1];
    step_by_foot[td.foot].push_back(td.time_s - prev.time_s);
    // Flight: from the previous foot's toe-off to this touchdown (none if they overlap).
    if (const GaitEvent* off = next_event(prev.foot, GaitEvent::Type::kToeOff, prev.time_s)) {
      flight.push_back(std::max(0.0, td.time_s - off->time_s));
    }
    double lo = 1e9, hi = -1e9;
    for (const Sample& s : samples_) {
      if (s.time_s < prev.time_s || s.time_s > td.time_s) continue;
      lo = std::min(lo, s.com.y);
      hi = std::max(hi, s.com.y);
    }
    // Two touchdowns within one COM sample interval (a stumble) leave no sample in between.
    if (hi >= lo) oscillation.push_back(hi - lo);
  }
  out.contact_time_s = MeanOrNull(contact);
  out.flight_time_s = MeanOrNull(flight);
  if (out.contact_time_s) out.duty_factor = *out.contact_time_s / (2.0 * step_time);
  out.vertical_oscillation_m = MeanOrNull(oscillation);
  out.landing_distance_m = MeanOrNull(landing);
  out.shin_angle_deg = MeanOrNull(shin);
  out.foot_strike_angle_deg = MeanOrNull(fsa);
  out.strike_counts = counts;
  if (!step_by_foot[0].empty() && !step_by_foot[1].empty()) {
    out.left_right_step_time_ratio = Mean(step_by_foot[0]) / Mean(step_by_foot[1]);
  }
  // Speed trend: least-squares line through the step speeds against step mid-times.
  std::vector<double> mid, speed;
  for (size_t i = 1; i < touchdowns.size(); ++i) {
    const double a = touchdowns[i - 1]->time_s, b = touchdowns[i]->time_s;
    if (b - a <= 0.0) continue;
    mid.push_back(0.5 * (a + b));
    speed.push_back((com_at(b).x - com_at(a).x) / (b - a));
  }
  if (mid.size() >= 2) {
    const double mt = Mean(mid), ms = Mean(speed);
    double num = 0.0, den = 0.0;
    for (size_t i = 0; i < mid.size(); ++i) {
      num += (mid[i] - mt) * (speed[i] - ms);
      den += (mid[i] - mt) * (mid[i] - mt);
    }
    if (den > 0.0) {
      out.speed_change_mps = num / den * (mid.back() - mid.front());
      out.speed_steady = std::abs(*out.speed_change_mps) <= SteadySpeedTolerance(*out.speed_mps);
    }
  }
  std::vector<double> lean;
  for (const Sample& s : samples_) {
    if (s.time_s >= t0 && s.time_s <= t1) lean.push_back(s.trunk_lean_deg);
  }
  out.trunk_lean_deg = MeanOrNull(lean);
  return out;
}

}  // namespace poselab::sim
