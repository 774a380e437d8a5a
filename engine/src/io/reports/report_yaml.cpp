// Report YAML loader (one file per government) and the real-figures file read by `synth --real`.
//
// Report files are parsed with libyaml's event parser into a small tree, not with yaml-cpp as
// the other loaders are: batches of 10,000 reports are loaded for every scoring run, and
// yaml-cpp's scanner costs about ten times more per file (0.15-0.25 ms against 0.02 ms for a
// 30-line report). Messages follow the shared wording of yaml_support.hpp.
#include <yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "jobaward/io/csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "src/io/files/yaml_scan.hpp"
#include "src/io/reports/report_fields.hpp"

namespace jobaward {

namespace {

using report_detail::ExpectedKind;

struct Entry;

// One YAML node with its 1-based position. Plain scalars "", "~" and null/Null/NULL are nulls.
struct Node {
  enum class Kind { kNull, kScalar, kSequence, kMap };
  Kind kind = Kind::kNull;
  std::string scalar;
  bool quoted = false;  // written as a string: in quotes, or tagged !!str or ! (never a number)
  int line = 0;
  int column = 0;
  std::vector<Node> items;  // sequence elements
  // Mapping entries in file order (duplicates kept). Not std::pair<Node, Node>: pair's
  // constructors query traits of Node while Node is still incomplete, which clang rejects.
  std::vector<Entry> entries;

