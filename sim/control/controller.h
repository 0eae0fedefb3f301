// Controller interface: joint torques from what a runner's sensors could know.
// Controllers see RunnerState (joint angles and velocities, segment orientations, foot contact
// forces, COM estimate) and never touch the physics directly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/core/result.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"
#include "sim/physics/world.h"
#include "sim/scene/scene_desc.h"

namespace poselab::sim {

class Controller {
 public:
  virtual ~Controller() = default;

  // The posture the runner starts in (joint angles; the world lowers it onto the ground).
  virtual InitialPose StartPose() const = 0;

  // Desired actuator torque per DOF (N*m) for the next step. The world clamps to the caps.
  virtual void Compute(const RunnerState& state, double time_s, std::vector<double>* torques) = 0;

  // Phase label as the controller sees it ("stance", "pose", ...), for display and logs.
  virtual std::string phase() const = 0;

  // New parameters, taking effect from the next Compute (live changes and scene schedules;
  // called between steps, never within one). desc.type is this controller's type, or one that
  // AcceptsType() says it can change to in place.
  virtual void SetParams(const ControllerDesc& desc) = 0;

  // Whether this controller can take a change to `type` through SetParams, carrying its state
  // on (a running controller changing style mid-stride), instead of being replaced by a new
  // controller that starts from scratch.
  virtual bool AcceptsType(const std::string& type) const { (void)type; return false; }
};

// Builds the controller named by desc.type; an error for types not implemented yet.
Result<std::unique_ptr<Controller>> MakeController(const ControllerDesc& desc,
                                                   const HumanModel& model);

}  // namespace poselab::sim
