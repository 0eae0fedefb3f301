// Plot drawing: frames, stance shading, grid and tick labels, traces, linked hover cursor.
#include "engine/plots.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "engine/plot_data.h"

namespace poselab::engine {
namespace {

// Layout, pixels.
constexpr float kGap = 6.0f;
constexpr float kLeftMargin = 34.0f;  // y tick labels
constexpr float kTitleHeight = 16.0f;
constexpr float kXLabelHeight = 14.0f;
constexpr float kStanceBarHeight = 3.0f;  // per runner, along the plot's bottom
constexpr float kGrfWidthFraction = 0.36f;
constexpr float kTimeTickS = 0.2f;

const ImU32 kBackground = IM_COL32(18, 20, 26, 235);
const ImU32 kFrame = IM_COL32(90, 95, 110, 255);
const ImU32 kGrid = IM_COL32(70, 74, 86, 160);
const ImU32 kZeroLine = IM_COL32(150, 155, 170, 200);
const ImU32 kTickText = IM_COL32(175, 180, 195, 255);
const ImU32 kTitleText = IM_COL32(235, 235, 240, 255);
const ImU32 kCursorLine = IM_COL32(255, 255, 255, 150);

// What one plot shows, and the smallest value range it keeps (so a quiet signal is not blown
// up to fill the plot).
struct PlotSpec {
  const char* title;
  PlotChannel channel;
  float min_lo, min_hi;
  int max_ticks;
  bool x_labels;
};

ImU32 WithAlpha(ImU32 color, int alpha) {
  return (color & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

struct Frame {
  ImVec2 outer0, outer1;  // the whole cell
  ImVec2 p0, p1;          // the data area
};

Frame MakeFrame(ImVec2 origin, ImVec2 size, bool x_labels) {
  Frame f;
  f.outer0 = origin;
  f.outer1 = ImVec2(origin.x + size.x, origin.y + size.y);
  f.p0 = ImVec2(origin.x + kLeftMargin, origin.y + kTitleHeight);
  f.p1 = ImVec2(f.outer1.x - 4.0f, f.outer1.y - (x_labels ? kXLabelHeight : 3.0f));
  return f;
}

float XOf(const Frame& f, float t, float span) { return f.p1.x + (t / span) * (f.p1.x - f.p0.x); }
float YOf(const Frame& f, const AxisScale& a, float v) {
  return f.p1.y - (v - a.lo) / (a.hi - a.lo) * (f.p1.y - f.p0.y);
}

void DrawPlot(ImDrawList* dl, const Frame& f, const PlotSpec& spec,
              const std::vector<PlotTrace>& traces, const std::vector<RunnerStyle>& runners,
              float span, std::optional<float> hover_t) {
  // Range: every runner's visible values, at least the spec's minimum range.
  float lo = spec.min_lo, hi = spec.min_hi;
  for (const PlotTrace& tr : traces) {
    for (size_t i = 0; i < tr.t.size(); ++i) {
      if (tr.t[i] < -span) continue;
      lo = std::min(lo, tr.v[i]);
      hi = std::max(hi, tr.v[i]);
    }
  }
  const AxisScale axis = NiceAxis(lo, hi, spec.max_ticks);

  dl->AddRectFilled(f.outer0, f.outer1, kBackground, 3.0f);
  dl->PushClipRect(f.p0, ImVec2(f.p1.x + 1.0f, f.p1.y + 1.0f), true);
  // Stance: a faint band per runner over the plot and a solid bar along the bottom.
  for (size_t r = 0; r < traces.size(); ++r) {
    const float bar_y1 = f.p1.y - static_cast<float>(r) * (kStanceBarHeight + 1.0f);
    for (const auto& [a, b] : traces[r].stance) {
      const float x0 = XOf(f, a, span), x1 = XOf(f, b, span);
      dl->AddRectFilled(ImVec2(x0, f.p0.y), ImVec2(x1, f.p1.y), WithAlpha(runners[r].color, 28));
      dl->AddRectFilled(ImVec2(x0, bar_y1 - kStanceBarHeight), ImVec2(x1, bar_y1),
                        WithAlpha(runners[r].color, 220));
    }
  }
  // Grid: value ticks (zero brighter) and a line every kTimeTickS.
  for (float v = axis.lo; v <= axis.hi + 0.5f * axis.step; v += axis.step) {
    const float y = YOf(f, axis, v);
    const bool zero = std::abs(v) < 0.5f * axis.step;
    dl->AddLine(ImVec2(f.p0.x, y), ImVec2(f.p1.x, y), zero ? kZeroLine : kGrid, 1.0f);
  }
  for (float t = 0.0f; t >= -span - 1e-4f; t -= kTimeTickS) {
    const float x = XOf(f, t, span);
    dl->AddLine(ImVec2(x, f.p0.y), ImVec2(x, f.p1.y), kGrid, 1.0f);
  }
  // Traces.
  std::vector<ImVec2> points;
  for (size_t r = 0; r < traces.size(); ++r) {
    points.clear();
    for (size_t i = 0; i < traces[r].t.size(); ++i) {
      points.emplace_back(XOf(f, traces[r].t[i], span), YOf(f, axis, traces[r].v[i]));
    }
    if (points.size() >= 2) {
      dl->AddPolyline(points.data(), static_cast<int>(points.size()), runners[r].color, 0, 2.0f);
    }
  }
  if (hover_t) {
    const float x = XOf(f, *hover_t, span);
    dl->AddLine(ImVec2(x, f.p0.y), ImVec2(x, f.p1.y), kCursorLine, 1.0f);
    for (size_t r = 0; r < traces.size(); ++r) {
      if (const std::optional<float> v = TraceValueAt(traces[r], *hover_t)) {
        dl->AddCircleFilled(ImVec2(x, YOf(f, axis, *v)), 3.5f, runners[r].color);
      }
    }
  }
  dl->PopClipRect();
  dl->AddRect(f.p0, f.p1, kFrame);

  // Labels: title with units, value ticks, time ticks.
  dl->AddText(ImVec2(f.outer0.x + 4.0f, f.outer0.y + 1.0f), kTitleText, spec.title);
  char buf[32];
  const char* fmt = axis.step >= 1.0f ? "%.0f" : "%.1f";
  for (float v = axis.lo; v <= axis.hi + 0.5f * axis.step; v += axis.step) {
    std::snprintf(buf, sizeof(buf), fmt, std::abs(v) < 1e-6f ? 0.0f : v);
    const ImVec2 size = ImGui::CalcTextSize(buf);
    const float y =
        std::clamp(YOf(f, axis, v) - 0.5f * size.y, f.p0.y - 2.0f, f.p1.y - size.y + 2.0f);
    dl->AddText(ImVec2(f.p0.x - size.x - 4.0f, y), kTickText, buf);
  }
  if (spec.x_labels) {
    for (float t = 0.0f; t >= -span - 1e-4f; t -= 2.0f * kTimeTickS) {
      std::snprintf(buf, sizeof(buf), t > -1e-4f ? "0 s" : "%.1f", t);
      const ImVec2 size = ImGui::CalcTextSize(buf);
      const float x = std::clamp(XOf(f, t, span) - 0.5f * size.x, f.p0.x, f.p1.x - size.x);
      dl->AddText(ImVec2(x, f.p1.y + 1.0f), kTickText, buf);
    }
  }
}

// The hover tooltip: the instant, then each runner's value and controller phase in its colour.
void Tooltip(const PlotSpec& spec, const std::vector<PlotTrace>& traces,
             const std::vector<RunnerStyle>& runners, const History& history, float hover_t,
             double end_time_s) {
  const std::optional<size_t> at = history.NearestIndex(end_time_s + hover_t);
  ImGui::BeginTooltip();
  ImGui::Text("%s", spec.title);
  ImGui::TextDisabled("t = %.3f s (%.0f ms before the shown instant)", end_time_s + hover_t,
                      -1000.0 * hover_t);
  for (size_t r = 0; r < traces.size(); ++r) {
    const std::optional<float> v = TraceValueAt(traces[r], hover_t);
    const std::string phase = at && r < history.runner_count()
                                  ? history.phase_name(r, history.sample(r, *at).phase)
                                  : std::string();
    ImGui::PushStyleColor(ImGuiCol_Text, runners[r].color);
    if (v) {
      ImGui::Text("%s: %.2f   (%s)", runners[r].name.c_str(), *v, phase.c_str());
    } else {
      ImGui::Text("%s: -", runners[r].name.c_str());
    }
    ImGui::PopStyleColor();
  }
  ImGui::EndTooltip();
}

}  // namespace

void TooltipWrapped(const char* fmt, ...) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
  va_list args;
  va_start(args, fmt);
  ImGui::TextV(fmt, args);
  va_end(args);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void PlotPanel::Draw(const History& history, const std::vector<RunnerStyle>& runners, int leg,
                     double end_time_s, ImVec2 size) {
  const auto span = static_cast<float>(kPlotSpanS);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);  // claims the area for the window's layout
  const bool window_hovered = ImGui::IsWindowHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();

  // Cells: the GRF plot on the left, the joint grid (3 columns x 2 rows) on the right.
  const float grf_w = std::floor(size.x * kGrfWidthFraction);
  const float cell_w = std::floor((size.x - grf_w - 3.0f * kGap) / 3.0f);
  const float cell_h = std::floor((size.y - kGap) / 2.0f);
  struct Cell {
    PlotSpec spec;
    Frame frame;
  };
  std::vector<Cell> cells;
  cells.push_back(
      {{"Vertical GRF (BW), both feet", {PlotChannel::Signal::kGrf, leg, 0}, 0.0f, 2.0f, 4, true},
       MakeFrame(origin, ImVec2(grf_w, size.y), true)});
  static const char* kMomentTitles[kPlotJoints] = {
      "Hip moment (N m/kg, ext +)", "Knee moment (N m/kg, ext +)", "Ankle moment (N m/kg, pf +)"};
  static const char* kPowerTitles[kPlotJoints] = {"Hip power (W/kg)", "Knee power (W/kg)",
                                                  "Ankle power (W/kg)"};
  for (int row = 0; row < 2; ++row) {
    for (int j = 0; j < kPlotJoints; ++j) {
      const ImVec2 cell_origin(origin.x + grf_w + kGap + static_cast<float>(j) * (cell_w + kGap),
                               origin.y + static_cast<float>(row) * (cell_h + kGap));
      PlotSpec spec =
          row == 0
              ? PlotSpec{kMomentTitles[j],
                         {PlotChannel::Signal::kMoment, leg, j},
                         -0.5f,
                         0.5f,
                         3,
                         false}
              : PlotSpec{
                    kPowerTitles[j], {PlotChannel::Signal::kPower, leg, j}, -2.0f, 2.0f, 3, true};
      cells.push_back({spec, MakeFrame(cell_origin, ImVec2(cell_w, cell_h), row == 1)});
    }
  }

  // The hovered time, from whichever plot the mouse is over; all plots mark it.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  hover_t_.reset();
  const Cell* hovered = nullptr;
  if (window_hovered) {
    for (const Cell& c : cells) {
      const Frame& f = c.frame;
      if (mouse.x >= f.p0.x && mouse.x <= f.p1.x && mouse.y >= f.p0.y && mouse.y <= f.p1.y) {
        hover_t_ = (mouse.x - f.p1.x) / (f.p1.x - f.p0.x) * span;
        hovered = &c;
      }
    }
  }

  std::vector<PlotTrace> traces(runners.size());
  for (const Cell& c : cells) {
    for (size_t r = 0; r < runners.size() && r < history.runner_count(); ++r) {
      traces[r] = CollectTrace(history, r, c.spec.channel, end_time_s, kPlotSpanS);
    }
    DrawPlot(dl, c.frame, c.spec, traces, runners, span, hover_t_);
    if (&c == hovered) Tooltip(c.spec, traces, runners, history, *hover_t_, end_time_s);
  }
}

}  // namespace poselab::engine
