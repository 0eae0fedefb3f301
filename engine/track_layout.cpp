// Lane lines and distance numbers (see track_layout.h).
#include "engine/track_layout.h"

#include <algorithm>
#include <cmath>

namespace poselab::engine {
namespace {
// Runners closer than this across the track share a lane.
constexpr float kSameLaneM = 0.3f;
}  // namespace

TrackLayout CalcTrackLayout(std::vector<float> lanes_z, float standard_width_m) {
  TrackLayout out;
  std::sort(lanes_z.begin(), lanes_z.end());
  std::vector<float> lanes;
  for (float z : lanes_z) {
    if (lanes.empty() || z - lanes.back() > kSameLaneM) lanes.push_back(z);
  }
  if (lanes.empty()) lanes.push_back(0.0f);
  if (static_cast<int>(lanes.size()) > kMaxLaneLines - 1) lanes.resize(kMaxLaneLines - 1);
  float width = standard_width_m;
  for (size_t i = 1; i < lanes.size(); ++i) width = std::min(width, lanes[i] - lanes[i - 1]);
  out.lane_width_m = width;
  out.lane_lines_z.push_back(lanes.front() - 0.5f * width);
  for (size_t i = 1; i < lanes.size(); ++i) {
    out.lane_lines_z.push_back(0.5f * (lanes[i - 1] + lanes[i]));
  }
  out.lane_lines_z.push_back(lanes.back() + 0.5f * width);
  return out;
}

std::vector<DistanceMark> CalcDistanceMarks(float from_x, float to_x, float every_m) {
  std::vector<DistanceMark> out;
  if (!(every_m > 0.0f) || !(to_x >= from_x)) return out;
  for (long k = static_cast<long>(std::ceil(from_x / every_m));
       static_cast<float>(k) * every_m <= to_x; ++k) {
    const float x = static_cast<float>(k) * every_m;
    out.push_back({x, std::to_string(static_cast<long>(std::lround(x))) + " m"});
  }
  return out;
}

}  // namespace poselab::engine
