// Reports CSV loader: values, BOM handling, the exact message of every error kind, and the
// YAML <-> CSV round trip.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "jobaward/io/report_io.hpp"
#include "report_fixtures.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

const char* const kCsv =
    "government,name_ko,year,synthetic,provenance,jobs_target,jobs_created,employment_rate,"
    "disclosed_on_time,plan_review,governance\n"
    "11530,구로구,2020,false,kurotimes,13300,13752,62.5,TRUE,78;82.5;80,B\n"
    "11110,종로구,2020,true,\"synth, seed 1\",5000,,60.1,false,70; 71 ;72,C\n";

std::vector<Report> Parse(const std::string& text, const ReportLoadOptions& options = {}) {
  return ParseReportsCsv(text, "r.csv", test::Schema2020(), test::SmallRegistry(), options);
}

std::vector<std::string> Errors(const std::string& text, const ReportLoadOptions& options = {}) {
  try {
    (void)Parse(text, options);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.ToString());
    return out;
  }
  return {};
}

// One data row under a fixed header; the row is line 2 and `cell` is column 4.
std::string OneCell(const std::string& column, const std::string& cell) {
  return "government,year,synthetic," + column + "\n11530,2020,true," + cell + "\n";
}

std::string OnlyError(const std::string& text, const ReportLoadOptions& options = {}) {
  const auto errors = Errors(text, options);
  REQUIRE_EQ(errors.size(), 1U);
  return errors[0];
}

}  // namespace

