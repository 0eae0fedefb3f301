// History ring buffers, time lookup, drawing state from samples, scrubber cursor.
#include "engine/history.h"

#include <algorithm>
#include <cmath>

namespace poselab::engine {
namespace {

// Sample times are sums of whole steps; a lookup at a time computed from a sample's own time
// must find that sample despite rounding.
constexpr double kTimeSlackS = 1e-6;

}  // namespace

History::History(size_t runners, size_t capacity, int sample_every_steps)
    : times_(capacity),
      runners_(runners, RingBuffer<RunnerSample>(capacity)),
      phase_names_(runners),
      sample_every_steps_(std::max(1, sample_every_steps)) {}

int History::SampleEverySteps(double timestep_s) {
  POSELAB_ASSERT(timestep_s > 0.0, "timestep must be positive");
  return std::max(1, static_cast<int>(std::lround(1.0 / (kHistoryRateHz * timestep_s))));
}

size_t History::CapacityFor(double timestep_s) {
  const double sample_dt = SampleEverySteps(timestep_s) * timestep_s;
  return static_cast<size_t>(std::ceil(kHistorySeconds / sample_dt - 1e-9)) + 1;
}

void History::Push(const SampleTime& when, const std::vector<RunnerSample>& runners) {
  POSELAB_ASSERT(runners.size() == runners_.size(), "one sample per runner");
  times_.Push(when);
  for (size_t r = 0; r < runners.size(); ++r) runners_[r].Push(runners[r]);
}

void History::Clear() {
  times_.Clear();
  for (RingBuffer<RunnerSample>& ring : runners_) ring.Clear();
}

uint8_t History::InternPhase(size_t runner, const std::string& label) {
  std::vector<std::string>& names = phase_names_.at(runner);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == label) return static_cast<uint8_t>(i);
  }
  if (names.size() < 256) names.push_back(label);
  return static_cast<uint8_t>(names.size() - 1);
}

const std::string& History::phase_name(size_t runner, uint8_t index) const {
  static const std::string kNone;
  const std::vector<std::string>& names = phase_names_.at(runner);
  return index < names.size() ? names[index] : kNone;
}

std::optional<size_t> History::IndexAtOrBefore(double time_s) const {
  if (times_.empty() || times_.front().time_s > time_s + kTimeSlackS) return std::nullopt;
  // Binary search over logical indices: sample times increase with the index.
  size_t lo = 0, hi = times_.size() - 1;  // invariant: time(lo) <= time_s
  while (lo < hi) {
    const size_t mid = lo + (hi - lo + 1) / 2;
    if (times_[mid].time_s <= time_s + kTimeSlackS) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

std::optional<size_t> History::NearestIndex(double time_s) const {
  if (times_.empty()) return std::nullopt;
  const std::optional<size_t> before = IndexAtOrBefore(time_s);
  if (!before) return 0;
  const size_t i = *before;
  if (i + 1 < times_.size() && times_[i + 1].time_s - time_s < time_s - times_[i].time_s) {
    return i + 1;
  }
  return i;
}

sim::RunnerState DrawStateFromSample(const RunnerSample& sample) {
  sim::RunnerState state;
  state.segment_poses.resize(sim::kSegCount);
  for (int s = 0; s < sim::kSegCount; ++s) {
    state.segment_poses[s].position = sim::Vec3(sample.segment_position[s]);
    state.segment_poses[s].orientation = sim::Quat(sample.segment_orientation[s]);
  }
  state.com = sim::Vec3(sample.com);
  state.com_velocity = sim::Vec3(sample.com_velocity);
  for (int f = 0; f < 2; ++f) {
    state.foot_force[f] = sim::Vec3(sample.foot_force[f]);
    if (!sample.cop_valid[f]) continue;
    // One contact carrying the foot's whole force at its centre of pressure: the centre of
    // pressure drawing computes from it is the recorded one.
    sim::ContactPoint contact;
    contact.segment = f == 0 ? sim::kLeftFoot : sim::kRightFoot;
    contact.name = "cop";
    contact.position = sim::Vec3(sample.cop[f]);
    contact.force = state.foot_force[f];
    state.contacts.push_back(contact);
  }
  return state;
}

sim::RunnerState DrawStateAt(const History& history, size_t runner, double time_s) {
  POSELAB_ASSERT(!history.empty(), "DrawStateAt needs samples");
  const size_t i = history.IndexAtOrBefore(time_s).value_or(0);
  const RunnerSample& a = history.sample(runner, i);
  sim::RunnerState state = DrawStateFromSample(a);
  if (i + 1 >= history.size()) return state;
  const double t0 = history.time(i).time_s, t1 = history.time(i + 1).time_s;
  const auto w = static_cast<float>(std::clamp((time_s - t0) / (t1 - t0), 0.0, 1.0));
  if (w <= 0.0f) return state;
  const RunnerSample& b = history.sample(runner, i + 1);
  for (int s = 0; s < sim::kSegCount; ++s) {
    state.segment_poses[s].position =
        sim::Vec3(glm::mix(a.segment_position[s], b.segment_position[s], w));
    state.segment_poses[s].orientation =
        sim::Quat(glm::slerp(a.segment_orientation[s], b.segment_orientation[s], w));
  }
  state.com = sim::Vec3(glm::mix(a.com, b.com, w));
  return state;
}

size_t StepIndex(size_t index, int delta, size_t size) {
  if (size == 0) return 0;
  const auto moved = static_cast<int64_t>(index) + delta;
  return static_cast<size_t>(std::clamp<int64_t>(moved, 0, static_cast<int64_t>(size) - 1));
}

void Scrubber::SetTime(const History& history, double time_s) {
  if (history.empty()) return;
  time_s_ = std::clamp(time_s, history.oldest_time_s(), history.newest_time_s());
}

void Scrubber::StepSamples(const History& history, int delta) {
  if (history.empty()) return;
  // From between two samples, one step back lands on the earlier one, one forward on the later.
  size_t index = history.size() - 1;
  if (time_s_) {
    index = history.IndexAtOrBefore(*time_s_).value_or(0);
    const bool between = history.time(index).time_s < *time_s_ - kTimeSlackS;
    if (between && delta < 0) ++delta;
  }
  time_s_ = history.time(StepIndex(index, delta, history.size())).time_s;
}

bool Scrubber::Advance(const History& history, double dt_s) {
  if (!time_s_) return false;
  if (history.empty() || *time_s_ + dt_s >= history.newest_time_s() - kTimeSlackS) {
    time_s_.reset();
    return true;
  }
  time_s_ = std::max(*time_s_ + dt_s, history.oldest_time_s());
  return false;
}

std::optional<size_t> Scrubber::Index(const History& history) const {
  if (history.empty()) return std::nullopt;
  if (!time_s_) return history.size() - 1;
  return history.IndexAtOrBefore(*time_s_).value_or(0);
}

double Scrubber::ShownTime(const History& history) const {
  if (time_s_) return *time_s_;
  return history.empty() ? 0.0 : history.newest_time_s();
}

}  // namespace poselab::engine
