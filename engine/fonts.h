// The viewer's fonts: a UI font and a larger, bold one for the labels in the 3D view, sized to
// be read on a projector. DejaVu Sans (the usual Debian system font) when it is installed, else
// ImGui's built-in font, so the viewer never depends on it.
#pragma once

struct ImFont;

namespace poselab::engine {

// Adds the fonts to ImGui's atlas; call once after ImGui::CreateContext, before the first
// frame. The UI font becomes ImGui's default.
void LoadFonts();

// The label font and its nominal size in pixels (DrawLabel::size scales it).
ImFont* LabelFont();
float LabelFontSize();

}  // namespace poselab::engine
