// The two evaluators of rule expressions agree: the column evaluator (expr_columns.cpp, used
// for cohort assignment and aggregates) and the per-government tree walker (expr_eval.cpp, used
// for explanations) give the same value for every government, and the same first error.
#include <doctest/doctest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "jobaward/cohorts/expr.hpp"

namespace jobaward {
namespace {

Government Gov(std::string code, std::string name_en, GovernmentType type, double population,
               double workers, bool estimated = false) {
  Government g;
  g.code = std::move(code);
  g.name_ko = "구";
  g.name_en = std::move(name_en);
  g.type = type;
  g.level = type == GovernmentType::kProvince ? Level::kMetropolitan : Level::kBasic;
  g.population = population;
  g.workers = workers;
  g.workers_estimated = estimated;
  return g;
}

// Includes a government without population (to divide by) and one with estimated workers.
Registry Sample() {
  return Registry("", {Gov("11530", "Guro-gu", GovernmentType::kDistrict, 400, 40),
                       Gov("11110", "Jongno-gu", GovernmentType::kDistrict, 100, 10, true),
                       Gov("11140", "Jung-gu", GovernmentType::kDistrict, 0, 30),
                       Gov("41110", "Suwon-si", GovernmentType::kCity, 1000, 300),
                       Gov("41130", "Seongnam-si", GovernmentType::kCity, 900, 100, true),
                       Gov("47000", "Gyeongbuk", GovernmentType::kProvince, 2600, 1400)});
}

std::string ErrorText(const InputError& e) {
  std::string out = "error:";
  for (const auto& d : e.diagnostics()) out += " " + d.ToString();
  return out;
}

// Every government's value, one per line, or the first error: by the tree walker.
std::string ByTreeWalker(const Expression& e, const Registry& registry,
                         const std::vector<double>& parameters) {
  std::vector<double> aggregates;
  try {
    aggregates = e.ComputeAggregates(registry, parameters);
  } catch (const InputError& x) {
    return ErrorText(x);
  }
  std::string out;
  for (const auto& g : registry.governments()) {
    try {
      out += e.Evaluate(g, parameters, aggregates).ToString() + "\n";
    } catch (const InputError& x) {
      return ErrorText(x);
    }
  }
  return out;
}

// The same by the column evaluator.
std::string ByColumns(const Expression& e, const Registry& registry,
                      const std::vector<double>& parameters) {
  try {
    std::string out;
    for (const Value& v : e.EvaluateAll(registry, parameters)) out += v.ToString() + "\n";
    return out;
  } catch (const InputError& x) {
    return ErrorText(x);
  }
}

// Random well-typed expressions over the fields, one parameter `p`, and every operator and
// aggregate; literals include 0 (to divide by) and 1e308 (to overflow).
class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}

  std::string Number(int depth, bool in_aggregate) {
    static const char* const kLeaves[] = {"0",       "1",          "2.5", "10",          "1e308",
                                          "workers", "population", "p",   "workers_year"};
    static const char* const kOps[] = {"+", "-", "*", "/"};
    const int choice = Pick(depth > 0 ? (in_aggregate ? 3 : 5) : 1);
    switch (choice) {
      case 0:
        return kLeaves[Pick(9)];
      case 1:
        return "(" + Number(depth - 1, in_aggregate) + " " + kOps[Pick(4)] + " " +
               Number(depth - 1, in_aggregate) + ")";
      case 2:
        return "-" + Number(depth - 1, in_aggregate);
      case 3: {
        static const char* const kAggregates[] = {"median", "mean", "min", "max", "sum"};
        std::string call = std::string(kAggregates[Pick(5)]) + "(" + Number(depth - 1, true);
        if (Pick(2) == 0) call += ", where: " + Bool(depth - 1, true);
        return call + ")";
      }
      default: {
        static const char* const kP[] = {"p", "0.5", "p / 2", "1 / p", "(p - 0.25) * 2"};
        switch (Pick(2)) {
          case 0:
            return "quantile(" + Number(depth - 1, true) + ", " + kP[Pick(5)] +
                   (Pick(2) == 0 ? ", where: " + Bool(depth - 1, true) : std::string()) + ")";
          default:
            return "count(where: " + Bool(depth - 1, true) + ")";
        }
      }
    }
  }

  std::string Bool(int depth, bool in_aggregate) {
    static const char* const kCompare[] = {"==", "!=", "<", "<=", ">", ">="};
    static const char* const kStrings[] = {"type", "level", "code", "\"district\"", "name_en"};
    switch (Pick(depth > 0 ? 10 : 3)) {
      case 0:
        return Pick(2) == 0 ? "true" : "false";
      case 1:
        return "workers_estimated";
      case 2:
        return std::string(kStrings[Pick(5)]) + " " + kCompare[Pick(6)] + " " + kStrings[Pick(5)];
      case 3:
      case 4:
        return Number(depth - 1, in_aggregate) + " " + kCompare[Pick(6)] + " " +
               Number(depth - 1, in_aggregate);
      case 5:
        return "(" + Bool(depth - 1, in_aggregate) + (Pick(2) == 0 ? " and " : " or ") +
               Bool(depth - 1, in_aggregate) + ")";
      case 6:
        return "not " + Bool(depth - 1, in_aggregate);
      case 7:
        return std::string(kStrings[Pick(5)]) + (Pick(2) == 0 ? " in " : " not in ") +
               "[\"city\", \"district\", \"11110\"]";
      case 8:
        return Number(depth - 1, in_aggregate) + (Pick(2) == 0 ? " in [" : " not in [") +
               Number(depth - 1, in_aggregate) + ", " + Number(depth - 1, in_aggregate) + "]";
      default:
        return "(" + Bool(depth - 1, in_aggregate) + " == " + Bool(depth - 1, in_aggregate) + ")";
    }
  }

