// Reading a request's JSON body within limits: the nesting depth is checked on the raw bytes
// before nlohmann/json builds anything (a body of 60,000 '[' would otherwise recurse that deep),
// then the object's members are read through ObjectReader, which refuses unknown members with a
// did-you-mean and wrong types or out-of-range values with the member's name. Every refusal is a
// RequestError with status 400.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobaward::server_detail {

/// Parses `body` as one JSON object nested at most `max_depth` levels (the object itself is
/// level 1). An empty body is an empty object. Throws RequestError(400) naming the line and
/// column of a syntax error, the depth, or what the top level is when it is not an object.
[[nodiscard]] nlohmann::json ParseJsonObject(std::string_view body, int max_depth);

/// The deepest nesting of arrays and objects in `text` (strings skipped), stopping as soon as it
/// exceeds `limit` (then returns limit + 1).
[[nodiscard]] int JsonDepth(std::string_view text, int limit);

/// Reads the members of one JSON object; `path` names it in messages ("" for the body,
/// "scenario" for a member object).
class ObjectReader {
 public:
  /// Throws RequestError when `object` is not an object or has a member not in `known`.
  ObjectReader(const nlohmann::json& object, std::string path, std::vector<std::string> known);
  /// It keeps a reference: a temporary would dangle.
  ObjectReader(nlohmann::json&& object, std::string path, std::vector<std::string> known) = delete;

  [[nodiscard]] bool Has(const std::string& name) const;
  /// The member, or nullptr when absent.
  [[nodiscard]] const nlohmann::json* Find(const std::string& name) const;
  /// A string member (absent: nullopt); `max_bytes` bounds its length.
  [[nodiscard]] std::optional<std::string> Text(const std::string& name,
                                                std::size_t max_bytes = 200) const;
  /// A whole-number member in [min, max] (absent: nullopt).
  [[nodiscard]] std::optional<std::uint64_t> Whole(const std::string& name, std::uint64_t min,
                                                   std::uint64_t max) const;
  /// "name" or "path.name", for messages.
  [[nodiscard]] std::string KeyOf(const std::string& name) const;

 private:
  const nlohmann::json& object_;
  std::string path_;
};

/// "a string", "a number", "an object", ... for messages.
[[nodiscard]] std::string JsonTypeName(const nlohmann::json& value);

/// JSON text of `value` for a response: invalid UTF-8 in any string is replaced, never thrown.
[[nodiscard]] std::string DumpJson(const nlohmann::json& value);
[[nodiscard]] std::string DumpJson(const nlohmann::ordered_json& value);

}  // namespace jobaward::server_detail
