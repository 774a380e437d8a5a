// The award report for briefings (`jobaward report`), built as an HtmlReport (html_report.hpp)
// for a director who reads one page: a summary first — who wins what, the few most likely
// changes under uncertainty, the assumptions that matter most in one chart — and the details
// after it. Every label a reader sees is Korean; ambiguous government names carry their parent
// (display_names).
//
// Sections, in order (ids are the anchors; engine/docs/outputs.md describes each):
//   summary      요약: counts and prize money in one sentence; the cohort winners of every
//                category; the most likely changes (when simulations are given); the weights
//                whose ±step moves the scores most, own effect beside total (when sensitivities
//                are given).
//   awards       수상 결과: per category the national prizes and the count and money of each
//                award, then a row per cohort with the holders of each award (final score)
//                and the margin at the award line (the first government below it).
//   uncertainty  불확실성: per category the governments whose award changes with probability
//                >= 20% (at most 10 per cohort): baseline rank and award, award probability
//                ± 1 standard error, rank interval.
//   sensitivity  가중치 민감도: one tornado per category, then per category and cohort the
//                smallest weight move that changes the winner (reversals).
//   scores       점수 구성: per category one chart, the mean domain points of each cohort's
//                award holders and of the others.
//   governments  자치단체별 상세: one page per government asked for (government_pages). A page is
//                where everything about one government goes; later analyses of a single
//                government add blocks to GovernmentPage() — last, "what it takes" (gaps).
//   cohorts      평가군: sizes, rules, cut-offs, members.
// and 출처 (provenance) last. The details are compact so that the printed report stays a few
// A4 pages (tests/browser bounds its length): the full per-government tables are the outputs of
// `jobaward award`, `simulate` and `score` on the same inputs, which each section names.
//
// Pure function of the input (no timestamp); thread-safe. Tests:
// tests/unit/render/html_report_test.cpp (structure, the choice of the likely changes and the top
// weights) and tests/browser/ (what a reader sees in headless Chromium).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/render/html_report.hpp"
#include "jobaward/render/text_table.hpp"
#include "jobaward/scoring/awards.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/simulation.hpp"

namespace jobaward {

/// One cohort as the report shows it.
struct CohortSummary {
  std::string letter;  ///< "가".
  std::string id;      ///< "ga".
  std::string name_en;
  std::string description;
  std::string rule;                  ///< The rule expression's text.
  std::vector<std::string> members;  ///< Korean names, registry order.
};

/// Monte Carlo results of one category (from Simulate or `jobaward simulate --format json`).
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
    int baseline_rank = 0;        ///< Rank without noise (0: unknown).
    bool baseline_award = false;  ///< Holds an award without noise.
    double p_first = 0;           ///< Probability of rank 1 in the cohort.
    double p_first_se = 0;
  };
  std::vector<Row> rows;
};

/// One tornado of a sensitivity run (RunTornado, or `jobaward sensitivity tornado --format
/// json`). Per weight: the largest score change of any government when the weight moves down
/// (low, <= 0) or up (high, >= 0), as own effect (the stage-2 list held fixed) and total.
struct SensitivitySummary {
  std::string category;
  std::string title;    ///< e.g. "지역일자리 목표공시제: 가중치 ±10%".
  std::string measure;  ///< x-axis label.
  std::string low_name = "-";
  std::string high_name = "+";
  struct Row {
    std::string label;  ///< Korean name of the weight.
    double low = 0;     ///< Own effect of the move down (NaN when unknown: total only).
    double high = 0;
    double total_low = 0;  ///< Total effect, including cut-off crossings.
    double total_high = 0;
    int award_changes = 0;    ///< Governments whose award changes (both directions).
    int advance_changes = 0;  ///< Governments that enter or leave stage 2 (both directions).
  };
  std::vector<Row> rows;
};

/// Of one category and cohort, the weight whose smallest move gives the cohort another winner
/// (RunReversal, relative to the weight's points): the assumption that matters most there.
struct WinnerReversal {
  std::string category;
  std::string cohort;  ///< Letter.
  /// No move of any weight over its whole range changes the winner; the rest is then empty.
  bool stable = true;
  std::string weight;    ///< Korean name of the weight.
  double nominal = 0;    ///< The weight's points in the rubric.
  double threshold = 0;  ///< Points at which the winner changes.
  /// Code and Korean name of the rank-1 governments before and just past the threshold.
  std::vector<std::pair<std::string, std::string>> winners_before, winners_after;
};

