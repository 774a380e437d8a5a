// A request's overrides: the member {"overrides": {KEY: VALUE, ...}} of a POST body, with the keys
// of a scenario file (rubrics/README.md, "Scenarios"). Each entry becomes the Override that
// `--set KEY=VALUE` gives (ParseSetting, scenario_yaml.hpp), so the page, a scenario file and the
// command line are read by one parser: a number, a string ("none", "floor"), null (= none), or a
// list of strings and numbers (tie_break). Whether a key names something and its value fits is
// ApplyOverrides' check, when the scenario is evaluated.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jobaward/scoring/scenario.hpp"

namespace jobaward::server_detail {

/// The overrides of `member` (nullptr: none). Throws RequestError(400) naming
/// "overrides.<key>" when it is not an object, has more than `max_count` entries, a key that is
/// not a scenario key's characters (letters, digits, '.', '_', '-', ':'; at most 200), or a
/// value of another type.
[[nodiscard]] std::vector<Override> RequestOverrides(const nlohmann::json* member,
                                                     std::size_t max_count);

/// The overrides as a JSON object, in order (a later one for the same key replaces it): the
/// inverse of RequestOverrides, for responses and the page.
[[nodiscard]] nlohmann::ordered_json OverridesJson(const std::vector<Override>& overrides);

}  // namespace jobaward::server_detail
