#include "jobaward/render/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "jobaward/error.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

namespace {

// Geometry in SVG user units (pixels at 100%); the viewBox lets the chart scale.
constexpr double kWidth = 640;  // Read at 100% on a desktop, ~60% on a phone.
constexpr double kRowHeight = 20;
constexpr double kBarHeight = 12;
constexpr double kTitleHeight = 26;
constexpr double kLegendHeight = 20;
constexpr double kYTitleHeight = 18;
constexpr double kAxisHeight = 40;
constexpr double kRightMargin = 56;  // Room for value labels.
constexpr double kCellWidth = 6.8;   // Pixels per terminal cell of a 12px label (Hangul = 2).
constexpr double kMaxLabelWidth = 240;
constexpr const char* kFontStack =
    "'Noto Sans CJK KR','Noto Sans KR','NanumGothic','Nanum Gothic','Malgun Gothic',"
    "'Apple SD Gothic Neo',sans-serif";
constexpr const char* kSeriesColors[] = {"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1",
                                         "#76b7b2", "#edc948", "#ff9da7", "#9c755f"};
constexpr const char* kLowColor = "#e15759";
constexpr const char* kHighColor = "#4e79a7";

std::string Num(double v) {
  // Coordinates with two decimals: enough for a screen, stable text.
  return FormatFixed(v, 2);
}

int TickDecimals(double step) {
  if (!(step > 0)) return 0;
  return std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
}

std::string TickLabel(double v, double step, bool percent) {
  if (percent) return FormatFixed(v * 100, TickDecimals(step * 100)) + "%";
  return FormatFixed(v, TickDecimals(step));
}

std::string ValueLabel(double v, bool percent) {
  return percent ? FormatFixed(v * 100, 1) + "%" : FormatFixed(v, 2);
}

// Rows of labelled items over a shared x axis.
class Frame {
 public:
  Frame(const std::vector<std::string>& labels, double lo, double hi, bool legend,
        const std::string& y_title)
      : rows_(labels.size()), legend_(legend), y_title_(!y_title.empty()) {
    double widest = static_cast<double>(DisplayWidth(y_title));
    for (const auto& l : labels) widest = std::max(widest, static_cast<double>(DisplayWidth(l)));
    label_width_ = std::min(widest * kCellWidth + 12, kMaxLabelWidth);
    if (!(std::isfinite(lo) && std::isfinite(hi))) lo = hi = 0;
    if (hi <= lo) hi = lo + 1;
    ticks_ = NiceTicks(lo, hi);
    lo_ = std::min(lo, ticks_.front());
    hi_ = std::max(hi, ticks_.back());
    plot_x0_ = label_width_;
    plot_width_ = kWidth - label_width_ - kRightMargin;
  }

  [[nodiscard]] double X(double v) const {
    return plot_x0_ + (std::clamp(v, lo_, hi_) - lo_) / (hi_ - lo_) * plot_width_;
  }
  [[nodiscard]] double Top() const {
    return kTitleHeight + (legend_ ? kLegendHeight : 0) + (y_title_ ? kYTitleHeight : 0);
  }
  [[nodiscard]] double RowY(std::size_t i) const {
    return Top() + static_cast<double>(i) * kRowHeight;
  }
  [[nodiscard]] double BarY(std::size_t i) const { return RowY(i) + (kRowHeight - kBarHeight) / 2; }
  [[nodiscard]] double PlotBottom() const { return RowY(rows_); }
  [[nodiscard]] double Height() const { return PlotBottom() + kAxisHeight; }
  [[nodiscard]] const std::vector<double>& ticks() const { return ticks_; }
  [[nodiscard]] double tick_step() const { return ticks_.size() > 1 ? ticks_[1] - ticks_[0] : 1.0; }

