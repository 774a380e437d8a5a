// The compiled form of a rule expression, shared by the parser (expr_parse.cpp) and the two
// evaluators: the per-government tree walker (expr_eval.cpp, for Evaluate and Explain) and the
// column evaluator over a whole registry (expr_columns.cpp, for aggregates and cohort
// assignment). Nodes live in one array and refer to their operands by index; operands always
// come before the node that uses them, so evaluating nodes in index order evaluates operands first.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "jobaward/cohorts/expr.hpp"

namespace jobaward::detail {

enum class Field {
  kCode,
  kNameKo,
  kNameEn,
  kLevel,
  kType,
  kParentCode,
  kPopulation,
  kWorkers,
  kWorkersEstimated,
  kPopulationYear,
  kWorkersYear,
};

enum class Op {
  kNumber,
  kString,
  kBool,
  kField,
  kParam,
  kAggregate,
  kNeg,
  kNot,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kAnd,
  kOr,
  kIn,
  kNotIn,
};

enum class AggregateKind { kQuantile, kMedian, kMean, kMin, kMax, kSum, kCount };

struct Node {
  Op op = Op::kNumber;
  ValueType type = ValueType::kNumber;
  int begin = 0;  ///< Byte range of the node's source text.
  int end = 0;
  int column = 1;  ///< 1-based code-point column of the operator (for carets).
  int lhs = -1;    ///< Operand indices; -1 when absent.
  int rhs = -1;
  std::vector<int> list;  ///< Elements of an `in` list.
  double number = 0;      ///< Literal number, or literal bool as 0/1.
  std::string string;     ///< Literal string.
  Field field = Field::kCode;
  int index = -1;  ///< Parameter index, or aggregate index.
};

struct Aggregate {
  AggregateKind kind = AggregateKind::kCount;
  int node = -1;   ///< The call node.
  int value = -1;  ///< Per-government value expression (absent for count).
  int p = -1;      ///< Probability of quantile.
  int where = -1;  ///< Filter condition, or -1.
};

struct Program {
  std::string text;
  ExpressionOrigin origin;
  std::vector<Node> nodes;
  std::vector<Aggregate> aggregates;
  int root = -1;
  std::size_t parameters_used = 0;  ///< 1 + the highest parameter index named, or 0.

  /// Column (1-based, in code points) of byte offset `offset` of the text.
  [[nodiscard]] int ColumnOf(int offset) const;
  /// A diagnostic for `message` at 1-based `column` of the expression.
  [[nodiscard]] Diagnostic At(int column, const std::string& message) const;
  [[nodiscard]] std::string TextOf(int node) const {
    const Node& n = nodes[static_cast<std::size_t>(node)];
    return text.substr(static_cast<std::size_t>(n.begin),
                       static_cast<std::size_t>(n.end - n.begin));
  }
};

// ---- shared by both evaluators ----------------------------------------------------------------

/// How an evaluation failed: the node and the kind of fault, or kNoFault. Encoded as one integer
/// (2 * node + kind) so the column evaluator can keep one per government.
using Fault = std::int32_t;
inline constexpr Fault kNoFault = -1;
enum class FaultKind { kDivisionByZero = 0, kOverflow = 1 };
[[nodiscard]] inline Fault MakeFault(int node, FaultKind kind) {
  return 2 * node + static_cast<Fault>(kind);
}

/// "division by zero in 'a / b' for 11530 구로구 (Guro-gu)", at the node's column.
[[nodiscard]] Diagnostic FaultDiagnostic(const Program& program, Fault fault,
                                         const Government& government);

/// The order of two values of the same type as comparisons see it (-1, 0, 1). Numbers where
/// neither is less than the other (NaN) compare equal.
template <typename T>
[[nodiscard]] int ThreeWay(const T& x, const T& y) {
  return x < y ? -1 : x > y ? 1 : 0;
}

/// The value of a string node for `government`: a literal or a string field.
[[nodiscard]] std::string_view StringOf(const Node& node, const Government& government);
/// The value of a number field of `government`.
[[nodiscard]] double NumberOf(Field field, const Government& government);

/// Shortest round-trip form of a number ("150000", "0.25").
[[nodiscard]] std::string FormatNumber(double value);

// ---- column evaluation -------------------------------------------------------------------------

/// A read-only view of one node's values: one per government, or one for all (`varies` false).
struct NodeView {
  const double* number = nullptr;       ///< Number nodes.
  const std::uint8_t* truth = nullptr;  ///< Boolean nodes.
  const Fault* fault = nullptr;         ///< nullptr when no government's evaluation fails.
  bool varies = false;

