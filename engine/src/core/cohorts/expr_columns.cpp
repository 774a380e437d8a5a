// The column evaluator of rule expressions: every government of a registry at once, node by node
// in index order (operands first). A node that reads no parameter is evaluated once, when the
// expression is bound to the registry; Run re-evaluates only the nodes that do. Instead of
// throwing when a government's evaluation fails, each node keeps, per government, the first
// fault the tree walker (expr_eval.cpp) would have thrown for it, so short-circuits and the
// order of operands give the same first error; aggregates throw as ComputeAggregates always has.
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "src/core/cohorts/expr_internal.hpp"

namespace jobaward {

namespace detail {

namespace {

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

bool Sorted(AggregateKind kind) {
  return kind == AggregateKind::kQuantile || kind == AggregateKind::kMedian;
}

// Type 7 of Hyndman & Fan (R's and numpy's default): linear interpolation between the order
// statistics x[floor(h)] and x[floor(h)+1] at h = (n - 1) p. REQUIRES: sorted ascending, not
// empty.
double SortedQuantile7(std::span<const double> sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

bool IsArithmetic(Op op) {
  return op == Op::kAdd || op == Op::kSub || op == Op::kMul || op == Op::kDiv;
}

template <typename F>
void ForEachOperand(const Node& n, F&& f) {
  if (n.lhs >= 0) f(n.lhs);
  if (n.rhs >= 0) f(n.rhs);
  for (int e : n.list) f(e);
}

// out[r] = f(x[r], y[r]) for the rows of a node; an operand that is the same for every
// government is read once.
template <typename X, typename Y, typename Out, typename F>
void Zip(std::size_t len, const X* x, bool x_varies, const Y* y, bool y_varies, Out* out, F&& f) {
  if (x_varies && y_varies) {
    for (std::size_t r = 0; r < len; ++r) out[r] = f(x[r], y[r]);
  } else if (x_varies) {
    const Y c = y[0];
    for (std::size_t r = 0; r < len; ++r) out[r] = f(x[r], c);
  } else if (y_varies) {
    const X c = x[0];
    for (std::size_t r = 0; r < len; ++r) out[r] = f(c, y[r]);
  } else {
    for (std::size_t r = 0; r < len; ++r) out[r] = f(x[0], y[0]);
  }
}

// Calls f with the predicate on a three-way comparison that `op` tests.
template <typename F>
void WithComparison(Op op, F&& f) {
  switch (op) {
    case Op::kEq:
      f([](int c) { return c == 0; });
      break;
    case Op::kNe:
      f([](int c) { return c != 0; });
      break;
    case Op::kLt:
      f([](int c) { return c < 0; });
      break;
    case Op::kLe:
      f([](int c) { return c <= 0; });
      break;
    case Op::kGt:
      f([](int c) { return c > 0; });
      break;
    default:
      f([](int c) { return c >= 0; });
      break;
  }
}

// Stands in for the government where a node does not read one (aggregate p values, literals).
const Government& Nobody() {
  static const Government nobody{};
  return nobody;
}

}  // namespace

struct ColumnProgram::Target {
  double* number = nullptr;
  std::uint8_t* truth = nullptr;
  Fault* fault = nullptr;
};

ColumnProgram::ColumnProgram(const Expression& expression, const Registry& registry)
    : program_(expression.program_), rows_(registry.size()) {
  const Program& p = *program_;
  slots_.resize(p.nodes.size());
  aggregates_.resize(p.aggregates.size());

  // What each node depends on, and whether it can fault at all (arithmetic below it).
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const Node& n = p.nodes[i];
    Slot& s = slots_[i];
    if (n.op == Op::kField) s.varies = true;
    if (n.op == Op::kParam) s.per_call = true;
    if (n.op == Op::kAggregate) {
      const Aggregate& a = p.aggregates[static_cast<std::size_t>(n.index)];
      for (int operand : {a.value, a.where, a.p}) {
        if (operand >= 0)
          s.per_call = s.per_call || slots_[static_cast<std::size_t>(operand)].per_call;
      }
    }
    s.may_fault = IsArithmetic(n.op);
    ForEachOperand(n, [&](int o) {
      const Slot& operand = slots_[static_cast<std::size_t>(o)];
      s.varies = s.varies || operand.varies;
      s.per_call = s.per_call || operand.per_call;
      s.may_fault = s.may_fault || operand.may_fault;
    });
  }

