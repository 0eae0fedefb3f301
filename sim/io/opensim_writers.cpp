// OpenSim storage files (see opensim_writers.h).
#include "sim/io/opensim_writers.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace poselab::sim {

namespace {

namespace fs = std::filesystem;

void PutRow(std::ofstream& out, double time, const std::vector<double>& values) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6f", time);
  out << buf;
  for (double v : values) {
    std::snprintf(buf, sizeof(buf), "\t%.9g", v);
    out << buf;
  }
  out << '\n';
}

}  // namespace

std::vector<std::string> OpenSimWriter::GrfColumns() {
  std::vector<std::string> cols = {"time"};
  for (const char* foot : {"l_", "r_"}) {
    for (const char* q : {"ground_force_vx", "ground_force_vy", "ground_force_vz", "ground_force_px",
                          "ground_force_py", "ground_force_pz", "ground_torque_x",
                          "ground_torque_y", "ground_torque_z"}) {
      cols.push_back(std::string(foot) + q);
    }
  }
  return cols;
}

std::vector<std::string> OpenSimWriter::IdColumns(const HumanModel& model) {
  std::vector<std::string> cols = {"time"};
  for (const Dof& d : model.dofs()) cols.push_back(d.name + "_moment");
  for (const char* q : {"pelvis_residual_x_force", "pelvis_residual_y_force",
                        "pelvis_residual_z_force", "pelvis_residual_x_moment",
                        "pelvis_residual_y_moment", "pelvis_residual_z_moment"}) {
    cols.push_back(q);
  }
  return cols;
}

std::vector<std::string> OpenSimWriter::KinematicsColumns(const HumanModel& model) {
  std::vector<std::string> cols = {"time",        "pelvis_tx",   "pelvis_ty",      "pelvis_tz",
                                   "pelvis_tilt", "pelvis_list", "pelvis_rotation"};
  for (const Dof& d : model.dofs()) cols.push_back(d.name);
  return cols;
}

bool OpenSimWriter::Open(const std::string& dir, const Simulation& sim, size_t runner,
                         std::string* error) {
  runner_ = runner;
  const std::string name = sim.scene().runners[runner].name;
  const HumanModel& model = sim.runner_model(runner);
  const std::string stems[3] = {"grf_" + name + ".mot", "id_" + name + ".sto",
                                "kinematics_" + name + ".mot"};
  const char* titles[3] = {"Ground reaction forces", "Inverse Dynamics Generalized Forces",
                           "Coordinates"};
  const std::vector<std::string> columns[3] = {GrfColumns(), IdColumns(model),
                                               KinematicsColumns(model)};
  for (int i = 0; i < 3; ++i) {
    File& f = files_[i];
    f.path = (fs::path(dir) / stems[i]).string();
    f.body_path = f.path + ".partial";
    f.title = stems[i].substr(0, stems[i].find('.')) + " (" + titles[i] + ")";
    f.in_degrees = i == 2;
    f.columns = columns[i];
    f.rows = 0;
    f.body.open(f.body_path, std::ios::out | std::ios::trunc);
    if (!f.body) {
      *error = f.body_path + ": cannot open for writing";
      return false;
    }
  }
  return true;
}

void OpenSimWriter::WriteRow(const Simulation& sim, const LoadSample& loads) {
  const RunnerState& st = sim.runner_state(runner_);
  const HumanModel& model = sim.runner_model(runner_);
  const double t = sim.time();

  std::vector<double> grf;
  for (int f = 0; f < 2; ++f) {
    for (int i = 0; i < 3; ++i) grf.push_back(loads.grf[f][i]);
    for (int i = 0; i < 3; ++i) grf.push_back(loads.cop[f][i]);
    for (int i = 0; i < 3; ++i) grf.push_back(loads.free_moment[f][i]);
  }
  PutRow(files_[0].body, t, grf);
  ++files_[0].rows;

  std::vector<double> id = loads.moment;
  id.resize(static_cast<size_t>(model.dof_count()), 0.0);
  for (int i = 0; i < 3; ++i) id.push_back(loads.residual_force[i]);
  for (int i = 0; i < 3; ++i) id.push_back(loads.residual_moment[i]);
  PutRow(files_[1].body, t, id);
  ++files_[1].rows;

  // Pelvis orientation as body-fixed Z (tilt), X (list), Y (rotation) angles:
  // R = Rz(tilt) Rx(list) Ry(rotation); glm matrices are column-major, m[col][row].
  const Transform& pelvis = st.segment_poses[kPelvis];
  const Mat3 m = glm::mat3_cast(pelvis.orientation);
  const double list = std::asin(std::clamp(m[1][2], -1.0, 1.0));
  const double tilt = std::atan2(-m[1][0], m[1][1]);
  const double rotation = std::atan2(-m[0][2], m[2][2]);
  std::vector<double> kin = {pelvis.position.x,  pelvis.position.y,  pelvis.position.z,
                             tilt * kRadToDeg, list * kRadToDeg, rotation * kRadToDeg};
  for (double q : st.q) kin.push_back(q * kRadToDeg);
  PutRow(files_[2].body, t, kin);
  ++files_[2].rows;
}

bool OpenSimWriter::Close(std::string* error) {
  for (File& f : files_) {
    f.body.close();
    if (f.body.fail()) {
      *error = f.body_path + ": write failed";
      return false;
    }
    const std::string tmp = f.path + ".tmp";
    std::ofstream out(tmp, std::ios::out | std::ios::trunc);
    out << f.title << "\nversion=1\nnRows=" << f.rows << "\nnColumns=" << f.columns.size()
        << "\ninDegrees=" << (f.in_degrees ? "yes" : "no") << "\nendheader\n";
    for (size_t i = 0; i < f.columns.size(); ++i) out << (i ? "\t" : "") << f.columns[i];
    out << '\n';
    if (f.rows > 0) {
      std::ifstream body(f.body_path);
      out << body.rdbuf();
    }
    out.close();
    if (out.fail()) {
      *error = tmp + ": write failed";
      return false;
    }
    std::error_code ec;
    fs::rename(tmp, f.path, ec);
    if (ec) {
      *error = f.path + ": cannot move into place (" + ec.message() + ")";
      return false;
    }
    fs::remove(f.body_path, ec);
  }
  return true;
}

std::vector<std::string> OpenSimWriter::paths() const {
  std::vector<std::string> out;
  for (const File& f : files_) out.push_back(f.path);
  return out;
}

}  // namespace poselab::sim
