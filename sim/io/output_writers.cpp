// summary.json and timeseries.csv.
#include "sim/io/output_writers.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::sim {

namespace {

using Json = nlohmann::ordered_json;

// Joint-load fields not computed at this stage of the project: null, never made up.

// Achieved minus target per gait parameter, whether each is within its bound, and whether the
// speed is steady; null where the gait could not be measured. Only for the gait controllers.
Json TrackingBlock(const ControllerDesc& target, const GaitSummary& gait) {
  if (target.type != "pose" && target.type != "heel_strike") return nullptr;
  Json block = Json::object();
  bool all = gait.speed_steady.value_or(false);
  auto add = [&](const char* error_key, const char* within_key,
                 const std::optional<double>& achieved, double wanted, double tolerance) {
    if (!achieved) {
      block[error_key] = nullptr;
      block[within_key] = nullptr;
      all = false;
      return;
    }
    const double error = *achieved - wanted;
    block[error_key] = error;
    block[within_key] = std::abs(error) <= tolerance;
    all = all && std::abs(error) <= tolerance;
  };
  add("cadence_error_spm", "cadence_within_3_spm", gait.cadence_spm, target.cadence_spm,
      kCadenceToleranceSpm);
  add("trunk_lean_error_deg", "trunk_lean_within_2_deg", gait.trunk_lean_deg, target.lean_deg,
      kLeanToleranceDeg);
  add("landing_error_m", "landing_within_0_05_m", gait.landing_distance_m,
      target.landing_offset_m, kLandingToleranceM);
  block["speed_steady"] = gait.speed_steady ? Json(*gait.speed_steady) : Json(nullptr);
  block["all_within_bounds"] = all;
  return block;
}

}  // namespace

