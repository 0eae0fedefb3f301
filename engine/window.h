// Window: the GLFW window with its OpenGL 3.3 core context, the glad loader and the Dear ImGui
// backends, created and torn down together (ImGui must go before the context it renders with).
#pragma once

#include <memory>
#include <string>

#include "sim/core/result.h"

struct GLFWwindow;

namespace poselab::engine {

struct WindowOptions {
  int width = 1280;
  int height = 720;
  std::string title = "PoseLab";
  bool visible = true;  // false for headless capture (rendering then goes to an offscreen FBO)
  int samples = 4;      // MSAA samples for the default framebuffer; dropped if unavailable
};

class Window {
 public:
  // Fails with a readable message when there is no display or no GL 3.3 core context.
  static sim::Result<std::unique_ptr<Window>> Create(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool ShouldClose() const;
  void PollEvents();
  // Sleeps until an event arrives or `timeout_s` passes (used while minimised).
  void WaitEvents(double timeout_s);
  void SwapBuffers();

  // Starts an ImGui frame (platform + renderer backends, then ImGui::NewFrame). Headless frames
  // pin the display size to the capture size and hide the mouse, so a stray pointer over the
  // hidden window cannot hover a widget in a screenshot.
  void BeginUiFrame(bool headless, int width, int height);
  // Renders the ImGui draw data into the currently bound framebuffer.
  void EndUiFrame();

  // Framebuffer size in pixels (differs from the window size on high-DPI screens).
  void GetFramebufferSize(int* width, int* height) const;
  // Seconds since GLFW started (monotonic).
  double Now() const;

  GLFWwindow* handle() const { return window_; }

 private:
  explicit Window(GLFWwindow* window) : window_(window) {}
  GLFWwindow* window_ = nullptr;
  bool imgui_ready_ = false;
};

}  // namespace poselab::engine
