// Capture file names, video pacing and the background frame writer (see frame_recorder.h).
#include "engine/frame_recorder.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace poselab::engine {

std::string NextCapturePath(const std::string& dir, const std::string& prefix,
                            const std::string& ext,
                            const std::function<bool(const std::string&)>& exists) {
  auto taken = [&exists](const std::string& path) {
    if (exists) return exists(path);
    std::error_code ec;
    return std::filesystem::exists(path, ec);
  };
  for (int n = 1;; ++n) {
    char name[32];
    std::snprintf(name, sizeof(name), "_%03d", n);
    const std::string path = (std::filesystem::path(dir) / (prefix + name + ext)).string();
    if (!taken(path)) return path;
  }
}

long FramesDue(double elapsed_s, double fps) {
  if (!(elapsed_s >= 0.0) || !(fps > 0.0)) return 1;
  // Frame 0 is due at once; frame k at k / fps.
  return static_cast<long>(std::floor(elapsed_s * fps + 1e-9)) + 1;
}

sim::Result<std::unique_ptr<FrameRecorder>> FrameRecorder::Start(const std::string& path,
                                                                 int width, int height,
                                                                 double fps) {
  sim::Result<VideoWriter> opened = VideoWriter::Open(path, width, height, fps);
  if (!opened.ok()) return sim::Error{opened.error()};
  std::unique_ptr<FrameRecorder> recorder(new FrameRecorder(std::move(opened).value()));
  recorder->path_ = path;
  recorder->worker_ = std::thread([r = recorder.get()] { r->Work(); });
  return recorder;
}

FrameRecorder::~FrameRecorder() { (void)Stop(); }

void FrameRecorder::Push(RgbImage frame, int copies) {
  if (copies <= 0) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    if (queue_.size() >= kMaxQueued) {
      dropped_ += copies;
      return;
    }
    queue_.push_back({std::move(frame), copies});
  }
  wake_.notify_one();
}

void FrameRecorder::Work() {
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    for (int i = 0; i < item.copies; ++i) {
      const sim::Status status = writer_.Write(item.frame);
      std::lock_guard<std::mutex> lock(mutex_);
      if (!status.ok()) {
        if (error_.ok()) error_ = status;
        break;
      }
      ++written_;
    }
  }
}

sim::Status FrameRecorder::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return error_;
    stopping_ = true;
  }
  wake_.notify_one();
  if (worker_.joinable()) worker_.join();
  const sim::Status closed = writer_.Close();
  std::lock_guard<std::mutex> lock(mutex_);
  stopped_ = true;
  if (error_.ok() && !closed.ok()) error_ = closed;
  return error_;
}

std::string FrameRecorder::destination() const {
  return ffmpeg_ ? path_ : writer_.frame_dir() + "/";
}

long FrameRecorder::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

long FrameRecorder::written() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return written_;
}

}  // namespace poselab::engine
