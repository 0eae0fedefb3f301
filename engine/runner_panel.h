// Per-runner controls, one tab per runner: gait type, lean, cadence and landing offset (live
// through the controller's parameter-change path, or staged for a branch while scrubbed),
// height, mass and sex (a rebuilt body: applied by restarting the run), and a push with a
// chosen impulse and direction.
#pragma once

#include <optional>
#include <vector>

#include "engine/plots.h"
#include "engine/session.h"
#include "sim/scene/scene_desc.h"

namespace poselab::engine {

class RunnerPanel {
 public:
  // Draws the tabs into the current ImGui window and adds what the user did to `requests`.
  void Draw(const sim::Simulation& sim, const Session& session,
            const std::vector<RunnerStyle>& runners, SessionRequests* requests);

  // Edits staged while scrubbing (one per runner), for "Branch from here". They are dropped when
  // the view goes live (after a branch, or with Live).
  const std::vector<ControllerEdits>& staged() const { return staged_; }

 private:
  void Resize(size_t runners);
  void DrawGait(const sim::Simulation& sim, const Session& session, size_t r,
                SessionRequests* requests);
  void DrawBody(const sim::Simulation& sim, size_t r, SessionRequests* requests);
  void DrawPush(const Session& session, size_t r, SessionRequests* requests);

  std::vector<ControllerEdits> staged_;
  std::vector<std::optional<sim::BodyDesc>> body_;  // edited, not applied yet
  std::vector<float> push_ns_;
  std::vector<int> push_direction_;
};

}  // namespace poselab::engine
