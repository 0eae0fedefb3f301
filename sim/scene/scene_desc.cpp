// Spellings of SceneDesc's enums, shared by the scene loader and the tools that write summaries.
#include "sim/scene/scene_desc.h"

#include "sim/core/result.h"

namespace poselab::sim {

const char* ToString(Sex sex) {
  switch (sex) {
    case Sex::kFemale:
      return "female";
    case Sex::kMale:
      return "male";
  }
  POSELAB_ASSERT(false, "Sex value out of range");
  return "";
}

}  // namespace poselab::sim
