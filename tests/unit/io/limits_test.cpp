// Bounded resource use on hostile input: YAML nesting (yaml-cpp's depth guard turned into a clear
// InputError), expression length and nesting, CSV with very many columns or a huge field. Each
// must end in a clear InputError or a normal result, never a crash or a stack overflow; the
// sanitizer build (CI) runs these under ASan, which catches an overflow the plain build might
// survive. The input-size limit of ReadTextFile is tested in file_io_test.cpp.
#include <doctest/doctest.h>

#include <string>

#include "jobaward/cohorts/expr.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/csv.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "test_support.hpp"

using namespace jobaward;

namespace {

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The messages of `load`'s InputError, one per line; "(no error)" when it loaded.
template <typename F>
std::string Messages(F&& load) {
  try {
    load();
  } catch (const InputError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
    return out;
  }
  return "(no error)";
}

const Registry& BundledRegistry() {
  static const Registry registry =
      ParseRegistry(test::Slurp(test::SourcePath("cohorts/governments-2020.csv")),
                    "governments-2020.csv", Registry2020Expectations());
  return registry;
}

const ReportSchema& ScoresSchema() {
  static const ReportSchema schema{
      {{"interview_scores", FieldType::kScores, "면접", "", 0.0, 100.0}}};
  return schema;
}

std::string ReportWith(const std::string& scores) {
  return "government: \"11530\"\nyear: 2020\nsynthetic: true\nfields:\n  interview_scores: " +
         scores + "\n";
}

}  // namespace

