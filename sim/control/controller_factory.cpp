// MakeController: scene controller type -> controller instance.
#include "sim/control/controller.h"
#include "sim/control/run_controller.h"
#include "sim/control/stance_controller.h"

namespace poselab::sim {

Result<std::unique_ptr<Controller>> MakeController(const ControllerDesc& desc,
                                                   const HumanModel& model) {
  if (desc.type == "stance" || desc.type == "pose_stance") {
    return std::unique_ptr<Controller>(std::make_unique<StanceController>(desc, model));
  }
  if (desc.type == "pose" || desc.type == "heel_strike") {
    return std::unique_ptr<Controller>(std::make_unique<RunController>(desc, model));
  }
  return Error{"controller type \"" + desc.type +
               "\" is not implemented yet (available: \"stance\", \"pose_stance\", \"pose\", \"heel_strike\")"};
}

}  // namespace poselab::sim