  // The parameter-free nodes: lay out their values, then evaluate them.
  std::size_t numbers = 0, truth = 0, faults = 0;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    Slot& s = slots_[i];
    if (s.per_call) continue;
    const std::size_t len = s.varies ? rows_ : 1;
    const ValueType type = p.nodes[i].type;
    if (type == ValueType::kNumber) s.number = std::exchange(numbers, numbers + len);
    if (type == ValueType::kBool) s.truth = std::exchange(truth, truth + len);
    if (s.may_fault) s.fault = std::exchange(faults, faults + len);
  }
  numbers_.resize(numbers);
  truth_.resize(truth);
  faults_.assign(faults, kNoFault);
  std::vector<double> buffer;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const Node& n = p.nodes[i];
    const Slot& s = slots_[i];
    const int node = static_cast<int>(i);
    if (n.op == Op::kAggregate) {
      // Filter, sort and (when p is parameter-free too) aggregate once; failures wait for Run.
      const Aggregate& a = p.aggregates[static_cast<std::size_t>(n.index)];
      AggregateState& state = aggregates_[static_cast<std::size_t>(n.index)];
      const bool operands_per_call =
          (a.value >= 0 && slots_[static_cast<std::size_t>(a.value)].per_call) ||
          (a.where >= 0 && slots_[static_cast<std::size_t>(a.where)].per_call);
      if (operands_per_call) continue;
      state.operands_prepared = true;
      state.error = Collect(a, registry, nullptr, state.values);
      if (s.per_call) continue;
      state.prepared = true;
      if (!state.error) {
        try {
          state.value = Finish(a, state.values, nullptr);
        } catch (const InputError& e) {
          state.error = e.diagnostics().front();
        }
      }
      numbers_[s.number] = state.value;
      if (state.error) steps_.push_back(node);
      continue;
    }
    if (s.per_call) continue;
    Target out;
    if (n.type == ValueType::kNumber) out.number = numbers_.data() + s.number;
    if (n.type == ValueType::kBool) out.truth = truth_.data() + s.truth;
    if (s.may_fault) out.fault = faults_.data() + s.fault;
    Compute(node, registry, {}, nullptr, out, buffer);
  }

  // A parameter-free node that faults for no government cannot make its users fault.
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    Slot& s = slots_[i];
    if (s.per_call || !s.may_fault) continue;
    const std::size_t len = s.varies ? rows_ : 1;
    const auto begin = faults_.begin() + static_cast<std::ptrdiff_t>(s.fault);
    s.may_fault = std::any_of(begin, begin + static_cast<std::ptrdiff_t>(len),
                              [](Fault f) { return f != kNoFault; });
  }
  // The parameter-dependent nodes: their place in the scratch, and the order Run visits them.
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    Slot& s = slots_[i];
    if (!s.per_call) continue;
    const Node& n = p.nodes[i];
    s.may_fault = IsArithmetic(n.op);
    ForEachOperand(n, [&](int o) {
      s.may_fault = s.may_fault || slots_[static_cast<std::size_t>(o)].may_fault;
    });
    const std::size_t len = s.varies ? rows_ : 1;
    if (n.type == ValueType::kNumber)
      s.number = std::exchange(scratch_numbers_, scratch_numbers_ + len);
    if (n.type == ValueType::kBool) s.truth = std::exchange(scratch_truth_, scratch_truth_ + len);
    if (s.may_fault) s.fault = std::exchange(scratch_faults_, scratch_faults_ + len);
    steps_.push_back(static_cast<int>(i));
  }
  std::sort(steps_.begin(), steps_.end());
}

void ColumnProgram::Run(std::span<const double> parameters, const Registry& registry,
                        ColumnScratch& scratch) const {
  const Program& p = *program_;
  Require(registry.size() == rows_, "ColumnProgram::Run with another registry");
  Require(parameters.size() >= p.parameters_used,
          "expression evaluated with fewer parameter values than it uses");
  scratch.numbers.resize(scratch_numbers_);
  scratch.truth.resize(scratch_truth_);
  scratch.faults.resize(scratch_faults_);
  scratch.values.reserve(rows_);
  for (const int i : steps_) {
    const Node& n = p.nodes[static_cast<std::size_t>(i)];
    const Slot& s = slots_[static_cast<std::size_t>(i)];
    if (!s.per_call) throw InputError(*aggregates_[static_cast<std::size_t>(n.index)].error);
    Target out;
    if (n.type == ValueType::kNumber) out.number = scratch.numbers.data() + s.number;
    if (n.type == ValueType::kBool) out.truth = scratch.truth.data() + s.truth;
    if (s.may_fault) out.fault = scratch.faults.data() + s.fault;
    Compute(i, registry, parameters, &scratch, out, scratch.values);
  }
}

