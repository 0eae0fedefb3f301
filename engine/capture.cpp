// Offscreen FBO set-up, MSAA resolve and pixel read-back.
#include "engine/capture.h"

#include <glad/gl.h>

#include <algorithm>

namespace poselab::engine {

sim::Result<std::unique_ptr<Capture>> Capture::Create(int width, int height, int samples) {
  std::unique_ptr<Capture> capture(new Capture());
  capture->width_ = width;
  capture->height_ = height;
  GLint max_samples = 0;
  glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
  capture->samples_ = std::clamp(samples, 0, static_cast<int>(max_samples));

  // Render target: colour + depth renderbuffers.
  glGenFramebuffers(1, &capture->render_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, capture->render_fbo_);
  glGenRenderbuffers(1, &capture->color_rb_);
  glBindRenderbuffer(GL_RENDERBUFFER, capture->color_rb_);
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, capture->samples_, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                            capture->color_rb_);
  glGenRenderbuffers(1, &capture->depth_rb_);
  glBindRenderbuffer(GL_RENDERBUFFER, capture->depth_rb_);
  glRenderbufferStorageMultisample(GL_RENDERBUFFER, capture->samples_, GL_DEPTH_COMPONENT24, width,
                                   height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER,
                            capture->depth_rb_);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    return sim::Error{"offscreen framebuffer is incomplete"};
  }

  // Resolve target: single-sampled colour only.
  glGenFramebuffers(1, &capture->resolve_fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, capture->resolve_fbo_);
  glGenRenderbuffers(1, &capture->resolve_rb_);
  glBindRenderbuffer(GL_RENDERBUFFER, capture->resolve_rb_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                            capture->resolve_rb_);
  const bool resolve_ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!resolve_ok) return sim::Error{"offscreen resolve framebuffer is incomplete"};
  return capture;
}

Capture::~Capture() {
  const GLuint renderbuffers[] = {color_rb_, depth_rb_, resolve_rb_};
  glDeleteRenderbuffers(3, renderbuffers);
  const GLuint framebuffers[] = {render_fbo_, resolve_fbo_};
  glDeleteFramebuffers(2, framebuffers);
}

void Capture::Bind() const { glBindFramebuffer(GL_FRAMEBUFFER, render_fbo_); }

RgbImage Capture::Read() const {
  // Blitting a multisampled buffer into a single-sampled one is what resolves it.
  glBindFramebuffer(GL_READ_FRAMEBUFFER, render_fbo_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, resolve_fbo_);
  glBlitFramebuffer(0, 0, width_, height_, 0, 0, width_, height_, GL_COLOR_BUFFER_BIT, GL_NEAREST);

  RgbImage image;
  image.width = width_;
  image.height = height_;
  image.pixels.resize(static_cast<size_t>(width_) * height_ * 3);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, resolve_fbo_);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);  // rows of width*3 bytes are not 4-byte aligned
  glReadPixels(0, 0, width_, height_, GL_RGB, GL_UNSIGNED_BYTE, image.pixels.data());
  glBindFramebuffer(GL_FRAMEBUFFER, render_fbo_);
  FlipRows(&image);  // GL's origin is the bottom-left corner
  return image;
}

}  // namespace poselab::engine
