#include "src/io/render/json_input.hpp"

#include <cstring>
#include <iterator>
#include <limits>

#include "jobaward/error.hpp"

namespace jobaward::json_input {

namespace {

using nlohmann::json;

// An iterator over the text that publishes how far nlohmann's lexer has read: its input adapter
// keeps its own copy of the iterator, and SAX events carry no position, so the position is kept
// outside (in `*read`).
class TrackedChar {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackedChar(const char* at, const char** read) : at_(at), read_(read) {}
  reference operator*() const { return *at_; }
  TrackedChar& operator++() {
    *read_ = ++at_;
    return *this;
  }
  TrackedChar operator++(int) {
    TrackedChar before = *this;
    ++*this;
    return before;
  }
  bool operator==(const TrackedChar& other) const { return at_ == other.at_; }
  bool operator!=(const TrackedChar& other) const { return at_ != other.at_; }

 private:
  const char* at_;
  const char** read_;
};

// What a SAX event was for: the start of its token is found from where the lexer stopped.
enum class Token { kOpen, kString, kNumber, kLiteral };

// The first byte of the token of an event, given `read`, how many bytes the lexer had read when
// the event came. The parser calls the event right after scanning its token, so the token ends
// at `read` — but a number is only known to end after reading one byte past it (unless the text
// ends there), and a string's opening quote is the first '"' before it that no backslash escapes.
std::size_t TokenStart(std::string_view text, std::size_t read, Token token,
                       std::size_t literal_size) {
  switch (token) {
    case Token::kOpen:
      return read - 1;
    case Token::kLiteral:
      return read - literal_size;
    case Token::kNumber: {
      constexpr const char* kNumberBytes = "0123456789+-.eE";
      std::size_t at = read;
      if (at > 0 && std::strchr(kNumberBytes, text[at - 1]) == nullptr) --at;
      while (at > 0 && std::strchr(kNumberBytes, text[at - 1]) != nullptr) --at;
      return at;
    }
    case Token::kString:
      for (std::size_t at = read - 1; at-- > 0;) {
        if (text[at] != '"') continue;
        std::size_t backslashes = 0;
        while (backslashes < at && text[at - 1 - backslashes] == '\\') ++backslashes;
        if (backslashes % 2 == 0) return at;
      }
      return 0;
  }
  return 0;
}

// The place of byte `offset` of `text`: 1-based line and character (UTF-8 sequences count once).
SourceLocation LocationOf(std::string_view text, std::size_t offset, const std::string& file) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0U) != 0x80U) {
      ++column;
    }
  }
  return {file, line, column};
}

// Where the lexer is, for the SAX handlers below.
class ReadPosition {
 public:
  explicit ReadPosition(std::string_view text) : text_(text), read_(text.data()) {}
  [[nodiscard]] TrackedChar begin() { return {text_.data(), &read_}; }
  [[nodiscard]] TrackedChar end() { return {text_.data() + text_.size(), &read_}; }
  // The first byte of the token of the event being handled.
  [[nodiscard]] std::size_t TokenStart(Token token, std::size_t literal_size = 0) const {
    return json_input::TokenStart(text_, static_cast<std::size_t>(read_ - text_.data()), token,
                                  literal_size);
  }

 private:
  std::string_view text_;
  const char* read_;
};

// nlohmann's DOM builder that counts the values and stops at `max_values`, before the tree
// outgrows the file, remembering where; and keeps the position of a parse error (the library's
// exception for a number overflow (406) carries none, its parse errors only in their text).
class CountingDomParser : public nlohmann::detail::json_sax_dom_parser<json> {
  using Base = json_sax_dom_parser<json>;

 public:
  CountingDomParser(json& result, std::size_t max_values, const ReadPosition& position)
      : json_sax_dom_parser(result, false), max_values_(max_values), position_(position) {}

  // sax_parse calls these through the derived type (a template), so hiding the base's suffices.
  bool null() { return Count(Token::kLiteral, 4) && Base::null(); }
  bool boolean(bool v) { return Count(Token::kLiteral, v ? 4 : 5) && Base::boolean(v); }
  bool number_integer(json::number_integer_t v) {
    return Count(Token::kNumber) && Base::number_integer(v);
  }
  bool number_unsigned(json::number_unsigned_t v) {
    return Count(Token::kNumber) && Base::number_unsigned(v);
  }
  bool number_float(json::number_float_t v, const json::string_t& s) {
    return Count(Token::kNumber) && Base::number_float(v, s);
  }
  bool string(json::string_t& v) { return Count(Token::kString) && Base::string(v); }
  bool binary(json::binary_t& v) { return Count(Token::kLiteral) && Base::binary(v); }
  bool start_object(std::size_t n) { return Count(Token::kOpen) && Base::start_object(n); }
  bool start_array(std::size_t n) { return Count(Token::kOpen) && Base::start_array(n); }

