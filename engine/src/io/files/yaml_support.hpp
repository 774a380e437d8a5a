// Shared reading of YAML inputs for every loader (cohort rules, rubrics, reports, uncertainty
// specs, AHP matrices): strict typed getters that record a Diagnostic naming file:line:column and
// the key path instead of throwing on the first problem, unknown-key checks with "did you mean",
// duplicate-key detection, and a parse step that turns yaml-cpp exceptions into InputError.
// Internal to jobaward_io: the core never sees a YAML::Node.
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/io/csv.hpp"

namespace jobaward::yaml {

/// Bounds for numeric getters (inclusive).
struct Range {
  std::optional<double> min;
  std::optional<double> max;
};

class Reader {
 public:
  /// `file` names the input in diagnostics; problems are collected in `sink`.
  Reader(std::string file, DiagnosticSink& sink) : file_(std::move(file)), sink_(sink) {}

  /// Parses YAML text. A syntax error, an empty document, invalid UTF-8 or nesting deeper than
  /// yaml-cpp's guard throws InputError at once (nothing else can be read then).
  [[nodiscard]] YAML::Node Parse(std::string_view text) const;

  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] SourceLocation Where(const YAML::Node& node) const;
  void Error(const YAML::Node& node, const std::string& key, const std::string& message) const;
  void Error(SourceLocation where, const std::string& key, const std::string& message) const;

  /// True when `node` is a map; otherwise records "expected a mapping" at `path`.
  bool ExpectMap(const YAML::Node& node, const std::string& path) const;
  bool ExpectSequence(const YAML::Node& node, const std::string& path) const;

  /// Records every key of `map` not in `allowed` (with a did-you-mean hint) and every duplicate
  /// key. `path` is the dotted path of the map ("" at top level).
  void CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                 const std::string& path) const;
  void CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                 const std::string& path) const;

  /// Typed getters for `map[key]`. A missing key is an error only when `required`; a value of
  /// the wrong type, non-finite, or out of `range` is always an error. They return nullopt when
  /// the value is missing or bad (the error is recorded).
  [[nodiscard]] std::optional<std::string> String(const YAML::Node& map, const std::string& key,
                                                  const std::string& path, bool required) const;
  [[nodiscard]] std::optional<double> Number(const YAML::Node& map, const std::string& key,
                                             const std::string& path, bool required,
                                             Range range = {}) const;
  [[nodiscard]] std::optional<long long> Integer(const YAML::Node& map, const std::string& key,
                                                 const std::string& path, bool required,
                                                 Range range = {}) const;
  [[nodiscard]] std::optional<bool> Bool(const YAML::Node& map, const std::string& key,
                                         const std::string& path, bool required) const;

  /// The same conversions for a node already in hand (e.g. a sequence element), `key` names it.
  [[nodiscard]] std::optional<std::string> AsString(const YAML::Node& node,
                                                    const std::string& key) const;
  [[nodiscard]] std::optional<double> AsNumber(const YAML::Node& node, const std::string& key,
                                               Range range = {}) const;
  [[nodiscard]] std::optional<bool> AsBool(const YAML::Node& node, const std::string& key) const;

  /// One of `choices` (e.g. "higher"/"lower"); anything else is an error listing them.
  [[nodiscard]] std::optional<std::string> Choice(const YAML::Node& map, const std::string& key,
                                                  const std::string& path, bool required,
                                                  const std::vector<std::string>& choices) const;

 private:
  std::string file_;
  DiagnosticSink& sink_;
};

/// "path.key", or "key" when path is empty; "path[3]" for sequence elements via Index().
[[nodiscard]] std::string Join(const std::string& path, const std::string& key);
[[nodiscard]] std::string Index(const std::string& path, std::size_t i);

/// Whether `node` is a scalar the file marks as a string: quoted ("2020", yaml-cpp's tag "!") or
/// tagged !!str. It is never a number, even when its text reads as one (the one rule of every
/// YAML input: the Reader's numbers, the report loader, scenario overrides).
[[nodiscard]] bool WrittenAsString(const YAML::Node& node);

/// Strict number parsing is jobaward::ParseFiniteNumber (csv.hpp), shared with the CSV loaders.
using jobaward::ParseFiniteNumber;

}  // namespace jobaward::yaml
