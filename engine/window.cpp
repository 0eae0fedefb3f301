// GLFW window + GL 3.3 core context + glad + ImGui backends.
#include "engine/window.h"

#include <glad/gl.h>
// glad provides the GL declarations; GLFW_INCLUDE_NONE (set by the build) keeps GLFW's out.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <iostream>

#include "engine/fonts.h"

namespace poselab::engine {
namespace {

// GLFW reports errors through a callback; keep the latest so Create can return it.
std::string& LastGlfwError() {
  static std::string message;
  return message;
}

void OnGlfwError(int code, const char* description) {
  LastGlfwError() = "GLFW error " + std::to_string(code) + ": " + description;
}

GLFWwindow* TryCreate(const WindowOptions& options, int samples) {
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);  // required on macOS, harmless elsewhere
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SAMPLES, samples);
  return glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
}

}  // namespace

sim::Result<std::unique_ptr<Window>> Window::Create(const WindowOptions& options) {
  glfwSetErrorCallback(OnGlfwError);
  if (glfwInit() == GLFW_FALSE) {
    return sim::Error{"cannot open a window (is DISPLAY set?): " + LastGlfwError()};
  }
  // MSAA is a nicety: retry without it rather than fail on a driver that lacks it.
  GLFWwindow* handle = TryCreate(options, options.samples);
  if (handle == nullptr && options.samples > 0) handle = TryCreate(options, 0);
  if (handle == nullptr) {
    std::string message = "cannot create an OpenGL 3.3 core window: " + LastGlfwError();
    glfwTerminate();
    return sim::Error{message};
  }
  std::unique_ptr<Window> window(new Window(handle));

  glfwMakeContextCurrent(handle);
  glfwSwapInterval(1);  // vsync: the viewer has no reason to outrun the display
  if (gladLoadGL(glfwGetProcAddress) == 0) return sim::Error{"cannot load OpenGL functions"};

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini in the user's directory; the layout is fixed in code
  ImGui::StyleColorsDark();
  LoadFonts();
  if (!ImGui_ImplGlfw_InitForOpenGL(handle, true) || !ImGui_ImplOpenGL3_Init("#version 330 core")) {
    return sim::Error{"cannot initialise the ImGui backends"};
  }
  window->imgui_ready_ = true;
  return window;
}

Window::~Window() {
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Window::ShouldClose() const { return glfwWindowShouldClose(window_) != 0; }

void Window::PollEvents() { glfwPollEvents(); }

void Window::WaitEvents(double timeout_s) { glfwWaitEventsTimeout(timeout_s); }

void Window::SwapBuffers() { glfwSwapBuffers(window_); }

void Window::BeginUiFrame(bool headless, int width, int height) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (headless) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    io.DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  ImGui::NewFrame();
}

void Window::EndUiFrame() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::GetFramebufferSize(int* width, int* height) const {
  glfwGetFramebufferSize(window_, width, height);
}

double Window::Now() const { return glfwGetTime(); }

}  // namespace poselab::engine
