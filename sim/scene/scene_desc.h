// SceneDesc: what a scene file says, with every default set here and nowhere else.
// Keys and units follow the scene contract; non-SI keys carry their unit in the name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/types.h"

namespace poselab::sim {

enum class Sex { kFemale, kMale };

// The runner's anthropometry; segment parameters are scaled from it (de Leva 1996).
struct BodyDesc {
  double height_m = 1.75;  // stature, [1.40, 2.10]
  double mass_kg = 70.0;   // body mass, [40, 120]
  Sex sex = Sex::kMale;
};

// An external push: an impulse spread as a constant force over `duration_s` (a scene option,
// for push-recovery tests).
struct PushDesc {
  double time_s = 1.0;              // when, [0, duration]
  Vec3 direction{1.0, 0.0, 0.0};    // world frame, normalised on load; must be non-zero
  double impulse_ns = 20.0;         // magnitude, [0, 200] N*s
  double duration_s = 0.1;          // spread evenly over this long (a hand push), [0.001, 1]
  std::string segment = "pelvis";   // which body segment is pushed
};

// Controller parameters. Gait keys follow the contract; the rest have documented defaults.
struct ControllerDesc {
  std::string type = "stance";      // "stance", "pose_stance" (more types arrive with the gaits)
  double lean_deg = 10.0;           // forward lean target, [0, 30]
  double cadence_spm = 180.0;       // steps per minute, [120, 240]
  double landing_offset_m = 0.15;   // touchdown point ahead of the COM, [-0.1, 0.6]
  std::string support_leg = "left"; // one-leg drills: "left" or "right"
  double knee_flex_deg = 15.0;      // support knee flexion held in standing drills, [0, 60]
  double stance_width_m = 0.0;      // two-foot stance: extra width between feet, [-0.1, 0.3]
  double balance_gain = 1.0;        // scales the COM balance feedback, [0, 3]; 0 = posture only
};

// A controller parameter change at a given time (live changes in the viewer use the same path:
// applied between steps). `controller` is the complete description from then on: in a scene
// file an entry lists only the keys that change, on top of the previous entry.
struct ScheduledChange {
  double time_s = 0.0;              // [0, duration_s], entries in non-decreasing time
  ControllerDesc controller;
};

// One runner: a body, a controller, where it starts, scheduled pushes and parameter changes.
struct RunnerDesc {
  std::string name = "runner";
  BodyDesc body;
  ControllerDesc controller;
  double lane_z_m = 0.0;            // lateral lane position of the pelvis, [-10, 10]
  double start_x_m = 0.0;           // start position along the lane, [-100, 100]
  std::vector<PushDesc> pushes;
  std::vector<ScheduledChange> schedule;
};

// Physics options. Defaults chosen by the timestep study in the README.
struct WorldDesc {
  double timestep_s = 1.0 / 1000.0;     // fixed step, [1e-4, 5e-3]
  int solver_iterations = 50;           // [5, 500]
  double gravity_mps2 = 9.81;           // [0, 20]
  double friction = 0.9;                // foot/ground Coulomb friction, [0.1, 2]
  double contact_stiffness_n_m = 1.0e5; // per contact point: heel pad + shoe, [1e3, 1e7]
  double contact_damping_ns_m = 1.0e3;  // per contact point, [0, 1e5]
  // Damping that grows with the depth of the contact (Hunt & Crossley 1975): per contact point,
  // N s/m per m of depth, added to contact_damping_ns_m. 0 = a linear spring-damper. [0, 1e9]
  double contact_depth_damping_ns_m2 = 0.0;
  // How often the controllers compute their torques, held between updates (a controller's loop
  // rate, like a robot's). Fixed apart from the physics step, so that halving the step refines
  // the physics alone. Every step when the step is longer than its period. [50, 10000]
  double control_rate_hz = 1000.0;
  uint64_t seed = 1;                    // seeds the initial-pose perturbation
  double initial_perturbation_deg = 0.0;// random joint offset at start, [0, 5]
  bool assist_enabled = false;          // non-physical assist (off in every shipped scene)
};

// Output sampling for the CLI's time series.
struct OutputDesc {
  double sample_rate_hz = 100.0;        // timeseries.csv rows per second, [1, 10000]
};

struct SceneDesc {
  int schema = 1;
  std::string name = "scene";
  std::string source_path;              // file it was loaded from (for messages); not a key
  WorldDesc world;
  OutputDesc output;
  double duration_s = 10.0;             // (0, 3600]
  std::vector<RunnerDesc> runners;      // at least one, at most 8
};

const char* ToString(Sex sex);

}  // namespace poselab::sim
