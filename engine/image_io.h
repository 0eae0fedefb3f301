// Writing captured frames: RGB images to PNG, and frame streams to an MP4 through ffmpeg (or to
// a numbered PNG sequence when ffmpeg is not installed). GL-free; the GL read-back lives in
// engine/capture.h.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "sim/core/result.h"

namespace poselab::engine {

// Tightly packed 8-bit RGB, rows top to bottom (PNG order).
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 3
};

// Reverses the row order in place: OpenGL reads rows bottom-up, images store them top-down.
void FlipRows(RgbImage* image);

// Writes `image` as a PNG; the error names the path.
sim::Status WritePng(const RgbImage& image, const std::string& path);

// True when an executable named `program` is on PATH.
bool IsOnPath(const std::string& program);

// Streams frames to `path`: piped as raw RGB into ffmpeg (H.264 in yuv420p) when ffmpeg is on
// PATH, otherwise saved as <dir>/<stem>/frame_00000.png ... with a note on stderr.
class VideoWriter {
 public:
  static sim::Result<VideoWriter> Open(const std::string& path, int width, int height, double fps);
  VideoWriter(VideoWriter&& other) noexcept;
  VideoWriter& operator=(VideoWriter&& other) = delete;
  VideoWriter(const VideoWriter&) = delete;
  ~VideoWriter();

  // Appends one frame of the size given to Open.
  sim::Status Write(const RgbImage& frame);
  // Flushes and waits for ffmpeg; reports its failure. Called by the destructor if needed.
  sim::Status Close();

  bool uses_ffmpeg() const { return pipe_ != nullptr; }
  const std::string& frame_dir() const { return frame_dir_; }
  int frame_count() const { return frame_count_; }

 private:
  VideoWriter() = default;
  std::string path_;
  std::string frame_dir_;  // PNG-sequence fallback only
  FILE* pipe_ = nullptr;
  int width_ = 0;
  int height_ = 0;
  int frame_count_ = 0;
};

}  // namespace poselab::engine
