#include "src/io/files/yaml_support.hpp"

#include <yaml-cpp/depthguard.h>

#include <cmath>
#include <set>

#include "jobaward/io/csv.hpp"
#include "src/io/files/yaml_scan.hpp"

namespace jobaward::yaml {

std::string Join(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string Index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

YAML::Node Reader::Parse(std::string_view text) const {
  if (auto bad = FindInvalidUtf8(text, file_)) {
    throw InputError(Diagnostic{*bad, {}, "invalid UTF-8 byte; save the file as UTF-8", {}});
  }
  ScanLimits(text, file_);
  YAML::Node root;
  try {
    root = YAML::Load(WithLfLineEnds(text));
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's depth guard reports "bad file"; say what is wrong instead.
    throw InputError(Diagnostic{
        {file_, e.mark.line + 1, e.mark.column + 1},
        {},
        "lists or mappings are nested more than " + std::to_string(e.depth() - 1) + " levels deep",
        {}});
  } catch (const YAML::Exception& e) {
    SourceLocation where{file_, e.mark.line + 1, e.mark.column + 1};
    if (e.mark.is_null()) where = SourceLocation{file_};
    throw InputError(Diagnostic{where, {}, "YAML syntax error: " + e.msg, {}});
  }
  if (!root || root.IsNull()) {
    throw InputError(Diagnostic{{file_}, {}, "file is empty; expected a YAML mapping", {}});
  }
  return root;
}

SourceLocation Reader::Where(const YAML::Node& node) const {
  if (!node.IsDefined()) return {file_};
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return {file_};
  return {file_, m.line + 1, m.column + 1};
}

void Reader::Error(const YAML::Node& node, const std::string& key,
                   const std::string& message) const {
  sink_.Add(Where(node), key, message);
}

void Reader::Error(SourceLocation where, const std::string& key, const std::string& message) const {
  sink_.Add(std::move(where), key, message);
}

namespace {
std::string FormatBound(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

const char* KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Null:
      return "nothing (null)";
    case YAML::NodeType::Scalar:
      return "a scalar";
    default:
      return "nothing";
  }
}

std::string Describe(const YAML::Node& node) {
  if (node.IsScalar()) return QuoteForMessage(node.Scalar());
  return KindName(node);
}

}  // namespace

bool WrittenAsString(const YAML::Node& node) {
  return node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str";
}

bool Reader::ExpectMap(const YAML::Node& node, const std::string& path) const {
  if (node.IsMap()) return true;
  Error(node, path, std::string("expected a mapping (key: value), got ") + Describe(node));
  return false;
}

bool Reader::ExpectSequence(const YAML::Node& node, const std::string& path) const {
  if (node.IsSequence()) return true;
  Error(node, path, std::string("expected a list, got ") + Describe(node));
  return false;
}

void Reader::CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                       const std::string& path) const {
  CheckKeys(map, std::vector<std::string>(allowed.begin(), allowed.end()), path);
}

void Reader::CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed,
                       const std::string& path) const {
  if (!map.IsMap()) return;
  std::set<std::string> seen;
  for (const auto& kv : map) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (!seen.insert(key).second) {
      Error(kv.first, Join(path, key), "duplicate key");
      continue;
    }
    bool known = false;
    for (const auto& a : allowed) known = known || a == key;
    if (known) continue;
    const std::string message = UnknownNameMessage("key", key, allowed);
    Error(kv.first, Join(path, key), message);
  }
}

std::optional<std::string> Reader::AsString(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) {
    Error(node, key, std::string("expected a string, got ") + Describe(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<double> Reader::AsNumber(const YAML::Node& node, const std::string& key,
                                       Range range) const {
  if (!node.IsScalar()) {
    Error(node, key, std::string("expected a number, got ") + Describe(node));
    return std::nullopt;
  }
  if (WrittenAsString(node)) {
    Error(node, key, "expected a number, got the string \"" + node.Scalar() + "\"");
    return std::nullopt;
  }
  const auto value = ParseFiniteNumber(node.Scalar());
  if (!value) {
    Error(node, key, "expected a finite number, got " + QuoteForMessage(node.Scalar()));
    return std::nullopt;
  }
  if ((range.min && *value < *range.min) || (range.max && *value > *range.max)) {
    std::string bounds;
    if (range.min && range.max) {
      bounds = "between " + FormatBound(*range.min) + " and " + FormatBound(*range.max);
    } else if (range.min) {
      bounds = ">= " + FormatBound(*range.min);
    } else {
      bounds = "<= " + FormatBound(*range.max);
    }
    Error(node, key, "expected a number " + bounds + ", got " + CutForMessage(node.Scalar()));
    return std::nullopt;
  }
  return value;
}

std::optional<bool> Reader::AsBool(const YAML::Node& node, const std::string& key) const {
  if (node.IsScalar()) {
    if (const auto b = ParseBoolean(node.Scalar())) return b;
  }
  Error(node, key, std::string("expected true or false, got ") + Describe(node));
  return std::nullopt;
}

namespace {
YAML::Node Lookup(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}
}  // namespace

std::optional<std::string> Reader::String(const YAML::Node& map, const std::string& key,
                                          const std::string& path, bool required) const {
  const YAML::Node node = Lookup(map, key);
  if (!node.IsDefined()) {
    if (required) Error(map, Join(path, key), "missing required key '" + key + "'");
    return std::nullopt;
  }
  return AsString(node, Join(path, key));
}

std::optional<double> Reader::Number(const YAML::Node& map, const std::string& key,
                                     const std::string& path, bool required, Range range) const {
  const YAML::Node node = Lookup(map, key);
  if (!node.IsDefined()) {
    if (required) Error(map, Join(path, key), "missing required key '" + key + "'");
    return std::nullopt;
  }
  return AsNumber(node, Join(path, key), range);
}

std::optional<long long> Reader::Integer(const YAML::Node& map, const std::string& key,
                                         const std::string& path, bool required,
                                         Range range) const {
  const YAML::Node node = Lookup(map, key);
  if (!node.IsDefined()) {
    if (required) Error(map, Join(path, key), "missing required key '" + key + "'");
    return std::nullopt;
  }
  const auto value = AsNumber(node, Join(path, key), range);
  if (!value) return std::nullopt;
  if (std::floor(*value) != *value || std::fabs(*value) > 9.0e15) {
    Error(node, Join(path, key), "expected a whole number, got " + CutForMessage(node.Scalar()));
    return std::nullopt;
  }
  return static_cast<long long>(*value);
}

std::optional<bool> Reader::Bool(const YAML::Node& map, const std::string& key,
                                 const std::string& path, bool required) const {
  const YAML::Node node = Lookup(map, key);
  if (!node.IsDefined()) {
    if (required) Error(map, Join(path, key), "missing required key '" + key + "'");
    return std::nullopt;
  }
  return AsBool(node, Join(path, key));
}

std::optional<std::string> Reader::Choice(const YAML::Node& map, const std::string& key,
                                          const std::string& path, bool required,
                                          const std::vector<std::string>& choices) const {
  auto value = String(map, key, path, required);
  if (!value) return std::nullopt;
  for (const auto& c : choices) {
    if (c == *value) return value;
  }
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  std::string message = "expected one of " + list + ", got " + QuoteForMessage(*value);
  const std::string hint = ClosestMatch(*value, choices);
  if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
  Error(Lookup(map, key), Join(path, key), message);
  return std::nullopt;
}

}  // namespace jobaward::yaml
