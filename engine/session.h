// Session: the viewer's run-level features around the Simulation that App steps: the run record
// (history, metrics, command log), the scrubber and replay, live parameter edits and pushes,
// branching a new run from a past instant, and the CSV export. GL-free; engine/session_ui.cpp
// draws its panels with ImGui.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/history.h"
#include "engine/run_record.h"
#include "sim/draw/draw_list.h"
#include "sim/simulation.h"

namespace poselab::engine {

// What the session panels asked for in one frame; App hands it to Session::Apply between steps.
struct SessionRequests {
  struct PushRequest {
    size_t runner = 0;
    PushDirection direction = PushDirection::kBackward;
    double impulse_ns = 0.0;
  };
  std::vector<std::pair<size_t, ControllerEdits>> live_edits;  // act from the next step
  std::vector<PushRequest> pushes;
  std::optional<double> scrub_to_s;  // move the cursor there (the panel pauses playback)
  bool go_live = false;
  bool branch = false;
  std::vector<ControllerEdits> branch_edits;  // one per runner, with `branch`
  bool cancel_branch = false;
  // New bodies (one per runner, empty = unchanged): the run restarts from t = 0.
  std::vector<std::optional<sim::BodyDesc>> bodies;
  std::string preset_path;  // load this scene and restart
  bool export_csv = false;
};

class Session {
 public:
  // A new run from t = 0 (start, restart, preset, body change): a fresh record, live view.
  void Reset(const sim::Simulation& sim);

  // Around every Simulation::Step() of the current run.
  void BeforeStep(sim::Simulation* sim) { record_.BeforeStep(sim); }
  void AfterStep(const sim::Simulation& sim) { record_.AfterStep(sim); }

  const RunRecord& record() const { return record_; }
  const History& history() const { return record_.history(); }

  // --- Scrubbing and replay ---------------------------------------------------------------
  bool scrubbing() const { return scrubber_.active(); }
  void ScrubTo(double time_s) { scrubber_.SetTime(history(), time_s); }
  void ScrubBy(int samples) { scrubber_.StepSamples(history(), samples); }
  void GoLive() { scrubber_.Release(); }
  // Replays recorded time; returns true when the replay reached the newest sample (now live).
  bool AdvanceReplay(double sim_dt_s) { return scrubber_.Advance(history(), sim_dt_s); }
  // The simulated time the view, plots and table show (the cursor, or the newest sample).
  double shown_time_s() const { return scrubber_.ShownTime(history()); }
  // The history sample at or before the shown time, and its step (a branch starts there).
  std::optional<size_t> shown_index() const { return scrubber_.Index(history()); }

  // --- Live edits and pushes ----------------------------------------------------------------
  // The parameters the runner panel shows: live, those in force after the next step (pending
  // edits included); scrubbed, those in force at the cursor's sample.
  sim::ControllerDesc ShownParams(const sim::Simulation& sim, size_t runner) const;
  // Applies edits now (from the next step) to the current run; logged for replay.
  sim::Status ApplyLiveEdits(sim::Simulation* sim, size_t runner, const ControllerEdits& edits);
  void Push(sim::Simulation* sim, size_t runner, PushDirection direction, double impulse_ns);

  // --- Branching ------------------------------------------------------------------------------
  // Starts re-simulating the current run's scene and log up to the cursor's sample; `edits`
  // (one per runner) then act from there. Needs an active scrubber.
  sim::Status StartBranch(const sim::Simulation& sim, std::vector<ControllerEdits> edits);
  bool branching() const { return branch_ != nullptr; }
  const BranchJob* branch_job() const { return branch_.get(); }
  void CancelBranch() { branch_.reset(); }
  // Continues the job within the time `out_of_time` allows. When it finishes, returns the new
  // run's simulation (the session has taken its record and shows it live); null while it is
  // still going, or when it failed (message in branch_note()).
  std::unique_ptr<sim::Simulation> ContinueBranch(const std::function<bool()>& out_of_time);
  // "" for a run started at t = 0; else what the branch was (shown in the UI until a restart).
  const std::string& branch_note() const { return branch_note_; }
  bool branch_failed() const { return branch_failed_; }

  // --- Export ---------------------------------------------------------------------------------
  // Writes the history to `dir`/<scene>_history_NNN.csv; returns the path written.
  sim::Result<std::string> ExportCsv(const sim::Simulation& sim, const std::string& dir) const;

  // --- Requests -------------------------------------------------------------------------------
  // Carries out one frame's requests on the current run. Returns true when the run must restart
  // from t = 0 on `scene` (a preset was loaded or bodies changed: `scene` is updated, with the
  // gait parameters now in force carried over on a body change).
  bool Apply(const SessionRequests& requests, sim::SceneDesc* scene, sim::Simulation* sim);
  // The outcome of the last export, preset load or refused edit, for the panel.
  const std::string& message() const { return message_; }
  bool message_is_error() const { return message_is_error_; }

  // --- Drawing --------------------------------------------------------------------------------
  // The bodies at the shown (scrubbed) instant, drawn like the live ones; clears `out` first.
  void BuildShownDrawList(const sim::Simulation& sim, sim::DrawList* out) const;
  // An arrow and label at each pelvis a push is acting on at the shown instant.
  void AppendPushArrows(const sim::Simulation& sim, sim::DrawList* out) const;
  // A runner's COM at the shown instant (camera follow while scrubbing).
  std::optional<sim::Vec3> ShownCom(size_t runner) const;

 private:
  RunRecord record_;
  Scrubber scrubber_;
  std::unique_ptr<BranchJob> branch_;
  std::string pending_note_;  // the note the branch in progress will get
  std::string branch_note_;
  bool branch_failed_ = false;
  std::string message_;
  bool message_is_error_ = false;
};

// Where the viewer writes history exports: out/<scene name>/ under the current directory, like
// the command line's default output folder.
std::string ExportDir(const sim::SceneDesc& scene);

// One line describing edits against the parameters they change, for the branch note, e.g.
// "pose: lean 10.0 -> 15.0 deg". Empty when nothing changed.
std::string DescribeEdits(const std::string& runner_name, const sim::ControllerDesc& before,
                          const ControllerEdits& edits);

}  // namespace poselab::engine
