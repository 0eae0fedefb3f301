// The running track drawn on the ground: lane lines around the runners' lanes and distance marks
// along them (a tick every metre, a line and a number every few metres). GL-free; the ground
// shader draws the lines, the UI the numbers.
#pragma once

#include <string>
#include <vector>

namespace poselab::engine {

// The most lane lines the ground shader takes (eight runners, each in its own lane, need nine).
constexpr int kMaxLaneLines = 9;

struct TrackLayout {
  std::vector<float> lane_lines_z;  // world z of each lane line, ascending, metres
  float lane_width_m = 1.22f;       // the narrowest lane
};

// Lanes centred on the runners' lane positions (`lanes_z`, any order; runners sharing a lane
// count once): a line halfway between neighbouring lanes and one half a lane outside each
// edge. Lanes are a standard 1.22 m wide (World Athletics) unless the runners are closer.
TrackLayout CalcTrackLayout(std::vector<float> lanes_z, float standard_width_m = 1.22f);

// A distance number on the ground.
struct DistanceMark {
  float x_m = 0.0f;
  std::string text;  // "10 m"
};

// The numbered marks every `every_m` metres (multiples of it) within [from_x, to_x].
std::vector<DistanceMark> CalcDistanceMarks(float from_x, float to_x, float every_m);

}  // namespace poselab::engine
