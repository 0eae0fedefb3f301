// Capture: an offscreen framebuffer for headless rendering (multisampled when the driver allows,
// resolved before read-back) and the read-back of a frame into an RgbImage.
#pragma once

#include <memory>

#include "engine/image_io.h"
#include "sim/core/result.h"

namespace poselab::engine {

// Rendering into an FBO rather than a hidden window's back buffer: the contents of an unmapped
// window are undefined (the pixel ownership test may discard them), an FBO's are not.
class Capture {
 public:
  // Needs a current GL context that outlives the capture. `samples` is capped to GL_MAX_SAMPLES.
  static sim::Result<std::unique_ptr<Capture>> Create(int width, int height, int samples = 4);
  ~Capture();
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;

  // Makes the offscreen target the draw framebuffer; render the frame (scene and UI) after this.
  void Bind() const;
  // Resolves the multisampled image and reads it back as top-down RGB.
  RgbImage Read() const;

  int width() const { return width_; }
  int height() const { return height_; }
  int samples() const { return samples_; }

 private:
  Capture() = default;
  int width_ = 0;
  int height_ = 0;
  int samples_ = 0;
  unsigned render_fbo_ = 0;  // what we draw into (multisampled if samples_ > 0)
  unsigned color_rb_ = 0;
  unsigned depth_rb_ = 0;
  unsigned resolve_fbo_ = 0;  // single-sampled copy read by glReadPixels
  unsigned resolve_rb_ = 0;
};

}  // namespace poselab::engine
