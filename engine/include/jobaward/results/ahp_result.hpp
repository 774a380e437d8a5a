// The result of `jobaward weights ahp` as typed tables (result_table.hpp): the weight of every
// compared item, and as facts the consistency figures of Saaty's method (λmax, CI, RI, CR) and,
// when a rubric was re-weighted, the file and id it was written with. Columns and JSON keys:
// engine/docs/outputs.md ("weights ahp"), weights-ahp.schema.json.
//
// Pure function of its inputs. Tests: tests/unit/sensitivity/ahp_test.cpp, output_schema and xlsx
// tests.
#pragma once

#include <string>
#include <vector>

#include "jobaward/results/result_table.hpp"
#include "jobaward/sensitivity/ahp.hpp"

namespace jobaward {

/// What was compared: the file, the target ("domains" or "indicators"; for indicators the
/// domain) and the items in the matrix's order.
struct AhpComparison {
  std::string file;
  std::string target;
  std::string domain;  ///< "" for domains.
  std::vector<std::string> items;
};

/// The rubric --write-rubric wrote: its file and its id ("" when none was written).
struct AhpRubricWritten {
  std::string file;
  std::string id;
};

/// Facts file, target, domain (indicators only), lambda_max, consistency_index, random_index,
/// consistency_ratio, consistent, rubric_written and rubric_written_id (when written); table
/// "weights" (item, weight); a note on the consistency (CR against kAhpMaxConsistencyRatio).
/// REQUIRES: result.weights has one weight per item.
[[nodiscard]] Result MakeAhpResult(const AhpComparison& comparison, const AhpResult& result,
                                   const AhpRubricWritten& written = {});

}  // namespace jobaward