/// "What it takes" for one government page and category (gaps.hpp): the table of GapsTable
/// (gaps_tables.hpp), filled from FindGaps by MakeAwardReportInput.
struct GapsBlock {
  std::string category;  ///< Rubric category.
  std::string code;
  std::string above;  ///< The government ranked directly above, as shown, or "".
  Table table;
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
  /// Per category and cohort (WinnerReversals), shown after the tornados; empty: not computed.
  std::vector<WinnerReversal> reversals;
  /// Codes of the governments that get a page of their own, in order.
  std::vector<std::string> government_pages;
  /// What it takes, for the pages' governments (shown last on each page).
  std::vector<GapsBlock> gaps;
  /// Code -> name shown in charts and tables where the Korean name alone is ambiguous (e.g.
  /// "부산광역시 중구" for one of the six 중구); codes not listed show their name_ko.
  std::map<std::string, std::string> display_names;
  Provenance provenance;
};

/// The report's input from the award inputs (`jobaward report` without its analyses): the
/// cohorts of `rules` on `registry` (members by display name, rule text), the rules' resolved
/// cut-offs, the explained scores of every category (ScoreAward) and their award table, the
/// display names, and for each of `government_pages` (codes) what it takes in every category it
/// has a report in (FindGaps, the other categories' awards held fixed). `models` are compiled
/// from `rubrics` (parallel). The caller adds the title, simulations, sensitivities and
/// provenance. Deterministic; engine/src/io/render/award_report_input.cpp.
[[nodiscard]] AwardReportInput MakeAwardReportInput(
    const Registry& registry, const CohortRules& rules, const std::vector<Rubric>& rubrics,
    const std::vector<ScoringModel>& models, const std::vector<std::string>& government_pages);

/// The report's summary of `sim`, a Simulate of `models` (one per category, in order): per
/// government its award probability, rank interval and P(first) with the baseline's rank and
/// award. The caller runs Simulate, so that it can show the progress (SimulationConfig).
[[nodiscard]] std::vector<SimulationSummary> SimulationSummaries(
    const SimulationResult& sim, const std::vector<ScoringModel>& models);

/// The weight tornado of every category of `models` with ±`step` (RunTornado; 0 < step <= 1):
/// per weight its own and total effect, award and stage-2 changes, the other categories' awards
/// held at the baseline's (AwardEligibility), as `jobaward sensitivity tornado` computes them.
[[nodiscard]] std::vector<SensitivitySummary> WeightTornados(
    const std::vector<ScoringModel>& models, double step);

/// For every category of `models` and each of its cohorts, the smallest move of one weight
/// (relative to its points; the others renormalised) that changes the cohort's winner, from
/// RunReversal with the other categories' awards held at the baseline's, as `jobaward
/// sensitivity reversal` computes it; `stable` when no move does. Category, then cohort order.
[[nodiscard]] std::vector<WinnerReversal> WinnerReversals(const std::vector<ScoringModel>& models);

/// A change the summary lists: its probability under the uncertainty spec, with the Monte Carlo
/// standard error.
struct LikelyChange {
  std::string
      text;  ///< Korean, e.g. "지역일자리 목표공시제 바 평가군: 1위 구로구이(가) 1위를 놓침".
  double p = 0;
  double se = 0;
};

/// The `limit` most likely changes of the baseline award, most likely first: per category and
/// cohort, the winner (rank 1) losing first place (1 - P(first)), then every baseline award
/// holder getting no award (1 - P(any award)) and every other government getting one
/// (P(any award)). Changes with probability below 1% are left out.
[[nodiscard]] std::vector<LikelyChange> MostLikelyChanges(const AwardReportInput& input,
                                                          std::size_t limit);

/// The report described above.
[[nodiscard]] HtmlReport BuildAwardReport(const AwardReportInput& input);

/// The simulations in `text`, the output of `jobaward simulate --format json` (its
/// "governments" table; engine/docs/schema/simulate.schema.json), one per category in order of
/// appearance; `file` names it in diagnostics. Throws InputError: malformed JSON and numbers
/// beyond a double (1e400) at file:line:column, a missing key, a value of the wrong kind or a
/// count that is not a whole number at its key (engine/src/io/render/award_report_json.cpp; the
/// catalogue tests/errors/report-json/).
[[nodiscard]] std::vector<SimulationSummary> ParseSimulationJson(std::string_view text,
                                                                 const std::string& file);

/// The tornados in `text`, the output of `jobaward sensitivity tornado --format json` (its
/// "weights" table; engine/docs/schema/sensitivity-tornado.schema.json), one per category in
/// order of appearance, a row per weight: bars = the weight's own effect, marks = the total
/// effect. Errors as ParseSimulationJson.
[[nodiscard]] std::vector<SensitivitySummary> ParseSensitivityJson(std::string_view text,
                                                                   const std::string& file);

/// "가능성 높음" (p >= 0.5), "가능성 있음" (>= 0.2) or "가능성 낮음": the word next to a
/// probability, so that a reader who is not a statistician reads it right.
[[nodiscard]] const char* LikelihoodWord(double p);

}  // namespace jobaward