  template <class Exception>
  bool parse_error(std::size_t position, const std::string& last_token, const Exception& ex) {
    // `position` is the count of bytes read, just past the offending token.
    offset = position >= last_token.size() ? position - last_token.size() : 0;
    id = ex.id;
    message = ex.what();
    return json_sax_dom_parser::parse_error(position, last_token, ex);
  }

  std::size_t offset = 0;  ///< Of the parse error, or of the value past the limit.
  int id = 0;
  std::string message;
  bool too_many = false;  ///< Stopped at max_values_.

 private:
  bool Count(Token token, std::size_t literal_size = 0) {
    if (++values_ <= max_values_) return true;
    too_many = true;
    offset = position_.TokenStart(token, literal_size);
    return false;
  }

  std::size_t max_values_;
  const ReadPosition& position_;
  std::size_t values_ = 0;
};

// A SAX handler that follows the key path of every value and remembers where the value at
// `target` starts (the last one, if a key is given twice: the tree keeps the last too). Only the
// lists and objects on the way to the target are kept as frames; inside any other one only the
// depth is counted, so a deeply nested file costs no memory here.
class PathLocator {
 public:
  PathLocator(const JsonPath& target, const ReadPosition& position)
      : target_(target), position_(position) {}

  bool null() { return Value(Token::kLiteral, 4, false); }
  bool boolean(bool v) { return Value(Token::kLiteral, v ? 4 : 5, false); }
  bool number_integer(json::number_integer_t) { return Value(Token::kNumber, 0, false); }
  bool number_unsigned(json::number_unsigned_t) { return Value(Token::kNumber, 0, false); }
  bool number_float(json::number_float_t, const json::string_t&) {
    return Value(Token::kNumber, 0, false);
  }
  bool string(json::string_t&) { return Value(Token::kString, 0, false); }
  bool binary(json::binary_t&) { return Value(Token::kLiteral, 0, false); }
  bool start_object(std::size_t) { return Value(Token::kOpen, 0, true, false); }
  bool start_array(std::size_t) { return Value(Token::kOpen, 0, true, true); }
  bool key(json::string_t& key) {
    if (off_path_depth_ == 0) frames_.back().key = key;
    return true;
  }
  bool end_object() { return End(); }
  bool end_array() { return End(); }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception&) {
    return false;  // The text parsed once already; a second pass cannot fail.
  }

  std::size_t found = 0;

 private:
  struct Frame {  // A list or object whose path is a prefix of the target's.
    bool is_array = false;
    std::size_t next = 0;  // Index of the next item of a list.
    std::string key;       // The key of the member being read in an object.
  };

  // A value starts: is it the target, or on the way to it?
  bool Value(Token token, std::size_t literal_size, bool opens, bool is_array = false) {
    if (off_path_depth_ > 0) {
      if (opens) ++off_path_depth_;
      return true;
    }
    const std::size_t depth = frames_.size();
    bool on_path = depth == 0;
    if (depth > 0 && depth <= target_.size()) {
      Frame& parent = frames_.back();
      const std::size_t index = parent.next++;
      const PathStep& step = target_[depth - 1];
      on_path = step.is_index == parent.is_array &&
                (step.is_index ? step.index == index : step.key == parent.key);
    }
    if (on_path && depth == target_.size()) found = position_.TokenStart(token, literal_size);
    if (opens) {
      if (on_path && depth < target_.size()) {
        frames_.push_back({is_array, 0, {}});
      } else {
        off_path_depth_ = 1;
      }
    }
    return true;
  }

  bool End() {
    if (off_path_depth_ > 0) {
      --off_path_depth_;
    } else {
      frames_.pop_back();
    }
    return true;
  }

  const JsonPath& target_;
  const ReadPosition& position_;
  std::vector<Frame> frames_;
  std::size_t off_path_depth_ = 0;  // Lists and objects open inside one off the path.
};

std::string TooManyValuesMessage(std::size_t max_values) {
  return "the file holds more than " + std::to_string(max_values) + " JSON values (" +
         std::to_string(kJsonBaseValues) + " plus one per " + std::to_string(kJsonBytesPerValue) +
         " bytes of the file), the limit; what jobaward writes holds one per ~23 bytes";
}

