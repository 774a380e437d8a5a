// Depth-limited JSON bodies and their members (see json_body.hpp).
#include "json_body.hpp"

#include <algorithm>
#include <cmath>

#include "jobaward/error.hpp"
#include "request_error.hpp"

namespace jobaward::server_detail {

int JsonDepth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest > limit) return limit + 1;
    } else if (c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    }
  }
  return deepest;
}

namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 5: ..."; the bracketed id means nothing to a user.
std::string Tidy(std::string message) {
  if (!message.empty() && message.front() == '[') {
    const auto end = message.find("] ");
    if (end != std::string::npos) message.erase(0, end + 2);
  }
  return message;
}

}  // namespace

nlohmann::json ParseJsonObject(std::string_view body, int max_depth) {
  if (std::all_of(body.begin(), body.end(),
                  [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; })) {
    return nlohmann::json::object();
  }
  if (JsonDepth(body, max_depth) > max_depth) {
    throw RequestError(
        400, "", "the JSON body is nested more than " + std::to_string(max_depth) + " levels deep");
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    throw RequestError(400, "", "the body is not valid JSON: " + Tidy(e.what()));
  }
  if (!value.is_object()) {
    throw RequestError(400, "", "the body must be a JSON object, got " + JsonTypeName(value));
  }
  return value;
}

std::string JsonTypeName(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::binary:
      return "binary data";
    case nlohmann::json::value_t::discarded:
      return "nothing";
    default:
      return "a number";
  }
}

ObjectReader::ObjectReader(const nlohmann::json& object, std::string path,
                           std::vector<std::string> known)
    : object_(object), path_(std::move(path)) {
  if (!object_.is_object()) {
    throw RequestError(400, path_,
                       (path_.empty() ? "the body" : "'" + path_ + "'") +
                           " must be a JSON object, got " + JsonTypeName(object_));
  }
  for (const auto& [name, value] : object_.items()) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw RequestError(400, KeyOf(name),
                         known.empty() ? "unknown member '" + name + "' (" +
                                             (path_.empty() ? "this request" : "'" + path_ + "'") +
                                             " takes none)"
                                       : UnknownNameMessage("member", name, known));
    }
  }
}

std::string ObjectReader::KeyOf(const std::string& name) const {
  return path_.empty() ? name : path_ + "." + name;
}

bool ObjectReader::Has(const std::string& name) const { return object_.contains(name); }

const nlohmann::json* ObjectReader::Find(const std::string& name) const {
  const auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

std::optional<std::string> ObjectReader::Text(const std::string& name,
                                              std::size_t max_bytes) const {
  const nlohmann::json* value = Find(name);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    throw RequestError(400, KeyOf(name),
                       "'" + KeyOf(name) + "' must be a string, got " + JsonTypeName(*value));
  }
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() > max_bytes) {
    throw RequestError(
        400, KeyOf(name),
        "'" + KeyOf(name) + "' is longer than " + std::to_string(max_bytes) + " bytes");
  }
  return text;
}

std::optional<std::uint64_t> ObjectReader::Whole(const std::string& name, std::uint64_t min,
                                                 std::uint64_t max) const {
  const nlohmann::json* value = Find(name);
  if (value == nullptr) return std::nullopt;
  const std::string range =
      "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (value->is_number_unsigned()) {
    const auto v = value->get<std::uint64_t>();
    if (v >= min && v <= max) return v;
    throw RequestError(400, KeyOf(name),
                       "'" + KeyOf(name) + "' must be " + range + ", got " + std::to_string(v));
  }
  if (value->is_number_float()) {
    const double v = value->get<double>();
    if (std::isfinite(v) && v == std::floor(v) && v >= static_cast<double>(min) &&
        v <= static_cast<double>(max)) {
      return static_cast<std::uint64_t>(v);
    }
  }
  throw RequestError(400, KeyOf(name),
                     "'" + KeyOf(name) + "' must be " + range + ", got " +
                         (value->is_number() ? value->dump() : JsonTypeName(*value)));
}

std::string DumpJson(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DumpJson(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace jobaward::server_detail
