// "What it takes" (gaps.hpp) as tables: the terminal view with Korean labels (one row per
// government and input, one column per goal) and the long view of CSV and workbooks (English
// column ids, one row per government, input and goal). The columns are documented in
// engine/docs/outputs.md ("gaps"). Formatting only: every figure comes from FindGaps.
//
// Values of real-valued inputs are rounded in the direction that helps the government (up when
// raising the input helps), so that the printed value does what the row says.
//
// Tests (tests/unit/gaps_tables_test.cpp): cells of each status and unit, the CSV columns.
#pragma once

#include <string>
#include <vector>

#include "jobaward/gaps.hpp"
#include "jobaward/text_table.hpp"

namespace jobaward {

/// What the answers cover, said in every table (in Korean).
inline constexpr const char* kGapsScopeKo =
    "입력 하나씩, 나머지는 그대로; 두 입력을 함께 바꾸는 경우는 다루지 않음";

/// "윗순위 추월", "2차 진출", "다음 상".
[[nodiscard]] const char* GoalNameKo(GapGoal goal);

/// The Korean name of an award label (sensitivity.hpp AwardLabel: "<id>", "<id>+<special id>",
/// "+<special id>" or ""): "최우수상", "우수상 + 특별상", ...; "" for none.
[[nodiscard]] std::string AwardNameKo(const Rubric& rubric, const std::string& label);

/// A value of `lever` in its own unit. For people: counts with grouped thousands, grades as
/// letters, booleans as 예/아니오, numbers with `decimals`; otherwise (CSV) plain numbers,
/// letters and true/false. Real values are rounded in the lever's helpful direction.
[[nodiscard]] std::string FormatLeverValue(const GapLever& lever, double value, int decimals,
                                           bool for_people);

/// One goal's cell of the terminal table, e.g. "14,303 (+551) → 28위", "불가: 상한 100 (27위)",
/// "이미 진출".
[[nodiscard]] std::string GapCell(const Rubric& rubric, const GapLever& lever,
                                  const LeverGaps& gaps, GapGoal goal);

/// The terminal table of `gaps` (rows of `model`). With `with_government`, the government's
/// cohort, code, name, rank, award and the government above come first (`gaps` for many
/// governments); without, one government's inputs (`explain --to-next`).
[[nodiscard]] Table GapsTable(const ScoringModel& model, const std::vector<GovernmentGaps>& gaps,
                              bool with_government);

/// The long table's header (CSV and workbook).
[[nodiscard]] Table GapsCsvHeader();

/// Appends the long rows of one category's `gaps` to `table`.
void AppendGapsCsv(const ScoringModel& model, const std::vector<GovernmentGaps>& gaps,
                   Table& table);

}  // namespace jobaward
