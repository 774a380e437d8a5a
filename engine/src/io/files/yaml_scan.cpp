#include "src/io/files/yaml_scan.hpp"

#include <yaml.h>

namespace jobaward::yaml {

namespace {

SourceLocation At(const std::string& file, const yaml_mark_t& m) {
  return {file, static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1};
}

// Owns a libyaml parser for the scan.
class EventParser {
 public:
  explicit EventParser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~EventParser() { yaml_parser_delete(&parser_); }
  EventParser(const EventParser&) = delete;
  EventParser& operator=(const EventParser&) = delete;

  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_{};
};

}  // namespace

Diagnostic TooManyNodes(SourceLocation where) {
  return {std::move(where),
          {},
          "the file holds more than " + std::to_string(kMaxNodes) +
              " YAML values (scalars, lists and mappings), the limit; jobaward's inputs hold far "
              "fewer (a rubric about 700)",
          {}};
}

Diagnostic SecondDocument(SourceLocation where) {
  return {std::move(where),
          {},
          "a second YAML document starts here; a jobaward input holds one (remove this '---' and "
          "what follows it, or move it to a file of its own)",
          {}};
}

void ScanLimits(std::string_view text, const std::string& file) {
  EventParser parser(text);
  std::size_t nodes = 0;
  std::size_t documents = 0;
  while (true) {
    yaml_event_t event;
    if (yaml_parser_parse(parser.get(), &event) == 0) {
      const yaml_parser_t& p = *parser.get();
      // No more than about one value per byte: a short text cannot build a large tree.
      if (text.size() <= kMaxNodes) return;
      std::string message = "YAML syntax error: ";
      message += p.problem != nullptr ? p.problem : "unreadable YAML";
      if (p.context != nullptr) message += std::string(" (") + p.context + ")";
      throw InputError(Diagnostic{At(file, p.problem_mark), {}, message, {}});
    }
    const yaml_event_type_t type = event.type;
    const yaml_mark_t mark = event.start_mark;
    yaml_event_delete(&event);
    switch (type) {
      case YAML_STREAM_END_EVENT:
        return;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1) throw InputError(SecondDocument(At(file, mark)));
        break;
      case YAML_SCALAR_EVENT:
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT:
      case YAML_ALIAS_EVENT:
        if (++nodes > kMaxNodes) throw InputError(TooManyNodes(At(file, mark)));
        break;
      default:
        break;
    }
  }
}

std::string WithLfLineEnds(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

}  // namespace jobaward::yaml
