// History: what the viewer shows of each runner, sampled at a fixed simulated-time rate and kept
// in ring buffers (bounded memory) for the last kHistorySeconds, so the view and the plots can
// be scrubbed back, replayed and exported. Also the scrubber's cursor maths. GL-free.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/ring_buffer.h"
#include "sim/core/types.h"
#include "sim/model/human_model.h"
#include "sim/physics/runner_state.h"

namespace poselab::engine {

// 200 samples per simulated second. A heel strike's impact transient rises in 10-20 ms and the
// load analysis smooths forces over 10 ms, so 5 ms samples keep two points per smoothing window
// and the impact peak's shape; force, moment and power samples are means over the physics steps
// since the previous sample (a box filter), so a one-step spike is averaged in, never skipped.
// The body pose is taken at the sample's step; a replay between samples interpolates it, so even
// 0.05x slow motion (a new sample every 6 frames at 60 Hz) moves smoothly.
constexpr double kHistoryRateHz = 200.0;
// The scrubber reaches this far back (the requirement is at least 20 s).
constexpr double kHistorySeconds = 30.0;

// Joints of the sagittal plots and exports, in this order.
constexpr int kPlotJoints = 3;  // hip, knee, ankle
constexpr const char* kPlotJointNames[kPlotJoints] = {"hip", "knee", "ankle"};

// One runner at one sample. Floats: this is display data, and halving the size halves the
// ring's memory (about 600 bytes per runner-sample, 3.6 MB per runner for 30 s).
struct RunnerSample {
  std::array<glm::vec3, sim::kSegCount> segment_position{};  // segment COM, world, m
  std::array<glm::quat, sim::kSegCount> segment_orientation{};
  glm::vec3 com{0.0f};           // whole-body COM, world, m
  glm::vec3 com_velocity{0.0f};  // m/s
  // At the sample's step (what the live view draws): GRF per foot (N) at its centre of pressure.
  std::array<glm::vec3, 2> foot_force{};  // [left, right]
  std::array<glm::vec3, 2> cop{};
  std::array<bool, 2> cop_valid{false, false};
  // Gait analysis's contact state per foot (touchdown/toe-off detector), [left, right].
  std::array<bool, 2> stance{false, false};
  // Means over the physics steps since the previous sample:
  std::array<float, 2> grf_y_bw{0.0f, 0.0f};  // vertical GRF per foot, body weights
  // Sagittal net joint moment from inverse dynamics per leg [left, right] and joint [hip, knee,
  // ankle], N m/kg, + = extensor (plantarflexor at the ankle), as running studies plot it.
  std::array<std::array<float, kPlotJoints>, 2> moment_nm_kg{};
  // Sagittal joint power, moment times joint angular velocity, W/kg (+ generating, - absorbing).
  std::array<std::array<float, kPlotJoints>, 2> power_w_kg{};
  // A live push acting on (or just given to) the pelvis: its whole impulse, world, N s; else 0.
  glm::vec3 push_ns{0.0f};
  uint8_t phase = 0;  // index into History::phase_name()

  float grf_total_bw() const { return grf_y_bw[0] + grf_y_bw[1]; }
  bool in_stance() const { return stance[0] || stance[1]; }
};

// When a sample was taken.
struct SampleTime {
  double time_s = 0.0;  // simulated
  int64_t step = 0;     // Simulation::step_count() at the sample
};

class History {
 public:
  History() = default;
  // Room for `capacity` samples of `runners` runners; `sample_every_steps` physics steps apart.
  History(size_t runners, size_t capacity, int sample_every_steps);

  // Physics steps between samples for a timestep: kHistoryRateHz rounded to whole steps (at
  // least one step).
  static int SampleEverySteps(double timestep_s);
  // Samples needed for kHistorySeconds (plus the one at the window's start).
  static size_t CapacityFor(double timestep_s);

  // Appends one sample of every runner (`runners.size()` must be runner_count()).
  void Push(const SampleTime& when, const std::vector<RunnerSample>& runners);
  void Clear();

  // Interns a phase label for `runner` (labels are few); 255 distinct labels at most, later ones
  // share the last index.
  uint8_t InternPhase(size_t runner, const std::string& label);
  const std::string& phase_name(size_t runner, uint8_t index) const;

  size_t size() const { return times_.size(); }
  bool empty() const { return times_.empty(); }
  size_t capacity() const { return times_.capacity(); }
  size_t runner_count() const { return runners_.size(); }
  int sample_every_steps() const { return sample_every_steps_; }
  // Logical indices: 0 = oldest, size() - 1 = newest.
  const SampleTime& time(size_t index) const { return times_[index]; }
  const RunnerSample& sample(size_t runner, size_t index) const { return runners_[runner][index]; }
  double oldest_time_s() const { return times_.front().time_s; }
  double newest_time_s() const { return times_.back().time_s; }

  // The newest sample taken at or before `time_s` (a sample 1 us later still counts: sample
  // times are sums of steps); empty when every sample is later or there is none.
  std::optional<size_t> IndexAtOrBefore(double time_s) const;
  // The sample closest in time to `time_s`, clamped to the stored range; empty when none.
  std::optional<size_t> NearestIndex(double time_s) const;

 private:
  RingBuffer<SampleTime> times_;
  std::vector<RingBuffer<RunnerSample>> runners_;
  std::vector<std::vector<std::string>> phase_names_;
  int sample_every_steps_ = 1;
};

// Rebuilds, from a sample, the parts of a RunnerState that drawing reads (segment poses, COM,
// foot forces and one contact per loaded foot at its centre of pressure), so a past instant is
// drawn by the same code as the live one.
sim::RunnerState DrawStateFromSample(const RunnerSample& sample);

// The same at any time within the history: the pose interpolated between the two samples around
// `time_s` (positions linearly, orientations by slerp); forces and contacts from the earlier
// sample. Clamped to the stored range. The history must not be empty.
sim::RunnerState DrawStateAt(const History& history, size_t runner, double time_s);

// Scrub cursor index maths: `index` moved by `delta` samples, clamped to [0, size - 1].
size_t StepIndex(size_t index, int delta, size_t size);

// The scrubber: either live (the newest state) or a cursor at a past time. The cursor is kept
// as a time, not an index, so it stays on the same instant while the ring is unchanged.
class Scrubber {
 public:
  bool active() const { return time_s_.has_value(); }
  // Back to live.
  void Release() { time_s_.reset(); }
  // Moves to the sample closest to `time_s` (clamped to the history); no-op on an empty one.
  void SetTime(const History& history, double time_s);
  // Moves by whole samples; from live, starts at the newest sample (so one step back is
  // newest - 1). Clamped to the history.
  void StepSamples(const History& history, int delta);
  // Replay: moves the cursor forward by `dt_s` of simulated time. Returns true (and goes live)
  // when it reaches the newest sample.
  bool Advance(const History& history, double dt_s);
  // The sample the view shows: the cursor's (at or before it), or the newest when live.
  std::optional<size_t> Index(const History& history) const;
  // The time the view shows (cursor or newest sample); 0 on an empty history.
  double ShownTime(const History& history) const;

 private:
  std::optional<double> time_s_;
};

}  // namespace poselab::engine
