// Font loading (see fonts.h).
#include "engine/fonts.h"

#include <imgui.h>

#include <filesystem>

namespace poselab::engine {
namespace {

// Debian's fonts-dejavu-core (pulled in by fontconfig on most desktops and servers).
constexpr const char* kUiFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kLabelFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
constexpr float kUiFontPx = 16.0f;
constexpr float kLabelFontPx = 19.0f;

ImFont* g_label_font = nullptr;
float g_label_px = 13.0f;

ImFont* AddFont(const char* path, float px) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return nullptr;
  return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, px);
}

}  // namespace

void LoadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  ImFont* ui = AddFont(kUiFontPath, kUiFontPx);
  if (ui == nullptr) {
    // ImGui's own font is a 13 px pixel font: crisp only at whole multiples, so labels use it
    // at twice its size rather than a blurry 19 px.
    ui = io.Fonts->AddFontDefault();
    ImFontConfig doubled;
    doubled.SizePixels = 26.0f;
    g_label_font = io.Fonts->AddFontDefault(&doubled);
    g_label_px = 26.0f;
  } else {
    g_label_font = AddFont(kLabelFontPath, kLabelFontPx);
    g_label_px = kLabelFontPx;
    if (g_label_font == nullptr) g_label_font = ui;
  }
  io.FontDefault = ui;
}

ImFont* LabelFont() { return g_label_font != nullptr ? g_label_font : ImGui::GetFont(); }

float LabelFontSize() { return g_label_px; }

}  // namespace poselab::engine
