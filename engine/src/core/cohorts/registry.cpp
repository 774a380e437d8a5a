#include "jobaward/cohorts/registry.hpp"

#include <array>

#include "jobaward/error.hpp"

namespace jobaward {

namespace {
constexpr std::array<std::string_view, 8> kTypeNames = {"special_city",
                                                        "metropolitan_city",
                                                        "special_self_governing_city",
                                                        "province",
                                                        "special_self_governing_province",
                                                        "city",
                                                        "county",
                                                        "district"};
}  // namespace

std::string_view ToString(Level level) {
  return level == Level::kMetropolitan ? "metropolitan" : "basic";
}

std::string_view ToString(GovernmentType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

std::optional<Level> ParseLevel(std::string_view text) {
  if (text == "metropolitan") return Level::kMetropolitan;
  if (text == "basic") return Level::kBasic;
  return std::nullopt;
}

std::optional<GovernmentType> ParseGovernmentType(std::string_view text) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == text) return static_cast<GovernmentType>(i);
  }
  return std::nullopt;
}

const std::vector<std::string>& GovernmentTypeNames() {
  static const std::vector<std::string> names(kTypeNames.begin(), kTypeNames.end());
  return names;
}

Registry::Registry(std::string file, std::vector<Government> governments)
    : file_(std::move(file)), governments_(std::move(governments)) {
  index_.reserve(governments_.size());
  for (std::size_t i = 0; i < governments_.size(); ++i) {
    if (!index_.emplace(governments_[i].code, i).second) {
      throw InternalError("Registry built with duplicate code " + governments_[i].code);
    }
  }
}

std::optional<std::size_t> Registry::IndexOf(std::string_view code) const {
  const auto it = index_.find(std::string(code));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace jobaward
