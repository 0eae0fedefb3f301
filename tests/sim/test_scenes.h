// Shared helpers of the sim tests: scenes built in code, shipped scene paths, and small physical
// read-outs (body weight, landmark positions, mechanical energy) computed from public state.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "sim/core/types.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"
#include "sim/physics/world.h"
#include "sim/scene/scene_desc.h"
#include "sim/scene/scene_loader.h"
#include "sim/simulation.h"

namespace poselab::sim::test {

// A path inside the repository.
inline std::string SourcePath(const std::string& relative) {
  return std::string(POSELAB_SOURCE_DIR) + "/" + relative;
}

// One runner with default body and world, driven by controller `type` ("stance", ...).
inline SceneDesc OneRunnerScene(const std::string& controller_type, const std::string& name = "t") {
  SceneDesc scene;
  scene.name = name;
  scene.source_path = "<test scene " + name + ">";
  RunnerDesc runner;
  runner.name = name;
  runner.controller.type = controller_type;
  scene.runners.push_back(runner);
  return scene;
}

// Every field of two worlds is the same.
inline void ExpectSameWorld(const WorldDesc& a, const WorldDesc& b) {
  EXPECT_EQ(a.timestep_s, b.timestep_s);
  EXPECT_EQ(a.solver_iterations, b.solver_iterations);
  EXPECT_EQ(a.gravity_mps2, b.gravity_mps2);
  EXPECT_EQ(a.friction, b.friction);
  EXPECT_EQ(a.contact_stiffness_n_m, b.contact_stiffness_n_m);
  EXPECT_EQ(a.contact_damping_ns_m, b.contact_damping_ns_m);
  EXPECT_EQ(a.contact_depth_damping_ns_m2, b.contact_depth_damping_ns_m2);
  EXPECT_EQ(a.control_rate_hz, b.control_rate_hz);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.initial_perturbation_deg, b.initial_perturbation_deg);
  EXPECT_EQ(a.assist_enabled, b.assist_enabled);
}

// A shipped scene (path relative to the repository); a load error is a test failure.
inline SceneDesc Shipped(const std::string& relative) {
  auto loaded = LoadSceneFile(SourcePath(relative));
  EXPECT_TRUE(loaded.ok()) << loaded.error();
  return loaded.ok() ? std::move(loaded).value() : SceneDesc{};
}

// `scene` with one scheduled change of its first runner's controller at `time_s`: the runner's
// controller as `edit` leaves it.
template <typename Edit>
SceneDesc WithScheduledChange(SceneDesc scene, double time_s, Edit edit) {
  ScheduledChange change;
  change.time_s = time_s;
  change.controller = scene.runners[0].controller;
  edit(&change.controller);
  scene.runners[0].schedule = {change};
  return scene;
}

// Builds a simulation for `scene`; a failed creation is a test failure and returns null.
inline std::unique_ptr<Simulation> CreateOrFail(const SceneDesc& scene) {
  auto created = Simulation::Create(scene);
  EXPECT_TRUE(created.ok()) << created.error();
  return created.ok() ? std::move(created).value() : nullptr;
}

// A standing pose with every joint angle zero (the model's reference pose).
inline InitialPose ZeroPose(const HumanModel& model) {
  InitialPose pose;
  pose.q.assign(model.dof_count(), 0.0);
  return pose;
}

inline double BodyWeightN(const HumanModel& model, double gravity_mps2) {
  return model.total_mass_kg() * gravity_mps2;
}

// World position of a point given in a segment's link frame (origin at the segment COM).
inline Vec3 SegmentPointWorld(const RunnerState& state, int segment, const Vec3& local) {
  const Transform& t = state.segment_poses[segment];
  return t.position + t.orientation * local;
}

// World centre of the named foot contact sphere ("heel", "met1", "met5", "toe") of `foot`.
inline Vec3 FootContactWorld(const HumanModel& model, const RunnerState& state, int foot,
                             const std::string& contact_name) {
  for (const Collider& c : model.segment(foot).colliders) {
    if (c.contact_name == contact_name) return SegmentPointWorld(state, foot, c.center);
  }
  // NaN fails every comparison, so a missing name cannot pass silently.
  return Vec3{std::numeric_limits<double>::quiet_NaN()};
}