  // The <svg> opening tag, title, the y axis title and the row labels.
  [[nodiscard]] std::string Open(const std::string& title, const std::string& y_label,
                                 const std::vector<std::string>& labels) const {
    std::string s = fmt::format(
        "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
        "font-family=\"{}\" font-size=\"12\">\n<title>{}</title>\n"
        "<text class=\"chart-title\" x=\"0\" y=\"17\" font-size=\"14\" font-weight=\"bold\">{}"
        "</text>\n",
        Num(kWidth), Num(Height()), Num(kWidth), Num(Height()), kFontStack, XmlEscape(title),
        XmlEscape(title));
    if (y_title_) {
      s += fmt::format(
          "<text class=\"axis-title y-title\" x=\"{}\" y=\"{}\" text-anchor=\"end\" "
          "fill=\"#444\" font-weight=\"bold\">{}</text>\n",
          Num(label_width_ - 6), Num(Top() - 5), XmlEscape(y_label));
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const std::string shown = FitLabel(labels[i]);
      s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}{}</text>\n",
                       Num(label_width_ - 6), Num(RowY(i) + kRowHeight / 2 + 4),
                       shown == labels[i] ? "" : "<title>" + XmlEscape(labels[i]) + "</title>",
                       XmlEscape(shown));
    }
    return s;
  }

  // `label` cut to the label column with "…" (the whole label stays in a tooltip), so that no
  // row label runs off the chart's left edge.
  [[nodiscard]] std::string FitLabel(const std::string& label) const {
    const auto cells = static_cast<std::size_t>((label_width_ - 12) / kCellWidth + 1e-9);
    if (DisplayWidth(label) <= cells) return label;
    std::size_t end = 0;
    while (end < label.size()) {
      std::size_t next = end + 1;
      while (next < label.size() && (static_cast<unsigned char>(label[next]) & 0xC0U) == 0x80U) {
        ++next;  // Continuation bytes of one code point.
      }
      if (DisplayWidth(std::string_view(label).substr(0, next)) + 1 > cells) break;
      end = next;
    }
    return label.substr(0, end) + "…";
  }

  // Grid lines, tick labels and the axis label.
  [[nodiscard]] std::string Axis(const std::string& x_label, bool percent) const {
    std::string s = "<g class=\"axis\">\n";
    for (double t : ticks_) {
      s += fmt::format(
          "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#d0d0d0\" "
          "stroke-width=\"1\"/>\n<text x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" "
          "fill=\"#444\">{4}</text>\n",
          Num(X(t)), Num(Top()), Num(PlotBottom()), Num(PlotBottom() + 14),
          XmlEscape(TickLabel(t, tick_step(), percent)));
    }
    s += fmt::format(
        "<text class=\"axis-title x-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" "
        "fill=\"#444\">{}</text>\n",
        Num(plot_x0_ + plot_width_ / 2), Num(PlotBottom() + 32), XmlEscape(x_label));
    return s + "</g>\n";
  }

  // A legend row of coloured squares and names.
  [[nodiscard]] std::string Legend(
      const std::vector<std::pair<std::string, std::string>>& items) const {
    std::string s = "<g class=\"legend\">\n";
    double x = plot_x0_;
    for (const auto& [name, color] : items) {
      s += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n"
          "<text x=\"{}\" y=\"{}\">{}</text>\n",
          Num(x), Num(kTitleHeight + 2), color, Num(x + 14), Num(kTitleHeight + 11),
          XmlEscape(name));
      x += 14 + static_cast<double>(DisplayWidth(name)) * kCellWidth + 16;
    }
    return s + "</g>\n";
  }

 private:
  std::size_t rows_;
  bool legend_;
  bool y_title_;
  double label_width_ = 0;
  double plot_x0_ = 0, plot_width_ = 0;
  double lo_ = 0, hi_ = 1;
  std::vector<double> ticks_;
};

std::string Rect(double x0, double x1, double y, double h, const std::string& color,
                 const std::string& tooltip) {
  if (x1 < x0) std::swap(x0, x1);
  return fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>\n",
      Num(x0), Num(y), Num(x1 - x0), Num(h), color, XmlEscape(tooltip));
}

void RequireRows(std::size_t labels, std::size_t values, const char* what) {
  if (labels != values) {
    throw InternalError(fmt::format("{}: {} labels but {} values", what, labels, values));
  }
}

