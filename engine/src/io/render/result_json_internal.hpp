// Shared by the JSON renderers of results (result_json.cpp, result_json_gaps.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "jobaward/results/result_table.hpp"

namespace jobaward {

using Json = nlohmann::ordered_json;

/// One cell as JSON, by its column's type (null when empty).
[[nodiscard]] Json CellJson(const Column& column, const Cell& cell);

/// A table of gaps_result.hpp's long columns in the nested form of gaps.schema.json: an array
/// of categories, each with its governments, their levers and each lever's answers by goal.
/// Throws InternalError when a column is missing.
[[nodiscard]] Json GapsTreeJson(const ResultTable& table);

}  // namespace jobaward