TEST_SUITE("report_csv") {
  TEST_CASE("rows give reports; an empty cell is a missing value") {
    const auto reports = Parse(kCsv);
    REQUIRE_EQ(reports.size(), 2U);
    const Report& guro = reports[0];
    CHECK_EQ(guro.government_code, "11530");
    CHECK_EQ(guro.year, 2020);
    CHECK_FALSE(guro.synthetic);
    CHECK_EQ(guro.provenance, "kurotimes");
    CHECK_EQ(std::get<double>(guro.fields.at("jobs_created")), 13752);
    CHECK_EQ(std::get<bool>(guro.fields.at("disclosed_on_time")), true);
    CHECK_EQ(std::get<std::vector<double>>(guro.fields.at("plan_review")),
             std::vector<double>{78, 82.5, 80});
    CHECK_EQ(guro.locations.at("jobs_created").ToString(), "r.csv:2:7");
    CHECK_EQ(guro.origin.ToString(), "r.csv:2");
    const Report& jongno = reports[1];
    CHECK_EQ(jongno.provenance, "synth, seed 1");
    CHECK_EQ(jongno.fields.count("jobs_created"), 0U);
    CHECK_EQ(std::get<std::vector<double>>(jongno.fields.at("plan_review")),
             std::vector<double>{70, 71, 72});
  }

  TEST_CASE("a file with a UTF-8 BOM gives the same reports as one without") {
    const auto plain = Parse(kCsv);
    const auto bom = Parse(std::string("\xEF\xBB\xBF") + kCsv);
    REQUIRE_EQ(plain.size(), bom.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
      CHECK(test::SameContent(plain[i], bom[i]));
      for (const auto& [field, where] : plain[i].locations) {
        CHECK_EQ(where.ToString(), bom[i].locations.at(field).ToString());
      }
    }
  }

  TEST_CASE("booleans are true/false in any of three capitalisations, never 1/0") {
    CHECK(Errors(OneCell("disclosed_on_time", "True")).empty());
    CHECK(Errors(OneCell("disclosed_on_time", "FALSE")).empty());
    CHECK_EQ(OnlyError(OneCell("disclosed_on_time", "1")),
             "r.csv:2:4: disclosed_on_time: expected true or false, got '1'");
  }

  TEST_CASE("an unknown column is an error with a did-you-mean suggestion") {
    CHECK_EQ(OnlyError("government,year,synthetic,jobs_targt\n11530,2020,true,5\n"),
             "r.csv:1:4: jobs_targt: unknown column 'jobs_targt', did you mean 'jobs_target'?");
  }

  TEST_CASE("a missing required column is an error") {
    CHECK_EQ(OnlyError("government,synthetic,jobs_target\n11530,true,5\n"),
             "r.csv:1: year: missing required column 'year'");
  }

  TEST_CASE("a government not in the registry is an error") {
    CHECK_EQ(OnlyError("government,year,synthetic\n99999,2020,true\n"),
             "r.csv:2:1: government: government 99999 is not in the registry (registry.csv)");
    CHECK_EQ(OnlyError("government,year,synthetic\n,2020,true\n"),
             "r.csv:2:1: government: missing government code");
  }

  TEST_CASE("name_ko, when given, must match the registry") {
    CHECK_EQ(OnlyError("government,name_ko,year,synthetic\n11530,구로,2020,true\n"),
             "r.csv:2:2: name_ko: '구로' does not match the registry's name '구로구' for "
             "government 11530");
  }

  TEST_CASE("a duplicate government row is an error naming both lines") {
    CHECK_EQ(OnlyError("government,year,synthetic\n11530,2020,true\n11110,2020,true\n"
                       "11530,2020,false\n"),
             "r.csv:4:1: government: government 11530 is given twice; first on line 2");
  }

  TEST_CASE("wrong types, negative and non-integer counts are errors") {
    CHECK_EQ(OnlyError(OneCell("jobs_target", "many")),
             "r.csv:2:4: jobs_target: expected a count (a whole number >= 0), got 'many'");
    CHECK_EQ(OnlyError(OneCell("jobs_target", "-3")),
             "r.csv:2:4: jobs_target: count must not be negative, got -3");
    CHECK_EQ(OnlyError(OneCell("jobs_target", "12.5")),
             "r.csv:2:4: jobs_target: count must be a whole number, got 12.5");
    CHECK_EQ(OnlyError(OneCell("employment_rate", "\"62,5\"")),
             "r.csv:2:4: employment_rate: expected a number, got '62,5'");
  }

  TEST_CASE("NaN, infinities and overflowing numbers are errors") {
    CHECK_EQ(OnlyError(OneCell("employment_rate", "NaN")),
             "r.csv:2:4: employment_rate: expected a finite number, got 'NaN'");
    CHECK_EQ(OnlyError(OneCell("budget_planned", "-inf")),
             "r.csv:2:4: budget_planned: expected a finite number, got '-inf'");
    CHECK_EQ(OnlyError(OneCell("budget_planned", "1e999")),
             "r.csv:2:4: budget_planned: expected a finite number, got '1e999'");
  }

  TEST_CASE("out-of-range values and grades other than A-E are errors") {
    CHECK_EQ(OnlyError(OneCell("employment_rate", "104.5")),
             "r.csv:2:4: employment_rate: expected a value between 0 and 100, got 104.5");
    CHECK_EQ(OnlyError(OneCell("governance", "F")),
             "r.csv:2:4: governance: expected a grade A, B, C, D or E, got 'F'");
  }

  TEST_CASE("scores are numbers separated by semicolons") {
    CHECK_EQ(OnlyError(OneCell("interview", "78;;80")),
             "r.csv:2:4: interview: expected scores separated by ';' like 78;82;80, got '78;;80'");
    CHECK_EQ(OnlyError(OneCell("interview", "78;120;80")),
             "r.csv:2:4: interview: score 2: expected a value between 0 and 100, got 120");
    CHECK_EQ(OnlyError(OneCell("interview", "78;x")),
             "r.csv:2:4: interview: score 2: expected a score (a number), got 'x'");
  }

  TEST_CASE("year must be a whole number and, when expected, the assessment year") {
    CHECK_EQ(OnlyError("government,year,synthetic\n11530,2019,true\n", {.expected_year = 2020}),
             "r.csv:2:2: year: expected year 2020, got 2019");
    CHECK_EQ(OnlyError("government,year,synthetic\n11530,20x0,true\n"),
             "r.csv:2:2: year: expected a year (a whole number between 1900 and 2200), got "
             "'20x0'");
    CHECK_EQ(OnlyError("government,year,synthetic\n11530,2020,\n"),
             "r.csv:2:3: synthetic: missing value; expected true or false");
  }

  TEST_CASE("every error of every row is reported at once") {
    const auto errors = Errors(
        "government,year,synthetic,jobs_target,governance\n11530,2020,true,-1,F\n"
        "11110,2020,maybe,1.5,\n");
    CHECK_EQ(errors.size(), 4U);
  }

  TEST_CASE("YAML -> CSV -> reports and CSV -> YAML -> reports give the same content") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = test::SmallRegistry();
    const auto from_csv = Parse(kCsv);
    const std::string csv = FormatReportsCsv(from_csv, schema, registry);
    const auto again = ParseReportsCsv(csv, "again.csv", schema, registry);
    REQUIRE_EQ(again.size(), from_csv.size());
    for (std::size_t i = 0; i < from_csv.size(); ++i) {
      CHECK(test::SameContent(from_csv[i], again[i]));
      const std::string yaml = FormatReportYaml(from_csv[i], schema, registry);
      const Report back =
          ParseReportYaml(yaml, from_csv[i].government_code + ".yaml", schema, registry);
      CHECK(test::SameContent(from_csv[i], back));
    }
  }

  TEST_CASE("the batch CSV loader rejects bad rows one by one and keeps the good ones") {
    const auto batch = LoadReportsCsvBatch(test::SourcePath("tests/data/reports/batch.csv"),
                                           test::Schema2020(), test::SmallRegistry());
    REQUIRE_EQ(batch.reports.size(), 2U);
    CHECK_EQ(batch.reports[0].government_code, "11530");
    CHECK_EQ(batch.reports[1].government_code, "41830");
    REQUIRE_EQ(batch.rejected.size(), 2U);
    CHECK_EQ(batch.rejected[0].line, 3);
    CHECK_EQ(batch.rejected[0].diagnostics.at(0).ToString(),
             test::SourcePath("tests/data/reports/batch.csv") +
                 ":3:4: jobs_target: count must not be negative, got -5");
    CHECK_EQ(batch.rejected[1].line, 5);
    CHECK_EQ(batch.rejected[1].diagnostics.at(0).ToString(),
             test::SourcePath("tests/data/reports/batch.csv") +
                 ":5:1: government: government 11530 is given twice; first on line 2");
  }
}

}  // namespace jobaward
