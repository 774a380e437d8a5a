// Published facts of one award year and how the model's result is checked against them: each
// fact (a winner, a count, a prize amount, "the only one of a group", a cohort membership, ...)
// is evaluated on the registry, the cohort membership, the rubrics and the explained result of
// every category, and reported with the model's value and whether it matches. `jobaward check`
// prints it; `jobaward synth --published` generates reports under which every fact holds
// (calibrate.hpp). The file format (examples/2020/published.yaml) is documented in
// examples/README.md; the YAML loader is published_yaml.hpp.
//
// Pure values and functions, no I/O. Thread-compatible.
//
// Tests (tests/unit/scoring/published_test.cpp) prove every fact kind met and not met on hand-built
// worlds, the model's value as printed, unknown award ids and cohort letters as errors with a
// did-you-mean, and the bundled 2020 facts on the bundled data.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/expr.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

enum class FactKind {
  /// `government` holds `award` of `category` (in cohort `cohort` when given).
  kWinner,
  /// A number: awards (of `category`, of `award`), distinct awarded governments, governments of
  /// the registry (matching `group`), or cohorts, equals `value`.
  kCount,
  /// Each `award` of `category` carries `value` KRW.
  kPrizeMoney,
  /// Among the governments matching `group`, `government` is the only one holding any of
  /// `awards` (in `category`, or in any category when it is empty).
  kOnlyWinnerInGroup,
  /// `government` is in cohort `cohort`.
  kCohortOf,
  /// Cohort `cohort` holds more governments matching `group` than any other cohort.
  kMostInCohort,
};
/// "winner", "count", "prize_money", "only_winner_in_group", "cohort_of", "most_in_cohort".
[[nodiscard]] const char* ToString(FactKind kind);
[[nodiscard]] const std::vector<std::string>& FactKindNames();

/// What a kCount fact counts.
enum class CountOf { kAwards, kAwardedGovernments, kGovernments, kCohorts };
/// "awards", "awarded_governments", "governments", "cohorts".
[[nodiscard]] const char* ToString(CountOf of);

/// A registry condition written in the cohort-rule expression language (cohorts/README.md),
/// e.g. `parent_code == "11000" and type == "district"` for Seoul's autonomous districts.
struct GovernmentGroup {
  std::string name_ko;  ///< e.g. "서울 자치구", for messages.
  std::optional<Expression> condition;
};

struct PublishedFact {
  std::string id;  ///< Unique in the file, e.g. "grand-busan".
  FactKind kind = FactKind::kWinner;
  std::string source;               ///< Citation (required).
  std::string note;                 ///< Optional: what the source says, in words.
  std::string category;             ///< Rubric category; empty = every category.
  std::vector<std::string> awards;  ///< kWinner and kPrizeMoney: one; kOnlyWinnerInGroup: any.
  std::string government;           ///< 5-digit code.
  std::string cohort;               ///< Cohort letter (가..사) or id.
  CountOf count_of = CountOf::kAwards;
  GovernmentGroup group;  ///< kCount of governments (optional), kOnlyWinnerInGroup, kMostInCohort.
  double value = 0;       ///< kCount, kPrizeMoney.
  SourceLocation where;
};

struct PublishedFacts {
  int year = 0;
  SourceLocation year_where;  ///< Where `year` was read.
  std::vector<PublishedFact> facts;
  std::string file;
};

/// What the facts are checked against: parallel `rubrics` and `results` (one per category in
/// the run, with the cross-category rules applied: ScoreAward).
struct ModelView {
  const Registry& registry;
  const CohortMembership& cohorts;
  std::span<const Rubric> rubrics;
  std::span<const ScoreResult> results;
};

struct FactResult {
  const PublishedFact* fact = nullptr;
  std::string
      statement;  ///< The fact in words, e.g. "종합대상 (지역일자리 목표공시제): 26000 부산광역시".
  std::string published;  ///< The published value, e.g. "26000 부산광역시" or "73".
  std::string model;      ///< The model's value, e.g. "48840 남해군" or "73".
  bool met = false;
  /// False when the fact depends only on the registry, the cohort rules and the rubrics (no
  /// report can change it).
  bool depends_on_reports = true;
};

/// Checks every fact. Throws InputError (at the fact) when a fact names an award id or a cohort
/// the model does not have (with a did-you-mean), and (at `year`) when the facts are of another
/// year than the rubrics. A fact about a category that is not in the
/// run is not met, with a model value that says so.
[[nodiscard]] std::vector<FactResult> CheckFacts(const PublishedFacts& facts,
                                                 const ModelView& model);

/// Human names of governments for messages: "11530 구로구", with the parent for names that
/// repeat ("31140 울산 남구").
[[nodiscard]] std::string GovernmentLabel(const Registry& registry, const std::string& code);

}  // namespace jobaward
