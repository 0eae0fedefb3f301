// Interactive capture without stalling the viewer: FrameRecorder hands frames to a worker
// thread that feeds the VideoWriter (ffmpeg, or a PNG sequence, whose encoding takes longer than
// a frame), and paces them so the video plays at wall-clock speed whatever the frame rate.
// Also the names of interactive capture files. GL-free.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/image_io.h"
#include "sim/core/result.h"

namespace poselab::engine {

// The first "<dir>/<prefix>_NNN<ext>" (NNN from 001; just "<prefix>_NNN<ext>" for an empty
// dir) for which `exists` is false; `exists` defaults to the file system. Lets repeated
// screenshots never overwrite each other.
std::string NextCapturePath(const std::string& dir, const std::string& prefix,
                            const std::string& ext,
                            const std::function<bool(const std::string&)>& exists = {});

// How many video frames a recording at `fps` should hold after `elapsed_s` of wall time: frame
// k shows wall time k / fps, so a slow viewer repeats frames and a fast one skips them.
long FramesDue(double elapsed_s, double fps);

class FrameRecorder {
 public:
  // At most this many frames wait for the worker; later ones are dropped (and counted) rather
  // than letting memory grow while PNG encoding falls behind.
  static constexpr size_t kMaxQueued = 8;

  // Opens the writer (see VideoWriter::Open) and starts the worker.
  static sim::Result<std::unique_ptr<FrameRecorder>> Start(const std::string& path, int width,
                                                           int height, double fps);
  ~FrameRecorder();  // stops as Stop() does, ignoring its errors
  FrameRecorder(const FrameRecorder&) = delete;
  FrameRecorder& operator=(const FrameRecorder&) = delete;

  // Queues `frame` to be written `copies` times (0 writes nothing).
  void Push(RgbImage frame, int copies);
  // Writes what is queued, closes the writer and joins the worker; the first write error, if
  // any, else the close's.
  sim::Status Stop();

  bool uses_ffmpeg() const { return ffmpeg_; }
  // Where the frames go: the MP4, or the PNG sequence's directory.
  std::string destination() const;
  long dropped() const;
  long written() const;

 private:
  explicit FrameRecorder(VideoWriter writer)
      : writer_(std::move(writer)), ffmpeg_(writer_.uses_ffmpeg()) {}
  void Work();

  VideoWriter writer_;
  bool ffmpeg_ = false;
  std::string path_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  struct Item {
    RgbImage frame;
    int copies;
  };
  std::deque<Item> queue_;
  bool stopping_ = false;
  bool stopped_ = false;
  long dropped_ = 0;
  long written_ = 0;
  sim::Status error_;
  std::thread worker_;
};

}  // namespace poselab::engine