  [[nodiscard]] bool IsMap() const { return kind == Kind::kMap; }
  [[nodiscard]] bool IsSequence() const { return kind == Kind::kSequence; }
  [[nodiscard]] bool IsScalar() const { return kind == Kind::kScalar; }
  [[nodiscard]] bool IsNull() const { return kind == Kind::kNull; }
  /// The value of the first entry with key `key`, or nullptr.
  [[nodiscard]] const Node* Get(const std::string& key) const;
};

struct Entry {
  Node key;
  Node value;
};

const Node* Node::Get(const std::string& key) const {
  for (const auto& [k, v] : entries) {
    if (k.IsScalar() && k.scalar == key) return &v;
  }
  return nullptr;
}

// Same limit as the shared YAML reader (yaml_support.cpp) allows.
constexpr std::size_t kMaxDepth = 499;

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) { yaml_parser_initialize(&parser_); }
  ~Parser() { yaml_parser_delete(&parser_); }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Parses the first document of `text` into a tree; syntax errors, aliases, invalid UTF-8 and
  // an empty document throw InputError at once.
  Node Parse(std::string_view text) {
    if (auto bad = FindInvalidUtf8(text, file_)) {
      throw InputError(Diagnostic{*bad, {}, "invalid UTF-8 byte; save the file as UTF-8", {}});
    }
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
    // Frames of the containers being read; a mapping frame holds its pending key.
    struct Frame {
      Node node;
      std::optional<Node> key;
    };
    std::vector<Frame> stack;
    std::optional<Node> root;
    std::size_t nodes = 0;  // held to yaml::kMaxNodes, as the other YAML inputs are
    while (!root) {
      yaml_event_t event;
      if (yaml_parser_parse(&parser_, &event) == 0) SyntaxError();
      const yaml_event_type_t type = event.type;
      const yaml_mark_t mark = event.start_mark;
      std::optional<Node> done;
      if ((type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT ||
           type == YAML_MAPPING_START_EVENT) &&
          ++nodes > yaml::kMaxNodes) {
        yaml_event_delete(&event);
        throw InputError(yaml::TooManyNodes(Where(mark)));
      }
      if (type == YAML_SCALAR_EVENT) {
        Node n;
        n.scalar.assign(reinterpret_cast<const char*>(event.data.scalar.value),
                        event.data.scalar.length);
        const char* tag = reinterpret_cast<const char*>(event.data.scalar.tag);
        n.quoted = event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
                   (tag != nullptr &&
                    (std::string_view(tag) == "!" || std::string_view(tag) == YAML_STR_TAG));
        n.kind = !n.quoted && (n.scalar.empty() || n.scalar == "~" || n.scalar == "null" ||
                               n.scalar == "Null" || n.scalar == "NULL")
                     ? Node::Kind::kNull
                     : Node::Kind::kScalar;
        Place(n, mark);
        done = std::move(n);
      } else if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
        if (stack.size() >= kMaxDepth) {
          // Deeper trees would only serve to exhaust the stack (the tree is freed recursively).
          yaml_event_delete(&event);
          throw InputError(Diagnostic{Where(mark),
                                      {},
                                      "lists or mappings are nested more than " +
                                          std::to_string(kMaxDepth) + " levels deep",
                                      {}});
        }
        Frame f;
        f.node.kind = type == YAML_SEQUENCE_START_EVENT ? Node::Kind::kSequence : Node::Kind::kMap;
        Place(f.node, mark);
        stack.push_back(std::move(f));
      } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
        done = std::move(stack.back().node);
        stack.pop_back();
      } else if (type == YAML_ALIAS_EVENT) {
        yaml_event_delete(&event);
        throw InputError(Diagnostic{Where(mark), {}, "aliases (*name) are not supported here", {}});
      } else if (type == YAML_STREAM_END_EVENT) {
        yaml_event_delete(&event);
        throw InputError(
            Diagnostic{SourceLocation{file_}, {}, "file is empty; expected a YAML mapping", {}});
      }
      yaml_event_delete(&event);
      if (!done) continue;
      if (stack.empty()) {
        root = std::move(done);
      } else if (Frame& parent = stack.back(); parent.node.IsSequence()) {
        parent.node.items.push_back(std::move(*done));
      } else if (!parent.key) {
        parent.key = std::move(done);
      } else {
        parent.node.entries.push_back(Entry{std::move(*parent.key), std::move(*done)});
        parent.key.reset();
      }
    }
    if (root->IsNull()) {
      throw InputError(
          Diagnostic{SourceLocation{file_}, {}, "file is empty; expected a YAML mapping", {}});
    }
    RefuseSecondDocument();
    return std::move(*root);
  }

 private:
  SourceLocation Where(const yaml_mark_t& m) const {
    return {file_, static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1};
  }
  void Place(Node& n, const yaml_mark_t& m) const {
    n.line = static_cast<int>(m.line) + 1;
    n.column = static_cast<int>(m.column) + 1;
  }
  // Reads on after the first document: a second one (even an empty one after a final '---') is
  // refused rather than ignored.
  void RefuseSecondDocument() {
    while (true) {
      yaml_event_t event;
      if (yaml_parser_parse(&parser_, &event) == 0) SyntaxError();
      const yaml_event_type_t type = event.type;
      const yaml_mark_t mark = event.start_mark;
      yaml_event_delete(&event);
      if (type == YAML_STREAM_END_EVENT) return;
      if (type == YAML_DOCUMENT_START_EVENT) throw InputError(yaml::SecondDocument(Where(mark)));
    }
  }

  [[noreturn]] void SyntaxError() const {
    std::string message = "YAML syntax error: ";
    message += parser_.problem != nullptr ? parser_.problem : "unreadable YAML";
    if (parser_.context != nullptr) message += std::string(" (") + parser_.context + ")";
    throw InputError(Diagnostic{Where(parser_.problem_mark), {}, message, {}});
  }

  std::string file_;
  yaml_parser_t parser_{};
};

// Reads nodes, recording problems in a sink (the report-file counterpart of yaml::Reader).
class Reader {
 public:
  Reader(std::string file, DiagnosticSink& sink) : file_(std::move(file)), sink_(sink) {}

  [[nodiscard]] SourceLocation Where(const Node& n) const { return {file_, n.line, n.column}; }
  void Error(const Node& n, const std::string& key, const std::string& message) const {
    sink_.Add(Where(n), key, message);
  }

  static std::string Describe(const Node& n) {
    switch (n.kind) {
      case Node::Kind::kMap:
        return "a mapping";
      case Node::Kind::kSequence:
        return "a list";
      case Node::Kind::kNull:
        return "nothing (null)";
      case Node::Kind::kScalar:
        break;
    }
    return QuoteForMessage(n.scalar);
  }

  bool ExpectMap(const Node& n, const std::string& key) const {
    if (n.IsMap()) return true;
    Error(n, key, "expected a mapping (key: value), got " + Describe(n));
    return false;
  }

