#include "jobaward/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "jobaward/svg_chart.hpp"

namespace jobaward {

namespace {

// Fetches nothing: inline styles only; no script, image, font or connection is allowed.
constexpr const char* kCsp = "default-src 'none'; style-src 'unsafe-inline'";

constexpr const char* kCss = R"css(
:root { color-scheme: light; }
body { font-family: 'Noto Sans CJK KR', 'Noto Sans KR', 'NanumGothic', 'Nanum Gothic',
       'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif;
       margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #4e79a7; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin-top: 1.2rem; }
.subtitle { color: #555; margin-top: 0; }
nav.toc { background: #f4f6f9; padding: 0.6rem 1rem; border-radius: 4px; }
nav.toc ul { margin: 0.2rem 0; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.15rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #eef1f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0.8rem 0 1.2rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; }
p.members { font-size: 0.85rem; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  nav.toc { display: none; }
  h2 { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
)css";

void RenderTable(const HtmlTable& t, std::string& out) {
  out += "<table>\n";
  if (!t.caption.empty()) out += "<caption>" + XmlEscape(t.caption) + "</caption>\n";
  auto cls = [&](std::size_t c) {
    return c < t.table.align.size() && t.table.align[c] == Align::kRight ? " class=\"num\"" : "";
  };
  out += "<thead><tr>";
  for (std::size_t c = 0; c < t.table.header.size(); ++c) {
    out += fmt::format("<th{}>{}</th>", cls(c), XmlEscape(t.table.header[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += fmt::format("<td{}>{}</td>", cls(c), XmlEscape(row[c]));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void RenderSection(const HtmlSection& s, int level, std::string& out) {
  const int h = std::min(level, 6);
  out += fmt::format("<section id=\"{}\">\n<h{}>{}</h{}>\n", XmlEscape(s.id), h,
                     XmlEscape(s.heading), h);
  for (const auto& block : s.blocks) {
    if (const auto* p = std::get_if<HtmlParagraph>(&block)) {
      out += "<p>" + XmlEscape(p->text) + "</p>\n";
    } else if (const auto* t = std::get_if<HtmlTable>(&block)) {
      RenderTable(*t, out);
    } else if (const auto* f = std::get_if<HtmlFigure>(&block)) {
      out += "<figure>\n" + f->svg;
      if (!f->caption.empty()) out += "<figcaption>" + XmlEscape(f->caption) + "</figcaption>\n";
      out += "</figure>\n";
    }
  }
  for (const auto& sub : s.subsections) RenderSection(sub, level + 1, out);
  out += "</section>\n";
}

void RenderToc(const std::vector<HtmlSection>& sections, int depth, std::string& out) {
  if (sections.empty() || depth > 2) return;
  out += "<ul>\n";
  for (const auto& s : sections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a>", XmlEscape(s.id), XmlEscape(s.heading));
    RenderToc(s.subsections, depth + 1, out);
    out += "</li>\n";
  }
  out += "</ul>\n";
}

// ---- award report helpers ----

std::string CategoryName(const AwardReportInput& in, const std::string& category) {
  for (const auto& r : in.results) {
    if (r.category == category) return r.rubric_name_ko + " (" + category + ")";
  }
  return category;
}

const std::string& DisplayName(const AwardReportInput& in, const std::string& code,
                               const std::string& name_ko) {
  const auto it = in.display_names.find(code);
  return it == in.display_names.end() ? name_ko : it->second;
}

// Cohort letters in the order of the report's cohort list, then any others in first-seen order.
std::vector<std::string> CohortOrder(const AwardReportInput& in,
                                     const std::vector<std::string>& seen) {
  std::vector<std::string> order;
  for (const auto& c : in.cohorts) {
    if (std::find(seen.begin(), seen.end(), c.letter) != seen.end()) order.push_back(c.letter);
  }
  for (const auto& c : seen) {
    if (std::find(order.begin(), order.end(), c) == order.end()) order.push_back(c);
  }
  return order;
}

std::string SectionId(std::string_view prefix, std::string_view suffix) {
  std::string id(prefix);
  id += '-';
  for (char c : suffix) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    id += ok ? c : '-';
  }
  return id;
}

HtmlSection SummarySection(const AwardReportInput& in) {
  HtmlSection s{"summary", "요약 Summary", {}, {}};
  Table t;
  t.header = {"category", "award", "count", "prize money (KRW)"};
  t.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight};
  for (const auto& c : in.awards.counts) {
    t.rows.push_back({CategoryName(in, c.category), c.award_name_ko, std::to_string(c.count),
                      FormatThousands(c.prize_money)});
  }
  for (std::size_t i = 0; i < in.awards.category_counts.size(); ++i) {
    const auto& [category, count] = in.awards.category_counts[i];
    const double money =
        i < in.awards.category_money.size() ? in.awards.category_money[i].second : 0;
    t.rows.push_back(
        {CategoryName(in, category), "합계 total", std::to_string(count), FormatThousands(money)});
  }
  t.rows.push_back({"전체 all", "합계 total", std::to_string(in.awards.total_count),
                    FormatThousands(in.awards.total_money)});
  std::size_t governments = 0;
  for (const auto& c : in.cohorts) governments += c.members.size();
  s.blocks.emplace_back(HtmlParagraph{fmt::format(
      "{} governments in {} cohorts; {} awards to {} governments, {} KRW of prize money.",
      governments, in.cohorts.size(), in.awards.total_count, in.awards.governments_awarded,
      FormatThousands(in.awards.total_money))});
  s.blocks.emplace_back(HtmlTable{"Awards and prize money", t});
  if (!in.awards.unresolved_ties.empty()) {
    std::string text = "Unresolved ties (every tied government holds the place): ";
    for (std::size_t i = 0; i < in.awards.unresolved_ties.size(); ++i) {
      const auto& tie = in.awards.unresolved_ties[i];
      text += (i > 0 ? "; " : "") + tie.place + ":";
      for (const auto& code : tie.codes) text += " " + code;
    }
    s.blocks.emplace_back(HtmlParagraph{text});
  }
  return s;
}

HtmlSection CohortSection(const AwardReportInput& in) {
  HtmlSection s{"cohorts", "평가 그룹 Cohorts", {}, {}};
  Table sizes;
  sizes.header = {"cohort", "id", "name", "governments", "rule"};
  sizes.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
  std::size_t total = 0;
  for (const auto& c : in.cohorts) {
    sizes.rows.push_back({c.letter, c.id, c.name_en, std::to_string(c.members.size()), c.rule});
    total += c.members.size();
  }
  sizes.rows.push_back({"total", "", "", std::to_string(total), ""});
  s.blocks.emplace_back(HtmlTable{"Cohort sizes and rules", sizes});
  if (!in.cohort_parameters.rows.empty()) {
    s.blocks.emplace_back(HtmlTable{"Rule cut-offs (parameters)", in.cohort_parameters});
  }
  for (const auto& c : in.cohorts) {
    std::string members;
    for (const auto& m : c.members) members += (members.empty() ? "" : ", ") + m;
    HtmlSection sub{
        SectionId("cohort", c.id),
        fmt::format("{} 그룹 ({}) — {} governments", c.letter, c.name_en, c.members.size()),
        {},
        {}};
    if (!c.description.empty()) sub.blocks.emplace_back(HtmlParagraph{c.description});
    sub.blocks.emplace_back(HtmlParagraph{members});
    s.subsections.push_back(std::move(sub));
  }
  return s;
}

HtmlSection AwardSection(const AwardReportInput& in) {
  HtmlSection s{"awards", "수상 Awards by category and cohort", {}, {}};
  std::vector<std::string> categories;
  for (const auto& e : in.awards.entries) {
    if (std::find(categories.begin(), categories.end(), e.category) == categories.end()) {
      categories.push_back(e.category);
    }
  }
  for (const auto& category : categories) {
    Table t;
    t.header = {"cohort",           "award", "code", "government", "final score", "rank",
                "prize money (KRW)"};
    t.align = {Align::kLeft,  Align::kLeft,  Align::kLeft, Align::kLeft,
               Align::kRight, Align::kRight, Align::kRight};
    for (const auto& e : in.awards.entries) {
      if (e.category != category) continue;
      t.rows.push_back({e.kind == "national" ? "전국 national" : e.cohort_label,
                        e.award_name_ko + (e.tied ? " (tie)" : ""), e.code,
                        DisplayName(in, e.code, e.name_ko), FormatFixed(e.final_score, 2),
                        std::to_string(e.rank), FormatThousands(e.prize_money)});
    }
    HtmlSection sub{SectionId("awards", category), CategoryName(in, category), {}, {}};
    sub.blocks.emplace_back(HtmlTable{"", std::move(t)});
    s.subsections.push_back(std::move(sub));
  }
  return s;
}

HtmlSection ScoreSection(const AwardReportInput& in) {
  HtmlSection s{"scores", "점수 Score breakdown", {}, {}};
  s.blocks.emplace_back(HtmlParagraph{
      "Points per domain (계획 plan, 집행 execution, 성과 outcome) of every scored government, "
      "per cohort, best rank first. The final score combines the stages with the rubric's "
      "weights and the bonus and penalty points, so it can differ from the bar's total."});
  for (const auto& result : in.results) {
    HtmlSection cat{SectionId("scores", result.category),
                    result.rubric_name_ko + " (" + result.category + ")",
                    {},
                    {}};
    std::map<std::string, std::vector<const GovernmentScore*>> by_cohort;
    std::vector<std::string> seen;
    for (const auto& g : result.governments) {
      if (by_cohort.find(g.cohort_label) == by_cohort.end()) seen.push_back(g.cohort_label);
      by_cohort[g.cohort_label].push_back(&g);
    }
    const std::vector<std::string> cohorts = CohortOrder(in, seen);
    Table table;
    table.header = {"cohort", "rank",    "code",   "government", "plan",  "execution", "outcome",
                    "bonus",  "penalty", "stage1", "stage2",     "final", "award"};
    table.align = {Align::kLeft,  Align::kRight, Align::kLeft,  Align::kLeft,  Align::kRight,
                   Align::kRight, Align::kRight, Align::kRight, Align::kRight, Align::kRight,
                   Align::kRight, Align::kRight, Align::kLeft};
    for (const auto& cohort : cohorts) {
      auto govs = by_cohort[cohort];
      std::stable_sort(govs.begin(), govs.end(),
                       [](const auto* a, const auto* b) { return a->rank < b->rank; });
      StackedBarChart chart;
      chart.title = fmt::format("{} · {} 그룹: domain points", result.rubric_name_ko, cohort);
      chart.x_label = "points";
      chart.series = {"계획 plan", "집행 execution", "성과 outcome"};
      for (const auto* g : govs) {
        std::string award = g->award_name_ko;
        if (!g->special_name_ko.empty()) award += (award.empty() ? "" : ", ") + g->special_name_ko;
        const std::string& name = DisplayName(in, g->code, g->name_ko);
        chart.labels.push_back(name + (award.empty() ? "" : " ★"));
        chart.values.push_back({g->domain[0], g->domain[1], g->domain[2]});
        table.rows.push_back(
            {cohort, std::to_string(g->rank), g->code, g->name_ko, FormatFixed(g->domain[0], 2),
             FormatFixed(g->domain[1], 2), FormatFixed(g->domain[2], 2), FormatFixed(g->bonus, 2),
             FormatFixed(g->penalty, 2), FormatFixed(g->stage1, 2),
             g->advanced ? FormatFixed(g->stage2, 2) : "", FormatFixed(g->final_score, 2), award});
      }
      cat.blocks.emplace_back(
          HtmlFigure{RenderSvg(chart), "★ = award holder. Cohort " + cohort + "."});
    }
    cat.blocks.emplace_back(HtmlTable{"All scores, " + result.rubric_name_ko, std::move(table)});
    s.subsections.push_back(std::move(cat));
  }
  return s;
}

HtmlSection SimulationSection(const AwardReportInput& in) {
  HtmlSection s{"simulation", "몬테카를로 Award probabilities (Monte Carlo)", {}, {}};
  for (const auto& sim : in.simulations) {
    HtmlSection cat{SectionId("simulation", sim.category), CategoryName(in, sim.category), {}, {}};
    cat.blocks.emplace_back(HtmlParagraph{fmt::format(
        "{} draws, seed {}. Bars: probability of any award with ±1 Monte Carlo standard error; "
        "intervals: 5–95% range of the rank in the cohort with the mean rank.",
        sim.draws, sim.seed)});
    std::vector<std::string> seen;
    for (const auto& r : sim.rows) {
      if (std::find(seen.begin(), seen.end(), r.cohort) == seen.end()) seen.push_back(r.cohort);
    }
    const std::vector<std::string> cohorts = CohortOrder(in, seen);
    for (const auto& cohort : cohorts) {
      std::vector<const SimulationSummary::Row*> rows;
      for (const auto& r : sim.rows) {
        if (r.cohort == cohort) rows.push_back(&r);
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto* a, const auto* b) { return a->rank_mean < b->rank_mean; });
      BarChart bars;
      bars.title = fmt::format("{} 그룹: P(any award)", cohort);
      bars.x_label = "probability";
      bars.percent = true;
      bars.x_max = 1.0;
      IntervalChart ranks;
      ranks.title = fmt::format("{} 그룹: rank 5–95%", cohort);
      ranks.x_label = "rank in cohort (1 = best)";
      ranks.x_min = 1;
      for (const auto* r : rows) {
        const std::string& name = DisplayName(in, r->code, r->name_ko);
        if (r->p_award > 0) {
          bars.labels.push_back(name);
          bars.values.push_back(r->p_award);
          bars.errors.push_back(r->p_award_se);
        }
        ranks.labels.push_back(name);
        ranks.low.push_back(r->rank_p05);
        ranks.mid.push_back(r->rank_mean);
        ranks.high.push_back(r->rank_p95);
      }
      if (!bars.labels.empty()) cat.blocks.emplace_back(HtmlFigure{RenderSvg(bars), ""});
      cat.blocks.emplace_back(HtmlFigure{RenderSvg(ranks), ""});
    }
    s.subsections.push_back(std::move(cat));
  }
  return s;
}

HtmlSection SensitivitySection(const AwardReportInput& in) {
  HtmlSection s{"sensitivity", "민감도 Sensitivity", {}, {}};
  for (std::size_t i = 0; i < in.sensitivities.size(); ++i) {
    const auto& sens = in.sensitivities[i];
    auto rows = sens.rows;
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      return std::max(std::abs(a.low), std::abs(a.high)) >
             std::max(std::abs(b.low), std::abs(b.high));
    });
    TornadoChart chart;
    chart.title = sens.title;
    chart.x_label = sens.measure;
    chart.low_name = sens.low_name;
    chart.high_name = sens.high_name;
    for (const auto& r : rows) {
      chart.labels.push_back(r.label);
      chart.low.push_back(r.low);
      chart.high.push_back(r.high);
    }
    HtmlSection sub{"sensitivity-" + std::to_string(i + 1), sens.title, {}, {}};
    sub.blocks.emplace_back(HtmlFigure{RenderSvg(chart), "Largest impact first."});
    s.subsections.push_back(std::move(sub));
  }
  return s;
}

}  // namespace

std::string RenderHtml(const HtmlReport& report) {
  std::string out;
  out.reserve(1 << 16);
  out += "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
                     XmlEscape(kCsp));
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"jobaward\">\n";
  out += "<title>" + XmlEscape(report.title) + "</title>\n<style>" + kCss + "</style>\n";
  out += "</head>\n<body>\n<header>\n<h1>" + XmlEscape(report.title) + "</h1>\n";
  if (!report.subtitle.empty()) {
    out += "<p class=\"subtitle\">" + XmlEscape(report.subtitle) + "</p>\n";
  }
  out += "</header>\n";
  std::vector<HtmlSection> sections = report.sections;
  if (report.provenance) {
    HtmlSection p{"provenance", "출처 Provenance", {}, {}};
    p.blocks.emplace_back(HtmlParagraph{
        "What produced this report: rerunning the command line on files with these SHA-256 "
        "hashes reproduces it byte for byte."});
    p.blocks.emplace_back(HtmlTable{"", ProvenanceTable(*report.provenance)});
    sections.push_back(std::move(p));
  }
  out += "<nav class=\"toc\">\n<strong>Contents</strong>\n";
  RenderToc(sections, 1, out);
  out += "</nav>\n<main>\n";
  for (const auto& s : sections) RenderSection(s, 2, out);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

HtmlReport BuildAwardReport(const AwardReportInput& input) {
  HtmlReport report;
  report.title = input.title;
  std::string categories;
  for (const auto& r : input.results) {
    categories += (categories.empty() ? "" : ", ") + r.rubric_name_ko;
  }
  report.subtitle = (input.year > 0 ? std::to_string(input.year) + " · " : std::string()) +
                    categories + " · jobaward " + input.provenance.version;
  report.sections.push_back(SummarySection(input));
  report.sections.push_back(CohortSection(input));
  report.sections.push_back(AwardSection(input));
  report.sections.push_back(ScoreSection(input));
  if (!input.simulations.empty()) report.sections.push_back(SimulationSection(input));
  if (!input.sensitivities.empty()) report.sections.push_back(SensitivitySection(input));
  report.provenance = input.provenance;
  return report;
}

}  // namespace jobaward
