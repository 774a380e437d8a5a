// A request's overrides (see request_overrides.hpp).
#include "request_overrides.hpp"

#include <algorithm>

#include "jobaward/io/scenario_yaml.hpp"
#include "json_body.hpp"
#include "request_error.hpp"

namespace jobaward::server_detail {

namespace {

bool IsKeyCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-' || c == ':';
}

// The text of one scalar as `--set` would carry it.
std::string ScalarText(const nlohmann::json& value, const std::string& key) {
  if (value.is_null()) return "none";
  if (value.is_number()) return value.dump();
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    // One scalar: a comma, bracket or brace would make ParseSetting read a list or a map.
    if (text.size() > 200 || text.find_first_of(",[]{}\n\r") != std::string::npos) {
      throw RequestError(400, key,
                         key + ": expected a plain value (a number, a word such as none), got \"" +
                             text.substr(0, 40) + "\"");
    }
    return text;
  }
  throw RequestError(
      400, key, key + ": expected a number, a string, null or a list, got " + JsonTypeName(value));
}

}  // namespace

std::vector<Override> RequestOverrides(const nlohmann::json* member, std::size_t max_count) {
  std::vector<Override> overrides;
  if (member == nullptr) return overrides;
  if (!member->is_object()) {
    throw RequestError(
        400, "overrides",
        "overrides: expected an object {KEY: VALUE, ...}, got " + JsonTypeName(*member));
  }
  if (member->size() > max_count) {
    throw RequestError(400, "overrides",
                       "overrides: " + std::to_string(member->size()) + " entries; at most " +
                           std::to_string(max_count) + " are accepted");
  }
  for (const auto& [key, value] : member->items()) {
    const std::string name = "overrides." + key;
    if (key.empty() || key.size() > 200 || !std::all_of(key.begin(), key.end(), IsKeyCharacter)) {
      throw RequestError(400, name,
                         "overrides: '" + key.substr(0, 60) +
                             "' is not a scenario key (e.g. 2020-disclosure.stages.stage2_weight; "
                             "rubrics/README.md, \"Scenarios\")");
    }
    std::string text;
    if (value.is_array()) {
      if (value.empty() || value.size() > 32) {
        throw RequestError(400, name, name + ": expected a list of 1 to 32 values");
      }
      for (const auto& item : value) {
        if (item.is_array() || item.is_object() || item.is_null()) {
          throw RequestError(400, name, name + ": a list holds numbers and strings only");
        }
        text += (text.empty() ? "[" : ", ") + ScalarText(item, name);
      }
      text += "]";
    } else {
      text = ScalarText(value, name);
    }
    overrides.push_back(ParseSetting(key + "=" + text, SourceLocation{"request"}));
  }
  return overrides;
}

nlohmann::ordered_json OverridesJson(const std::vector<Override>& overrides) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const Override& o : overrides) {
    if (o.value.is_list) {
      j[o.key] = o.value.items;
    } else if (o.value.number) {
      j[o.key] = *o.value.number;
    } else {
      j[o.key] = o.value.text;
    }
  }
  return j;
}

}  // namespace jobaward::server_detail
