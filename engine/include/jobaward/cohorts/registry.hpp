// The registry of local governments: who exists, of what level and type, under which province,
// and how large (resident population, employed persons). It is the input of the cohort rules.
// Plain values; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jobaward {

enum class Level { kMetropolitan, kBasic };

/// Administrative type. The string forms (used in CSV files and rule expressions) are
/// "special_city", "metropolitan_city", "special_self_governing_city", "province",
/// "special_self_governing_province", "city", "county", "district".
enum class GovernmentType {
  kSpecialCity,
  kMetropolitanCity,
  kSpecialSelfGoverningCity,
  kProvince,
  kSpecialSelfGoverningProvince,
  kCity,
  kCounty,
  kDistrict,
};

[[nodiscard]] std::string_view ToString(Level level);
[[nodiscard]] std::string_view ToString(GovernmentType type);
[[nodiscard]] std::optional<Level> ParseLevel(std::string_view text);
[[nodiscard]] std::optional<GovernmentType> ParseGovernmentType(std::string_view text);
/// All type names, in enum order (for "expected one of" messages).
[[nodiscard]] const std::vector<std::string>& GovernmentTypeNames();

struct Government {
  std::string code;     ///< 5-digit administrative code, e.g. "11530".
  std::string name_ko;  ///< e.g. "구로구".
  std::string name_en;  ///< e.g. "Guro-gu".
  Level level = Level::kBasic;
  GovernmentType type = GovernmentType::kDistrict;
  std::string parent_code;  ///< Province-level parent for basic governments; empty otherwise.
  double population = 0;    ///< Resident population (persons).
  int population_year = 0;
  std::string population_source;
  double workers = 0;  ///< Employed persons (persons, not thousands).
  int workers_year = 0;
  std::string workers_source;
  bool workers_estimated = false;  ///< True where the figure is an estimate, not a published one.
  int line = 0;                    ///< Line in the registry file, for diagnostics.
};

/// The governments of one assessment year, in file order, with lookup by code.
class Registry {
 public:
  Registry() = default;
  Registry(std::string file, std::vector<Government> governments);

  [[nodiscard]] const std::vector<Government>& governments() const noexcept { return governments_; }
  [[nodiscard]] std::size_t size() const noexcept { return governments_.size(); }
  [[nodiscard]] const Government& operator[](std::size_t i) const { return governments_[i]; }
  /// Index of the government with `code`, or nullopt.
  [[nodiscard]] std::optional<std::size_t> IndexOf(std::string_view code) const;
  /// File the registry came from ("" when built in memory).
  [[nodiscard]] const std::string& file() const noexcept { return file_; }

 private:
  std::string file_;
  std::vector<Government> governments_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace jobaward