Json BuildSummary(const Simulation& sim, const std::vector<RunStats>& stats,
                  const std::string& divergence) {
  const SceneDesc& scene = sim.scene();
  Json doc;
  doc["schema"] = 1;
  doc["scene"] = scene.name;
  doc["seconds"] = sim.time();
  doc["timestep_s"] = sim.timestep();
  // The physics settings the run used, so that a run can be reproduced from its summary alone.
  const WorldDesc& w = scene.world;
  doc["world"] = {{"timestep_s", w.timestep_s},
                  {"control_rate_hz", w.control_rate_hz},
                  {"solver_iterations", w.solver_iterations},
                  {"gravity_mps2", w.gravity_mps2},
                  {"friction", w.friction},
                  {"contact_stiffness_n_m", w.contact_stiffness_n_m},
                  {"contact_damping_ns_m", w.contact_damping_ns_m},
                  {"contact_depth_damping_ns_m2", w.contact_depth_damping_ns_m2},
                  {"seed", w.seed},
                  {"initial_perturbation_deg", w.initial_perturbation_deg},
                  {"assist_enabled", w.assist_enabled}};
  doc["version"] = Version();
  doc["diverged"] = !divergence.empty();
  doc["divergence"] = divergence.empty() ? Json(nullptr) : Json(divergence);
  Json runners = Json::array();
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    const RunnerDesc& rd = scene.runners[r];
    const FallInfo& fall = sim.fall_info(r);
    const RunnerState& st = sim.runner_state(r);
    Json runner;
    runner["name"] = rd.name;
    runner["controller"] = rd.controller.type;
    runner["params"] = {{"lean_deg", rd.controller.lean_deg},
                        {"cadence_spm", rd.controller.cadence_spm},
                        {"landing_offset_m", rd.controller.landing_offset_m}};
    runner["body"] = {{"height_m", rd.body.height_m},
                      {"mass_kg", rd.body.mass_kg},
                      {"sex", ToString(rd.body.sex)}};
    runner["fell"] = fall.fell;
    runner["fall_time_s"] = fall.fell ? Json(fall.time_s) : Json(nullptr);
    runner["fall_reason"] = fall.fell ? Json(fall.reason) : Json(nullptr);
    runner["assist_impulse_ns"] = 0.0;  // no assist force exists; scenes must keep it off
    Json capped = Json::object();
    for (const auto& [joint, fraction] : stats[r].TorqueLimitedFractions()) capped[joint] = fraction;
    runner["torque_limited_fraction"] = capped;
    const GaitSummary gait = stats[r].gait().Summarize(RunStats::WarmupSeconds(sim.time()));
    runner["steps"] = gait.steps;
    runner["final_com_m"] = {st.com.x, st.com.y, st.com.z};
    // Standing balance over the whole run (all runs; most telling for standing scenes).
    runner["balance"] = {{"mean_com_height_m", stats[r].mean_com_height_m()},
                         {"com_sway_rms_m", stats[r].com_sway_rms_m()},
                         {"max_com_excursion_m", stats[r].max_com_excursion_m()},
                         {"max_com_speed_mps", stats[r].max_com_speed_mps()},
                         {"mean_vertical_grf_bw", stats[r].mean_vertical_grf_bw()},
                         {"peak_vertical_grf_bw", stats[r].peak_vertical_grf_bw()}};
    auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
    Json strike = nullptr;
    if (gait.strike_counts) {
      strike = {{"rearfoot", (*gait.strike_counts)[0]},
                {"midfoot", (*gait.strike_counts)[1]},
                {"forefoot", (*gait.strike_counts)[2]}};
    }
    runner["gait"] = {{"speed_mps", opt(gait.speed_mps)},
                      {"cadence_spm", opt(gait.cadence_spm)},
                      {"step_length_m", opt(gait.step_length_m)},
                      {"stride_length_m", opt(gait.stride_length_m)},
                      {"contact_time_s", opt(gait.contact_time_s)},
                      {"flight_time_s", opt(gait.flight_time_s)},
                      {"duty_factor", opt(gait.duty_factor)},
                      {"vertical_oscillation_m", opt(gait.vertical_oscillation_m)},
                      {"trunk_lean_deg", opt(gait.trunk_lean_deg)},
                      {"landing_distance_m", opt(gait.landing_distance_m)},
                      {"shin_angle_deg", opt(gait.shin_angle_deg)},
                      {"foot_strike_angle_deg", opt(gait.foot_strike_angle_deg)},
                      {"strike_pattern", strike},
                      {"left_right_step_time_ratio", opt(gait.left_right_step_time_ratio)},
                      {"speed_change_mps", opt(gait.speed_change_mps)},
                      {"speed_steady", gait.speed_steady ? Json(*gait.speed_steady) : Json(nullptr)},
                      {"warmup_s", RunStats::WarmupSeconds(sim.time())}};
    // Against the parameters in force at the end of the run (after live or scheduled changes).
    runner["tracking"] = TrackingBlock(sim.controller_params(r), gait);
    // Ground reaction forces per stance and joint loads per stride, steady state (the gait's
    // warm-up), both legs pooled.
    const LoadSummary loads = stats[r].loads().Summarize(RunStats::WarmupSeconds(sim.time()));
    runner["grf"] = {{"peak_vertical_bw", opt(loads.grf.peak_vertical_bw)},
                     {"impact_peak_bw", opt(loads.grf.impact_peak_bw)},
                     {"impact_peak_time_s", opt(loads.grf.impact_peak_time_s)},
                     {"loading_rate_bw_s", opt(loads.grf.loading_rate_bw_s)},
                     {"peak_braking_bw", opt(loads.grf.peak_braking_bw)},
                     {"peak_propulsive_bw", opt(loads.grf.peak_propulsive_bw)}};
    Json joints = Json::object();
    for (int i = 0; i < 3; ++i) {
      const JointFigures& j = loads.joints[i];
      joints[LoadAnalyzer::kJointNames[i]] = {
          {"peak_extensor_moment_nm_kg", opt(j.peak_extensor_moment_nm_kg)},
          {"peak_flexor_moment_nm_kg", opt(j.peak_flexor_moment_nm_kg)},
          {"negative_work_j_kg", opt(j.negative_work_j_kg)},
          {"positive_work_j_kg", opt(j.positive_work_j_kg)},
          {"peak_reaction_force_bw", opt(j.peak_reaction_force_bw)}};
    }
    runner["joints"] = joints;
    runner["load_counts"] = {{"stances", loads.stances},
                             {"strides", loads.strides},
                             {"stances_with_impact_peak", loads.stances_with_impact_peak}};
    runner["inverse_dynamics_residual"] = opt(loads.inverse_dynamics_residual);
    runners.push_back(runner);
  }
  doc["runners"] = runners;
  return doc;
}

std::vector<std::string> TimeseriesWriter::Columns(const Simulation& sim) {
  std::vector<std::string> cols = {"time_s"};
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    const std::string p = sim.scene().runners[r].name + ".";
    const HumanModel& model = sim.runner_model(r);
    for (const char* q : {"com_x_m", "com_y_m", "com_z_m", "com_vx_mps", "com_vy_mps", "com_vz_mps"}) {
      cols.push_back(p + q);
    }
    for (const Segment& s : model.segments()) {
      for (const char* q : {"_x_m", "_y_m", "_z_m", "_qw", "_qx", "_qy", "_qz"}) {
        cols.push_back(p + s.name + q);
      }
    }
    for (const Dof& d : model.dofs()) {
      cols.push_back(p + d.name + "_rad");
      cols.push_back(p + d.name + "_radps");
      cols.push_back(p + d.name + "_torque_nm");
    }
    for (const char* foot : {"left_foot", "right_foot"}) {
      for (const char* q : {"_grf_x_n", "_grf_y_n", "_grf_z_n"}) cols.push_back(p + foot + q);
    }
    // Loads: means over the sample interval (see LoadSample).
    for (const char* foot : {"left_foot", "right_foot"}) {
      for (const char* q : {"_cop_x_m", "_cop_y_m", "_cop_z_m", "_free_moment_x_nm",
                            "_free_moment_y_nm", "_free_moment_z_nm"}) {
        cols.push_back(p + foot + q);
      }
    }
    for (const Dof& d : model.dofs()) cols.push_back(p + d.name + "_id_moment_nm");
    for (const char* side : {"left_", "right_"}) {
      for (const char* joint : LoadAnalyzer::kJointNames) {
        for (const char* q : {"_reaction_x_n", "_reaction_y_n", "_reaction_z_n", "_power_w"}) {
          cols.push_back(p + side + joint + q);
        }
      }
    }
    for (const char* q : {"id_residual_x_n", "id_residual_y_n", "id_residual_z_n"}) {
      cols.push_back(p + q);
    }
  }
  return cols;
}

