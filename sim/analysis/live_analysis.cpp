// Live per-runner figures for the viewer (see live_analysis.h).
#include "sim/analysis/live_analysis.h"

#include <string>

#include "sim/analysis/inverse_dynamics.h"
#include "sim/core/result.h"

namespace poselab::sim {

namespace {
constexpr double kGravity = 9.81;
}  // namespace

LiveAnalyzer::LiveAnalyzer(const HumanModel& model)
    : model_(model),
      weight_n_(model.total_mass_kg() * kGravity),
      gait_(model.total_mass_kg() * kGravity) {
  for (int l = 0; l < 2; ++l) {
    const Side side = l == 0 ? Side::kLeft : Side::kRight;
    const std::string p = side == Side::kLeft ? "left_" : "right_";
    const LegJoints& lj = model.leg(side);
    joint_[l] = {lj.hip, lj.knee, lj.ankle};
    dof_[l] = {model.FindDof(p + "hip_flexion"), model.FindDof(p + "knee_flexion"),
               model.FindDof(p + "ankle_dorsiflexion")};
    for (int i = 0; i < kLegJointCount; ++i) {
      POSELAB_ASSERT(joint_[l][i] >= 0 && dof_[l][i] >= 0,
                     "LiveAnalyzer: the model lacks a hip, knee or ankle sagittal DOF");
    }
  }
}

void LiveAnalyzer::Reset() {
  filters_ = {};
  gait_ = GaitAnalyzer(weight_n_);
  events_seen_ = 0;
  has_prev_ = false;
  figures_ = LiveFigures{};
}

void LiveAnalyzer::Observe(double time_s, const RunnerState& state, double dt) {
  // Touchdowns and toe-offs: the same detector as the CLI's gait figures.
  const GaitObservation obs = ObserveGait(model_, state);
  gait_.Observe(time_s, obs);
  const std::vector<GaitEvent>& events = gait_.events();
  for (; events_seen_ < events.size(); ++events_seen_) {
    const GaitEvent& e = events[events_seen_];
    const bool touchdown = e.type == GaitEvent::Type::kTouchdown;
    figures_.foot_loaded[e.foot] = touchdown;
    if (touchdown) {
      // The event was detected on this very state, so the observation is the touchdown's.
      Vec3 contact = obs.foot_contact[e.foot];
      contact.y = 0.0;
      figures_.last_touchdown =
          TouchdownMark{e.foot, e.time_s, contact, obs.com, e.landing_distance_m};
    }
  }

  // Loads: inverse dynamics needs the velocity change over the step, so two states.
  if (has_prev_ && dt > 0.0) {
    const InverseDynamicsResult id = CalcInverseDynamics(model_, prev_, state, dt);
    const std::vector<double> moment = MomentsPerDof(model_, state, id);
    const double mass = model_.total_mass_kg();
    for (int l = 0; l < 2; ++l) {
      for (int i = 0; i < kLegJointCount; ++i) {
        JointFilters& f = filters_[l][i];
        LiveJointLoad& out = figures_.legs[l][i];
        const Vec3& force = id.joints[joint_[l][i]].force_n;
        const int d = dof_[l][i];
        for (int k = 0; k < 3; ++k) out.reaction_n[k] = f.reaction[k].Add(force[k], dt);
        out.reaction_bw = glm::length(out.reaction_n) / weight_n_;
        out.moment_nm_kg = f.moment.Add(moment[d], dt) / mass;
        out.power_w_kg = f.power.Add(moment[d] * state.qdot[d], dt) / mass;
      }
    }
    figures_.has_loads = true;
  }
  prev_ = state;
  has_prev_ = true;
}

}  // namespace poselab::sim
