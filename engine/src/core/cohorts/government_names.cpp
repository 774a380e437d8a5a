#include "jobaward/cohorts/government_names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "jobaward/error.hpp"

namespace jobaward {

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Hangul syllables are three bytes in UTF-8.
constexpr std::size_t kSyllable = 3;

bool AllHangul(std::string_view s) {
  if (s.size() % kSyllable != 0) return false;
  for (std::size_t i = 0; i < s.size(); i += kSyllable) {
    if ((static_cast<unsigned char>(s[i]) & 0xF0) != 0xE0) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const Government* Parent(const Registry& registry, const Government& g) {
  if (g.parent_code.empty()) return nullptr;
  const auto i = registry.IndexOf(g.parent_code);
  return i ? &registry[*i] : nullptr;
}

}  // namespace

std::string ShortProvinceName(std::string_view name) {
  for (const std::string_view suffix : {"특별자치도", "특별자치시", "특별시", "광역시"}) {
    if (EndsWith(name, suffix) && name.size() > suffix.size()) {
      return std::string(name.substr(0, name.size() - suffix.size()));
    }
  }
  if (EndsWith(name, "도") && AllHangul(name)) {
    const std::string_view stem = name.substr(0, name.size() - kSyllable);  // 충청북, 경기
    if (stem.size() == 2 * kSyllable) return std::string(stem);
    if (stem.size() == 3 * kSyllable) {
      return std::string(stem.substr(0, kSyllable)) + std::string(stem.substr(2 * kSyllable));
    }
  }
  return std::string(name);
}

DisplayNames MakeDisplayNames(const Registry& registry) {
  std::unordered_map<std::string, int> ko_count;
  std::unordered_map<std::string, int> en_count;
  for (const Government& g : registry.governments()) {
    ++ko_count[g.name_ko];
    ++en_count[Lower(g.name_en)];
  }
  DisplayNames names;
  names.ko.reserve(registry.size());
  names.en.reserve(registry.size());
  for (const Government& g : registry.governments()) {
    const Government* parent = Parent(registry, g);
    const bool shared_ko = ko_count[g.name_ko] > 1 && parent != nullptr;
    const bool shared_en = en_count[Lower(g.name_en)] > 1 && parent != nullptr;
    names.ko.push_back(shared_ko ? ShortProvinceName(parent->name_ko) + " " + g.name_ko
                                 : g.name_ko);
    names.en.push_back(shared_en ? parent->name_en + " " + g.name_en : g.name_en);
  }
  return names;
}

std::size_t FindGovernment(const Registry& registry, std::string_view query,
                           const std::string& key) {
  if (const auto i = registry.IndexOf(query)) return *i;
  const DisplayNames names = MakeDisplayNames(registry);
  const std::string lower = Lower(query);
  std::vector<std::size_t> matches;
  for (std::size_t i = 0; i < registry.size(); ++i) {
    const Government& g = registry[i];
    const Government* parent = Parent(registry, g);
    const bool full = parent != nullptr && query == parent->name_ko + " " + g.name_ko;
    if (g.name_ko == query || names.ko[i] == query || full || Lower(g.name_en) == lower ||
        Lower(names.en[i]) == lower) {
      matches.push_back(i);
    }
  }
  if (matches.size() == 1) return matches.front();
  std::string message;
  if (matches.size() > 1) {
    message = "'" + std::string(query) + "' names " + std::to_string(matches.size()) +
              " governments; give the code or the name with its province, one of:";
    for (std::size_t k = 0; k < matches.size(); ++k) {
      message +=
          std::string(k == 0 ? " " : ", ") + registry[matches[k]].code + " " + names.ko[matches[k]];
    }
  } else {
    std::vector<std::string> candidates;
    for (std::size_t i = 0; i < registry.size(); ++i) {
      candidates.push_back(registry[i].code);
      candidates.push_back(names.ko[i]);
      candidates.push_back(registry[i].name_en);
    }
    message = "no government with code or name '" + std::string(query) + "' in the registry";
    const std::string hint = ClosestMatch(std::string(query), candidates);
    if (!hint.empty()) {
      std::string shown = hint;
      for (std::size_t i = 0; i < registry.size(); ++i) {
        if (registry[i].name_en == hint || names.ko[i] == hint) {
          shown = registry[i].code + " " + names.ko[i];
        }
      }
      message += ", did you mean " + shown + "?";
    }
  }
  throw InputError(Diagnostic{{registry.file()}, key, message, {}});
}

}  // namespace jobaward