  // Unknown keys (with did-you-mean) and duplicates, as yaml::Reader::CheckKeys words them. An
  // unknown key for which `skip` returns true is not an error.
  void CheckKeys(const Node& map, const std::vector<std::string>& allowed, const std::string& path,
                 const std::function<bool(const std::string&)>& skip = {}) const {
    std::set<std::string> seen;
    for (const auto& [k, v] : map.entries) {
      const std::string key = k.IsScalar() ? k.scalar : std::string("?");
      const std::string full = path.empty() ? key : path + "." + key;
      if (!seen.insert(key).second) {
        Error(k, full, "duplicate key");
        continue;
      }
      bool known = false;
      for (const auto& a : allowed) known = known || a == key;
      if (known || (skip && k.IsScalar() && skip(key))) continue;
      const std::string message = UnknownNameMessage("key", key, allowed);
      Error(k, full, message);
    }
  }

  const Node* Required(const Node& map, const std::string& key, const std::string& path) const {
    const Node* n = map.Get(key);
    if (n == nullptr) Error(map, Join(path, key), "missing required key '" + key + "'");
    return n;
  }

  std::optional<std::string> String(const Node& n, const std::string& key) const {
    if (n.IsScalar()) return n.scalar;
    Error(n, key, "expected a string, got " + Describe(n));
    return std::nullopt;
  }

  std::optional<bool> Bool(const Node& n, const std::string& key) const {
    if (n.IsScalar()) {
      if (auto b = ParseBoolean(n.scalar)) return b;
    }
    Error(n, key, "expected true or false, got " + Describe(n));
    return std::nullopt;
  }

  std::optional<long long> Integer(const Node& n, const std::string& key, double min,
                                   double max) const {
    if (!n.IsScalar()) {
      Error(n, key, "expected a number, got " + Describe(n));
      return std::nullopt;
    }
    if (n.quoted) {
      Error(n, key, "expected a number, got the string \"" + n.scalar + "\"");
      return std::nullopt;
    }
    const auto v = ParseFiniteNumber(n.scalar);
    if (!v) {
      Error(n, key, "expected a finite number, got " + QuoteForMessage(n.scalar));
      return std::nullopt;
    }
    if (*v < min || *v > max) {
      Error(n, key,
            "expected a number between " + std::to_string(static_cast<long long>(min)) + " and " +
                std::to_string(static_cast<long long>(max)) + ", got " + CutForMessage(n.scalar));
      return std::nullopt;
    }
    if (std::floor(*v) != *v) {
      Error(n, key, "expected a whole number, got " + CutForMessage(n.scalar));
      return std::nullopt;
    }
    return static_cast<long long>(*v);
  }

  static std::string Join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
  }

 private:
  std::string file_;
  DiagnosticSink& sink_;
};

// Reads one field value; records a diagnostic and returns nullopt when it is bad. An empty value
// is reported at `key_node`, the key it belongs to.
std::optional<FieldValue> ReadFieldNode(const Reader& r, const Node& key_node, const Node& node,
                                        const FieldSpec& spec, const std::string& key) {
  if (node.IsNull()) {
    r.Error(key_node, key,
            "expected " + ExpectedKind(spec.type) +
                ", got nothing (null); leave the field out when the value is missing");
    return std::nullopt;
  }
  if (spec.type == FieldType::kScores) {
    if (!node.IsSequence()) {
      r.Error(node, key, "expected " + ExpectedKind(spec.type) + ", got " + Reader::Describe(node));
      return std::nullopt;
    }
    if (node.items.empty()) {
      r.Error(node, key, "expected at least one score, got an empty list");
      return std::nullopt;
    }
    if (auto too_many = report_detail::TooManyScores(node.items.size())) {
      r.Error(node.items[report_detail::kMaxPanelScores], key, *too_many);
      return std::nullopt;
    }
    std::vector<double> scores;
    scores.reserve(node.items.size());
    bool ok = true;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const Node& item = node.items[i];
      const std::string item_key = key + "[" + std::to_string(i) + "]";
      if (!item.IsScalar()) {
        r.Error(item, item_key, "expected a score (a number), got " + Reader::Describe(item));
        ok = false;
      } else if (item.quoted) {
        r.Error(item, item_key,
                "expected a score (a number), got the string " + QuoteForMessage(item.scalar, '"'));
        ok = false;
      } else if (auto parsed = report_detail::ParseScore(spec, item.scalar); !parsed.value) {
        r.Error(item, item_key, parsed.error);
        ok = false;
      } else {
        scores.push_back(std::get<double>(*parsed.value));
      }
    }
    if (!ok) return std::nullopt;
    return FieldValue(std::move(scores));
  }
  if (!node.IsScalar()) {
    r.Error(node, key, "expected " + ExpectedKind(spec.type) + ", got " + Reader::Describe(node));
    return std::nullopt;
  }
  // "13300" in quotes is a string, not a number; a grade may be quoted or not.
  if (node.quoted && spec.type != FieldType::kGrade) {
    r.Error(node, key,
            "expected " + ExpectedKind(spec.type) + ", got the string " +
                QuoteForMessage(node.scalar, '"'));
    return std::nullopt;
  }
  auto parsed = report_detail::ParseScalarValue(spec, node.scalar);
  if (!parsed.value) {
    r.Error(node, key, parsed.error);
    return std::nullopt;
  }
  return parsed.value;
}