TEST_SUITE("limits") {
  TEST_CASE("10,000 nested flow lists are rejected at yaml-cpp's depth guard, not by the stack") {
    const std::string text = "year: 2020\ncohorts: " + Repeat("[", 10000) + "\n";
    CHECK_EQ(Messages([&] { (void)ParseCohortRules(text, "deep.yaml"); }),
             "deep.yaml:3:1: lists or mappings are nested more than 499 levels deep\n");
  }

  TEST_CASE("10,000 nested flow mappings are rejected the same way") {
    const std::string text = "year: 2020\ncohorts: " + Repeat("{a: ", 10000) + "\n";
    const std::string messages = Messages([&] { (void)ParseRubric(text, "deep.yaml"); });
    CHECK_NE(messages.find("deep.yaml:"), std::string::npos);
    CHECK_NE(messages.find(": lists or mappings are nested more than 499 levels deep\n"),
             std::string::npos);
  }

  TEST_CASE("2,000 levels of indented block mappings are rejected the same way") {
    std::string text = "year: 2020\ncohorts:\n";
    for (int i = 1; i <= 2000; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
    const std::string messages = Messages([&] { (void)ParseCohortRules(text, "deep.yaml"); });
    CHECK_NE(messages.find(": lists or mappings are nested more than 499 levels deep\n"),
             std::string::npos);
  }

  TEST_CASE("lists nested just under the depth guard load and get an ordinary type error") {
    // 480 levels pass yaml-cpp's guard; the loader then sees a list where a score belongs.
    const std::string scores = "[" + Repeat("[", 479) + "1" + Repeat("]", 479) + "]";
    CHECK_EQ(Messages([&] {
               (void)ParseReportYaml(ReportWith(scores), "deep.yaml", ScoresSchema(),
                                     BundledRegistry());
             }),
             "deep.yaml:5:22: fields.interview_scores[0]: expected a score (a number), got a "
             "list\n");
  }

  TEST_CASE("10,000 nested lists in a report are rejected with a clear message") {
    const std::string messages = Messages([&] {
      (void)ParseReportYaml(ReportWith(Repeat("[", 10000)), "deep.yaml", ScoresSchema(),
                            BundledRegistry());
    });
    CHECK_NE(messages.find("deep.yaml:"), std::string::npos);
    CHECK_NE(messages.find("nested"), std::string::npos);
  }

  TEST_CASE("an expression of exactly the length limit compiles; one byte more does not") {
    std::string text = "workers > 1";
    text.resize(kMaxExpressionLength, ' ');
    CHECK_NOTHROW((void)Expression::Compile(text, {}));
    text += ' ';
    try {
      (void)Expression::Compile(text, {});
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK_EQ(e.diagnostics()[0].message,
               "expression is " + std::to_string(kMaxExpressionLength + 1) +
                   " bytes long; the limit is " + std::to_string(kMaxExpressionLength));
    }
  }

  TEST_CASE("deep nesting through every recursive rule of the grammar is cut at the depth limit") {
    const std::string limit_message =
        "expression nests deeper than " + std::to_string(kMaxExpressionDepth) + " levels";
    const std::string cases[] = {
        Repeat("(", 1000) + "true" + Repeat(")", 1000),
        Repeat("not ", 1000) + "true",
        Repeat("- ", 1000) + "1 > 0",
        Repeat("1 + (", 500) + "1" + Repeat(")", 500) + " > 0",
    };
    for (const auto& text : cases) {
      INFO("expression starts: ", text.substr(0, 20));
      const std::string messages = Messages([&] { (void)Expression::Compile(text, {}); });
      CHECK_NE(messages.find(limit_message), std::string::npos);
    }
  }

  TEST_CASE("nested lists and nested aggregates, which the grammar forbids, get a syntax error") {
    const std::string lists =
        Messages([&] { (void)Expression::Compile("type in " + Repeat("[", 1000), {}); });
    CHECK_NE(lists.find(":1:10: rule: syntax error: expected a value, found '['\n"),
             std::string::npos);
    const std::string aggregates =
        Messages([&] { (void)Expression::Compile(Repeat("max(", 1000), {}); });
    CHECK_NE(aggregates.find(":1:5: rule: aggregates cannot be nested: 'max' is inside another "
                             "aggregate's arguments\n"),
             std::string::npos);
  }

  TEST_CASE("moderate nesting well under the limit compiles") {
    const std::string text =
        Repeat("(", 20) + "workers > 1" + Repeat(")", 20) + " and " + Repeat("not ", 20) + "false";
    CHECK_NOTHROW((void)Expression::Compile(text, {}));
  }

  TEST_CASE("a CSV row of 1,000 fields parses; a header of 1,001 columns is refused") {
    std::string header;
    std::string row;
    for (int i = 0; i < 1000; ++i) {
      header += (i == 0 ? "" : ",") + std::string("c") + std::to_string(i);
      row += (i == 0 ? "" : ",") + std::to_string(i);
    }
    const CsvTable table = ParseCsv(header + "\n" + row + "\n", "wide.csv");
    CHECK_EQ(table.header.size(), 1000U);
    REQUIRE_EQ(table.rows.size(), 1U);
    CHECK_EQ(table.rows[0].fields.back(), "999");
    CHECK_EQ(Messages([&] { (void)ParseCsv(header + ",x\n" + row + ",1\n", "wide.csv"); }),
             "wide.csv:1: the header has 1001 columns; the limit is 1000\n");
  }

  TEST_CASE("a CSV field of 64 KiB parses; one byte more is refused") {
    const std::string big(65536, 'x');
    const CsvTable table = ParseCsv("a,b\n1,\"" + big + "\"\n", "big.csv");
    REQUIRE_EQ(table.rows.size(), 1U);
    CHECK_EQ(table.rows[0].fields[1].size(), big.size());
    CHECK_EQ(Messages([&] { (void)ParseCsv("a,b\n1,\"" + big + "x\"\n", "big.csv"); }),
             "big.csv:2:2: the field is 65537 bytes long; the limit is 65536\n");
  }

  TEST_CASE("rows and cells past the limits are refused at the first one too many") {
    CsvLimits limits;
    limits.max_rows = 3;
    CHECK_EQ(Messages([&] { (void)ParseCsv("a\n1\n2\n3\n4\n5\n", "long.csv", limits); }),
             "long.csv:5: more than 3 data rows, the limit; the rest of the file is not read\n");
    limits = CsvLimits{};
    limits.max_cells = 5;
    CHECK_EQ(Messages([&] { (void)ParseCsv("a,b\n1,2\n3,4\n5,6\n", "wide.csv", limits); }),
             "wide.csv:4: more than 5 cells (2 rows of 2 columns), the limit; the rest of the file "
             "is not read\n");
  }

  TEST_CASE(
      "a registry with 900 unknown columns lists the first 100 problems and counts the rest") {
    std::string header =
        "code,name_ko,name_en,level,type,parent_code,population,population_year,"
        "population_source,workers,workers_year,workers_source,workers_estimated";
    for (int i = 0; i < 900; ++i) header += ",extra" + std::to_string(i);
    try {
      (void)ParseRegistry(header + "\n", "wide.csv");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), kMaxDiagnosticsPerFile + 1);
      CHECK_EQ(e.diagnostics()[99].ToString(), "wide.csv:1:113: extra99: unknown column 'extra99'");
      CHECK_EQ(e.diagnostics().back().ToString(),
               "wide.csv:1:114: and 800 more problems from here on (only the first 100 are "
               "listed)");
    }
  }

  TEST_CASE("a CSV with 50,000 ragged rows lists the first 100 and counts the rest") {
    std::string text = "a,b\n";
    for (int i = 0; i < 50000; ++i) text += "1\n";
    try {
      (void)ParseCsv(text, "ragged.csv");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), kMaxDiagnosticsPerFile + 1);
      CHECK_EQ(e.diagnostics()[99].ToString(),
               "ragged.csv:101: expected 2 fields as in the header, got 1");
      CHECK_EQ(e.diagnostics().back().ToString(),
               "ragged.csv:102: and 49900 more problems from here on (only the first 100 are "
               "listed)");
    }
  }
}
