// The JSON form of "what it takes" (gaps.hpp), shared by `jobaward gaps` and `jobaward explain
// CODE --to-next`; schema: engine/docs/schema/gaps.schema.json ($defs/government).
#pragma once

#include <nlohmann/json.hpp>

#include "jobaward/gaps.hpp"
#include "jobaward/gaps_tables.hpp"

namespace jobaward::cli {

/// What the answers cover, said in every output (JSON; tables in Korean: kGapsScopeKo,
/// gaps_tables.hpp).
inline constexpr const char* kGapsScope =
    "one input at a time, everything else held fixed; moves of two inputs together are not "
    "searched";

/// One government's answers: position, the government above, every lever.
[[nodiscard]] nlohmann::ordered_json GapsJson(const ScoringModel& model, const GovernmentGaps& g);

}  // namespace jobaward::cli
