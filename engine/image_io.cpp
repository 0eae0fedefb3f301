// PNG writing (stb_image_write) and the ffmpeg pipe / PNG-sequence video writer.
#include "engine/image_io.h"

#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <utility>

namespace poselab::engine {
namespace fs = std::filesystem;
namespace {

// Quotes `s` for /bin/sh: single quotes, with embedded ones closed, escaped and reopened.
std::string ShellQuote(const std::string& s) {
  std::string quoted = "'";
  for (char c : s) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

void FlipRows(RgbImage* image) {
  const size_t row = static_cast<size_t>(image->width) * 3;
  for (int top = 0, bottom = image->height - 1; top < bottom; ++top, --bottom) {
    std::swap_ranges(image->pixels.begin() + static_cast<std::ptrdiff_t>(top * row),
                     image->pixels.begin() + static_cast<std::ptrdiff_t>((top + 1) * row),
                     image->pixels.begin() + static_cast<std::ptrdiff_t>(bottom * row));
  }
}

sim::Status WritePng(const RgbImage& image, const std::string& path) {
  POSELAB_ASSERT(image.pixels.size() == static_cast<size_t>(image.width) * image.height * 3,
                 "RgbImage size does not match its pixels");
  if (stbi_write_png(path.c_str(), image.width, image.height, 3, image.pixels.data(),
                     image.width * 3) == 0) {
    return sim::Error{path + ": could not write PNG"};
  }
  return {};
}

bool IsOnPath(const std::string& program) {
  const char* path_env = std::getenv("PATH");
  if (path_env == nullptr) return false;
  std::stringstream dirs(path_env);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (::access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

sim::Result<VideoWriter> VideoWriter::Open(const std::string& path, int width, int height,
                                           double fps) {
  VideoWriter writer;
  writer.path_ = path;
  writer.width_ = width;
  writer.height_ = height;
  if (IsOnPath("ffmpeg")) {
    std::ostringstream command;
    command << "ffmpeg -loglevel error -y -f rawvideo -pix_fmt rgb24 -s " << width << "x" << height
            << " -r " << fps << " -i - -pix_fmt yuv420p " << ShellQuote(path);
    // A dead ffmpeg must surface as a failed write, not kill us with SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    writer.pipe_ = ::popen(command.str().c_str(), "w");
    if (writer.pipe_ == nullptr) return sim::Error{path + ": could not start ffmpeg"};
    return writer;
  }
  // Fallback: out/run.mp4 -> out/run/frame_00000.png, ...
  const fs::path p(path);
  writer.frame_dir_ = (p.parent_path() / p.stem()).string();
  std::error_code ec;
  fs::create_directories(writer.frame_dir_, ec);
  if (ec) return sim::Error{writer.frame_dir_ + ": could not create directory: " + ec.message()};
  std::cerr << "ffmpeg is not on PATH: writing a PNG sequence to " << writer.frame_dir_
            << "/ instead of " << path << "\n";
  return writer;
}

VideoWriter::VideoWriter(VideoWriter&& other) noexcept
    : path_(std::move(other.path_)),
      frame_dir_(std::move(other.frame_dir_)),
      pipe_(std::exchange(other.pipe_, nullptr)),
      width_(other.width_),
      height_(other.height_),
      frame_count_(other.frame_count_) {}

VideoWriter::~VideoWriter() {
  if (pipe_ != nullptr) (void)Close();
}

sim::Status VideoWriter::Write(const RgbImage& frame) {
  POSELAB_ASSERT(frame.width == width_ && frame.height == height_, "video frame size changed");
  if (pipe_ != nullptr) {
    if (std::fwrite(frame.pixels.data(), 1, frame.pixels.size(), pipe_) != frame.pixels.size()) {
      return sim::Error{path_ + ": ffmpeg stopped accepting frames"};
    }
  } else {
    char name[32];
    std::snprintf(name, sizeof(name), "frame_%05d.png", frame_count_);
    sim::Status status = WritePng(frame, (fs::path(frame_dir_) / name).string());
    if (!status.ok()) return status;
  }
  ++frame_count_;
  return {};
}

sim::Status VideoWriter::Close() {
  if (pipe_ == nullptr) return {};
  const int rc = ::pclose(std::exchange(pipe_, nullptr));
  if (rc != 0) return sim::Error{path_ + ": ffmpeg failed (status " + std::to_string(rc) + ")"};
  return {};
}

}  // namespace poselab::engine
