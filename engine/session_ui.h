// SessionUi: the viewer's analysis layout around the 3D view, sized from the display so that
// the runners in the middle stay uncovered (1280x720 and up):
//   bottom  - timeline (scrubber, Live, Branch, legend) over the GRF and joint plots;
//   right   - stride metrics table, and the per-runner controls below it;
//   left    - under the Simulation panel: scene presets and the CSV export;
//   top     - a banner while the run shown is a branch.
#pragma once

#include <string>
#include <vector>

#include "engine/plots.h"
#include "engine/presets.h"
#include "engine/runner_panel.h"
#include "engine/session.h"
#include "engine/ui.h"

namespace poselab::engine {

class SessionUi {
 public:
  // Fraction of the display height the bottom (timeline + plots) panel takes, and its bounds in
  // pixels; the screenshot test knows these.
  static constexpr float kBottomFraction = 0.34f;
  static constexpr float kBottomMinHeight = 220.0f;
  static constexpr float kBottomMaxHeight = 360.0f;
  static constexpr float kRightWidth = 330.0f;
  static float BottomHeight(float display_height);
  // How far below the followed point to aim the camera so that the point shows in the middle of
  // the view left above the bottom panel, not behind it: half the panel's height, in metres at
  // the target's distance. 0 before the display size is known.
  static float CameraDropM(const OrbitCamera& camera, float display_height);

  void SetPresets(std::vector<ScenePreset> presets) { presets_ = std::move(presets); }

  // Draws every panel of the session for this frame and adds the user's requests. Dragging the
  // scrubber pauses `playback`. `sim` may be null (a failed restart): only presets are offered.
  void Draw(const sim::Simulation* sim, const Session& session, PlaybackState* playback,
            SessionRequests* requests);

 private:
  void DrawBottom(const Session& session, const std::vector<RunnerStyle>& runners,
                  PlaybackState* playback, SessionRequests* requests);
  void DrawTimeline(const Session& session, const std::vector<RunnerStyle>& runners,
                    PlaybackState* playback, SessionRequests* requests);
  void DrawRight(const sim::Simulation& sim, const Session& session,
                 const std::vector<RunnerStyle>& runners, SessionRequests* requests);
  void DrawScenes(const sim::Simulation* sim, const Session& session, SessionRequests* requests);
  void DrawBranchBanner(const Session& session);

  std::vector<ScenePreset> presets_;
  PlotPanel plots_;
  RunnerPanel runner_panel_;
  int leg_ = 1;  // leg of the joint plots: 0 left, 1 right
};

}  // namespace poselab::engine
