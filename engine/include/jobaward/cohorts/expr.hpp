// Rule expressions: the small typed language in which cohort rules are written, e.g.
//   level == "basic" and type == "district" and workers >= quantile(workers, 0.5, where: type ==
//   "district")
// An expression is compiled once (lexed, parsed by recursive descent, type-checked, flattened into
// an array of nodes) and then evaluated many times, per Monte Carlo draw with other parameter
// values. There are two evaluators with one semantics: a column evaluator that runs over the
// whole registry at once (EvaluateAll, ComputeAggregates, and the prepared cohort rules of
// cohort_rules_prepared.hpp, which evaluate everything that does not depend on a parameter only
// once), and a per-government tree walker that records the value of every sub-expression for
// `jobaward cohorts --explain` (Evaluate, Explain). Aggregates (quantile, median, mean, min, max,
// sum, count) run over the whole registry; they do not depend on the government being evaluated.
// The grammar, precedence, types and functions are documented in cohorts/README.md.
// A compiled Expression is immutable and may be shared between threads.
//
// Tests (tests/unit/cohorts/expr_test.cpp) prove: precedence of not/and/or, comparisons and
// arithmetic; `in` / `not in`; unary minus; type-7 quantiles against hand-computed values; exact
// syntax and type error messages with caret positions; length and nesting limits; division by zero
// naming the government; parameters; sub-expression values for explain; the column evaluator and
// the tree walker agree on values and on the first error, expression by expression.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jobaward/cohorts/registry.hpp"
#include "jobaward/error.hpp"

namespace jobaward {

/// Longest accepted expression, in bytes, and deepest nesting (parentheses, operators, lists,
/// calls), so hostile input cannot exhaust memory or the stack.
inline constexpr std::size_t kMaxExpressionLength = 4096;
inline constexpr int kMaxExpressionDepth = 64;

enum class ValueType { kNumber, kString, kBool };

/// "number", "string" or "boolean".
[[nodiscard]] std::string_view ToString(ValueType type);

/// A value produced by an expression, for explanations and tests.
struct Value {
  ValueType type = ValueType::kNumber;
  double number = 0;
  bool boolean = false;
  std::string string;

  /// Numbers in shortest round-trip form ("150000", "0.25"), strings in double quotes,
  /// booleans as true/false.
  [[nodiscard]] std::string ToString() const;
};

/// Where an expression came from, for diagnostics.
struct ExpressionOrigin {
  /// Location of the expression's first character. Default: an in-memory expression, reported
  /// as line 1 of an unnamed input.
  SourceLocation where{"", 1, 1};
  /// Dotted key of the expression in its file, e.g. "cohorts[5].rule".
  std::string key = "rule";
  /// True when the expression text appears verbatim on that line (a plain one-line YAML
  /// scalar), so an error column inside the expression maps onto a file column. Otherwise
  /// diagnostics point at the expression's start and name the column inside it.
  bool columns_match_source = true;
};

/// Names an expression may use besides the registry fields: the named parameters of a rule set.
/// An expression refers to a parameter by its index in `parameters`.
struct ExpressionEnvironment {
  std::vector<std::string> parameters;
};

/// One sub-expression and its value for one government, in pre-order (a node, then its
/// operands), for `jobaward cohorts --explain`. Literals are left out; aggregates are shown as
/// one node with their registry-wide value.
struct ExplainedNode {
  int depth = 0;               ///< 0 for the whole expression.
  std::string text;            ///< Source text of the sub-expression.
  std::optional<Value> value;  ///< nullopt when not evaluated (short-circuit of and/or).
};

namespace detail {
struct Program;
class ColumnProgram;

/// Per-call buffers of the column evaluator, owned by the caller (one per thread). Sized by the
/// first evaluation; later evaluations of the same expressions reuse them without allocating.
struct ColumnScratch {
  std::vector<double> numbers;
  std::vector<std::uint8_t> truth;
  std::vector<std::int32_t> faults;
  std::vector<double> values;  ///< An aggregate's operand values.
};
}  // namespace detail

class Expression {
 public:
  /// Lexes, parses and type-checks `text`. `expected`, when set, is the type the whole
  /// expression must have (a cohort rule must be a boolean condition).
  /// Throws InputError with one diagnostic (location, key, message, caret excerpt) on a syntax
  /// or type error, an unknown name (with a did-you-mean), or when a limit is exceeded.
  [[nodiscard]] static Expression Compile(std::string_view text, const ExpressionEnvironment& env,
                                          const ExpressionOrigin& origin = {},
                                          std::optional<ValueType> expected = ValueType::kBool);

  [[nodiscard]] const std::string& text() const;
  [[nodiscard]] ValueType type() const;
  [[nodiscard]] const ExpressionOrigin& origin() const;
  /// Number of aggregate calls; ComputeAggregates returns one value per call.
  [[nodiscard]] std::size_t aggregate_count() const;

  /// Values of the aggregate calls over `registry` with `parameters` (indexed as in the
  /// environment). Throws InputError when an aggregate has no government to run over (other
  /// than count), when a quantile's p is outside [0, 1], or on division by zero.
  [[nodiscard]] std::vector<double> ComputeAggregates(const Registry& registry,
                                                      std::span<const double> parameters) const;

  /// The value for every government of `registry`, by the column evaluator. Throws what
  /// ComputeAggregates throws, then what Evaluate throws for the first government (in registry
  /// order) whose evaluation fails.
  [[nodiscard]] std::vector<Value> EvaluateAll(const Registry& registry,
                                               std::span<const double> parameters) const;

  /// The value for `government`, by the tree walker. `aggregates` comes from ComputeAggregates
  /// with the same registry and parameters. Throws InputError naming the government on
  /// division by zero or arithmetic overflow.
  [[nodiscard]] Value Evaluate(const Government& government, std::span<const double> parameters,
                               std::span<const double> aggregates) const;

  /// Every sub-expression with its value for `government`.
  [[nodiscard]] std::vector<ExplainedNode> Explain(const Government& government,
                                                   std::span<const double> parameters,
                                                   std::span<const double> aggregates) const;

 private:
  friend class detail::ColumnProgram;
  explicit Expression(std::shared_ptr<const detail::Program> program);
  std::shared_ptr<const detail::Program> program_;
};

/// "11530 구로구 (Guro-gu)": how diagnostics name a government.
[[nodiscard]] std::string DescribeGovernment(const Government& government);

/// The registry fields an expression may name, e.g. "workers".
[[nodiscard]] const std::vector<std::string>& ExpressionFieldNames();
/// Words that cannot be parameter names: fields, functions and keywords.
[[nodiscard]] bool IsReservedExpressionName(std::string_view name);

}  // namespace jobaward
