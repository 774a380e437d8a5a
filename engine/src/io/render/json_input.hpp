// Reading a JSON input that jobaward wrote itself (the --simulation and --sensitivity files of
// `jobaward report`, award_report_json.cpp) the way the YAML and CSV loaders read theirs: every
// problem is an InputError at `file:line:column: key: message`.
//
// JsonDocument parses with nlohmann's SAX parser under a value limit (a tree costs up to ~130
// bytes a value, so without a count 64 MiB of `{}` took 40 times its size). JsonValue is a value
// of the tree with its key path ("governments[3].p_any"); its accessors check the shape a reader
// expects (an object with the key, a list, a number, a whole number in a range, a string) and
// throw with the path, what was expected and what was found — never nlohmann's own
// "[json.exception.type_error.302] ..." text. The tree keeps no positions, so a problem's place
// is found by parsing the text once more to the value at its path (only when there is a problem).
//
// Internal to jobaward_io. Thread-compatible (a document is read by one thread).
// Tests: tests/errors/report-json/ (the catalogue), tests/unit/render/award_report_test.cpp.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobaward::json_input {

/// Values (numbers, strings, lists, objects, ...) a JSON input may hold: kJsonBaseValues plus one
/// per kJsonBytesPerValue bytes of the file. With the limit a tree costs at most ~40 MB plus 16
/// times the file; what jobaward writes holds one value per ~23 bytes (a 2,000-draw simulation
/// of the 2020 registry: 171,221 values in 3.9 MB), far inside.
inline constexpr std::size_t kJsonBaseValues = 300000;
inline constexpr std::size_t kJsonBytesPerValue = 8;

/// One step of a key path: an object's key or a list's index.
struct PathStep {
  std::string key;
  std::size_t index = 0;
  bool is_index = false;
};
using JsonPath = std::vector<PathStep>;

/// "governments[3].p_any"; "" for the document itself.
[[nodiscard]] std::string PathText(const JsonPath& path);

class JsonValue;

/// A parsed JSON input. Throws InputError at the offending place for malformed JSON, a number a
/// double cannot hold (1e400) and more values than the limit.
class JsonDocument {
 public:
  /// `file` names the input in messages; `what` says what the document should be (e.g. "the JSON
  /// of 'jobaward simulate --format json'"), for the messages about its top level. `text` must
  /// outlive the document (a problem is located in it).
  JsonDocument(std::string_view text, std::string file, std::string what);

  [[nodiscard]] JsonValue Root() const;

  /// Throws InputError at the value at `at` (its key path `key`): `file:line:column: key: message`.
  [[noreturn]] void Fail(const JsonPath& at, const std::string& key,
                         const std::string& message) const;

  [[nodiscard]] const std::string& what() const { return what_; }

 private:
  std::string_view text_;
  std::string file_;
  std::string what_;
  nlohmann::json root_;
};

/// A value of a JsonDocument and its key path. The accessors throw InputError (through
/// JsonDocument::Fail) when the value is not of the shape asked for.
class JsonValue {
 public:
  JsonValue(const JsonDocument& document, const nlohmann::json& value, JsonPath path)
      : document_(&document), value_(&value), path_(std::move(path)) {}

  /// The member `key` of this object. Fails when this is not an object ("expected an object")
  /// or has no such key ("missing required key", at the object).
  [[nodiscard]] JsonValue Member(const char* key) const;
  /// The number of items of this list (fails when it is not a list).
  [[nodiscard]] std::size_t Size() const;
  /// Item `i` of this list (i < Size()).
  [[nodiscard]] JsonValue Item(std::size_t i) const;

  /// A number (any JSON number; the parser refused overflows).
  [[nodiscard]] double Real() const;
  /// A whole number in [min, max], written as an integer (never 1e300 or 2.5).
  [[nodiscard]] std::int64_t Whole(std::int64_t min, std::int64_t max) const;
  /// A whole number from 0 to 2^64 - 1 (a seed).
  [[nodiscard]] std::uint64_t Unsigned() const;
  /// A string.
  [[nodiscard]] std::string Text() const;
  [[nodiscard]] bool IsNull() const { return value_->is_null(); }

  /// Throws InputError at this value with its key path.
  [[noreturn]] void Fail(const std::string& message) const;
  /// The value for a message: a scalar as JSON cut to 40 bytes, "a list [...]", "an object {...}".
  [[nodiscard]] std::string Shown() const;

 private:
  const JsonDocument* document_;
  const nlohmann::json* value_;
  JsonPath path_;
};

}  // namespace jobaward::json_input