bool IsFiveDigits(const std::string& s) {
  return s.size() == 5 && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Report ParseReportYaml(std::string_view text, std::string_view file_name,
                       const ReportSchema& schema, const Registry& registry,
                       const ReportLoadOptions& options) {
  DiagnosticSink sink;
  const std::string file(file_name);
  const Reader r(file, sink);
  const Node root = Parser(file).Parse(text);
  if (!r.ExpectMap(root, "")) sink.ThrowIfAny();
  r.CheckKeys(
      root, {"government", "name_ko", "year", "synthetic", "provenance", "sources", "fields"}, "");

  Report report;
  report.origin = SourceLocation{file};

  const Government* government = nullptr;
  if (const Node* node = r.Required(root, "government", "")) {
    if (auto code = r.String(*node, "government")) {
      if (auto problem = report_detail::CheckGovernment(*code, registry)) {
        r.Error(*node, "government", *problem);
      } else {
        report.government_code = *code;
        report.origin = r.Where(*node);
        government = &registry[*registry.IndexOf(*code)];
        const std::filesystem::path path(file);
        const std::string stem = path.stem().string();
        if (IsFiveDigits(stem) && stem != *code) {
          r.Error(*node, "government",
                  "government " + *code + " does not match the file name '" +
                      path.filename().string() + "'");
        }
      }
    }
  }
  if (const Node* node = root.Get("name_ko")) {
    if (auto name = r.String(*node, "name_ko"); name && government != nullptr) {
      if (*name != government->name_ko) {
        r.Error(*node, "name_ko",
                "'" + *name + "' does not match the registry's name '" + government->name_ko +
                    "' for government " + government->code);
      }
    }
  }
  if (const Node* node = r.Required(root, "year", "")) {
    if (auto year = r.Integer(*node, "year", 1900, 2200)) {
      report.year = static_cast<int>(*year);
      if (options.expected_year && *year != *options.expected_year) {
        r.Error(*node, "year",
                "expected year " + std::to_string(*options.expected_year) + ", got " +
                    std::to_string(*year));
      }
    }
  }
  if (const Node* node = r.Required(root, "synthetic", "")) {
    if (auto synthetic = r.Bool(*node, "synthetic")) report.synthetic = *synthetic;
  }
  if (const Node* node = root.Get("provenance")) {
    if (auto provenance = r.String(*node, "provenance")) report.provenance = *provenance;
  }

  const auto names = report_detail::FieldNames(schema);
  std::set<std::string> present;  // field keys written in the file, good or bad
  if (const Node* fields = r.Required(root, "fields", "");
      fields && r.ExpectMap(*fields, "fields")) {
    // A subset of the rubrics in use: undeclared fields that are no near miss are skipped.
    const auto skip = [&](const std::string& key) {
      if (!options.ignore_undeclared_fields || !report_detail::IgnorableField(key, schema)) {
        return false;
      }
      report.ignored_fields.push_back(key);
      return true;
    };
    r.CheckKeys(*fields, names, "fields", skip);
    for (const auto& [k, v] : fields->entries) {
      if (!k.IsScalar()) continue;
      const FieldSpec* spec = schema.Find(k.scalar);
      // Unknown and repeated keys were reported by CheckKeys; read only the first of each.
      if (spec == nullptr || !present.insert(k.scalar).second) continue;
      if (auto value = ReadFieldNode(r, k, v, *spec, "fields." + k.scalar)) {
        report.fields.emplace(k.scalar, std::move(*value));
        report.locations.emplace(k.scalar, r.Where(v));
      }
    }
  }

  if (const Node* sources = root.Get("sources"); sources && r.ExpectMap(*sources, "sources")) {
    // The source of a skipped field is skipped with it.
    r.CheckKeys(*sources, names, "sources", [&](const std::string& key) {
      return std::find(report.ignored_fields.begin(), report.ignored_fields.end(), key) !=
             report.ignored_fields.end();
    });
    for (const auto& [k, v] : sources->entries) {
      if (!k.IsScalar()) continue;
      const std::string& name = k.scalar;
      if (schema.Find(name) == nullptr || report.sources.count(name) != 0) continue;
      auto source = r.String(v, "sources." + name);
      if (!source) continue;
      if (present.count(name) == 0) {
        r.Error(k, "sources." + name,
                "source given for field '" + name + "' that the report does not contain");
        continue;
      }
      report.sources.emplace(name, std::move(*source));
    }
  }

  sink.ThrowIfAny();
  return report;
}

std::vector<RealFigure> ParseRealFigures(std::string_view text, std::string_view file_name,
                                         const ReportSchema& schema, const Registry& registry) {
  DiagnosticSink sink;
  const std::string file(file_name);
  const Reader r(file, sink);
  const Node root = Parser(file).Parse(text);
  if (!r.ExpectMap(root, "")) sink.ThrowIfAny();
  r.CheckKeys(root, {"figures"}, "");
  std::vector<RealFigure> figures;
  const Node* list = r.Required(root, "figures", "");
  if (list != nullptr && !list->IsSequence()) {
    r.Error(*list, "figures", "expected a list, got " + Reader::Describe(*list));
  } else if (list != nullptr) {
    std::map<std::pair<std::string, std::string>, int> first_line;
    for (std::size_t i = 0; i < list->items.size(); ++i) {
      const Node& item = list->items[i];
      const std::string path = "figures[" + std::to_string(i) + "]";
      if (!r.ExpectMap(item, path)) continue;
      r.CheckKeys(item, {"government", "field", "value", "source"}, path);
      RealFigure figure;
      bool ok = true;
      if (const Node* n = r.Required(item, "government", path)) {
        if (auto code = r.String(*n, path + ".government")) {
          if (auto problem = report_detail::CheckGovernment(*code, registry)) {
            r.Error(*n, path + ".government", *problem);
            ok = false;
          }
          figure.government = *code;
        } else {
          ok = false;
        }
      } else {
        ok = false;
      }
      const FieldSpec* spec = nullptr;
      if (const Node* n = r.Required(item, "field", path)) {
        if (auto field = r.String(*n, path + ".field")) {
          spec = schema.Find(*field);
          if (spec == nullptr) {
            r.Error(*n, path + ".field",
                    report_detail::UnknownFieldMessage("field", *field, schema));
          }
          figure.field = *field;
        }
      }
      if (const Node* n = r.Required(item, "value", path); n == nullptr) {
        ok = false;
      } else if (spec != nullptr) {
        if (auto v = ReadFieldNode(r, *n, *n, *spec, path + ".value")) {
          figure.value = std::move(*v);
        } else {
          ok = false;
        }
      }
      if (const Node* n = r.Required(item, "source", path)) {
        if (auto source = r.String(*n, path + ".source");
            source && !report_detail::Trim(*source).empty()) {
          figure.source = *source;
        } else {
          if (source) r.Error(*n, path + ".source", "a real figure needs a source (a citation)");
          ok = false;
        }
      } else {
        ok = false;
      }
      if (!ok || spec == nullptr) continue;
      const auto [it, inserted] =
          first_line.emplace(std::make_pair(figure.government, figure.field), item.line);
      if (!inserted) {
        r.Error(item, path,
                "government " + figure.government + " field '" + figure.field +
                    "' is given twice; first on line " + std::to_string(it->second));
        continue;
      }
      figures.push_back(std::move(figure));
    }
  }
  sink.ThrowIfAny();
  return figures;
}

}  // namespace jobaward
