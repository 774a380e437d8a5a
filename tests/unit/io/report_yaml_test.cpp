// Report YAML loader: what a good file gives, and the exact message of every error kind.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "jobaward/io/report_io.hpp"
#include "report_fixtures.hpp"

namespace jobaward {
namespace {

const char* const kGood =
    "# a submitted report\n"           // 1
    "government: \"11530\"\n"          // 2
    "name_ko: \"구로구\"\n"            // 3
    "year: 2020\n"                     // 4
    "synthetic: false\n"               // 5
    "provenance: \"test\"\n"           // 6
    "sources:\n"                       // 7
    "  jobs_created: \"kurotimes\"\n"  // 8
    "fields:\n"                        // 9
    "  jobs_target: 13300\n"           // 10
    "  jobs_created: 13752\n"          // 11
    "  employment_rate: 62.5\n"        // 12
    "  disclosed_on_time: true\n"      // 13
    "  plan_review: [78, 82.5, 80]\n"  // 14
    "  governance: B\n";               // 15

// A valid header followed by the given `fields:` lines (which start on line 7).
std::string WithFields(const std::string& field_lines) {
  return "government: \"11530\"\n"  // 1
         "year: 2020\n"             // 2
         "synthetic: true\n"        // 3
         "provenance: \"test\"\n"   // 4
         "# fields follow\n"        // 5
         "fields:\n" +              // 6
         field_lines;
}

std::vector<std::string> Errors(const std::string& text, const std::string& file = "11530.yaml",
                                const ReportLoadOptions& options = {}) {
  try {
    (void)ParseReportYaml(text, file, test::Schema2020(), test::SmallRegistry(), options);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.ToString());
    return out;
  }
  return {};
}

std::string OnlyError(const std::string& text, const std::string& file = "11530.yaml",
                      const ReportLoadOptions& options = {}) {
  const auto errors = Errors(text, file, options);
  REQUIRE_EQ(errors.size(), 1U);
  return errors[0];
}

}  // namespace

