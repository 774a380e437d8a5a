// The tree walker of compiled rule expressions: typed recursive evaluation of one government over
// the node array with short-circuit and/or, operands left to right, aggregates read from the
// values the column evaluator (expr_columns.cpp) computed, and the trace of sub-expression values
// used by explanations.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "src/core/cohorts/expr_internal.hpp"

namespace jobaward {

namespace {

using detail::FaultKind;
using detail::Field;
using detail::FormatNumber;
using detail::MakeFault;
using detail::Node;
using detail::Op;
using detail::Program;
using detail::ThreeWay;

class Evaluator {
 public:
  Evaluator(const Program& program, const Government& government,
            std::span<const double> parameters, std::span<const double> aggregates,
            std::vector<std::optional<Value>>* trace)
      : p_(program), g_(government), params_(parameters), aggs_(aggregates), trace_(trace) {}

  double Num(int i) {
    const double v = NumUntraced(i);
    if (trace_ != nullptr) {
      Value value;
      value.number = v;
      (*trace_)[static_cast<std::size_t>(i)] = value;
    }
    return v;
  }

  bool Bool(int i) {
    const bool v = BoolUntraced(i);
    if (trace_ != nullptr) {
      Value value;
      value.type = ValueType::kBool;
      value.boolean = v;
      (*trace_)[static_cast<std::size_t>(i)] = value;
    }
    return v;
  }

  std::string_view Str(int i) {
    const std::string_view v = StrUntraced(i);
    if (trace_ != nullptr) {
      Value value;
      value.type = ValueType::kString;
      value.string = std::string(v);
      (*trace_)[static_cast<std::size_t>(i)] = value;
    }
    return v;
  }

  Value Any(int i) {
    Value value;
    value.type = N(i).type;
    switch (value.type) {
      case ValueType::kNumber:
        value.number = Num(i);
        break;
      case ValueType::kBool:
        value.boolean = Bool(i);
        break;
      case ValueType::kString:
        value.string = std::string(Str(i));
        break;
    }
    return value;
  }

 private:
  const Node& N(int i) const { return p_.nodes[static_cast<std::size_t>(i)]; }

  [[noreturn]] void Fail(int i, FaultKind kind) const {
    throw InputError(detail::FaultDiagnostic(p_, MakeFault(i, kind), g_));
  }

  double Checked(int i, double v) const {
    if (!std::isfinite(v)) Fail(i, FaultKind::kOverflow);
    return v;
  }

  double NumUntraced(int i) {
    const Node& n = N(i);
    switch (n.op) {
      case Op::kNumber:
        return n.number;
      case Op::kParam:
        return params_[static_cast<std::size_t>(n.index)];
      case Op::kAggregate:
        return aggs_[static_cast<std::size_t>(n.index)];
      case Op::kField:
        return detail::NumberOf(n.field, g_);
      case Op::kNeg:
        return -Num(n.lhs);
      case Op::kAdd:
      case Op::kSub:
      case Op::kMul:
      case Op::kDiv: {
        // Left operand first: its failure is the one reported when both fail.
        const double a = Num(n.lhs);
        const double b = Num(n.rhs);
        switch (n.op) {
          case Op::kAdd:
            return Checked(i, a + b);
          case Op::kSub:
            return Checked(i, a - b);
          case Op::kMul:
            return Checked(i, a * b);
          default:
            if (b == 0) Fail(i, FaultKind::kDivisionByZero);
            return Checked(i, a / b);
        }
      }
      default:
        break;
    }
    throw InternalError("expression node is not a number");
  }

  std::string_view StrUntraced(int i) { return detail::StringOf(N(i), g_); }

  // Equality and order of two operands of the same (checked) type.
  int Compare(int a, int b) {
    switch (N(a).type) {
      case ValueType::kNumber: {
        const double x = Num(a);
        const double y = Num(b);
        return ThreeWay(x, y);
      }
      case ValueType::kString: {
        const std::string_view x = Str(a);
        const std::string_view y = Str(b);
        return ThreeWay(x, y);
      }
      case ValueType::kBool:
        return static_cast<int>(Bool(a)) - static_cast<int>(Bool(b));
    }
    return 0;
  }

  bool InList(const Node& n) {
    switch (N(n.lhs).type) {
      case ValueType::kNumber: {
        const double x = Num(n.lhs);
        for (int e : n.list) {
          if (Num(e) == x) return true;
        }
        return false;
      }
      case ValueType::kString: {
        const std::string x(Str(n.lhs));
        for (int e : n.list) {
          if (Str(e) == x) return true;
        }
        return false;
      }
      case ValueType::kBool: {
        const bool x = Bool(n.lhs);
        for (int e : n.list) {
          if (Bool(e) == x) return true;
        }
        return false;
      }
    }
    return false;
  }

