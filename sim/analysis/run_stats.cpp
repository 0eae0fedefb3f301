// RunStats accumulation.
#include "sim/analysis/run_stats.h"

#include <algorithm>
#include <cmath>

namespace poselab::sim {

RunStats::RunStats(const HumanModel& model)
    : model_(model),
      capped_steps_(model.joints().size(), 0),
      gait_(model.total_mass_kg() * 9.81),
      loads_(model) {}

void RunStats::Observe(const RunnerState& state, double dt) {
  if (steps_ == 0) com_start_ = state.com;
  ++steps_;
  seconds_ += dt;
  max_com_speed_ = std::max(max_com_speed_, glm::length(state.com_velocity));
  com_sum_ += state.com;
  com_sq_sum_x_ += state.com.x * state.com.x;
  com_sq_sum_z_ += state.com.z * state.com.z;
  max_excursion_ =
      std::max(max_excursion_, std::hypot(state.com.x - com_start_.x, state.com.z - com_start_.z));
  const double weight = model_.total_mass_kg() * 9.81;
  const double fy_bw = (state.foot_force[0].y + state.foot_force[1].y) / weight;
  fy_bw_sum_ += fy_bw;
  peak_fy_bw_ = std::max(peak_fy_bw_, fy_bw);
  gait_.Observe(seconds_, ObserveGait(model_, state));
  if (steps_ > 1) loads_.Observe(seconds_, prev_, state, dt);
  prev_ = state;
  for (size_t j = 0; j < model_.joints().size(); ++j) {
    const Joint& joint = model_.joint(static_cast<int>(j));
    for (int k = 0; k < joint.dof_count; ++k) {
      if (state.at_cap[joint.first_dof + k]) {
        ++capped_steps_[j];
        break;
      }
    }
  }
}

double RunStats::mean_com_height_m() const {
  return steps_ > 0 ? com_sum_.y / static_cast<double>(steps_) : 0.0;
}

double RunStats::com_sway_rms_m() const {
  if (steps_ == 0) return 0.0;
  const double n = static_cast<double>(steps_);
  const double mx = com_sum_.x / n, mz = com_sum_.z / n;
  const double var =
      std::max(com_sq_sum_x_ / n - mx * mx, 0.0) + std::max(com_sq_sum_z_ / n - mz * mz, 0.0);
  return std::sqrt(var);
}

double RunStats::mean_vertical_grf_bw() const {
  return steps_ > 0 ? fy_bw_sum_ / static_cast<double>(steps_) : 0.0;
}

std::vector<std::pair<std::string, double>> RunStats::TorqueLimitedFractions() const {
  std::vector<std::pair<std::string, double>> out;
  for (size_t j = 0; j < model_.joints().size(); ++j) {
    const Joint& joint = model_.joint(static_cast<int>(j));
    if (joint.dof_count == 0) continue;
    out.emplace_back(
        joint.name,
        steps_ > 0 ? static_cast<double>(capped_steps_[j]) / static_cast<double>(steps_) : 0.0);
  }
  return out;
}

}  // namespace poselab::sim
