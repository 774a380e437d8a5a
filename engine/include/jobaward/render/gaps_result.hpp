// "What it takes" (gaps.hpp) as typed tables (result_table.hpp), for `jobaward gaps` and
// `jobaward explain CODE --to-next`: one long table (one typed row per government, input and
// goal: what CSV prints and the JSON nests, JsonForm::kGapsTree, as gaps.schema.json describes)
// and one overview (one row per government and input, each goal's answer in Korean: the
// terminal's view). Both commands build their rows with the same functions below, so their CSV
// columns and values are the same. Columns: engine/docs/outputs.md ("gaps").
//
// Values of real-valued inputs are rounded to six decimals in the direction that helps the
// government (up when raising the input helps), so that the value in the row does what the row
// says; `before` the other way.
//
// Pure functions of their inputs. Tests: tests/unit/cli/cli_gaps_test.cpp, output_schema_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/sensitivity/gaps.hpp"

namespace jobaward {

/// What the answers cover, said in every output: in English (JSON `scope`) and Korean (tables).
inline constexpr const char* kGapsScope =
    "one input at a time, everything else held fixed; moves of two inputs together are not "
    "searched";
inline constexpr const char* kGapsScopeKo =
    "입력 하나씩, 나머지는 그대로; 두 입력을 함께 바꾸는 경우는 다루지 않음";

/// One category's answers: its model and FindGaps's result for some of its rows.
struct GapsCategory {
  const ScoringModel* model = nullptr;
  std::vector<GovernmentGaps> gaps;
};

/// The empty long table `id` (columns of outputs.md "gaps"; not in the terminal; JSON in the
/// nested form under `json_key`).
[[nodiscard]] ResultTable GapsLongTable(const std::string& id, const std::string& title,
                                        const std::string& json_key);

/// Appends the long rows of one category's `gaps` to `table` (a GapsLongTable). Names are the
/// display names of `registry` ("울산 남구").
void AppendGapsRows(const Registry& registry, const GapsCategory& category, ResultTable& table);

/// The result of `jobaward gaps`: facts `method` ("gaps") and `scope` (JSON only), table `gaps`
/// (long; JSON `categories`, gaps.schema.json) and table `gaps_overview` (the terminal's view,
/// one block per category), the scope as a note.
[[nodiscard]] Result MakeGapsResult(const Registry& registry,
                                    const std::vector<GapsCategory>& categories);

}  // namespace jobaward
