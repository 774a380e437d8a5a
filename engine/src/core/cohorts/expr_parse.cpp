// Lexer, recursive-descent parser and type checker of rule expressions (grammar in
// cohorts/README.md). Type checking happens as each node is built, so an error points at the
// operator that cannot apply to its operands.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <utility>

#include "src/core/cohorts/expr_internal.hpp"

namespace jobaward {

namespace detail {

int Program::ColumnOf(int offset) const {
  int column = 1;
  for (int i = 0; i < offset && i < static_cast<int>(text.size()); ++i) {
    // Count code points: every byte except UTF-8 continuation bytes starts one.
    if ((static_cast<unsigned char>(text[static_cast<std::size_t>(i)]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

Diagnostic Program::At(int column, const std::string& message) const {
  std::string flat = text;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  std::replace(flat.begin(), flat.end(), '\t', ' ');
  Diagnostic d;
  d.key = origin.key;
  d.where = origin.where;
  if (origin.columns_match_source && d.where.column > 0) {
    // File columns count bytes, as yaml-cpp's marks do; expression columns count code points.
    std::size_t offset = 0;
    for (int cp = 1; cp < column && offset < text.size(); ++cp) {
      ++offset;
      while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) {
        ++offset;
      }
    }
    d.where.column += static_cast<int>(offset);
    d.message = message;
  } else {
    d.message = "column " + std::to_string(column) + " of the expression: " + message;
  }
  d.excerpt = CaretExcerpt(flat, column);
  return d;
}

}  // namespace detail

namespace {

using detail::AggregateKind;
using detail::Field;
using detail::Node;
using detail::Op;
using detail::Program;

struct FieldInfo {
  const char* name;
  Field field;
  ValueType type;
};

constexpr FieldInfo kFields[] = {
    {"code", Field::kCode, ValueType::kString},
    {"name_ko", Field::kNameKo, ValueType::kString},
    {"name_en", Field::kNameEn, ValueType::kString},
    {"level", Field::kLevel, ValueType::kString},
    {"type", Field::kType, ValueType::kString},
    {"parent_code", Field::kParentCode, ValueType::kString},
    {"population", Field::kPopulation, ValueType::kNumber},
    {"workers", Field::kWorkers, ValueType::kNumber},
    {"workers_estimated", Field::kWorkersEstimated, ValueType::kBool},
    {"population_year", Field::kPopulationYear, ValueType::kNumber},
    {"workers_year", Field::kWorkersYear, ValueType::kNumber},
};

struct FunctionInfo {
  const char* name;
  AggregateKind kind;
};

constexpr FunctionInfo kFunctions[] = {
    {"quantile", AggregateKind::kQuantile}, {"median", AggregateKind::kMedian},
    {"mean", AggregateKind::kMean},         {"min", AggregateKind::kMin},
    {"max", AggregateKind::kMax},           {"sum", AggregateKind::kSum},
    {"count", AggregateKind::kCount},
};

constexpr const char* kKeywords[] = {"and", "or", "not", "in", "true", "false", "where"};

enum class Tok { kEnd, kNumber, kString, kIdent, kSymbol };

struct Token {
  Tok kind = Tok::kEnd;
  int begin = 0;
  int end = 0;
  std::string text;  ///< Identifier, symbol, or the decoded string literal.
  double number = 0;
};

std::string Quote(const std::string& s) { return "'" + s + "'"; }

class Parser {
 public:
  Parser(Program& program, const ExpressionEnvironment& env) : p_(program), env_(env) {}

  void Run(std::optional<ValueType> expected) {
    if (p_.text.size() > kMaxExpressionLength) {
      throw InputError(p_.At(1, "expression is " + std::to_string(p_.text.size()) +
                                    " bytes long; the limit is " +
                                    std::to_string(kMaxExpressionLength)));
    }
    Lex();
    p_.root = ParseOr();
    if (Peek().kind != Tok::kEnd) {
      const Token& t = Peek();
      Fail(t, "syntax error: unexpected " + Describe(t) + " after a complete expression");
    }
    const Node& root = p_.nodes[static_cast<std::size_t>(p_.root)];
    if (expected && root.type != *expected) {
      Fail(1, "type error: a rule must be a condition (true or false), got " +
                  std::string(ToString(root.type)));
    }
  }

 private:
  // ---- lexer ----
  void Lex() {
    const std::string& s = p_.text;
    std::size_t i = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      Token t;
      t.begin = static_cast<int>(i);
      if ((c >= '0' && c <= '9') ||
          (c == '.' && i + 1 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '9')) {
        std::size_t j = i;
        while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
        if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
          std::size_t k = j + 1;
          if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
          if (k < s.size() && s[k] >= '0' && s[k] <= '9') {
            j = k;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
          }
        }
        const auto [ptr, ec] = std::from_chars(s.data() + i, s.data() + j, t.number);
        if (ec != std::errc() || ptr != s.data() + j || !std::isfinite(t.number)) {
          Fail(p_.ColumnOf(static_cast<int>(i)),
               "syntax error: malformed number '" + s.substr(i, j - i) + "'");
        }
        if (j < s.size() && (IsIdentStart(s[j]))) {
          Fail(p_.ColumnOf(static_cast<int>(j)),
               "syntax error: a number must not run into a name; add a space or an operator");
        }
        t.kind = Tok::kNumber;
        i = j;
      } else if (IsIdentStart(c)) {
        std::size_t j = i;
        while (j < s.size() && (IsIdentStart(s[j]) || (s[j] >= '0' && s[j] <= '9'))) ++j;
        t.kind = Tok::kIdent;
        t.text = s.substr(i, j - i);
        i = j;
      } else if (c == '"' || c == '\'') {
        std::size_t j = i + 1;
        std::string value;
        bool closed = false;
        while (j < s.size()) {
          if (s[j] == c) {
            closed = true;
            ++j;
            break;
          }
          if (s[j] == '\\' && j + 1 < s.size() && (s[j + 1] == c || s[j + 1] == '\\')) ++j;
          value += s[j++];
        }
        if (!closed) {
          Fail(p_.ColumnOf(static_cast<int>(i)),
               std::string("syntax error: string is not closed; add the closing ") + c);
        }
        t.kind = Tok::kString;
        t.text = std::move(value);
        i = j;
      } else {
        static const char* const kTwo[] = {"==", "!=", "<=", ">="};
        std::string sym;
        for (const char* two : kTwo) {
          if (s.compare(i, 2, two) == 0) sym = two;
        }
        if (sym.empty() && std::string_view("<>+-*/()[],:").find(c) != std::string_view::npos) {
          sym = std::string(1, c);
        }
        if (sym.empty()) {
          const int column = p_.ColumnOf(static_cast<int>(i));
          if (c == '=') Fail(column, "syntax error: '=' is not an operator; use '==' to compare");
          if (c == '!') Fail(column, "syntax error: '!' is not an operator; use 'not' or '!='");
          if (c == '&' || c == '|') {
            Fail(column, std::string("syntax error: '") + c + "' is not an operator; use '" +
                             (c == '&' ? "and" : "or") + "'");
          }
          std::size_t len = 1;
          const auto u = static_cast<unsigned char>(c);
          if (u >= 0xC0) len = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : 2;
          Fail(column, "syntax error: unexpected character '" + s.substr(i, len) + "'");
        }
        t.kind = Tok::kSymbol;
        t.text = sym;
        i += sym.size();
      }
      t.end = static_cast<int>(i);
      tokens_.push_back(std::move(t));
    }
    Token end;
    end.begin = end.end = static_cast<int>(s.size());
    tokens_.push_back(end);
  }

  static bool IsIdentStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool IsComparison(const std::string& s) {
    return s == "==" || s == "!=" || s == "<" || s == "<=" || s == ">" || s == ">=";
  }

  // ---- token helpers ----
  const Token& Peek(std::size_t ahead = 0) const {
    return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
  }
  Token Next() {
    Token t = Peek();
    if (pos_ < tokens_.size() - 1) ++pos_;
    return t;
  }
  bool IsSymbol(const char* s, std::size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == Tok::kSymbol && t.text == s;
  }
  bool IsWord(const char* s, std::size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.kind == Tok::kIdent && t.text == s;
  }
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd:
        return "end of expression";
      case Tok::kString:
        return "string \"" + t.text + "\"";
      case Tok::kNumber:
        return "number";
      default:
        return Quote(t.text);
    }
  }
  int Col(const Token& t) const { return p_.ColumnOf(t.begin); }
  [[noreturn]] void Fail(int column, const std::string& message) const {
    throw InputError(p_.At(column, message));
  }
  [[noreturn]] void Fail(const Token& t, const std::string& message) const {
    Fail(Col(t), message);
  }
  void Expect(const char* symbol, const std::string& context) {
    if (!IsSymbol(symbol)) {
      Fail(Peek(), std::string("syntax error: expected '") + symbol + "'" + context + ", found " +
                       Describe(Peek()));
    }
    Next();
  }

  // Nesting guard: every recursive production enters one level.
  struct Depth {
    explicit Depth(Parser& parser, const Token& at) : parser_(parser) {
      if (++parser_.depth_ > kMaxExpressionDepth) {
        parser_.Fail(at, "expression nests deeper than " + std::to_string(kMaxExpressionDepth) +
                             " levels; simplify it");
      }
    }
    ~Depth() { --parser_.depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
    Parser& parser_;
  };

  // ---- nodes ----
  Node& N(int i) { return p_.nodes[static_cast<std::size_t>(i)]; }
  int Add(Node n) {
    p_.nodes.push_back(std::move(n));
    return static_cast<int>(p_.nodes.size()) - 1;
  }
  int Binary(Op op, const Token& at, int lhs, int rhs, ValueType type) {
    Node n;
    n.op = op;
    n.type = type;
    n.begin = N(lhs).begin;
    n.end = N(rhs).end;
    n.column = Col(at);
    n.lhs = lhs;
    n.rhs = rhs;
    return Add(std::move(n));
  }
  std::string TypeName(int node) { return std::string(ToString(N(node).type)); }
  // True when a node (or its operands) reads a government field: such values change per
  // government and cannot be an aggregate's parameter.
  bool DependsOnGovernment(int i) {
    const Node& n = N(i);
    if (n.op == Op::kField) return true;
    if (n.op == Op::kAggregate) return false;
    bool any =
        (n.lhs >= 0 && DependsOnGovernment(n.lhs)) || (n.rhs >= 0 && DependsOnGovernment(n.rhs));
    for (int e : n.list) any = any || DependsOnGovernment(e);
    return any;
  }

  // ---- grammar ----
  int ParseOr() {
    Depth depth(*this, Peek());
    int lhs = ParseAnd();
    while (IsWord("or")) {
      const Token op = Next();
      const int rhs = ParseAnd();
      CheckLogical(op, lhs, rhs);
      lhs = Binary(Op::kOr, op, lhs, rhs, ValueType::kBool);
    }
    return lhs;
  }

  int ParseAnd() {
    int lhs = ParseNot();
    while (IsWord("and")) {
      const Token op = Next();
      const int rhs = ParseNot();
      CheckLogical(op, lhs, rhs);
      lhs = Binary(Op::kAnd, op, lhs, rhs, ValueType::kBool);
    }
    return lhs;
  }

  void CheckLogical(const Token& op, int lhs, int rhs) {
    if (N(lhs).type != ValueType::kBool || N(rhs).type != ValueType::kBool) {
      Fail(op, "type error: '" + op.text + "' needs two booleans, got " + TypeName(lhs) + " and " +
                   TypeName(rhs));
    }
  }

  int ParseNot() {
    if (!IsWord("not")) return ParseComparison();
    const Token op = Next();
    Depth depth(*this, op);
    const int operand = ParseNot();
    if (N(operand).type != ValueType::kBool) {
      Fail(op, "type error: 'not' needs a boolean, got " + TypeName(operand));
    }
    Node n;
    n.op = Op::kNot;
    n.type = ValueType::kBool;
    n.begin = op.begin;
    n.end = N(operand).end;
    n.column = Col(op);
    n.lhs = operand;
    return Add(std::move(n));
  }

  int ParseComparison() {
    const int lhs = ParseAdditive();
    const Token& t = Peek();
    if (t.kind == Tok::kSymbol && IsComparison(t.text)) {
      const Token op = Next();
      const int rhs = ParseAdditive();
      const ValueType a = N(lhs).type;
      const ValueType b = N(rhs).type;
      Op code = Op::kEq;
      if (op.text == "==" || op.text == "!=") {
        code = op.text == "==" ? Op::kEq : Op::kNe;
        if (a != b) {
          Fail(op, "type error: '" + op.text + "' compares values of the same type, got " +
                       TypeName(lhs) + " and " + TypeName(rhs));
        }
      } else {
        code = op.text == "<"    ? Op::kLt
               : op.text == "<=" ? Op::kLe
               : op.text == ">"  ? Op::kGt
                                 : Op::kGe;
        if (a != b || a == ValueType::kBool) {
          Fail(op, "type error: '" + op.text + "' compares two numbers or two strings, got " +
                       TypeName(lhs) + " and " + TypeName(rhs));
        }
      }
      const int result = Binary(code, op, lhs, rhs, ValueType::kBool);
      RejectChain();
      return result;
    }
    if (IsWord("in") || (IsWord("not") && IsWord("in", 1))) {
      const Token op = Next();
      const bool negated = op.text == "not";
      if (negated) Next();
      Depth depth(*this, op);
      const Token open = Peek();
      Expect("[", " after '" + std::string(negated ? "not in" : "in") + "'");
      Node n;
      n.op = negated ? Op::kNotIn : Op::kIn;
      n.type = ValueType::kBool;
      n.begin = N(lhs).begin;
      n.column = Col(op);
      n.lhs = lhs;
      while (!IsSymbol("]")) {
        const Token at = Peek();
        const int element = ParseAdditive();
        if (N(element).type != N(lhs).type) {
          Fail(at, "type error: this list element is a " + TypeName(element) + " but '" +
                       p_.TextOf(lhs) + "' is a " + TypeName(lhs));
        }
        n.list.push_back(element);
        if (!IsSymbol(",")) break;
        Next();
      }
      if (!IsSymbol("]")) {
        Fail(Peek(), "syntax error: expected ',' or ']' to close the list opened at column " +
                         std::to_string(Col(open)) + ", found " + Describe(Peek()));
      }
      n.end = Next().end;
      const int result = Add(std::move(n));
      RejectChain();
      return result;
    }
    return lhs;
  }

  void RejectChain() const {
    const Token& t = Peek();
    if ((t.kind == Tok::kSymbol && IsComparison(t.text)) || IsWord("in") ||
        (IsWord("not") && IsWord("in", 1))) {
      Fail(t, "syntax error: comparisons cannot be chained; combine them with 'and'");
    }
  }

  int ParseAdditive() {
    int lhs = ParseMultiplicative();
    while (IsSymbol("+") || IsSymbol("-")) {
      const Token op = Next();
      const int rhs = ParseMultiplicative();
      lhs = Arithmetic(op, lhs, rhs);
    }
    return lhs;
  }

  int ParseMultiplicative() {
    int lhs = ParseUnary();
    while (IsSymbol("*") || IsSymbol("/")) {
      const Token op = Next();
      const int rhs = ParseUnary();
      lhs = Arithmetic(op, lhs, rhs);
    }
    return lhs;
  }

  int Arithmetic(const Token& op, int lhs, int rhs) {
    if (N(lhs).type != ValueType::kNumber || N(rhs).type != ValueType::kNumber) {
      Fail(op, "type error: '" + op.text + "' needs two numbers, got " + TypeName(lhs) + " and " +
                   TypeName(rhs));
    }
    const Op code = op.text == "+"   ? Op::kAdd
                    : op.text == "-" ? Op::kSub
                    : op.text == "*" ? Op::kMul
                                     : Op::kDiv;
    return Binary(code, op, lhs, rhs, ValueType::kNumber);
  }

  int ParseUnary() {
    if (!IsSymbol("-")) return ParsePrimary();
    const Token op = Next();
    Depth depth(*this, op);
    const int operand = ParseUnary();
    if (N(operand).type != ValueType::kNumber) {
      Fail(op, "type error: unary '-' needs a number, got " + TypeName(operand));
    }
    Node n;
    n.op = Op::kNeg;
    n.type = ValueType::kNumber;
    n.begin = op.begin;
    n.end = N(operand).end;
    n.column = Col(op);
    n.lhs = operand;
    return Add(std::move(n));
  }

  int ParsePrimary() {
    const Token t = Peek();
    Node n;
    n.begin = t.begin;
    n.end = t.end;
    n.column = Col(t);
    switch (t.kind) {
      case Tok::kNumber:
        Next();
        n.op = Op::kNumber;
        n.type = ValueType::kNumber;
        n.number = t.number;
        return Add(std::move(n));
      case Tok::kString:
        Next();
        n.op = Op::kString;
        n.type = ValueType::kString;
        n.string = t.text;
        return Add(std::move(n));
      case Tok::kIdent:
        return ParseName();
      case Tok::kSymbol:
        if (t.text == "(") {
          Next();
          const int inner = ParseOr();
          if (!IsSymbol(")")) {
            Fail(Peek(), "syntax error: expected ')' to close the '(' at column " +
                             std::to_string(Col(t)) + ", found " + Describe(Peek()));
          }
          const Token close = Next();
          // The parenthesised node keeps its own operator column but spans the parentheses,
          // so explanations show the text as written.
          N(inner).begin = t.begin;
          N(inner).end = close.end;
          return inner;
        }
        break;
      case Tok::kEnd:
        break;
    }
    Fail(t, "syntax error: expected a value, found " + Describe(t));
  }

  int ParseName() {
    const Token t = Next();
    Node n;
    n.begin = t.begin;
    n.end = t.end;
    n.column = Col(t);
    if (t.text == "true" || t.text == "false") {
      n.op = Op::kBool;
      n.type = ValueType::kBool;
      n.number = t.text == "true" ? 1 : 0;
      return Add(std::move(n));
    }
    if (IsSymbol("(")) return ParseCall(t);
    for (const auto& f : kFields) {
      if (t.text == f.name) {
        n.op = Op::kField;
        n.type = f.type;
        n.field = f.field;
        return Add(std::move(n));
      }
    }
    for (std::size_t i = 0; i < env_.parameters.size(); ++i) {
      if (t.text == env_.parameters[i]) {
        n.op = Op::kParam;
        n.type = ValueType::kNumber;
        n.index = static_cast<int>(i);
        return Add(std::move(n));
      }
    }
    for (const char* k : kKeywords) {
      if (t.text == k) Fail(t, "syntax error: expected a value, found '" + t.text + "'");
    }
    for (const auto& f : kFunctions) {
      if (t.text == f.name) Fail(t, "syntax error: function '" + t.text + "' needs '(' and ')'");
    }
    std::vector<std::string> names = ExpressionFieldNames();
    names.insert(names.end(), env_.parameters.begin(), env_.parameters.end());
    std::string message = "unknown name '" + t.text + "'";
    const std::string hint = ClosestMatch(t.text, names);
    if (!hint.empty()) {
      message += ", did you mean '" + hint + "'?";
    } else {
      std::string list;
      for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
      message += " (expected a field or parameter: " + list + ")";
    }
    Fail(t, message);
  }

  int ParseCall(const Token& name) {
    const FunctionInfo* function = nullptr;
    for (const auto& f : kFunctions) {
      if (name.text == f.name) function = &f;
    }
    if (function == nullptr) {
      std::vector<std::string> names;
      std::string list;
      for (const auto& f : kFunctions) {
        names.emplace_back(f.name);
        list += (list.empty() ? "" : ", ") + std::string(f.name);
      }
      std::string message = "unknown function '" + name.text + "'";
      const std::string hint = ClosestMatch(name.text, names);
      message += hint.empty() ? " (functions: " + list + ")" : ", did you mean '" + hint + "'?";
      Fail(name, message);
    }
    if (in_aggregate_) {
      Fail(name, "aggregates cannot be nested: '" + name.text +
                     "' is inside another aggregate's arguments");
    }
    Depth depth(*this, name);
    in_aggregate_ = true;
    Next();  // '('
    std::vector<std::pair<Token, int>> args;
    int where = -1;
    Token where_token;
    while (!IsSymbol(")")) {
      if (IsWord("where") && IsSymbol(":", 1)) {
        where_token = Next();
        Next();
        where = ParseOr();
        if (IsSymbol(",")) Next();
        break;
      }
      const Token at = Peek();
      args.emplace_back(at, ParseOr());
      if (!IsSymbol(",")) break;
      Next();
    }
    if (!IsSymbol(")")) {
      Fail(Peek(), "syntax error: expected ')' to close the call of '" + name.text +
                       "' at column " + std::to_string(Col(name)) + ", found " + Describe(Peek()));
    }
    const Token close = Next();
    in_aggregate_ = false;

    const bool is_count = function->kind == AggregateKind::kCount;
    const bool is_quantile = function->kind == AggregateKind::kQuantile;
    const std::size_t wanted = is_count ? 0 : is_quantile ? 2 : 1;
    if (args.size() != wanted) {
      const std::string signature = is_count      ? "count(where: condition)"
                                    : is_quantile ? "quantile(value, p, where: condition)"
                                                  : name.text + "(value, where: condition)";
      Fail(name, "'" + name.text + "' takes " + std::to_string(wanted) + " argument" +
                     (wanted == 1 ? "" : "s") + " before 'where:', got " +
                     std::to_string(args.size()) + "; use " + signature);
    }
    detail::Aggregate aggregate;
    aggregate.kind = function->kind;
    if (!is_count) {
      aggregate.value = args[0].second;
      if (N(aggregate.value).type != ValueType::kNumber) {
        Fail(args[0].first, "type error: the value of '" + name.text + "' must be a number, got " +
                                TypeName(aggregate.value));
      }
    }
    if (is_quantile) {
      aggregate.p = args[1].second;
      if (N(aggregate.p).type != ValueType::kNumber) {
        Fail(args[1].first,
             "type error: the p of 'quantile' must be a number, got " + TypeName(aggregate.p));
      }
      if (DependsOnGovernment(aggregate.p)) {
        Fail(args[1].first,
             "the p of 'quantile' must not depend on the government; use numbers and parameters");
      }
    }
    if (where >= 0 && N(where).type != ValueType::kBool) {
      Fail(where_token,
           "type error: 'where:' needs a condition (true or false), got " + TypeName(where));
    }
    aggregate.where = where;
    Node n;
    n.op = Op::kAggregate;
    n.type = ValueType::kNumber;
    n.begin = name.begin;
    n.end = close.end;
    n.column = Col(name);
    n.index = static_cast<int>(p_.aggregates.size());
    const int node = Add(std::move(n));
    aggregate.node = node;
    p_.aggregates.push_back(aggregate);
    return node;
  }

  Program& p_;
  const ExpressionEnvironment& env_;
  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool in_aggregate_ = false;
};

}  // namespace

std::string_view ToString(ValueType type) {
  switch (type) {
    case ValueType::kNumber:
      return "number";
    case ValueType::kString:
      return "string";
    case ValueType::kBool:
      return "boolean";
  }
  return "?";
}

const std::vector<std::string>& ExpressionFieldNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& f : kFields) out.emplace_back(f.name);
    return out;
  }();
  return names;
}