// Total mechanical energy of one runner (J): sum over segments of translational and rotational
// kinetic energy (inertia rotated to the world) plus gravitational potential energy (y up).
inline double MechanicalEnergyJ(const HumanModel& model, const RunnerState& state,
                                double gravity_mps2) {
  double e = 0.0;
  for (int s = 0; s < kSegCount; ++s) {
    const Segment& seg = model.segment(s);
    const Transform& pose = state.segment_poses[s];
    const Vec3& v = state.segment_velocity[s];
    const Mat3 r = glm::mat3_cast(pose.orientation);
    const Mat3 inertia_world = r *
                               Mat3(seg.inertia_kgm2.x, 0.0, 0.0,  //
                                    0.0, seg.inertia_kgm2.y, 0.0,  //
                                    0.0, 0.0, seg.inertia_kgm2.z) *
                               glm::transpose(r);
    const Vec3& w = state.segment_omega[s];
    e += 0.5 * seg.mass_kg * glm::dot(v, v) + 0.5 * glm::dot(w, inertia_world * w) +
         seg.mass_kg * gravity_mps2 * pose.position.y;
  }
  return e;
}

// Elastic energy stored in the soft range-of-motion springs of the 3-DOF joints
// (k/2 * excess^2): part of the total that a passive system must never gain. Contact compliance
// is left out: Bullet's soft contact is an ERP/CFM constraint, not a spring with a potential
// (F^2/2k spikes to hundreds of joules at impacts while the motion loses energy).
inline double StoredElasticEnergyJ(const HumanModel& model, const RunnerState& state) {
  double e = 0.0;
  for (const Joint& joint : model.joints()) {
    if (joint.type != JointType::kSpherical) continue;
    for (int k = 0; k < joint.dof_count; ++k) {
      const Dof& d = model.dof(joint.first_dof + k);
      const double q = state.q[joint.first_dof + k];
      const double excess = q > d.upper_rad   ? q - d.upper_rad
                            : q < d.lower_rad ? d.lower_rad - q
                                              : 0.0;
      const double stiffness =
          kSoftLimitStiffnessPerCap * std::max(d.torque_max_nm, -d.torque_min_nm);
      e += 0.5 * stiffness * excess * excess;
    }
  }
  return e;
}

// Elastic energy held in the compliant ground contacts (the plane y = 0), 1/2 k d^2 per contact
// point of depth d: each sphere, the end spheres of each capsule and the corners of each box
// below the ground (the points a convex shape touches a plane with). An estimate: Bullet picks
// its own contact points, but a body resting on a spring gives back about this much.
inline double StoredContactEnergyJ(const HumanModel& model, const RunnerState& state,
                                   double stiffness_n_m) {
  double e = 0.0;
  const auto add = [&](double depth) {
    if (depth > 0.0) e += 0.5 * stiffness_n_m * depth * depth;
  };
  for (size_t s = 0; s < model.segments().size(); ++s) {
    const Transform& pose = state.segment_poses[s];
    for (const Collider& c : model.segments()[s].colliders) {
      switch (c.shape) {
        case Collider::Shape::kSphere:
          add(c.radius - (pose.position + pose.orientation * c.center).y);
          break;
        case Collider::Shape::kCapsule:
          for (const Vec3& end : {c.a, c.b}) {
            add(c.radius - (pose.position + pose.orientation * end).y);
          }
          break;
        case Collider::Shape::kBox:
          for (int corner = 0; corner < 8; ++corner) {
            const Vec3 local = c.center + Vec3{(corner & 1 ? 1.0 : -1.0) * c.half_extents.x,
                                               (corner & 2 ? 1.0 : -1.0) * c.half_extents.y,
                                               (corner & 4 ? 1.0 : -1.0) * c.half_extents.z};
            add(-(pose.position + pose.orientation * local).y);
          }
          break;
      }
    }
  }
  return e;
}

inline bool AllFinite(const RunnerState& state) {
  auto finite = [](const Vec3& v) {
    return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
  };
  for (size_t s = 0; s < state.segment_poses.size(); ++s) {
    const Quat& q = state.segment_poses[s].orientation;
    if (!finite(state.segment_poses[s].position) || !finite(state.segment_velocity[s]) ||
        !finite(state.segment_omega[s]) || !std::isfinite(q.w) || !std::isfinite(q.x) ||
        !std::isfinite(q.y) || !std::isfinite(q.z)) {
      return false;
    }
  }
  for (double q : state.q) {
    if (!std::isfinite(q)) return false;
  }
  return finite(state.com) && finite(state.com_velocity);
}

}  // namespace poselab::sim::test
