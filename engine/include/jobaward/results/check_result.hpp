// The result of `jobaward check` as typed tables (result_table.hpp): every published fact with
// the published value, the model's value and whether they match, and the counts. Columns and
// JSON keys: engine/docs/outputs.md ("check"), check.schema.json.
//
// Pure function of its inputs. Tests: tests/unit/cli/cli_check_test.cpp, output_schema_test.cpp.
#pragma once

#include <string>
#include <vector>

#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/published.hpp"

namespace jobaward {

/// Facts `published` (the facts file as given), `year`, `matched`, `total`, `all_match`; table
/// `facts` (one row per fact, in the file's order); a note that says how many match.
[[nodiscard]] Result MakeCheckResult(const std::string& published_path, int year,
                                     const std::vector<FactResult>& checks);

}  // namespace jobaward
