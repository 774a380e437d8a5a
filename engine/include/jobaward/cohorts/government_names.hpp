// Government names as people read them, and finding a government by what a user types.
//
// Six governments are called 중구, five 동구, two 고성군: a name alone does not say which one is
// meant. Every output therefore shows a name that another government of the registry shares
// with the short name of its province or metropolitan city in front ("울산 남구", "강원 고성군";
// "Ulsan Nam-gu" in English) and every other name as it is ("구로구"). DisplayNames computes
// them once per registry; every table, CSV, workbook and report uses it.
//
// Pure functions of the registry; thread-compatible. Tests:
// tests/unit/cohorts/government_names_test.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/cohorts/registry.hpp"

namespace jobaward {

/// The short form of a province-level name, as Korean tables abbreviate them: "서울특별시" ->
/// "서울", "울산광역시" -> "울산", "세종특별자치시" -> "세종", "경기도" -> "경기", "충청북도" ->
/// "충북", "제주특별자치도" -> "제주". Other names are returned unchanged.
[[nodiscard]] std::string ShortProvinceName(std::string_view name_ko);

struct DisplayNames {
  std::vector<std::string> ko;  ///< Per registry index.
  std::vector<std::string> en;  ///< Per registry index.
};

/// The name of every government as outputs show it: with the short name of its parent in front
/// when another government of `registry` has the same Korean (or, for `en`, English) name.
[[nodiscard]] DisplayNames MakeDisplayNames(const Registry& registry);

/// The registry index of the government `query` names: its code; or its Korean or English name
/// (English case-insensitive) when that names only one government; or a display name ("울산
/// 남구") or the full parent name and name ("울산광역시 남구"). Throws InputError (file: the
/// registry, key: `key`) when nothing matches — with a did-you-mean — or when the name is
/// shared, listing every candidate with its code and display name.
[[nodiscard]] std::size_t FindGovernment(const Registry& registry, std::string_view query,
                                         const std::string& key);

}  // namespace jobaward
