// RunStats accumulation.
#include "sim/analysis/run_stats.h"

#include <algorithm>

namespace poselab::sim {

RunStats::RunStats(const HumanModel& model)
    : model_(model), capped_steps_(model.joints().size(), 0) {}

void RunStats::Observe(const RunnerState& state, double dt) {
  ++steps_;
  seconds_ += dt;
  max_com_speed_ = std::max(max_com_speed_, glm::length(state.com_velocity));
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

std::vector<std::pair<std::string, double>> RunStats::TorqueLimitedFractions() const {
  std::vector<std::pair<std::string, double>> out;
  for (size_t j = 0; j < model_.joints().size(); ++j) {
    const Joint& joint = model_.joint(static_cast<int>(j));
    if (joint.dof_count == 0) continue;
    out.emplace_back(joint.name, steps_ > 0 ? static_cast<double>(capped_steps_[j]) /
                                                  static_cast<double>(steps_)
                                            : 0.0);
  }
  return out;
}

}  // namespace poselab::sim
