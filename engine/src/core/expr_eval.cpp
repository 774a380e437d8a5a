// Evaluation of compiled rule expressions: typed recursive evaluation over the node array with
// short-circuit and/or, registry-wide aggregates (computed once, then read by index), and the
// trace of sub-expression values used by explanations.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <string>

#include "expr_internal.hpp"

namespace jobaward {

namespace {

using detail::AggregateKind;
using detail::Field;
using detail::Node;
using detail::Op;
using detail::Program;

std::string FormatNumber(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  std::array<char, 64> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  return ec == std::errc() ? std::string(buffer.data(), end) : std::to_string(v);
}

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

  [[noreturn]] void Fail(const Node& n, const std::string& message) const {
    throw InputError(p_.At(n.column, message));
  }

  double Checked(const Node& n, int i, double v) const {
    if (!std::isfinite(v)) {
      Fail(n, "arithmetic overflow in '" + p_.TextOf(i) + "' for " + DescribeGovernment(g_));
    }
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
        switch (n.field) {
          case Field::kPopulation:
            return g_.population;
          case Field::kWorkers:
            return g_.workers;
          case Field::kPopulationYear:
            return g_.population_year;
          case Field::kWorkersYear:
            return g_.workers_year;
          default:
            break;
        }
        break;
      case Op::kNeg:
        return -Num(n.lhs);
      case Op::kAdd:
        return Checked(n, i, Num(n.lhs) + Num(n.rhs));
      case Op::kSub:
        return Checked(n, i, Num(n.lhs) - Num(n.rhs));
      case Op::kMul:
        return Checked(n, i, Num(n.lhs) * Num(n.rhs));
      case Op::kDiv: {
        const double a = Num(n.lhs);
        const double b = Num(n.rhs);
        if (b == 0)
          Fail(n, "division by zero in '" + p_.TextOf(i) + "' for " + DescribeGovernment(g_));
        return Checked(n, i, a / b);
      }
      default:
        break;
    }
    throw InternalError("expression node is not a number");
  }

  std::string_view StrUntraced(int i) {
    const Node& n = N(i);
    if (n.op == Op::kString) return n.string;
    if (n.op == Op::kField) {
      switch (n.field) {
        case Field::kCode:
          return g_.code;
        case Field::kNameKo:
          return g_.name_ko;
        case Field::kNameEn:
          return g_.name_en;
        case Field::kLevel:
          return ToString(g_.level);
        case Field::kType:
          return ToString(g_.type);
        case Field::kParentCode:
          return g_.parent_code;
        default:
          break;
      }
    }
    throw InternalError("expression node is not a string");
  }

  // Equality and order of two operands of the same (checked) type.
  int Compare(int a, int b) {
    switch (N(a).type) {
      case ValueType::kNumber: {
        const double x = Num(a);
        const double y = Num(b);
        return x < y ? -1 : x > y ? 1 : 0;
      }
      case ValueType::kString: {
        const std::string_view x = Str(a);
        const std::string_view y = Str(b);
        return x < y ? -1 : x > y ? 1 : 0;
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

const char* AggregateName(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::kQuantile:
      return "quantile";
    case AggregateKind::kMedian:
      return "median";
    case AggregateKind::kMean:
      return "mean";
    case AggregateKind::kMin:
      return "min";
    case AggregateKind::kMax:
      return "max";
    case AggregateKind::kSum:
      return "sum";
    case AggregateKind::kCount:
      return "count";
  }
  return "?";
}

// Type 7 of Hyndman & Fan (R's and numpy's default): linear interpolation between the order
// statistics x[floor(h)] and x[floor(h)+1] at h = (n - 1) p, on values sorted ascending.
double Quantile7(std::vector<double>& values, double p) {
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

void RequireParameters(const Program& p, std::span<const double> parameters) {
  Require(parameters.size() >= p.parameters_used,
          "expression evaluated with fewer parameter values than it uses");
}

}  // namespace

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

std::vector<double> Expression::ComputeAggregates(const Registry& registry,
                                                  std::span<const double> parameters) const {
  const Program& p = *program_;
  RequireParameters(p, parameters);
  std::vector<double> out;
  out.reserve(p.aggregates.size());
  std::vector<double> values;
  static const Government kNobody{};
  for (const auto& a : p.aggregates) {
    const Node& call = p.nodes[static_cast<std::size_t>(a.node)];
    const std::string name = AggregateName(a.kind);
    values.clear();
    for (const auto& g : registry.governments()) {
      Evaluator e(p, g, parameters, {}, nullptr);
      if (a.where >= 0 && !e.Bool(a.where)) continue;
      values.push_back(a.value >= 0 ? e.Num(a.value) : 1.0);
    }
    if (a.kind == AggregateKind::kCount) {
      out.push_back(static_cast<double>(values.size()));
      continue;
    }
    if (values.empty()) {
      throw InputError(
          p.At(call.column, "'" + name + "' has no values to aggregate: " +
                                (a.where >= 0 ? "no government matches its where: condition"
                                              : "the registry is empty")));
    }
    switch (a.kind) {
      case AggregateKind::kQuantile:
      case AggregateKind::kMedian: {
        double q = 0.5;
        if (a.kind == AggregateKind::kQuantile) {
          q = Evaluator(p, kNobody, parameters, {}, nullptr).Num(a.p);
          if (!(q >= 0 && q <= 1)) {
            const Node& pn = p.nodes[static_cast<std::size_t>(a.p)];
            throw InputError(p.At(
                pn.column, "the p of 'quantile' must be between 0 and 1, got " + FormatNumber(q)));
          }
        }
        out.push_back(Quantile7(values, q));
        break;
      }
      case AggregateKind::kMean: {
        double sum = 0;
        for (double v : values) sum += v;
        out.push_back(sum / static_cast<double>(values.size()));
        break;
      }
      case AggregateKind::kSum: {
        double sum = 0;
        for (double v : values) sum += v;
        out.push_back(sum);
        break;
      }
      case AggregateKind::kMin:
        out.push_back(*std::min_element(values.begin(), values.end()));
        break;
      case AggregateKind::kMax:
        out.push_back(*std::max_element(values.begin(), values.end()));
        break;
      case AggregateKind::kCount:
        break;
    }
  }
  return out;
}

bool Expression::Test(const Government& government, std::span<const double> parameters,
                      std::span<const double> aggregates) const {
  const Program& p = *program_;
  Require(p.nodes[static_cast<std::size_t>(p.root)].type == ValueType::kBool,
          "Expression::Test on an expression that is not a condition");
  Require(aggregates.size() == p.aggregates.size(), "Expression::Test without its aggregates");
  Require(parameters.size() >= p.parameters_used, "Expression::Test without its parameters");
  return Evaluator(p, government, parameters, aggregates, nullptr).Bool(p.root);
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
