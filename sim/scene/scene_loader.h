// Loading and validating scene files (JSON), and applying `--set KEY=VALUE` overrides.
// Every error names the file, the key path, the value and the allowed range.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/core/result.h"
#include "sim/scene/scene_desc.h"

namespace poselab::sim {

// Reads `path`, applies `overrides` ("runners.0.controller.lean_deg=15", in order) and
// validates every key. Unknown keys, wrong types and out-of-range values are errors.
Result<SceneDesc> LoadSceneFile(const std::string& path,
                                const std::vector<std::string>& overrides = {});

// Validates an already parsed document. `source` names it in messages (usually the path).
Result<SceneDesc> ParseScene(const nlohmann::json& doc, const std::string& source);

// Sets the value at a dotted key path in `doc` ("a.b.0.c=VALUE"). VALUE is read as JSON when
// it parses (numbers, true/false, "quoted"), otherwise as a plain string. Missing objects on
// the path are created; array indices must exist. Validation happens later in ParseScene.
Status ApplyOverride(nlohmann::json* doc, const std::string& assignment, const std::string& source);

}  // namespace poselab::sim
