// Charts for the HTML report as inline SVG strings: horizontal bars (award probabilities, with
// optional error bars), stacked bars (score breakdown plan/execution/outcome), intervals (rank
// 5–95% ranges with a centre mark) and a tornado (low/high change around a baseline). One row
// per labelled item, so Korean names are read horizontally; the x axis has "nice" ticks. Both
// axes carry a title when given: x_label under the ticks (class "axis-title x-title"), y_label
// above the row labels (class "axis-title y-title"), so that a reader knows what the rows and
// the scale are.
//
// Every text is XML-escaped; the output has no script, no external reference and no style that
// depends on the page, so a chart can be pasted anywhere. Each chart is an <svg role="img"> with a
// <title> (screen readers, tooltips) and scales to its container through its viewBox. Output is a
// pure function of the input (byte-identical for the same data).
//
// Thread-safe (pure functions). Tests: tests/unit/render/svg_chart_test.cpp (escaping, geometry of
// bars against hand-computed coordinates, ticks, empty input, non-finite values).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobaward {

/// Escapes & < > " ' for XML/HTML text and attribute values.
[[nodiscard]] std::string XmlEscape(std::string_view text);

/// Bars from 0 (or x_min) to each value. `errors` (optional, one per row) draws ±error whiskers.
struct BarChart {
  std::string title;
  std::string x_label;
  std::string y_label;  ///< What the rows are, e.g. "지자체".
  std::vector<std::string> labels;
  std::vector<double> values;
  std::vector<double> errors;   ///< Empty, or one per row.
  std::optional<double> x_max;  ///< Default: the largest value (rounded up to a tick).
  bool percent = false;         ///< Values are fractions; ticks and labels show percentages.
  std::string color = "#4e79a7";
};

/// Several series stacked per row, e.g. plan + execution + outcome points.
struct StackedBarChart {
  std::string title;
  std::string x_label;
  std::string y_label;                      ///< What the rows are, e.g. "지자체".
  std::vector<std::string> series;          ///< Legend names.
  std::vector<std::string> labels;          ///< One per row.
  std::vector<std::vector<double>> values;  ///< rows x series, non-negative.
  std::optional<double> x_max;              ///< Default: the largest row total.
};

/// A range [low, high] per row with a mark at `mid` (e.g. rank 5–95% interval and mean rank).
struct IntervalChart {
  std::string title;
  std::string x_label;
  std::string y_label;  ///< What the rows are, e.g. "지자체".
  std::vector<std::string> labels;
  std::vector<double> low, mid, high;
  std::optional<double> x_min, x_max;  ///< Default: the data range.
  std::string mid_name = "mean";       ///< Legend name of the mark.
};

/// Changes around a baseline of 0 per row: a bar from 0 to `low` and one from 0 to `high` (each
/// may be negative), rows in the given order (sort by impact before).
struct TornadoChart {
  std::string title;
  std::string x_label;
  std::string y_label;  ///< What the rows are, e.g. "지자체".
  std::vector<std::string> labels;
  std::vector<double> low, high;
  std::string low_name = "-";
  std::string high_name = "+";
  /// Optional second measure per row and side, drawn as a black mark across the bar (e.g. the
  /// total effect beside the own effect of a weight): empty, or one per row.
  std::vector<double> mark_low, mark_high;
  std::string mark_name;
};

[[nodiscard]] std::string RenderSvg(const BarChart& chart);
[[nodiscard]] std::string RenderSvg(const StackedBarChart& chart);
[[nodiscard]] std::string RenderSvg(const IntervalChart& chart);
[[nodiscard]] std::string RenderSvg(const TornadoChart& chart);

/// Tick positions covering [lo, hi] at a step of 1, 2 or 5 × 10^k, about `target` of them.
/// REQUIRES: lo <= hi, both finite.
[[nodiscard]] std::vector<double> NiceTicks(double lo, double hi, int target = 5);

}  // namespace jobaward