// Largest finite element, or `fallback`.
double MaxFinite(const std::vector<double>& v, double fallback) {
  double m = fallback;
  for (double x : v) {
    if (std::isfinite(x)) m = std::max(m, x);
  }
  return m;
}
double MinFinite(const std::vector<double>& v, double fallback) {
  double m = fallback;
  for (double x : v) {
    if (std::isfinite(x)) m = std::min(m, x);
  }
  return m;
}

}  // namespace

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<double> NiceTicks(double lo, double hi, int target) {
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  const double first = std::floor(lo / step + 1e-9) * step;
  for (int i = 0;; ++i) {
    double t = first + i * step;
    if (std::abs(t) < step * 1e-9) t = 0;  // No "-0".
    ticks.push_back(t);
    if (t >= hi - step * 1e-9) break;
  }
  return ticks;
}

std::string RenderSvg(const BarChart& chart) {
  RequireRows(chart.labels.size(), chart.values.size(), "bar chart");
  if (!chart.errors.empty()) RequireRows(chart.labels.size(), chart.errors.size(), "bar chart");
  double hi = chart.x_max.value_or(MaxFinite(chart.values, 0));
  if (!chart.errors.empty() && !chart.x_max) {
    for (std::size_t i = 0; i < chart.values.size(); ++i) {
      if (std::isfinite(chart.values[i] + chart.errors[i])) {
        hi = std::max(hi, chart.values[i] + chart.errors[i]);
      }
    }
  }
  const Frame f(chart.labels, std::min(0.0, MinFinite(chart.values, 0)), hi, false, chart.y_label);
  std::string s =
      f.Open(chart.title, chart.y_label, chart.labels) + f.Axis(chart.x_label, chart.percent);
  s += "<g class=\"bars\">\n";
  for (std::size_t i = 0; i < chart.values.size(); ++i) {
    const double v = chart.values[i];
    if (!std::isfinite(v)) continue;
    s += Rect(f.X(0), f.X(v), f.BarY(i), kBarHeight, chart.color,
              chart.labels[i] + ": " + ValueLabel(v, chart.percent));
    double end = f.X(v);
    if (!chart.errors.empty() && std::isfinite(chart.errors[i]) && chart.errors[i] > 0) {
      const double y = f.BarY(i) + kBarHeight / 2;
      end = f.X(v + chart.errors[i]);
      s += fmt::format(
          "<line class=\"error\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#222\" "
          "stroke-width=\"1\"/>\n",
          Num(f.X(v - chart.errors[i])), Num(y), Num(end), Num(y));
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>\n", Num(end + 4),
                     Num(f.BarY(i) + kBarHeight - 2), XmlEscape(ValueLabel(v, chart.percent)));
  }
  return s + "</g>\n</svg>\n";
}

std::string RenderSvg(const StackedBarChart& chart) {
  RequireRows(chart.labels.size(), chart.values.size(), "stacked bar chart");
  double hi = 0;
  for (const auto& row : chart.values) {
    RequireRows(chart.series.size(), row.size(), "stacked bar chart series");
    double total = 0;
    for (double v : row) total += std::isfinite(v) ? std::max(v, 0.0) : 0;
    hi = std::max(hi, total);
  }
  const Frame f(chart.labels, 0, chart.x_max.value_or(hi), true, chart.y_label);
  std::vector<std::pair<std::string, std::string>> legend;
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    legend.emplace_back(chart.series[k], kSeriesColors[k % std::size(kSeriesColors)]);
  }
  std::string s = f.Open(chart.title, chart.y_label, chart.labels) + f.Legend(legend) +
                  f.Axis(chart.x_label, false) + "<g class=\"bars\">\n";
  for (std::size_t i = 0; i < chart.values.size(); ++i) {
    double at = 0;
    for (std::size_t k = 0; k < chart.series.size(); ++k) {
      const double v = chart.values[i][k];
      if (!std::isfinite(v) || v <= 0) continue;
      s += Rect(f.X(at), f.X(at + v), f.BarY(i), kBarHeight, legend[k].second,
                chart.labels[i] + " · " + chart.series[k] + ": " + FormatFixed(v, 2));
      at += v;
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#222\">{}</text>\n", Num(f.X(at) + 4),
                     Num(f.BarY(i) + kBarHeight - 2), FormatFixed(at, 2));
  }
  return s + "</g>\n</svg>\n";
}

