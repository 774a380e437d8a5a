// libFuzzer harness: the rule expression language. Compiles the bytes as an expression of any
// type with two parameters; an expression that compiles is then evaluated, with its aggregates,
// for a few governments of the bundled registry (evaluation may reject with InputError too, e.g.
// division by zero or an aggregate over no government).
#include <array>
#include <optional>

#include "fuzz_support.hpp"
#include "jobaward/cohorts/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jobaward;
  static const Registry& registry = fuzz::BundledRegistry();
  return fuzz::Exercise([&] {
    const ExpressionEnvironment env{{"cut", "split"}};
    const Expression e =
        Expression::Compile(fuzz::AsText(data, size), env, ExpressionOrigin{}, std::nullopt);
    const std::array<double, 2> parameters{150000, 0.5};
    const std::vector<double> aggregates = e.ComputeAggregates(registry, parameters);
    if (aggregates.size() != e.aggregate_count()) throw InternalError("aggregate count");
    for (std::size_t i = 0; i < registry.size(); i += 61) {
      (void)e.Evaluate(registry[i], parameters, aggregates);
      (void)e.Explain(registry[i], parameters, aggregates);
    }
  });
}
