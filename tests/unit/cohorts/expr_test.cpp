// Rule expressions: grammar, types, aggregates, errors (engine/src/core/expr_*.cpp).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "jobaward/cohorts/expr.hpp"

namespace jobaward {
namespace {

Government Gov(std::string code, std::string name_ko, std::string name_en, GovernmentType type,
               double population, double workers) {
  Government g;
  g.code = std::move(code);
  g.name_ko = std::move(name_ko);
  g.name_en = std::move(name_en);
  g.type = type;
  g.level = (type == GovernmentType::kCity || type == GovernmentType::kCounty ||
             type == GovernmentType::kDistrict)
                ? Level::kBasic
                : Level::kMetropolitan;
  g.population = population;
  g.workers = workers;
  g.population_year = 2023;
  g.workers_year = 2024;
  return g;
}

// Four districts with workers 10, 20, 30, 40 and two cities with 100 and 300.
Registry SmallRegistry() {
  return Registry("", {Gov("11530", "구로구", "Guro-gu", GovernmentType::kDistrict, 400, 40),
                       Gov("11110", "종로구", "Jongno-gu", GovernmentType::kDistrict, 100, 10),
                       Gov("11140", "중구", "Jung-gu", GovernmentType::kDistrict, 300, 30),
                       Gov("11170", "용산구", "Yongsan-gu", GovernmentType::kDistrict, 200, 20),
                       Gov("41110", "수원시", "Suwon-si", GovernmentType::kCity, 1000, 300),
                       Gov("41130", "성남시", "Seongnam-si", GovernmentType::kCity, 900, 100)});
}

Value Eval(const std::string& text, std::size_t index = 0,
           const Registry& registry = SmallRegistry(), const ExpressionEnvironment& env = {},
           const std::vector<double>& params = {}) {
  const Expression e = Expression::Compile(text, env, {}, std::nullopt);
  const std::vector<double> aggregates = e.ComputeAggregates(registry, params);
  return e.Evaluate(registry[index], params, aggregates);
}

double Num(const std::string& text, std::size_t index = 0) {
  const Value v = Eval(text, index);
  REQUIRE(v.type == ValueType::kNumber);
  return v.number;
}

bool Cond(const std::string& text, std::size_t index = 0) {
  const Value v = Eval(text, index);
  REQUIRE(v.type == ValueType::kBool);
  return v.boolean;
}

// The full text of the single diagnostic thrown by compiling `text` as a rule.
std::string CompileError(const std::string& text, const ExpressionEnvironment& env = {},
                         const ExpressionOrigin& origin = {}) {
  try {
    (void)Expression::Compile(text, env, origin);
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0].ToString();
  }
  return "(no error)";
}

std::string EvalError(const std::string& text, std::size_t index, const Registry& registry,
                      const ExpressionEnvironment& env = {},
                      const std::vector<double>& params = {}) {
  try {
    (void)Eval(text, index, registry, env, params);
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0].ToString();
  }
  return "(no error)";
}

std::vector<std::string> Outline(const std::string& text, std::size_t index = 0) {
  const Registry registry = SmallRegistry();
  const Expression e = Expression::Compile(text, {}, {}, std::nullopt);
  const std::vector<double> aggregates = e.ComputeAggregates(registry, {});
  std::vector<std::string> out;
  for (const auto& n : e.Explain(registry[index], {}, aggregates)) {
    out.push_back(std::string(static_cast<std::size_t>(2 * n.depth), ' ') + n.text + " = " +
                  (n.value ? n.value->ToString() : "(not evaluated)"));
  }
  return out;
}

}  // namespace