NodeView ColumnProgram::ViewOf(int node, const ColumnScratch* scratch) const {
  const Slot& s = slots_[static_cast<std::size_t>(node)];
  const ValueType type = program_->nodes[static_cast<std::size_t>(node)].type;
  NodeView v;
  v.varies = s.varies;
  const double* numbers = s.per_call ? scratch->numbers.data() : numbers_.data();
  const std::uint8_t* truth = s.per_call ? scratch->truth.data() : truth_.data();
  const Fault* faults = s.per_call ? scratch->faults.data() : faults_.data();
  if (type == ValueType::kNumber) v.number = numbers + s.number;
  if (type == ValueType::kBool) v.truth = truth + s.truth;
  if (s.may_fault) v.fault = faults + s.fault;
  return v;
}

NodeView ColumnProgram::View(int node, const ColumnScratch& scratch) const {
  return ViewOf(node, &scratch);
}

Value ColumnProgram::ValueAt(std::size_t g, const Registry& registry,
                             const ColumnScratch& scratch) const {
  const Node& root = program_->nodes[static_cast<std::size_t>(program_->root)];
  const NodeView v = Root(scratch);
  Value value;
  value.type = root.type;
  switch (root.type) {
    case ValueType::kNumber:
      value.number = v.Number(g);
      break;
    case ValueType::kBool:
      value.boolean = v.Truth(g);
      break;
    case ValueType::kString:
      value.string = std::string(StringOf(root, registry[g]));
      break;
  }
  return value;
}

std::vector<double> ColumnProgram::AggregateValues(const ColumnScratch& scratch) const {
  std::vector<double> out;
  out.reserve(program_->aggregates.size());
  for (const auto& a : program_->aggregates) out.push_back(ViewOf(a.node, &scratch).Number(0));
  return out;
}

std::optional<Diagnostic> ColumnProgram::Collect(const Aggregate& a, const Registry& registry,
                                                 const ColumnScratch* scratch,
                                                 std::vector<double>& values) const {
  const Program& p = *program_;
  values.clear();
  const NodeView where = a.where >= 0 ? ViewOf(a.where, scratch) : NodeView{};
  const NodeView value = a.value >= 0 ? ViewOf(a.value, scratch) : NodeView{};
  for (std::size_t g = 0; g < rows_; ++g) {
    if (a.where >= 0) {
      if (const Fault f = where.FaultOf(g); f != kNoFault) {
        return FaultDiagnostic(p, f, registry[g]);
      }
      if (!where.Truth(g)) continue;
    }
    if (a.value < 0) {
      values.push_back(1.0);
      continue;
    }
    if (const Fault f = value.FaultOf(g); f != kNoFault) return FaultDiagnostic(p, f, registry[g]);
    values.push_back(value.Number(g));
  }
  if (values.empty() && a.kind != AggregateKind::kCount) {
    const Node& call = p.nodes[static_cast<std::size_t>(a.node)];
    return p.At(call.column, "'" + std::string(AggregateName(a.kind)) +
                                 "' has no values to aggregate: " +
                                 (a.where >= 0 ? "no government matches its where: condition"
                                               : "the registry is empty"));
  }
  if (Sorted(a.kind)) std::sort(values.begin(), values.end());
  return std::nullopt;
}

double ColumnProgram::Finish(const Aggregate& a, std::span<const double> values,
                             const ColumnScratch* scratch) const {
  const Program& p = *program_;
  switch (a.kind) {
    case AggregateKind::kCount:
      return static_cast<double>(values.size());
    case AggregateKind::kQuantile:
    case AggregateKind::kMedian: {
      double q = 0.5;
      if (a.kind == AggregateKind::kQuantile) {
        const NodeView pv = ViewOf(a.p, scratch);
        // p reads no government (the parser checks), so its failure names none.
        if (const Fault f = pv.FaultOf(0); f != kNoFault) {
          throw InputError(FaultDiagnostic(p, f, Nobody()));
        }
        q = pv.Number(0);
        if (!(q >= 0 && q <= 1)) {
          const Node& pn = p.nodes[static_cast<std::size_t>(a.p)];
          throw InputError(p.At(
              pn.column, "the p of 'quantile' must be between 0 and 1, got " + FormatNumber(q)));
        }
      }
      return SortedQuantile7(values, q);
    }
    case AggregateKind::kMean:
    case AggregateKind::kSum: {
      double sum = 0;
      for (double v : values) sum += v;
      return a.kind == AggregateKind::kSum ? sum : sum / static_cast<double>(values.size());
    }
    case AggregateKind::kMin:
      return *std::min_element(values.begin(), values.end());
    case AggregateKind::kMax:
      return *std::max_element(values.begin(), values.end());
  }
  throw InternalError("unknown aggregate");
}