std::string RenderSvg(const IntervalChart& chart) {
  RequireRows(chart.labels.size(), chart.low.size(), "interval chart");
  RequireRows(chart.labels.size(), chart.mid.size(), "interval chart");
  RequireRows(chart.labels.size(), chart.high.size(), "interval chart");
  const double lo = chart.x_min.value_or(MinFinite(chart.low, 0));
  const double hi = chart.x_max.value_or(MaxFinite(chart.high, 1));
  const Frame f(chart.labels, lo, hi, true, chart.y_label);
  std::string s = f.Open(chart.title, chart.y_label, chart.labels) +
                  f.Legend({{"5–95%", "#9db9d5"}, {chart.mid_name, "#1f3b57"}}) +
                  f.Axis(chart.x_label, false) + "<g class=\"intervals\">\n";
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    const double y = f.BarY(i);
    if (std::isfinite(chart.low[i]) && std::isfinite(chart.high[i])) {
      s += Rect(f.X(chart.low[i]), f.X(chart.high[i]), y + kBarHeight / 2 - 3, 6, "#9db9d5",
                chart.labels[i] + ": " + FormatFixed(chart.low[i], 1) + "–" +
                    FormatFixed(chart.high[i], 1));
    }
    if (std::isfinite(chart.mid[i])) {
      s += fmt::format(
          "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#1f3b57\"><title>{}</title></circle>\n",
          Num(f.X(chart.mid[i])), Num(y + kBarHeight / 2),
          XmlEscape(chart.labels[i] + " " + chart.mid_name + ": " + FormatFixed(chart.mid[i], 2)));
    }
  }
  return s + "</g>\n</svg>\n";
}

std::string RenderSvg(const TornadoChart& chart) {
  RequireRows(chart.labels.size(), chart.low.size(), "tornado chart");
  RequireRows(chart.labels.size(), chart.high.size(), "tornado chart");
  const bool marks = !chart.mark_low.empty() || !chart.mark_high.empty();
  if (marks) {
    RequireRows(chart.labels.size(), chart.mark_low.size(), "tornado chart marks");
    RequireRows(chart.labels.size(), chart.mark_high.size(), "tornado chart marks");
  }
  const double lo = std::min({0.0, MinFinite(chart.low, 0), MinFinite(chart.high, 0),
                              MinFinite(chart.mark_low, 0), MinFinite(chart.mark_high, 0)});
  const double hi = std::max({0.0, MaxFinite(chart.low, 0), MaxFinite(chart.high, 0),
                              MaxFinite(chart.mark_low, 0), MaxFinite(chart.mark_high, 0)});
  const Frame f(chart.labels, lo, hi, true, chart.y_label);
  std::vector<std::pair<std::string, std::string>> legend = {{chart.low_name, kLowColor},
                                                             {chart.high_name, kHighColor}};
  if (marks) legend.emplace_back(chart.mark_name, "#222");
  std::string s = f.Open(chart.title, chart.y_label, chart.labels) + f.Legend(legend) +
                  f.Axis(chart.x_label, false) + "<g class=\"bars\">\n";
  const double half = kBarHeight / 2;
  auto side = [&](std::size_t i, double value, const std::vector<double>& mark, double y,
                  const char* color, const std::string& name) {
    if (!std::isfinite(value)) return;
    std::string tooltip = chart.labels[i] + " " + name + ": " + FormatFixed(value, 3);
    if (marks && std::isfinite(mark[i])) {
      tooltip += " (" + chart.mark_name + ": " + FormatFixed(mark[i], 3) + ")";
    }
    s += Rect(f.X(0), f.X(value), y, half, color, tooltip);
    if (marks && std::isfinite(mark[i])) {
      s += fmt::format(
          "<line class=\"mark\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#222\" "
          "stroke-width=\"2\"/>\n",
          Num(f.X(mark[i])), Num(y - 1), Num(y + half + 1));
    }
  };
  for (std::size_t i = 0; i < chart.labels.size(); ++i) {
    side(i, chart.low[i], chart.mark_low, f.BarY(i), kLowColor, chart.low_name);
    side(i, chart.high[i], chart.mark_high, f.BarY(i) + half, kHighColor, chart.high_name);
  }
  s += fmt::format(
      "<line class=\"baseline\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#222\" "
      "stroke-width=\"1\"/>\n",
      Num(f.X(0)), Num(f.Top()), Num(f.PlotBottom()));
  return s + "</g>\n</svg>\n";
}

}  // namespace jobaward
