// SessionUi: the viewer's analysis layout around the 3D view, sized from the display so that
// the runners in the middle stay uncovered (1280x720 and up):
//   bottom  - timeline (scrubber, Live, Branch, legend) over the GRF and joint plots;
//   right   - stride metrics table, and the per-runner controls below it;
//   left    - a section of the Simulation panel: scene presets and the CSV export;
//   top     - a banner while the run shown is a branch.
// The 3D view's own panels (engine/coach_view.h) and its camera framing keep to the space these
// leave free: App tells the view their sizes (RightInset, BottomHeight, TopInset).
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
  // Gap between the panels and the window's edges, pixels.
  static constexpr float kEdgeMargin = 10.0f;
  static float BottomHeight(float display_height);
  // What the right column takes from the window's width: the column and its gap to the edge.
  static constexpr float RightInset() { return kRightWidth + kEdgeMargin; }
  // What the branch banner took from the top of the window in the last Draw (its height and
  // margin); 0 when no banner is shown.
  float TopInset() const { return top_inset_; }

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
  float top_inset_ = 0.0f;
};

}  // namespace poselab::engine
