#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "jobaward/error.hpp"
#include "jobaward/render/svg_chart.hpp"

namespace jobaward {

namespace {
int Count(const std::string& s, const std::string& part) {
  int n = 0;
  for (auto pos = s.find(part); pos != std::string::npos; pos = s.find(part, pos + 1)) ++n;
  return n;
}
}  // namespace

TEST_SUITE("svg_chart") {
  TEST_CASE("text is escaped for XML") {
    CHECK_EQ(XmlEscape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    CHECK_EQ(XmlEscape("구로구"), "구로구");
  }

  TEST_CASE("ticks step by 1, 2 or 5 times a power of ten and cover the range") {
    CHECK_EQ(NiceTicks(0, 1), std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1});
    CHECK_EQ(NiceTicks(0, 100), std::vector<double>{0, 20, 40, 60, 80, 100});
    CHECK_EQ(NiceTicks(1, 38), std::vector<double>{0, 10, 20, 30, 40});
    CHECK_EQ(NiceTicks(-3, 7), std::vector<double>{-4, -2, 0, 2, 4, 6, 8});
    CHECK_EQ(NiceTicks(5, 5), std::vector<double>{5});
  }

  TEST_CASE("a bar chart draws one bar per finite value at hand-computed coordinates") {
    BarChart c;
    c.title = "P(award) <all>";
    c.labels = {"구로구", "종로구", "없음"};
    c.values = {0.5, 1.0, std::numeric_limits<double>::quiet_NaN()};
    c.x_max = 1.0;
    c.percent = true;
    const std::string svg = RenderSvg(c);
    CHECK_EQ(svg.rfind("<svg class=\"chart\" role=\"img\"", 0), 0U);
    CHECK_NE(svg.find("<title>P(award) &lt;all&gt;</title>"), std::string::npos);
    CHECK_EQ(Count(svg, "<rect "), 2);  // the NaN row gets a label but no bar
    // Labels "구로구" = 6 cells -> label column 6 * 6.8 + 12 = 52.8; plot width 640 - 52.8 - 56.
    // Bar 1 (0.5) spans half of it: 265.6; bar 2 (1.0) the whole 531.2.
    CHECK_NE(svg.find("<rect x=\"52.80\" y=\"30.00\" width=\"265.60\" height=\"12.00\""),
             std::string::npos);
    CHECK_NE(svg.find("<rect x=\"52.80\" y=\"50.00\" width=\"531.20\" height=\"12.00\""),
             std::string::npos);
    CHECK_NE(svg.find(">구로구: 50.0%</title>"), std::string::npos);
    CHECK_NE(svg.find(">100%</text>"), std::string::npos);  // tick label
    CHECK_EQ(svg.find("http"), std::string::npos);          // no namespace URL, no link
  }

  TEST_CASE("a stacked bar chart stacks series left to right with a legend") {
    StackedBarChart c;
    c.title = "domains";
    c.series = {"계획 plan", "집행 execution", "성과 outcome"};
    c.labels = {"A"};
    c.values = {{10, 20, 30}};
    c.x_max = 60;
    const std::string svg = RenderSvg(c);
    CHECK_EQ(Count(svg, "<rect "), 3 + 3);  // 3 segments + 3 legend squares
    CHECK_NE(svg.find(">A · 집행 execution: 20.00</title>"), std::string::npos);
    CHECK_NE(svg.find(">60.00</text>"), std::string::npos);  // total at the bar's end
  }

  TEST_CASE("interval and tornado charts draw ranges, marks and a baseline") {
    IntervalChart iv;
    iv.labels = {"a", "b"};
    iv.low = {1, 2};
    iv.mid = {1.5, 3};
    iv.high = {3, 5};
    const std::string s = RenderSvg(iv);
    CHECK_EQ(Count(s, "<circle "), 2);
    TornadoChart t;
    t.labels = {"w_plan", "w_outcome"};
    t.low = {-0.5, 0.1};
    t.high = {0.4, -0.2};
    const std::string ts = RenderSvg(t);
    CHECK_EQ(Count(ts, "<rect "), 4 + 2);
    CHECK_NE(ts.find("class=\"baseline\""), std::string::npos);
  }

  TEST_CASE("both axes carry their titles; the y title takes a row above the labels") {
    BarChart c;
    c.labels = {"구로구"};
    c.values = {0.5};
    c.x_label = "수상 확률";
    c.y_label = "지자체";
    const std::string svg = RenderSvg(c);
    CHECK_NE(svg.find("class=\"axis-title x-title\""), std::string::npos);
    CHECK_NE(svg.find(">수상 확률</text>"), std::string::npos);
    // Above the label column's right edge (52.8 - 6), in the 18-unit row under the title.
    CHECK_NE(svg.find("<text class=\"axis-title y-title\" x=\"46.80\" y=\"39.00\""),
             std::string::npos);
    CHECK_NE(svg.find(">지자체</text>"), std::string::npos);
    CHECK_NE(svg.find("<rect x=\"52.80\" y=\"48.00\""), std::string::npos);  // 26 + 18 + 4
    c.y_label.clear();
    CHECK_EQ(RenderSvg(c).find("y-title"), std::string::npos);
  }

  TEST_CASE("a row label longer than the label column is cut with an ellipsis and a tooltip") {
    BarChart c;
    // 40 Hangul = 80 cells > (240 - 12) / 6.8 = 33 cells; "짧은 이름" fits whole.
    std::string long_label;
    for (int i = 0; i < 40; ++i) long_label += "가";
    c.labels = {long_label, "짧은 이름"};
    c.values = {1, 2};
    const std::string svg = RenderSvg(c);
    std::string cut;
    for (int i = 0; i < 16; ++i) cut += "가";  // 32 cells + "…" (1 cell) = 33
    CHECK_NE(svg.find("<title>" + long_label + "</title>" + cut + "…</text>"), std::string::npos);
    CHECK_NE(svg.find("\">짧은 이름</text>"), std::string::npos);
  }

  TEST_CASE("a tornado can mark a second measure across each bar") {
    TornadoChart t;
    t.labels = {"w"};
    t.low = {-1};
    t.high = {1};
    t.mark_low = {-4};
    t.mark_high = {2};
    t.mark_name = "total";
    const std::string ts = RenderSvg(t);
    CHECK_EQ(Count(ts, "class=\"mark\""), 2);
    CHECK_NE(ts.find("w +: 1.000 (total: 2.000)</title>"), std::string::npos);
    // The axis reaches the marks, not just the bars.
    CHECK_NE(ts.find(">-4</text>"), std::string::npos);
    t.mark_high.clear();
    CHECK_THROWS_AS((void)RenderSvg(t), InternalError);
  }

  TEST_CASE("mismatched rows are a caller bug") {
    BarChart c;
    c.labels = {"a"};
    CHECK_THROWS_WITH_AS((void)RenderSvg(c), "bar chart: 1 labels but 0 values", InternalError);
  }

  TEST_CASE("an empty chart still renders an axis") {
    const std::string svg = RenderSvg(BarChart{});
    CHECK_NE(svg.find("class=\"axis\""), std::string::npos);
    CHECK_NE(svg.find("</svg>"), std::string::npos);
  }
}

}  // namespace jobaward
