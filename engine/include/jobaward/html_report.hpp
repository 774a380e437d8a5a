// The HTML report for briefings: ONE self-contained file that a colleague without jobaward can
// open, read and print. No script, no external stylesheet, font or image, and a
// Content-Security-Policy that forbids every fetch, so opening it makes no network request.
// Charts are inline SVG from svg_chart.hpp; Korean text uses a CJK font stack (Noto Sans CJK KR,
// Nanum Gothic, Malgun Gothic, Apple SD Gothic Neo); print CSS keeps tables and figures whole.
//
// Two layers: a generic document (HtmlReport: sections of paragraphs, tables and figures,
// rendered by RenderHtml with every text escaped) and the award report (BuildAwardReport: cohorts,
// award tables, score breakdowns, and when given, Monte Carlo and sensitivity charts). Output is a
// pure function of the input — no timestamp — so identical inputs give identical bytes.
//
// Thread-safe (pure functions). Tests: tests/unit/html_report_test.cpp (escaping, structure,
// no external references, sections present for optional inputs) and the headless-Chromium test
// in the same file (renders the report of the bundled 2020 data; see tests/browser/README.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "jobaward/awards.hpp"
#include "jobaward/provenance.hpp"
#include "jobaward/scoring.hpp"
#include "jobaward/text_table.hpp"

namespace jobaward {

struct HtmlParagraph {
  std::string text;  ///< Plain text (escaped when rendered).
};

struct HtmlTable {
  std::string caption;
  Table table;  ///< Right-aligned columns (Table::align) get class "num".
};

struct HtmlFigure {
  std::string svg;  ///< Trusted markup from RenderSvg (already escaped).
  std::string caption;
};

using HtmlBlock = std::variant<HtmlParagraph, HtmlTable, HtmlFigure>;

struct HtmlSection {
  std::string id;  ///< Anchor for the table of contents; ASCII letters, digits, '-'.
  std::string heading;
  std::vector<HtmlBlock> blocks;
  std::vector<HtmlSection> subsections;
};

struct HtmlReport {
  std::string title;
  std::string subtitle;
  std::vector<HtmlSection> sections;
  std::optional<Provenance> provenance;  ///< Rendered as a last section, "Provenance".
};

/// The whole page: doctype, UTF-8, CSP, inline CSS (screen and print), contents, sections.
[[nodiscard]] std::string RenderHtml(const HtmlReport& report);

// ---- The award report ----------------------------------------------------------------------

/// One cohort as the report shows it.
struct CohortSummary {
  std::string letter;  ///< "가".
  std::string id;      ///< "ga".
  std::string name_en;
  std::string description;
  std::string rule;                  ///< The rule expression's text.
  std::vector<std::string> members;  ///< Korean names, registry order.
};

/// Monte Carlo results of one category (from `jobaward simulate --format json`).
struct SimulationSummary {
  std::string category;
  std::int64_t draws = 0;
  std::uint64_t seed = 0;
  struct Row {
    std::string cohort;  ///< Cohort letter.
    std::string code;
    std::string name_ko;
    double p_award = 0;  ///< Probability of any award.
    double p_award_se = 0;
    double rank_mean = 0;
    double rank_p05 = 0;
    double rank_p95 = 0;
  };
  std::vector<Row> rows;
};

/// One tornado of a sensitivity run (from `jobaward sensitivity tornado --format json`).
struct SensitivitySummary {
  std::string title;    ///< e.g. "공시제: winner's score margin by weight ±20%".
  std::string measure;  ///< x-axis label.
  std::string low_name = "-";
  std::string high_name = "+";
  struct Row {
    std::string label;
    double low = 0;
    double high = 0;
  };
  std::vector<Row> rows;  ///< Sorted by impact (largest first) by BuildAwardReport.
};

struct AwardReportInput {
  std::string title = "전국 지방자치단체 일자리대상 평가 보고서";
  int year = 0;
  std::vector<CohortSummary> cohorts;
  Table cohort_parameters;           ///< Rule cut-offs: name, value, description.
  std::vector<ScoreResult> results;  ///< One per category, rubric order.
  AwardTable awards;
  std::vector<SimulationSummary> simulations;
  std::vector<SensitivitySummary> sensitivities;
  /// Code -> name shown in charts and tables where the Korean name alone is ambiguous (e.g.
  /// "부산광역시 중구" for one of the six 중구); codes not listed show their name_ko.
  std::map<std::string, std::string> display_names;
  Provenance provenance;
};

/// Sections: summary (counts and prize money), cohorts (sizes, rules, cut-offs, members), awards
/// per category and cohort, score breakdown per cohort (stacked plan/execution/outcome bars and
/// the full score table), then, when given, award probabilities with MC standard errors and
/// rank intervals per cohort, and tornado charts; provenance last.
[[nodiscard]] HtmlReport BuildAwardReport(const AwardReportInput& input);

}  // namespace jobaward