  [[nodiscard]] std::size_t Row(std::size_t g) const { return varies ? g : 0; }
  [[nodiscard]] double Number(std::size_t g) const { return number[Row(g)]; }
  [[nodiscard]] bool Truth(std::size_t g) const { return truth[Row(g)] != 0; }
  [[nodiscard]] Fault FaultOf(std::size_t g) const {
    return fault == nullptr ? kNoFault : fault[Row(g)];
  }
};

/// An expression bound to one registry and evaluated for every government at once, with the
/// semantics of the tree walker: a government's fault is the first one the tree walker would
/// throw for it (operands left to right, and/or/in short-circuit), and aggregates fail in the
/// order of ComputeAggregates. Everything that does not depend on a parameter (fields, string
/// comparisons, literals, aggregates whose operands and filter are parameter-free, which keep
/// their values sorted) is evaluated once by the constructor; Run evaluates only the nodes that
/// depend on a parameter, into a caller-owned scratch (so a ColumnProgram is immutable and may be
/// shared between threads, each with its own scratch).
class ColumnProgram {
 public:
  /// Never throws InputError: failures are kept and reported by Run in evaluation order.
  ColumnProgram(const Expression& expression, const Registry& registry);

  /// Evaluates the parameter-dependent nodes with `parameters` into `scratch` (sized here, so
  /// calls after the first do not allocate). Throws InputError when an aggregate fails (an
  /// operand's fault, nothing to aggregate, a quantile's p outside [0, 1]), as ComputeAggregates.
  /// REQUIRES: `registry` is the one the program was bound to.
  void Run(std::span<const double> parameters, const Registry& registry,
           ColumnScratch& scratch) const;

  /// Values of node `node` after Run (with the same scratch).
  [[nodiscard]] NodeView View(int node, const ColumnScratch& scratch) const;
  [[nodiscard]] NodeView Root(const ColumnScratch& scratch) const {
    return View(program_->root, scratch);
  }
  /// The value of the whole expression for government `g` after Run, as Evaluate returns it.
  /// REQUIRES: Root(scratch).FaultOf(g) == kNoFault.
  [[nodiscard]] Value ValueAt(std::size_t g, const Registry& registry,
                              const ColumnScratch& scratch) const;
  /// One value per aggregate call after Run, as ComputeAggregates returns them.
  [[nodiscard]] std::vector<double> AggregateValues(const ColumnScratch& scratch) const;
  [[nodiscard]] const Program& program() const { return *program_; }

 private:
  struct Slot {
    bool varies = false;                           // One value per government (reads a field).
    bool per_call = false;                         // Depends on a parameter: lives in the scratch.
    bool may_fault = false;                        // Has a fault column.
    std::size_t number = 0, truth = 0, fault = 0;  // Offsets into its arena.
  };
  struct AggregateState {
    bool operands_prepared = false;  // value and where: are parameter-free.
    bool prepared = false;           // The whole call is parameter-free: `value` or `error`.
    double value = 0;
    // operands_prepared: the values that pass the filter, in registry order, sorted for
    // quantile and median.
    std::vector<double> values;
    // The failure to report when the call is evaluated: an operand's fault or nothing to
    // aggregate (operands_prepared), or any failure (prepared).
    std::optional<Diagnostic> error;
  };
  struct Target;
  [[nodiscard]] NodeView ViewOf(int node, const ColumnScratch* scratch) const;
  void Compute(int node, const Registry& registry, std::span<const double> parameters,
               const ColumnScratch* scratch, const Target& out, std::vector<double>& buffer) const;
  [[nodiscard]] std::optional<Diagnostic> Collect(const Aggregate& aggregate,
                                                  const Registry& registry,
                                                  const ColumnScratch* scratch,
                                                  std::vector<double>& values) const;
  [[nodiscard]] double Finish(const Aggregate& aggregate, std::span<const double> values,
                              const ColumnScratch* scratch) const;

  std::shared_ptr<const Program> program_;
  std::size_t rows_ = 0;
  std::vector<Slot> slots_;                 // Per node.
  std::vector<AggregateState> aggregates_;  // Per aggregate call.
  std::vector<int> steps_;                  // Nodes Run evaluates, in index order.
  // Values of the parameter-free nodes, and the sizes of the scratch arenas.
  std::vector<double> numbers_;
  std::vector<std::uint8_t> truth_;
  std::vector<Fault> faults_;
  std::size_t scratch_numbers_ = 0, scratch_truth_ = 0, scratch_faults_ = 0;
};

}  // namespace jobaward::detail
