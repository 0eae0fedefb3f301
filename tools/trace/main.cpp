// poselab-trace: a step-by-step account of a run, for developing controllers. One line per
// touchdown and toe-off of each runner's feet (force-plate thresholds: 5% BW on, 2% BW off,
// 30 ms apart), with what decides a running step's fate: where the foot lands and how fast it is
// moving, the COM's height and velocity, the vertical and horizontal impulse of each contact,
// the pelvis pitch, and the whole-body angular momentum about the COM.
//   poselab-trace SCENE.json SECONDS [KEY=VALUE ...]   (KEY=VALUE as poselab-cli's --set)
// Exit codes as poselab-cli: 0 done (a fall is printed, not an error), 2 bad input, 3 divergence.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"

namespace {

using namespace poselab::sim;  // NOLINT: a small tool

double PelvisPitchDeg(const RunnerState& s) {
  const Vec3 up = s.segment_poses[kPelvis].orientation * Vec3{0.0, 1.0, 0.0};
  return std::atan2(up.x, up.y) * kRadToDeg;
}

struct FootTrack {
  bool loaded = false;
  double since_s = -1.0;
  double impulse_y = 0.0, impulse_x = 0.0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: poselab-trace SCENE.json SECONDS [KEY=VALUE ...]\n");
    return 2;
  }
  char* end = nullptr;
  const double seconds = std::strtod(argv[2], &end);
  if (end == argv[2] || *end != '\0' || !(seconds > 0.0) || seconds > 3600.0) {
    std::fprintf(stderr, "poselab-trace: SECONDS must be a number in (0, 3600], got '%s'\n",
                 argv[2]);
    return 2;
  }
  std::vector<std::string> overrides(argv + 3, argv + argc);
  auto scene = LoadSceneFile(argv[1], overrides);
  if (!scene.ok()) {
    std::fprintf(stderr, "%s\n", scene.error().c_str());
    return 2;
  }
  auto created = Simulation::Create(scene.value());
  if (!created.ok()) {
    std::fprintf(stderr, "%s\n", created.error().c_str());
    return 2;
  }
  Simulation& sim = *created.value();
  const double dt = sim.timestep();
  std::vector<std::array<FootTrack, 2>> feet(sim.runner_count());
  std::vector<bool> reported(sim.runner_count(), false);
  std::printf("runner   t(s)   event  landing(m) foot_vx(m/s) | Tc(s) impulse_y(BW*s) "
              "impulse_x(N*s) | com_y(m) vx vy pelvis_pitch(deg) Lz(kg m^2/s)\n");
  while (sim.time() < seconds) {
    const StepStatus status = sim.Step();
    if (status.diverged) {
      std::fprintf(stderr, "poselab-trace: numerical divergence: %s\n", status.message.c_str());
      return 3;
    }
    bool all_fell = true;
    for (size_t r = 0; r < sim.runner_count(); ++r) {
      const HumanModel& model = sim.runner_model(r);
      const RunnerState& s = sim.runner_state(r);
      const double bw = model.total_mass_kg() * sim.scene().world.gravity_mps2;
      const std::string& name = sim.scene().runners[r].name;
      for (int f = 0; f < 2; ++f) {
        FootTrack& track = feet[r][f];
        const double fy = s.foot_force[f].y;
        const int foot = f == 0 ? kLeftFoot : kRightFoot;
        const char side = f == 0 ? 'L' : 'R';
        if (track.loaded) {
          track.impulse_y += fy * dt;
          track.impulse_x += s.foot_force[f].x * dt;
        }
        const bool dwell = sim.time() - track.since_s >= 0.03;
        if (!track.loaded && fy > 0.05 * bw && dwell) {
          track = {true, sim.time(), 0.0, 0.0};
          std::printf("%-8s %6.3f TD %c   %+6.2f      %+6.2f     |                              "
                      "| %.3f %5.2f %+5.2f %6.1f %+6.1f\n",
                      name.c_str(), sim.time(), side,
                      s.segment_poses[foot].position.x - s.com.x, s.segment_velocity[foot].x,
                      s.com.y, s.com_velocity.x, s.com_velocity.y, PelvisPitchDeg(s),
                      AngularMomentumAboutCom(model, s).z);
        } else if (track.loaded && fy < 0.02 * bw && dwell) {
          track.loaded = false;
          std::printf("%-8s %6.3f TO %c                           | %.3f  %6.3f  %+8.1f    "
                      "| %.3f %5.2f %+5.2f %6.1f %+6.1f\n",
                      name.c_str(), sim.time(), side, sim.time() - track.since_s,
                      track.impulse_y / bw, track.impulse_x, s.com.y, s.com_velocity.x,
                      s.com_velocity.y, PelvisPitchDeg(s), AngularMomentumAboutCom(model, s).z);
          track.since_s = sim.time();
        }
      }
      const FallInfo& fall = sim.fall_info(r);
      if (fall.fell && !reported[r]) {
        reported[r] = true;
        std::printf("%-8s %6.3f FELL: %s\n", name.c_str(), fall.time_s, fall.reason.c_str());
      }
      all_fell = all_fell && fall.fell;
    }
    if (all_fell) break;  // nothing left but bodies coming to rest
  }
  return 0;
}
