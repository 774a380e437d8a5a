// Loading a published-facts file (format: examples/README.md, "Published facts"; the bundled
// one is examples/2020/published.yaml) into PublishedFacts (published.hpp). Collects every
// problem of the file — unknown keys and kinds with a did-you-mean, keys a kind does not take,
// missing sources, governments not in the registry or with another name, bad group conditions
// (cohort-rule expression language) — and throws one InputError naming file:line:column and key.
#pragma once

#include <filesystem>
#include <string_view>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/scoring/published.hpp"

namespace jobaward {

/// Parses facts YAML text; `file_name` names it in diagnostics. Government codes are checked
/// against `registry`.
[[nodiscard]] PublishedFacts ParsePublishedFacts(std::string_view yaml_text,
                                                 std::string_view file_name,
                                                 const Registry& registry);

/// Reads and parses a facts file.
[[nodiscard]] PublishedFacts LoadPublishedFacts(const std::filesystem::path& path,
                                                const Registry& registry);

}  // namespace jobaward