  bool BoolUntraced(int i) {
    const Node& n = N(i);
    switch (n.op) {
      case Op::kBool:
        return n.number != 0;
      case Op::kField:
        if (n.field == Field::kWorkersEstimated) return g_.workers_estimated;
        break;
      case Op::kNot:
        return !Bool(n.lhs);
      case Op::kAnd:
        return Bool(n.lhs) && Bool(n.rhs);
      case Op::kOr:
        return Bool(n.lhs) || Bool(n.rhs);
      case Op::kEq:
        return Compare(n.lhs, n.rhs) == 0;
      case Op::kNe:
        return Compare(n.lhs, n.rhs) != 0;
      case Op::kLt:
        return Compare(n.lhs, n.rhs) < 0;
      case Op::kLe:
        return Compare(n.lhs, n.rhs) <= 0;
      case Op::kGt:
        return Compare(n.lhs, n.rhs) > 0;
      case Op::kGe:
        return Compare(n.lhs, n.rhs) >= 0;
      case Op::kIn:
        return InList(n);
      case Op::kNotIn:
        return !InList(n);
      default:
        break;
    }
    throw InternalError("expression node is not a boolean");
  }

  const Program& p_;
  const Government& g_;
  std::span<const double> params_;
  std::span<const double> aggs_;
  std::vector<std::optional<Value>>* trace_;
};

void RequireParameters(const Program& p, std::span<const double> parameters) {
  Require(parameters.size() >= p.parameters_used,
          "expression evaluated with fewer parameter values than it uses");
}

}  // namespace

namespace detail {

std::string FormatNumber(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  std::array<char, 64> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::to_string(v);
}

Diagnostic FaultDiagnostic(const Program& program, Fault fault, const Government& government) {
  const int node = fault / 2;
  const bool division = static_cast<FaultKind>(fault % 2) == FaultKind::kDivisionByZero;
  return program.At(program.nodes[static_cast<std::size_t>(node)].column,
                    std::string(division ? "division by zero" : "arithmetic overflow") + " in '" +
                        program.TextOf(node) + "' for " + DescribeGovernment(government));
}

std::string_view StringOf(const Node& n, const Government& g) {
  if (n.op == Op::kString) return n.string;
  if (n.op == Op::kField) {
    switch (n.field) {
      case Field::kCode:
        return g.code;
      case Field::kNameKo:
        return g.name_ko;
      case Field::kNameEn:
        return g.name_en;
      case Field::kLevel:
        return ToString(g.level);
      case Field::kType:
        return ToString(g.type);
      case Field::kParentCode:
        return g.parent_code;
      default:
        break;
    }
  }
  throw InternalError("expression node is not a string");
}

double NumberOf(Field field, const Government& g) {
  switch (field) {
    case Field::kPopulation:
      return g.population;
    case Field::kWorkers:
      return g.workers;
    case Field::kPopulationYear:
      return g.population_year;
    case Field::kWorkersYear:
      return g.workers_year;
    default:
      break;
  }
  throw InternalError("expression field is not a number");
}

}  // namespace detail

std::string DescribeGovernment(const Government& g) {
  std::string out = g.code + " " + g.name_ko;
  if (!g.name_en.empty()) out += " (" + g.name_en + ")";
  return out;
}

std::string Value::ToString() const {
  switch (type) {
    case ValueType::kNumber:
      return FormatNumber(number);
    case ValueType::kBool:
      return boolean ? "true" : "false";
    case ValueType::kString:
      return "\"" + string + "\"";
  }
  return "?";
}

Value Expression::Evaluate(const Government& government, std::span<const double> parameters,
                           std::span<const double> aggregates) const {
  const Program& p = *program_;
  Require(aggregates.size() == p.aggregates.size(), "Expression::Evaluate without its aggregates");
  RequireParameters(p, parameters);
  return Evaluator(p, government, parameters, aggregates, nullptr).Any(p.root);
}

std::vector<ExplainedNode> Expression::Explain(const Government& government,
                                               std::span<const double> parameters,
                                               std::span<const double> aggregates) const {
  const Program& p = *program_;
  Require(aggregates.size() == p.aggregates.size(), "Expression::Explain without its aggregates");
  RequireParameters(p, parameters);
  std::vector<std::optional<Value>> trace(p.nodes.size());
  Evaluator(p, government, parameters, aggregates, &trace).Any(p.root);

  std::vector<ExplainedNode> out;
  // Pre-order walk; literals say nothing new and an aggregate's operands range over other
  // governments, so neither is expanded.
  auto walk = [&](auto&& self, int i, int depth) -> void {
    const Node& n = p.nodes[static_cast<std::size_t>(i)];
    if (n.op == Op::kNumber || n.op == Op::kString || n.op == Op::kBool) return;
    std::optional<Value> value = trace[static_cast<std::size_t>(i)];
    if (!value && (n.op == Op::kAggregate || n.op == Op::kParam)) {
      // Cut-offs do not depend on the government: show them even where and/or short-circuited.
      value = Value{ValueType::kNumber,
                    n.op == Op::kAggregate ? aggregates[static_cast<std::size_t>(n.index)]
                                           : parameters[static_cast<std::size_t>(n.index)],
                    false,
                    {}};
    }
    out.push_back({depth, p.TextOf(i), std::move(value)});
    if (n.op == Op::kAggregate) return;
    if (n.lhs >= 0) self(self, n.lhs, depth + 1);
    if (n.rhs >= 0) self(self, n.rhs, depth + 1);
    for (int e : n.list) self(self, e, depth + 1);
  };
  walk(walk, p.root, 0);
  return out;
}

}  // namespace jobaward
