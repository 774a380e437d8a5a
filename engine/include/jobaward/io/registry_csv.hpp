// The registry of local governments as CSV (format in cohorts/README.md): loading and writing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jobaward/cohorts/registry.hpp"

namespace jobaward {

struct RegistryExpectations {
  /// When set, the registry must hold exactly this many metropolitan / basic governments
  /// (17 and 226 for the 2020 set).
  std::optional<int> metropolitan;
  std::optional<int> basic;
};

/// The counts of the 2020 set: 17 metropolitan and 226 basic governments.
[[nodiscard]] inline RegistryExpectations Registry2020Expectations() { return {17, 226}; }

/// Parses a registry CSV (see cohorts/README.md for the columns). Checks: required columns,
/// 5-digit unique codes, known level/type, level consistent with type, parents that exist and are
/// metropolitan, non-negative finite numbers, and the expected counts. Every problem is reported
/// with file:line in one InputError.
[[nodiscard]] Registry ParseRegistry(std::string_view csv_text, std::string_view file_name,
                                     const RegistryExpectations& expect = {});

/// A registry as CSV in the columns ParseRegistry reads, so a synthetic registry written by
/// `jobaward synth` loads back unchanged.
[[nodiscard]] std::string FormatRegistryCsv(const Registry& registry);

}  // namespace jobaward