bool TimeseriesWriter::Open(const std::string& path, const Simulation& sim, std::string* error) {
  out_.open(path, std::ios::out | std::ios::trunc);
  if (!out_) {
    *error = path + ": cannot open for writing";
    return false;
  }
  const auto cols = Columns(sim);
  for (size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
  out_ << '\n';
  return true;
}

void TimeseriesWriter::WriteRow(const Simulation& sim, const std::vector<LoadSample>& loads) {
  char buf[32];
  auto put = [&](double v) {
    std::snprintf(buf, sizeof(buf), ",%.9g", v);
    out_ << buf;
  };
  std::snprintf(buf, sizeof(buf), "%.6f", sim.time());
  out_ << buf;
  for (size_t r = 0; r < sim.runner_count(); ++r) {
    const RunnerState& st = sim.runner_state(r);
    for (int i = 0; i < 3; ++i) put(st.com[i]);
    for (int i = 0; i < 3; ++i) put(st.com_velocity[i]);
    for (const Transform& t : st.segment_poses) {
      for (int i = 0; i < 3; ++i) put(t.position[i]);
      put(t.orientation.w);
      put(t.orientation.x);
      put(t.orientation.y);
      put(t.orientation.z);
    }
    for (size_t d = 0; d < st.q.size(); ++d) {
      put(st.q[d]);
      put(st.qdot[d]);
      put(st.applied_torque[d]);
    }
    for (const Vec3& f : st.foot_force) {
      for (int i = 0; i < 3; ++i) put(f[i]);
    }
    const LoadSample& ld = loads[r];
    for (int f = 0; f < 2; ++f) {
      for (int i = 0; i < 3; ++i) put(ld.cop[f][i]);
      for (int i = 0; i < 3; ++i) put(ld.free_moment[f][i]);
    }
    for (size_t d = 0; d < st.q.size(); ++d) put(d < ld.moment.size() ? ld.moment[d] : 0.0);
    for (int l = 0; l < 2; ++l) {
      for (int j = 0; j < 3; ++j) {
        for (int i = 0; i < 3; ++i) put(ld.reaction[l][j][i]);
        put(ld.power[l][j]);
      }
    }
    for (int i = 0; i < 3; ++i) put(ld.residual_force[i]);
  }
  out_ << '\n';
}

std::vector<std::string> StanceProfileColumns() {
  std::vector<std::string> cols = {"stance_percent"};
  for (const char* name : StanceProfile::kNames) {
    cols.push_back(std::string(name) + "_mean");
    cols.push_back(std::string(name) + "_sd");
  }
  return cols;
}

bool WriteStanceProfile(const std::string& path, const StanceProfile& profile,
                        std::string* error) {
  const std::string tmp = path + ".partial";
  {
    std::ofstream out(tmp);
    if (!out) {
      *error = tmp + ": cannot open for writing";
      return false;
    }
    const std::vector<std::string> cols = StanceProfileColumns();
    for (size_t i = 0; i < cols.size(); ++i) out << (i ? "," : "") << cols[i];
    out << '\n';
    char buf[32];
    for (int p = 0; p < StanceProfile::kPoints; ++p) {
      out << p;
      for (int ch = 0; ch < StanceProfile::kChannels; ++ch) {
        std::snprintf(buf, sizeof(buf), ",%.6g", profile.mean[ch][p]);
        out << buf;
        std::snprintf(buf, sizeof(buf), ",%.6g", profile.sd[ch][p]);
        out << buf;
      }
      out << '\n';
    }
    out.close();
    if (out.fail()) {
      *error = tmp + ": write failed";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    *error = path + ": cannot move into place (" + ec.message() + ")";
    return false;
  }
  return true;
}

bool TimeseriesWriter::Close() {
  out_.close();
  return !out_.fail();
}

}  // namespace poselab::sim