bool IsReservedExpressionName(std::string_view name) {
  for (const auto& f : kFields) {
    if (name == f.name) return true;
  }
  for (const auto& f : kFunctions) {
    if (name == f.name) return true;
  }
  for (const char* k : kKeywords) {
    if (name == k) return true;
  }
  return false;
}

Expression::Expression(std::shared_ptr<const detail::Program> program)
    : program_(std::move(program)) {}

Expression Expression::Compile(std::string_view text, const ExpressionEnvironment& env,
                               const ExpressionOrigin& origin, std::optional<ValueType> expected) {
  auto program = std::make_shared<Program>();
  program->text = std::string(text);
  program->origin = origin;
  Parser(*program, env).Run(expected);
  for (const auto& n : program->nodes) {
    if (n.op == Op::kParam) {
      program->parameters_used =
          std::max(program->parameters_used, static_cast<std::size_t>(n.index) + 1);
    }
  }
  return Expression(std::move(program));
}

const std::string& Expression::text() const { return program_->text; }
ValueType Expression::type() const {
  return program_->nodes[static_cast<std::size_t>(program_->root)].type;
}
const ExpressionOrigin& Expression::origin() const { return program_->origin; }
std::size_t Expression::aggregate_count() const { return program_->aggregates.size(); }

}  // namespace jobaward
