// "What it takes" (gaps.hpp) in words and cells: the terminal view with Korean labels (one row
// per input, one column per goal; also the HTML report's) and the typed values of the long
// table (gaps_result.hpp). Formatting only: every figure comes from FindGaps.
//
// Values of real-valued inputs are rounded in the direction that helps the government (up when
// raising the input helps), so that the printed value does what the row says.
//
// Tests (tests/unit/render/gaps_tables_test.cpp): cells of each status and unit, typed values.
#pragma once

#include <string>
#include <vector>

#include "jobaward/render/text_table.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/sensitivity/gaps.hpp"

namespace jobaward {

/// "윗순위 추월", "2차 진출", "다음 상".
[[nodiscard]] const char* GoalNameKo(GapGoal goal);

/// The Korean name of an award label (sensitivity.hpp AwardLabel: "<id>", "<id>+<special id>",
/// "+<special id>" or ""): "최우수상", "우수상 + 특별상", ...; "" for none.
[[nodiscard]] std::string AwardNameKo(const Rubric& rubric, const std::string& label);

/// How a real value is rounded: in the direction that helps the government (up when raising the
/// input helps), the other way, or to the nearest.
enum class LeverRounding { kHelpful, kUnhelpful, kNearest };

/// A value of `lever` as a typed cell (ColumnType::kValue): a count as an integer, a grade as its
/// letter, a flag as a boolean, a real value rounded to `decimals` as `rounding` says; empty
/// when NaN (missing).
[[nodiscard]] Cell LeverValueCell(const GapLever& lever, double value, int decimals,
                                  LeverRounding rounding);

/// `value` rounded to `decimals` as `rounding` says for an input whose `direction` is +1
/// (raising it helps) or -1.
[[nodiscard]] double RoundLeverValue(double value, int decimals, int direction,
                                     LeverRounding rounding);

/// One goal's cell of the terminal table, e.g. "14,303 (+551) → 28위", "불가: 상한 100 (27위)",
/// "이미 진출".
[[nodiscard]] std::string GapCell(const Rubric& rubric, const GapLever& lever,
                                  const LeverGaps& gaps, GapGoal goal);

/// The inputs of one government (a row of `model`) with what each goal takes: 입력, 현재값 and
/// one cell per goal (GapCell) — the rows of the gaps overviews (gaps_result.hpp) and of the
/// HTML report's "what it takes".
[[nodiscard]] Table GapsTable(const ScoringModel& model, const GovernmentGaps& gaps);

}  // namespace jobaward