TEST_SUITE("expr") {
  TEST_CASE("not binds tighter than and, and tighter than or; comparisons tighter than not") {
    // not a == b and c or d  parses as  ((not (a == b)) and c) or d
    const std::vector<std::string> expected = {
        "not level == \"basic\" and workers > 35 or population < 0 = false",
        "  not level == \"basic\" and workers > 35 = false",
        "    not level == \"basic\" = false",
        "      level == \"basic\" = true",
        "        level = \"basic\"",
        "    workers > 35 = (not evaluated)",
        "      workers = (not evaluated)",
        "  population < 0 = false",
        "    population = 400",
    };
    CHECK_EQ(Outline("not level == \"basic\" and workers > 35 or population < 0"), expected);
    CHECK(Cond("not false and false or true"));
    CHECK_FALSE(Cond("not (false and false or true)"));
    CHECK(Cond("true or true and false"));  // and first: true or (true and false)
    CHECK_FALSE(Cond("(true or true) and false"));
  }

  TEST_CASE("arithmetic follows the usual precedence and associates to the left") {
    CHECK_EQ(Num("1 + 2 * 3"), 7);
    CHECK_EQ(Num("(1 + 2) * 3"), 9);
    CHECK_EQ(Num("10 - 4 - 3"), 3);
    CHECK_EQ(Num("8 / 4 / 2"), 1);
    CHECK_EQ(Num("workers / population"), doctest::Approx(0.1));
    CHECK_EQ(Num("1.5e3 + .5"), 1500.5);
    CHECK(Cond("workers * 10 == population"));
  }

  TEST_CASE("unary minus binds tighter than multiplication and can repeat") {
    CHECK_EQ(Num("-2 * 3"), -6);
    CHECK_EQ(Num("- -2"), 2);
    CHECK_EQ(Num("2 - -3"), 5);
    CHECK_EQ(Num("-workers"), -40);
    CHECK(Cond("-workers < 0"));
  }

  TEST_CASE("in and not in test membership of strings and numbers") {
    CHECK(Cond("type in [\"city\", \"district\"]"));
    CHECK_FALSE(Cond("type in [\"city\", \"county\"]"));
    CHECK(Cond("code not in [\"11110\", \"11140\"]"));
    CHECK_FALSE(Cond("code not in [\"11530\"]"));
    CHECK(Cond("workers in [10, 20 * 2]"));
    CHECK_FALSE(Cond("workers in []"));
    CHECK(Cond("'single' in ['single',]"));
    CHECK(Cond("workers_estimated in [false]"));
  }

  TEST_CASE("strings compare by bytes and fields have their registry values") {
    CHECK(Cond("code >= \"11000\" and code < \"12000\""));
    CHECK(Cond("name_en == \"Guro-gu\" and name_ko == \"구로구\""));
    CHECK(Cond("level == \"basic\" and parent_code == \"\""));
    CHECK_EQ(Num("population_year + workers_year"), 4047);
    CHECK_FALSE(Cond("workers_estimated"));
  }

  TEST_CASE("quantile uses type-7 linear interpolation over the filtered registry") {
    // Districts' workers sorted: 10 20 30 40; h = (n - 1) p.
    CHECK_EQ(Num("quantile(workers, 0.25, where: type == \"district\")"), 17.5);  // h=0.75
    CHECK_EQ(Num("quantile(workers, 0.5, where: type == \"district\")"), 25);
    CHECK_EQ(Num("quantile(workers, 0.9, where: type == \"district\")"), doctest::Approx(37));
    CHECK_EQ(Num("quantile(workers, 0, where: type == \"district\")"), 10);
    CHECK_EQ(Num("quantile(workers, 1, where: type == \"district\")"), 40);
    // All six: 10 20 30 40 100 300; h = 2.5 -> 30 + 0.5 * 10.
    CHECK_EQ(Num("median(workers)"), 35);
    CHECK_EQ(Num("median(workers / population, where: type == \"city\")"),
             doctest::Approx((0.3 + 100.0 / 900.0) / 2));
    CHECK_EQ(Num("mean(workers, where: type == \"city\")"), 200);
    CHECK_EQ(Num("min(workers)"), 10);
    CHECK_EQ(Num("max(population, where: type == \"district\")"), 400);
    CHECK_EQ(Num("sum(workers)"), 500);
    CHECK_EQ(Num("count(where: workers > 25)"), 4);
    CHECK_EQ(Num("count()"), 6);
    CHECK_EQ(Num("count(where: type == \"county\")"), 0);
    // An aggregate is the same for every government: Jongno-gu (index 1) is below the median.
    CHECK_FALSE(Cond("workers >= median(workers, where: type == \"district\")", 1));
    CHECK(Cond("workers >= median(workers, where: type == \"district\")", 0));
  }

  TEST_CASE("named parameters are numbers whose values are given at evaluation") {
    const ExpressionEnvironment env{{"cut", "share"}};
    const Registry registry = SmallRegistry();
    CHECK(Eval("workers >= cut", 0, registry, env, {40, 0}).boolean);
    CHECK_FALSE(Eval("workers >= cut", 0, registry, env, {41, 0}).boolean);
    CHECK_EQ(
        Eval("quantile(workers, share, where: type == \"district\")", 0, registry, env, {0, 0.25})
            .number,
        17.5);
    CHECK_EQ(CompileError("workers >= cutt", env),
             "<input>:1:12: rule: unknown name 'cutt', did you mean 'cut'?\n"
             "  workers >= cutt\n"
             "             ^");
  }

  TEST_CASE("syntax errors point at the offending column") {
    CHECK_EQ(CompileError("workers >= = 3"),
             "<input>:1:12: rule: syntax error: '=' is not an operator; use '==' to compare\n"
             "  workers >= = 3\n"
             "             ^");
    CHECK_EQ(CompileError("(workers > 1"),
             "<input>:1:13: rule: syntax error: expected ')' to close the '(' at column 1, found "
             "end of expression\n"
             "  (workers > 1\n"
             "              ^");
    CHECK_EQ(CompileError("workers > 1 and"),
             "<input>:1:16: rule: syntax error: expected a value, found end of expression\n"
             "  workers > 1 and\n"
             "                 ^");
    CHECK_EQ(CompileError("1 < workers < 3"),
             "<input>:1:13: rule: syntax error: comparisons cannot be chained; combine them "
             "with 'and'\n"
             "  1 < workers < 3\n"
             "              ^");
    CHECK_EQ(CompileError("type == \"city"),
             "<input>:1:9: rule: syntax error: string is not closed; add the closing \"\n"
             "  type == \"city\n"
             "          ^");
    CHECK_EQ(CompileError("worker > 1"),
             "<input>:1:1: rule: unknown name 'worker', did you mean 'workers'?\n"
             "  worker > 1\n"
             "  ^");
    CHECK_EQ(CompileError("workers > avg(workers)"),
             "<input>:1:11: rule: unknown function 'avg' (functions: quantile, median, mean, min, "
             "max, sum, count)\n"
             "  workers > avg(workers)\n"
             "            ^");
    CHECK_EQ(CompileError("workers > quantile(workers, where: true)"),
             "<input>:1:11: rule: 'quantile' takes 2 arguments before 'where:', got 1; use "
             "quantile(value, p, where: condition)\n"
             "  workers > quantile(workers, where: true)\n"
             "            ^");
    CHECK_EQ(CompileError("type in [\"city\" \"county\"]"),
             "<input>:1:17: rule: syntax error: expected ',' or ']' to close the list opened at "
             "column 9, found string \"county\"\n"
             "  type in [\"city\" \"county\"]\n"
             "                  ^");
  }

  TEST_CASE("type errors name the operator and the operand types") {
    CHECK_EQ(CompileError("population > \"x\""),
             "<input>:1:12: rule: type error: '>' compares two numbers or two strings, got "
             "number and string\n"
             "  population > \"x\"\n"
             "             ^");
    CHECK_EQ(CompileError("workers and level"),
             "<input>:1:9: rule: type error: 'and' needs two booleans, got number and string\n"
             "  workers and level\n"
             "          ^");
    CHECK_EQ(CompileError("level == 1"),
             "<input>:1:7: rule: type error: '==' compares values of the same type, got string "
             "and number\n"
             "  level == 1\n"
             "        ^");
    CHECK_EQ(CompileError("not workers"),
             "<input>:1:1: rule: type error: 'not' needs a boolean, got number\n"
             "  not workers\n"
             "  ^");
    CHECK_EQ(CompileError("-level == \"x\""),
             "<input>:1:1: rule: type error: unary '-' needs a number, got string\n"
             "  -level == \"x\"\n"
             "  ^");
    CHECK_EQ(CompileError("type in [\"city\", 3]"),
             "<input>:1:18: rule: type error: this list element is a number but 'type' is a "
             "string\n"
             "  type in [\"city\", 3]\n"
             "                   ^");
    CHECK_EQ(CompileError("workers + 1"),
             "<input>:1:1: rule: type error: a rule must be a condition (true or false), got "
             "number\n"
             "  workers + 1\n"
             "  ^");
    CHECK_EQ(CompileError("workers > quantile(workers, population / 1e6)"),
             "<input>:1:29: rule: the p of 'quantile' must not depend on the government; use "
             "numbers and parameters\n"
             "  workers > quantile(workers, population / 1e6)\n"
             "                              ^");
    CHECK_EQ(CompileError("workers > median(workers, where: workers > median(workers))"),
             "<input>:1:44: rule: aggregates cannot be nested: 'median' is inside another "
             "aggregate's arguments\n"
             "  workers > median(workers, where: workers > median(workers))\n"
             "                                             ^");
  }

  TEST_CASE("carets count Korean characters as two terminal cells; file columns count bytes") {
    // The location counts bytes like yaml-cpp's marks (3 per syllable), the caret terminal cells.
    CHECK_EQ(CompileError("name_ko == \"구로구\" and workers"),
             "<input>:1:24: rule: type error: 'and' needs two booleans, got boolean and number\n"
             "  name_ko == \"구로구\" and workers\n"
             "                      ^");
  }

  TEST_CASE("an expression that is not verbatim in its file names the column inside it") {
    ExpressionOrigin origin;
    origin.where = {"rules.yaml", 7, 11};
    origin.key = "cohorts[2].rule";
    origin.columns_match_source = false;
    CHECK_EQ(CompileError("workers >= = 3", {}, origin),
             "rules.yaml:7:11: cohorts[2].rule: column 12 of the expression: syntax error: '=' "
             "is not an operator; use '==' to compare\n"
             "  workers >= = 3\n"
             "             ^");
    origin.columns_match_source = true;
    CHECK_EQ(CompileError("workers >= = 3", {}, origin),
             "rules.yaml:7:22: cohorts[2].rule: syntax error: '=' is not an operator; use '==' "
             "to compare\n"
             "  workers >= = 3\n"
             "             ^");
  }

  TEST_CASE("over-long and over-deep expressions are rejected before they exhaust the stack") {
    const std::string long_text = "workers > 1" + std::string(kMaxExpressionLength, ' ');
    CHECK_EQ(CompileError(long_text).substr(0, 68),
             "<input>:1:1: rule: expression is 4107 bytes long; the limit is 4096\n");
    const std::string deep = std::string(100, '(') + "true" + std::string(100, ')');
    CHECK_EQ(CompileError(deep).substr(0, 72),
             "<input>:1:65: rule: expression nests deeper than 64 levels; simplify it\n");
    CHECK_EQ(CompileError(std::string(200, '-') + "1 > 0").substr(0, 72),
             "<input>:1:64: rule: expression nests deeper than 64 levels; simplify it\n");
    CHECK_EQ(CompileError(std::string(60, '(') + "true" + std::string(60, ')')), "(no error)");
  }

  TEST_CASE("random token soup either compiles or fails with an InputError, never worse") {
    // Deterministic stand-in for a fuzzer: hostile input must not crash or throw anything else.
    const std::vector<std::string> pieces = {
        "workers", "population", "type",   "\"city\"", "'x", "1",     "0",  "-",        "+",
        "*",       "/",          "(",      ")",        "[",  "]",     ",",  "where",    ":",
        "and",     "or",         "not",    "in",       "==", "<",     ">=", "quantile", "median",
        "count",   "true",       "구로구", "=",        "!",  "1e999", ".",  " "};
    std::mt19937 rng(20200929);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
    std::uniform_int_distribution<int> length(1, 40);
    const Registry registry = SmallRegistry();
    int compiled = 0;
    for (int i = 0; i < 3000; ++i) {
      std::string text;
      for (int k = length(rng); k > 0; --k) text += pieces[pick(rng)] + " ";
      try {
        const Expression e = Expression::Compile(text, {}, {}, std::nullopt);
        const std::vector<double> aggregates = e.ComputeAggregates(registry, {});
        (void)e.Evaluate(registry[0], {}, aggregates);
        ++compiled;
      } catch (const InputError&) {
      }
    }
    CHECK_GT(compiled, 0);
  }

  TEST_CASE("division by zero names the government and the sub-expression") {
    Registry registry("", {Gov("11530", "구로구", "Guro-gu", GovernmentType::kDistrict, 0, 40)});
    CHECK_EQ(EvalError("workers / population > 1", 0, registry),
             "<input>:1:9: rule: division by zero in 'workers / population' for 11530 구로구 "
             "(Guro-gu)\n"
             "  workers / population > 1\n"
             "          ^");
    // and/or short-circuit, so a guard protects the division.
    CHECK_FALSE(Eval("population > 0 and workers / population > 1", 0, registry).boolean);
  }

  TEST_CASE("aggregates over nothing and quantiles outside [0, 1] are evaluation errors") {
    const Registry registry = SmallRegistry();
    CHECK_EQ(EvalError("workers > median(workers, where: type == \"county\")", 0, registry),
             "<input>:1:11: rule: 'median' has no values to aggregate: no government matches "
             "its where: condition\n"
             "  workers > median(workers, where: type == \"county\")\n"
             "            ^");
    const ExpressionEnvironment env{{"p"}};
    CHECK_EQ(EvalError("workers > quantile(workers, p)", 0, registry, env, {1.5}),
             "<input>:1:29: rule: the p of 'quantile' must be between 0 and 1, got 1.5\n"
             "  workers > quantile(workers, p)\n"
             "                              ^");
  }

  TEST_CASE("explain lists every sub-expression with its value; aggregates are one node") {
    const std::vector<std::string> expected = {
        "type == \"district\" and workers >= median(workers, where: type == \"district\") = "
        "true",
        "  type == \"district\" = true",
        "    type = \"district\"",
        "  workers >= median(workers, where: type == \"district\") = true",
        "    workers = 40",
        "    median(workers, where: type == \"district\") = 25",
    };
    CHECK_EQ(Outline("type == \"district\" and workers >= median(workers, where: type == "
                     "\"district\")"),
             expected);
    const std::vector<std::string> in_list = {"(type in [\"city\"]) = false",
                                              "  type = \"district\""};
    CHECK_EQ(Outline("(type in [\"city\"])"), in_list);
  }
}

}  // namespace jobaward
