// The compiled form of a rule expression, shared by the parser (expr_parse.cpp) and the
// evaluator (expr_eval.cpp). Nodes live in one array and refer to their operands by index, so a
// compiled expression is one allocation-light block that evaluates without virtual calls.
#pragma once

#include <string>
#include <vector>

#include "jobaward/expr.hpp"

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

}  // namespace jobaward::detail