// The message of a parse error nlohmann reported (its place is given as file:line:column).
std::string ParseErrorMessage(const CountingDomParser& parser) {
  if (parser.id == 406) {
    // "number overflow parsing '1e400'": the number is the token at the error's place.
    const std::size_t quote = parser.message.find('\'');
    return "expected a finite number, got " +
           (quote == std::string::npos ? "" : parser.message.substr(quote));
  }
  // "[json.exception.parse_error.101] parse error at line 3, column 14: syntax error ...".
  std::string message = parser.message;
  if (const std::size_t colon = message.find(": ");
      message.rfind("[json.exception", 0) == 0 && colon != std::string::npos) {
    message = message.substr(colon + 2);
  }
  return "not valid JSON: " + message;
}

json Parse(std::string_view text, const std::string& file) {
  json root;
  const std::size_t max_values = kJsonBaseValues + text.size() / kJsonBytesPerValue;
  ReadPosition position(text);
  CountingDomParser parser(root, max_values, position);
  if (json::sax_parse(position.begin(), position.end(), &parser)) return root;
  const SourceLocation where = LocationOf(text, parser.offset, file);
  if (parser.too_many)
    throw InputError(Diagnostic{where, {}, TooManyValuesMessage(max_values), {}});
  throw InputError(Diagnostic{where, {}, ParseErrorMessage(parser), {}});
}

}  // namespace

std::string PathText(const JsonPath& path) {
  std::string text;
  for (const PathStep& step : path) {
    if (step.is_index) {
      text += "[" + std::to_string(step.index) + "]";
    } else {
      text += (text.empty() ? "" : ".") + step.key;
    }
  }
  return text;
}

JsonDocument::JsonDocument(std::string_view text, std::string file, std::string what)
    : text_(text), file_(std::move(file)), what_(std::move(what)), root_(Parse(text, file_)) {}

JsonValue JsonDocument::Root() const { return {*this, root_, {}}; }

void JsonDocument::Fail(const JsonPath& at, const std::string& key,
                        const std::string& message) const {
  ReadPosition position(text_);
  PathLocator locator(at, position);
  json::sax_parse(position.begin(), position.end(), &locator);
  throw InputError(Diagnostic{LocationOf(text_, locator.found, file_), key, message, {}});
}

JsonValue JsonValue::Member(const char* key) const {
  // About the top level, say which document was expected: the whole file may be another one.
  const bool top = path_.empty();
  if (!value_->is_object()) {
    Fail("expected " + (top ? document_->what() + ", an object {...}" : "an object {...}") +
         ", got " + Shown());
  }
  JsonPath path = path_;
  path.push_back({key, 0, false});
  const auto found = value_->find(key);
  if (found == value_->end()) {
    document_->Fail(path_, PathText(path),
                    "missing required key '" + std::string(key) + "'" +
                        (top ? " (expected " + document_->what() + ")" : ""));
  }
  return {*document_, *found, std::move(path)};
}

std::size_t JsonValue::Size() const {
  if (!value_->is_array()) Fail("expected a list [...], got " + Shown());
  return value_->size();
}

JsonValue JsonValue::Item(std::size_t i) const {
  JsonPath path = path_;
  path.push_back({{}, i, true});
  return {*document_, value_->at(i), std::move(path)};
}

double JsonValue::Real() const {
  if (!value_->is_number()) Fail("expected a number, got " + Shown());
  return value_->get<double>();
}

std::int64_t JsonValue::Whole(std::int64_t min, std::int64_t max) const {
  const bool fits = (value_->is_number_unsigned() &&
                     value_->get<std::uint64_t>() <= static_cast<std::uint64_t>(max)) ||
                    (value_->is_number_integer() && !value_->is_number_unsigned() &&
                     value_->get<std::int64_t>() >= min && value_->get<std::int64_t>() <= max);
  if (!fits) {
    Fail("expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
         ", got " + Shown());
  }
  return value_->get<std::int64_t>();
}

std::uint64_t JsonValue::Unsigned() const {
  const bool fits = value_->is_number_unsigned() ||
                    (value_->is_number_integer() && value_->get<std::int64_t>() >= 0);
  if (!fits) Fail("expected a whole number >= 0, got " + Shown());
  return value_->get<std::uint64_t>();
}

std::string JsonValue::Text() const {
  if (!value_->is_string()) Fail("expected a string, got " + Shown());
  return value_->get<std::string>();
}

void JsonValue::Fail(const std::string& message) const {
  document_->Fail(path_, PathText(path_), message);
}

// The value as JSON, cut to a readable length at a character boundary; a list or an object is
// named, not printed (it may be the whole file).
std::string JsonValue::Shown() const {
  if (value_->is_array()) return "a list [...]";
  if (value_->is_object()) return "an object {...}";
  std::string text = value_->dump();
  std::size_t cut = 40;
  if (text.size() <= cut) return text;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace jobaward::json_input