TEST_SUITE("report_yaml") {
  TEST_CASE("a valid report gives its government, year, values, sources and locations") {
    const Report r = ParseReportYaml(kGood, "11530.yaml", test::Schema2020(), test::SmallRegistry(),
                                     {.expected_year = 2020});
    CHECK_EQ(r.government_code, "11530");
    CHECK_EQ(r.year, 2020);
    CHECK_FALSE(r.synthetic);
    CHECK_EQ(r.provenance, "test");
    CHECK_EQ(std::get<double>(r.fields.at("jobs_target")), 13300);
    CHECK_EQ(std::get<double>(r.fields.at("jobs_created")), 13752);
    CHECK_EQ(std::get<double>(r.fields.at("employment_rate")), 62.5);
    CHECK_EQ(std::get<bool>(r.fields.at("disclosed_on_time")), true);
    CHECK_EQ(std::get<std::vector<double>>(r.fields.at("plan_review")),
             std::vector<double>{78, 82.5, 80});
    CHECK_EQ(std::get<std::string>(r.fields.at("governance")), "B");
    CHECK_EQ(r.fields.size(), 6U);  // absent fields stay absent (missing), never defaulted
    CHECK_EQ(r.sources.at("jobs_created"), "kurotimes");
    CHECK_EQ(r.locations.at("jobs_created").ToString(), "11530.yaml:11:17");
    CHECK_EQ(r.origin.ToString(), "11530.yaml:2:13");
  }

  TEST_CASE("an unknown field is an error with a did-you-mean suggestion") {
    CHECK_EQ(OnlyError(WithFields("  jobs_creatd: 5\n")),
             "11530.yaml:7:3: fields.jobs_creatd: unknown key 'jobs_creatd', did you mean "
             "'jobs_created'?");
  }

  TEST_CASE("an unknown top-level key is an error with a did-you-mean suggestion") {
    CHECK_EQ(OnlyError("goverment: \"11530\"\n" + WithFields("  jobs_target: 5\n")),
             "11530.yaml:1:1: goverment: unknown key 'goverment', did you mean 'government'?");
  }

  TEST_CASE("a government that is not in the registry is an error") {
    CHECK_EQ(
        OnlyError("government: \"99999\"\nyear: 2020\nsynthetic: true\nfields: {}\n", "x.yaml"),
        "x.yaml:1:13: government: government 99999 is not in the registry (registry.csv)");
    CHECK_EQ(OnlyError("government: \"1153\"\nyear: 2020\nsynthetic: true\nfields: {}\n", "x.yaml"),
             "x.yaml:1:13: government: expected a 5-digit government code, got '1153'");
  }

  TEST_CASE("a government that differs from a five-digit file name is an error") {
    CHECK_EQ(OnlyError(WithFields("  jobs_target: 5\n"), "reports/11110.yaml"),
             "reports/11110.yaml:1:13: government: government 11530 does not match the file "
             "name '11110.yaml'");
  }

  TEST_CASE("name_ko, when given, must match the registry") {
    CHECK_EQ(OnlyError("name_ko: \"구로\"\n" + WithFields("  jobs_target: 5\n")),
             "11530.yaml:1:10: name_ko: '구로' does not match the registry's name '구로구' for "
             "government 11530");
  }

  TEST_CASE("duplicate keys are errors, in fields and at the top level") {
    CHECK_EQ(OnlyError(WithFields("  jobs_target: 5\n  jobs_target: 6\n")),
             "11530.yaml:8:3: fields.jobs_target: duplicate key");
    CHECK_EQ(OnlyError("year: 2020\n" + WithFields("  jobs_target: 5\n")),
             "11530.yaml:3:1: year: duplicate key");
  }

  TEST_CASE("a value of the wrong type is an error naming what was expected") {
    CHECK_EQ(OnlyError(WithFields("  jobs_target: \"13300\"\n")),
             "11530.yaml:7:16: fields.jobs_target: expected a count (a whole number >= 0), got "
             "the string \"13300\"");
    CHECK_EQ(OnlyError(WithFields("  jobs_target: [1, 2]\n")),
             "11530.yaml:7:16: fields.jobs_target: expected a count (a whole number >= 0), got a "
             "list");
    CHECK_EQ(OnlyError(WithFields("  employment_rate: high\n")),
             "11530.yaml:7:20: fields.employment_rate: expected a number, got 'high'");
    CHECK_EQ(OnlyError(WithFields("  employment_rate: {a: 1}\n")),
             "11530.yaml:7:20: fields.employment_rate: expected a number, got a mapping");
    CHECK_EQ(OnlyError(WithFields("  plan_review: 80\n")),
             "11530.yaml:7:16: fields.plan_review: expected a list of scores, got '80'");
    CHECK_EQ(OnlyError(WithFields("  plan_review: [80, \"90\"]\n")),
             "11530.yaml:7:21: fields.plan_review[1]: expected a score (a number), got the string "
             "\"90\"");
    CHECK_EQ(OnlyError(WithFields("  disclosed_on_time: yes\n")),
             "11530.yaml:7:22: fields.disclosed_on_time: expected true or false, got 'yes'");
    CHECK_EQ(OnlyError(WithFields("  jobs_target:\n")),
             "11530.yaml:7:3: fields.jobs_target: expected a count (a whole number >= 0), got "
             "nothing (null); leave the field out when the value is missing");
  }

  TEST_CASE("negative and non-integer counts are errors") {
    CHECK_EQ(OnlyError(WithFields("  jobs_created: -3\n")),
             "11530.yaml:7:17: fields.jobs_created: count must not be negative, got -3");
    CHECK_EQ(OnlyError(WithFields("  audit_findings: 1.5\n")),
             "11530.yaml:7:19: fields.audit_findings: count must be a whole number, got 1.5");
  }

  TEST_CASE("NaN, infinities and numbers too large for a double are errors") {
    CHECK_EQ(OnlyError(WithFields("  employment_rate: .nan\n")),
             "11530.yaml:7:20: fields.employment_rate: expected a finite number, got '.nan'");
    CHECK_EQ(OnlyError(WithFields("  budget_planned: .inf\n")),
             "11530.yaml:7:19: fields.budget_planned: expected a finite number, got '.inf'");
    CHECK_EQ(OnlyError(WithFields("  budget_planned: -.Inf\n")),
             "11530.yaml:7:19: fields.budget_planned: expected a finite number, got '-.Inf'");
    CHECK_EQ(OnlyError(WithFields("  jobs_target: 1e999\n")),
             "11530.yaml:7:16: fields.jobs_target: expected a finite number, got '1e999'");
    CHECK_EQ(OnlyError(WithFields("  interview: [80, nan]\n")),
             "11530.yaml:7:19: fields.interview[1]: expected a finite number, got 'nan'");
  }

  TEST_CASE("values outside the field's range are errors") {
    CHECK_EQ(OnlyError(WithFields("  employment_rate: 104.5\n")),
             "11530.yaml:7:20: fields.employment_rate: expected a value between 0 and 100, got "
             "104.5");
    CHECK_EQ(OnlyError(WithFields("  budget_planned: -1\n")),
             "11530.yaml:7:19: fields.budget_planned: expected a value >= 0, got -1");
    CHECK_EQ(OnlyError(WithFields("  plan_review: [78, 120, 80]\n")),
             "11530.yaml:7:21: fields.plan_review[1]: expected a value between 0 and 100, got "
             "120");
  }

  TEST_CASE("a grade must be one capital letter A to E") {
    CHECK_EQ(OnlyError(WithFields("  governance: F\n")),
             "11530.yaml:7:15: fields.governance: expected a grade A, B, C, D or E, got 'F'");
    CHECK_EQ(OnlyError(WithFields("  governance: b\n")),
             "11530.yaml:7:15: fields.governance: expected a grade A, B, C, D or E, got 'b'");
    CHECK(Errors(WithFields("  governance: \"A\"\n")).empty());
  }

  TEST_CASE("an empty score list is an error") {
    CHECK_EQ(OnlyError(WithFields("  interview: []\n")),
             "11530.yaml:7:14: fields.interview: expected at least one score, got an empty list");
  }

  TEST_CASE("a year other than the expected one is an error") {
    CHECK_EQ(OnlyError("year: 2019\ngovernment: \"11530\"\nsynthetic: true\nfields: {}\n",
                       "11530.yaml", {.expected_year = 2020}),
             "11530.yaml:1:7: year: expected year 2020, got 2019");
    CHECK(Errors("year: 2019\ngovernment: \"11530\"\nsynthetic: true\nfields: {}\n").empty());
    CHECK_EQ(OnlyError("year: 2020.5\ngovernment: \"11530\"\nsynthetic: true\nfields: {}\n"),
             "11530.yaml:1:7: year: expected a whole number, got 2020.5");
  }

  TEST_CASE("government, year, synthetic and fields are required") {
    CHECK_EQ(
        Errors("provenance: \"x\"\n"),
        (std::vector<std::string>{"11530.yaml:1:1: government: missing required key 'government'",
                                  "11530.yaml:1:1: year: missing required key 'year'",
                                  "11530.yaml:1:1: synthetic: missing required key 'synthetic'",
                                  "11530.yaml:1:1: fields: missing required key 'fields'"}));
  }

  TEST_CASE("a source must name a field the report contains") {
    CHECK_EQ(OnlyError("sources:\n  jobs_target: \"x\"\n" + WithFields("  jobs_created: 5\n")),
             "11530.yaml:2:3: sources.jobs_target: source given for field 'jobs_target' that the "
             "report does not contain");
    CHECK_EQ(OnlyError("sources:\n  jobs_targt: \"x\"\n" + WithFields("  jobs_target: 5\n")),
             "11530.yaml:2:3: sources.jobs_targt: unknown key 'jobs_targt', did you mean "
             "'jobs_target'?");
  }

  TEST_CASE("every error of a file is reported at once") {
    const auto errors = Errors(WithFields(
        "  jobs_target: -1\n  jobs_created: 1.5\n  governance: Z\n  interview: []\n  bogus: 1\n"));
    CHECK_EQ(errors.size(), 5U);
  }

  TEST_CASE("a YAML syntax error names the place") {
    CHECK_EQ(OnlyError("government: \"11530\"\nfields: [1, 2\n"),
             "11530.yaml:3:1: YAML syntax error: did not find expected ',' or ']' (while parsing a "
             "flow sequence)");
  }
}

}  // namespace jobaward
