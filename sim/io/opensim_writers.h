// OpenSim-readable exports of one runner, in OpenSim's storage format (a header of key=value
// lines ending in "endheader", then tab-separated columns with time first):
//   grf_<runner>.mot         ground reaction forces for ExternalLoads: per foot l_ / r_,
//                            ground_force_v{x,y,z} (N), ground_force_p{x,y,z} (the centre of
//                            pressure, m), ground_torque_{x,y,z} (the free moment about it, N m)
//   id_<runner>.sto          inverse-dynamics generalized forces: <dof>_moment (N m) per DOF,
//                            and what the pelvis (floating base) still needs, pelvis_residual_*
//   kinematics_<runner>.mot  coordinates: pelvis_t{x,y,z} (m), pelvis_tilt / list / rotation
//                            (body-fixed Z-X-Y angles of the pelvis, deg), each DOF (deg)
// World frame as OpenSim's: X forward, Y up, Z right. Each row holds the means over the physics
// steps since the previous row (LoadSample); the coordinates are the state at the row's time.
#pragma once

#include <array>
#include <fstream>
#include <string>
#include <vector>

#include "sim/analysis/load_analysis.h"
#include "sim/simulation.h"

namespace poselab::sim {

class OpenSimWriter {
 public:
  // Prepares the three files of runner `runner` in folder `dir`. The rows go to temporary files
  // until Close(), which writes each header (its row count included) and moves the file into
  // place, so that nothing half-written carries a final name.
  bool Open(const std::string& dir, const Simulation& sim, size_t runner, std::string* error);
  void WriteRow(const Simulation& sim, const LoadSample& loads);
  bool Close(std::string* error);

  // The final file names, for messages.
  std::vector<std::string> paths() const;

  // Column labels, time first (also used by the tests and the README).
  static std::vector<std::string> GrfColumns();
  static std::vector<std::string> IdColumns(const HumanModel& model);
  static std::vector<std::string> KinematicsColumns(const HumanModel& model);

 private:
  struct File {
    std::string path, body_path, title;
    bool in_degrees = false;
    std::vector<std::string> columns;
    std::ofstream body;
    long rows = 0;
  };
  std::array<File, 3> files_;
  size_t runner_ = 0;
};

}  // namespace poselab::sim