 private:
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::mt19937 rng_;
};

}  // namespace

TEST_SUITE("expr_columns") {
  TEST_CASE("both evaluators agree on chosen expressions, values and first errors") {
    const Registry registry = Sample();
    const ExpressionEnvironment env{{"p"}};
    const std::vector<std::string> cases = {
        "workers / population > 0.05",                     // Jung-gu divides by zero
        "population > 0 and workers / population > 0.05",  // guarded by and
        "population == 0 or workers / population > 0.05",  // guarded by or
        "workers / population + 1 / (workers - 30) > 0",   // Jung-gu: left operand's fault
        "1 / (workers - 30) + workers / population > 0",   // Jung-gu: left operand's fault
        "1 / (workers - 10) + workers / population > 0",   // Jongno-gu fails before Jung-gu
        "workers in [1 / (workers - 40), 10, workers / population]",  // stops at a match
        "workers * 1e308 * 10 > 0",                                   // overflow
        "type in [\"city\", \"province\"] and workers >= quantile(workers, p, where: type == "
        "\"city\")",
        "workers >= median(workers / population, where: population > 0)",
        "sum(workers / population) > 0",               // aggregate fault names Jung-gu
        "workers > quantile(workers, 1 / (p - 0.5))",  // p fault names no government
        "workers > quantile(workers, p + 1)",          // p outside [0, 1]
        "count(where: p > 0.4) + count(where: type == \"county\")",
        "workers_estimated == (workers < 200)",
        "-workers * p",
        "code",
        "\"literal\" < name_en",
    };
    for (const std::string& text : cases) {
      const Expression e = Expression::Compile(text, env, {}, std::nullopt);
      for (double p : {0.0, 0.25, 0.5, 1.0}) {
        CAPTURE(text);
        CAPTURE(p);
        const std::vector<double> parameters{p};
        CHECK_EQ(ByColumns(e, registry, parameters), ByTreeWalker(e, registry, parameters));
      }
    }
    // Some of them pinned, so both cannot agree on a wrong answer.
    CHECK_EQ(ByColumns(Expression::Compile(cases[3], env, {}, std::nullopt), registry, {0.5}),
             "error: <input>:1:9: rule: division by zero in 'workers / population' for 11140 "
             "구 (Jung-gu)\n"
             "  workers / population + 1 / (workers - 30) > 0\n"
             "          ^");
    CHECK_EQ(ByColumns(Expression::Compile(cases[4], env, {}, std::nullopt), registry, {0.5}),
             "error: <input>:1:3: rule: division by zero in '1 / (workers - 30)' for 11140 "
             "구 (Jung-gu)\n"
             "  1 / (workers - 30) + workers / population > 0\n"
             "    ^");
    CHECK_EQ(ByColumns(Expression::Compile(cases[5], env, {}, std::nullopt), registry, {0.5}),
             "error: <input>:1:3: rule: division by zero in '1 / (workers - 10)' for 11110 "
             "구 (Jongno-gu)\n"
             "  1 / (workers - 10) + workers / population > 0\n"
             "    ^");
    const Expression nobody = Expression::Compile(cases[11], env, {}, std::nullopt);
    CHECK_EQ(ByColumns(nobody, registry, {0.5}),
             "error: <input>:1:31: rule: division by zero in '1 / (p - 0.5)' for  \n"
             "  workers > quantile(workers, 1 / (p - 0.5))\n"
             "                                ^");
  }

  TEST_CASE("both evaluators agree on random expressions, values and first errors") {
    const Registry registry = Sample();
    const ExpressionEnvironment env{{"p"}};
    Generator generator(20201129);
    int compared = 0, failed = 0;
    for (int i = 0; i < 1500; ++i) {
      const std::string text = i % 3 == 0 ? generator.Number(4, false) : generator.Bool(4, false);
      std::optional<Expression> compiled;
      try {
        compiled = Expression::Compile(text, env, {}, std::nullopt);
      } catch (const InputError&) {
        continue;  // Over the length limit.
      }
      const Expression& e = *compiled;
      for (double p : {0.0, 0.5, 2.0}) {
        const std::vector<double> parameters{p};
        const std::string expected = ByTreeWalker(e, registry, parameters);
        CAPTURE(text);
        CAPTURE(p);
        REQUIRE_EQ(ByColumns(e, registry, parameters), expected);
        ++compared;
        if (expected.rfind("error:", 0) == 0) ++failed;
      }
    }
    // Both outcomes are well represented.
    CHECK_GT(failed, compared / 10);
    CHECK_LT(failed, compared * 9 / 10);
  }
}

}  // namespace jobaward