void ColumnProgram::Compute(int i, const Registry& registry, std::span<const double> parameters,
                            const ColumnScratch* scratch, const Target& out,
                            std::vector<double>& buffer) const {
  const Program& p = *program_;
  const Node& n = p.nodes[static_cast<std::size_t>(i)];
  const Slot& s = slots_[static_cast<std::size_t>(i)];
  const std::size_t len = s.varies ? rows_ : 1;
  // Only nodes that vary read a government.
  const auto government = [&](std::size_t r) -> const Government& {
    return s.varies ? registry[r] : Nobody();
  };
  const NodeView a = n.lhs >= 0 ? ViewOf(n.lhs, scratch) : NodeView{};
  const NodeView b = n.rhs >= 0 ? ViewOf(n.rhs, scratch) : NodeView{};
  // Both operands are evaluated (arithmetic, comparisons): the left one's fault comes first.
  const auto both_faults = [&] {
    if (out.fault == nullptr) return;
    for (std::size_t r = 0; r < len; ++r) {
      const Fault f = a.FaultOf(r);
      out.fault[r] = f != kNoFault ? f : b.FaultOf(r);
    }
  };
  switch (n.op) {
    case Op::kNumber:
      out.number[0] = n.number;
      return;
    case Op::kBool:
      out.truth[0] = n.number != 0 ? 1 : 0;
      return;
    case Op::kString:
      return;
    case Op::kParam:
      out.number[0] = parameters[static_cast<std::size_t>(n.index)];
      return;
    case Op::kField:
      if (n.type == ValueType::kNumber) {
        for (std::size_t r = 0; r < len; ++r) out.number[r] = NumberOf(n.field, registry[r]);
      } else if (n.type == ValueType::kBool) {
        for (std::size_t r = 0; r < len; ++r) out.truth[r] = registry[r].workers_estimated ? 1 : 0;
      }
      return;
    case Op::kAggregate: {
      const Aggregate& agg = p.aggregates[static_cast<std::size_t>(n.index)];
      const AggregateState& state = aggregates_[static_cast<std::size_t>(n.index)];
      if (state.operands_prepared) {
        if (state.error) throw InputError(*state.error);
        out.number[0] = Finish(agg, state.values, scratch);
        return;
      }
      if (auto error = Collect(agg, registry, scratch, buffer)) throw InputError(*error);
      out.number[0] = Finish(agg, buffer, scratch);
      return;
    }
    case Op::kNeg:
      for (std::size_t r = 0; r < len; ++r) {
        out.number[r] = -a.Number(r);
        if (out.fault != nullptr) out.fault[r] = a.FaultOf(r);
      }
      return;
    case Op::kAdd:
      Zip(len, a.number, a.varies, b.number, b.varies, out.number,
          [](double x, double y) { return x + y; });
      break;
    case Op::kSub:
      Zip(len, a.number, a.varies, b.number, b.varies, out.number,
          [](double x, double y) { return x - y; });
      break;
    case Op::kMul:
      Zip(len, a.number, a.varies, b.number, b.varies, out.number,
          [](double x, double y) { return x * y; });
      break;
    case Op::kDiv:
      Zip(len, a.number, a.varies, b.number, b.varies, out.number,
          [](double x, double y) { return y == 0 ? 0.0 : x / y; });
      break;
    case Op::kNot:
      for (std::size_t r = 0; r < len; ++r) {
        out.truth[r] = a.Truth(r) ? 0 : 1;
        if (out.fault != nullptr) out.fault[r] = a.FaultOf(r);
      }
      return;
    case Op::kAnd:
    case Op::kOr: {
      const bool decides = n.op == Op::kOr;
      if (decides) {
        Zip(len, a.truth, a.varies, b.truth, b.varies, out.truth,
            [](std::uint8_t x, std::uint8_t y) -> std::uint8_t { return x | y; });
      } else {
        Zip(len, a.truth, a.varies, b.truth, b.varies, out.truth,
            [](std::uint8_t x, std::uint8_t y) -> std::uint8_t { return x & y; });
      }
      // The right operand is reached only where the left one does not decide.
      if (out.fault != nullptr) {
        for (std::size_t r = 0; r < len; ++r) {
          const Fault f = a.FaultOf(r);
          out.fault[r] = f != kNoFault || a.Truth(r) == decides ? f : b.FaultOf(r);
        }
      }
      return;
    }
    case Op::kEq:
    case Op::kNe:
    case Op::kLt:
    case Op::kLe:
    case Op::kGt:
    case Op::kGe: {
      const Node& ln = p.nodes[static_cast<std::size_t>(n.lhs)];
      const Node& rn = p.nodes[static_cast<std::size_t>(n.rhs)];
      WithComparison(n.op, [&](auto holds) {
        switch (ln.type) {
          case ValueType::kNumber:
            Zip(len, a.number, a.varies, b.number, b.varies, out.truth,
                [&](double x, double y) -> std::uint8_t { return holds(ThreeWay(x, y)) ? 1 : 0; });
            break;
          case ValueType::kBool:
            Zip(len, a.truth, a.varies, b.truth, b.varies, out.truth,
                [&](std::uint8_t x, std::uint8_t y) -> std::uint8_t {
                  return holds(static_cast<int>(x) - static_cast<int>(y)) ? 1 : 0;
                });
            break;
          case ValueType::kString:
            for (std::size_t r = 0; r < len; ++r) {
              const int c = ThreeWay(StringOf(ln, government(r)), StringOf(rn, government(r)));
              out.truth[r] = holds(c) ? 1 : 0;
            }
            break;
        }
      });
      both_faults();
      return;
    }
    case Op::kIn:
    case Op::kNotIn: {
      // Elements are tried in order until one matches: out.truth holds "found" meanwhile, and a
      // government stops at its first fault.
      const Node& ln = p.nodes[static_cast<std::size_t>(n.lhs)];
      for (std::size_t r = 0; r < len; ++r) {
        out.truth[r] = 0;
        if (out.fault != nullptr) out.fault[r] = a.FaultOf(r);
      }
      for (const int e : n.list) {
        const Node& en = p.nodes[static_cast<std::size_t>(e)];
        const NodeView ev = ViewOf(e, scratch);
        for (std::size_t r = 0; r < len; ++r) {
          if (out.truth[r] != 0 || (out.fault != nullptr && out.fault[r] != kNoFault)) continue;
          if (const Fault f = ev.FaultOf(r); f != kNoFault) {
            out.fault[r] = f;
            continue;
          }
          bool equal = false;
          switch (ln.type) {
            case ValueType::kNumber:
              equal = ev.Number(r) == a.Number(r);
              break;
            case ValueType::kString:
              equal = StringOf(en, government(r)) == StringOf(ln, government(r));
              break;
            case ValueType::kBool:
              equal = ev.Truth(r) == a.Truth(r);
              break;
          }
          if (equal) out.truth[r] = 1;
        }
      }
      if (n.op == Op::kNotIn) {
        for (std::size_t r = 0; r < len; ++r) out.truth[r] = out.truth[r] != 0 ? 0 : 1;
      }
      return;
    }
  }
  // Arithmetic: the operands' faults, then the node's own.
  both_faults();
  for (std::size_t r = 0; r < len; ++r) {
    if (out.fault[r] != kNoFault) continue;
    if (n.op == Op::kDiv && b.Number(r) == 0) {
      out.fault[r] = MakeFault(i, FaultKind::kDivisionByZero);
    } else if (!std::isfinite(out.number[r])) {
      out.fault[r] = MakeFault(i, FaultKind::kOverflow);
    }
  }
}

}  // namespace detail

std::vector<double> Expression::ComputeAggregates(const Registry& registry,
                                                  std::span<const double> parameters) const {
  const detail::ColumnProgram columns(*this, registry);
  detail::ColumnScratch scratch;
  columns.Run(parameters, registry, scratch);
  return columns.AggregateValues(scratch);
}

std::vector<Value> Expression::EvaluateAll(const Registry& registry,
                                           std::span<const double> parameters) const {
  const detail::ColumnProgram columns(*this, registry);
  detail::ColumnScratch scratch;
  columns.Run(parameters, registry, scratch);
  const detail::NodeView root = columns.Root(scratch);
  for (std::size_t g = 0; g < registry.size(); ++g) {
    if (const detail::Fault f = root.FaultOf(g); f != detail::kNoFault) {
      throw InputError(detail::FaultDiagnostic(*program_, f, registry[g]));
    }
  }
  std::vector<Value> out;
  out.reserve(registry.size());
  for (std::size_t g = 0; g < registry.size(); ++g) {
    out.push_back(columns.ValueAt(g, registry, scratch));
  }
  return out;
}

}  // namespace jobaward
