// The one vocabulary of every output: each concept that appears in more than one table (a
// government, its cohort, a score, a rank, an award, prize money, a probability) has exactly one
// column definition here — one English id, one Korean label, one type — and every result
// builder takes its columns from this file. engine/docs/outputs.md lists them.
//
// Conventions:
//   - A government is `code` (5-digit text), `name_ko` (the display name: "울산 남구" where the
//     name alone is ambiguous, see government_names.hpp) and `name_en` (CSV/JSON/workbook only).
//   - A cohort is `cohort` (its letter 가..사, what people call it) and `cohort_id` (ga..sa).
//   - A category is `category` (the rubric's category id, e.g. disclosure); the terminal shows
//     the rubric's Korean name as the heading of the category's block instead.
//   - An award is `award` (place id: top, excellent, grand, ...) and `award_ko` (최우수상, ...);
//     the terminal shows only `award_ko`. Special prizes the same with `special`, `special_ko`.
//   - Money is `prize_money_krw`; scores are points ("점").
//
// Thread-compatible; plain values.
#pragma once

#include <string>

#include "jobaward/results/result_table.hpp"

namespace jobaward::vocabulary {

[[nodiscard]] Column Category();
[[nodiscard]] Column Code();
[[nodiscard]] Column NameKo();
[[nodiscard]] Column NameEn();
[[nodiscard]] Column Cohort();
[[nodiscard]] Column CohortId();
[[nodiscard]] Column FinalScore();
[[nodiscard]] Column Rank();
[[nodiscard]] Column Award();
[[nodiscard]] Column AwardKo();
[[nodiscard]] Column Special();
[[nodiscard]] Column SpecialKo();
[[nodiscard]] Column PrizeMoney();
[[nodiscard]] Column Tied();
[[nodiscard]] Column Stage1();
[[nodiscard]] Column Stage2();
[[nodiscard]] Column Bonus();
[[nodiscard]] Column Penalty();
[[nodiscard]] Column Advanced();
[[nodiscard]] Column Draws();
[[nodiscard]] Column Seed();
[[nodiscard]] Column Year();

/// Points of one rubric indicator: id = the indicator id, label = its Korean name, "점".
[[nodiscard]] Column IndicatorPoints(const std::string& id, const std::string& name_ko,
                                     int decimals = 2);

/// Probability and its Monte Carlo standard error: `p_<what>` / `se_<what>`, labels "<label>
/// 확률" / "<label> 표준오차".
[[nodiscard]] Column Probability(const std::string& what, const std::string& label);
[[nodiscard]] Column StandardError(const std::string& what, const std::string& label);

}  // namespace jobaward::vocabulary
