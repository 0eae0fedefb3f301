// Interactive capture: file names that never overwrite, video pacing at wall-clock
// speed, and the background recorder writing every queued frame (as an MP4 through ffmpeg, or
// a PNG sequence without it).
#include "engine/frame_recorder.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace poselab::engine {
namespace {
namespace fs = std::filesystem;

TEST(CaptureNames, NextNameSkipsTakenOnes) {
  std::set<std::string> taken = {"shots/poselab_pose_001.png", "shots/poselab_pose_002.png"};
  auto exists = [&taken](const std::string& p) { return taken.count(p) > 0; };
  EXPECT_EQ(NextCapturePath("shots", "poselab_pose", ".png", exists),
            "shots/poselab_pose_003.png");
  EXPECT_EQ(NextCapturePath("shots", "poselab_pose", ".mp4", exists),
            "shots/poselab_pose_001.mp4");
  EXPECT_EQ(NextCapturePath("", "poselab_pose", ".png", exists), "poselab_pose_001.png");
}

TEST(CaptureNames, FramesDueFollowWallTime) {
  EXPECT_EQ(FramesDue(0.0, 30.0), 1);        // the first frame at once
  EXPECT_EQ(FramesDue(0.0333, 30.0), 1);
  EXPECT_EQ(FramesDue(1.0 / 30.0, 30.0), 2);  // exactly on a frame's time
  EXPECT_EQ(FramesDue(1.0, 30.0), 31);
  // A viewer at 20 fps: over two seconds the video still gets 30 frames a second.
  EXPECT_EQ(FramesDue(2.0, 30.0) - FramesDue(0.0, 30.0), 60);
}

TEST(FrameRecorder, WritesEveryCopyOfEveryFrame) {
  const fs::path dir = fs::temp_directory_path() / "poselab_recorder_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "clip.mp4").string();
  auto started = FrameRecorder::Start(path, 64, 48, 30.0);
  ASSERT_TRUE(started.ok()) << started.error();
  FrameRecorder& recorder = *started.value();
  RgbImage frame;
  frame.width = 64;
  frame.height = 48;
  frame.pixels.assign(64 * 48 * 3, 128);
  recorder.Push(frame, 1);
  recorder.Push(frame, 2);
  recorder.Push(frame, 0);  // a frame not due: nothing
  ASSERT_TRUE(recorder.Stop().ok());
  EXPECT_EQ(recorder.written() + recorder.dropped(), 3);
  EXPECT_EQ(recorder.dropped(), 0);  // three frames never fill the queue
  if (recorder.uses_ffmpeg()) {
    EXPECT_GT(fs::file_size(path), 0u);
  } else {
    EXPECT_EQ(recorder.destination(), (dir / "clip").string() + "/");
    for (const char* name : {"frame_00000.png", "frame_00001.png", "frame_00002.png"}) {
      EXPECT_TRUE(fs::exists(dir / "clip" / name)) << name;
    }
    EXPECT_FALSE(fs::exists(dir / "clip" / "frame_00003.png"));
  }
  // Pushing after the stop is ignored, and stopping twice is harmless.
  recorder.Push(frame, 1);
  EXPECT_TRUE(recorder.Stop().ok());
  EXPECT_EQ(recorder.written(), 3);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace poselab::engine
