// YAML files with lone CR line ends (classic Mac OS, some exports) are read as libyaml and editors
// read them: every CR is a line end, and positions in messages count those lines. yaml-cpp sees
// only LF and CRLF, so before issue 14 such a file (opening with a comment) was one comment line
// and "empty". The rules, a rubric and a report are read from CR-only copies of the bundled files
// and compared with the originals.
#include <doctest/doctest.h>

#include <string>

#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "test_support.hpp"

using namespace jobaward;

namespace {

// `text` with every line end (LF or CRLF) a lone CR.
std::string CrOnly(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i] == '\n' ? '\r' : text[i];
  }
  return out;
}

std::string FirstMessage(const std::string& text) {
  try {
    (void)ParseCohortRules(text, "rules.yaml");
  } catch (const InputError& e) {
    return e.diagnostics().front().ToString();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("yaml line ends") {
  TEST_CASE("cohort rules with CR-only line ends load as the LF original does") {
    const std::string lf = test::Slurp(test::SourcePath("cohorts/2020.yaml"));
    const std::string cr = CrOnly(lf);
    REQUIRE_EQ(cr.find('\n'), std::string::npos);
    const CohortRules a = ParseCohortRules(lf, "2020.yaml");
    const CohortRules b = ParseCohortRules(cr, "2020.yaml");
    REQUIRE_EQ(a.cohorts.size(), b.cohorts.size());
    CHECK_EQ(a.parameters.size(), b.parameters.size());
    for (std::size_t i = 0; i < a.cohorts.size(); ++i) {
      CHECK_EQ(a.cohorts[i].cohort.id, b.cohorts[i].cohort.id);
      CHECK_EQ(a.cohorts[i].where.ToString(), b.cohorts[i].where.ToString());
    }
  }

  TEST_CASE("an error in a CR-only file is placed on the line an editor shows") {
    const std::string lf =
        "# rules\nyear: 2020\ncohorts:\n  - letter: 가\n    id: ga\n    name_en: ga\n"
        "    rule: workers >= = 3\n";
    const std::string message = FirstMessage(lf);
    CHECK_NE(message.find("rules.yaml:7:"), std::string::npos);
    CHECK_EQ(FirstMessage(CrOnly(lf)), message);
  }

  TEST_CASE("a rubric and a report with CR-only line ends load as their LF originals do") {
    const std::string rubric_lf = test::Slurp(test::SourcePath("rubrics/2020-disclosure.yaml"));
    const Rubric a = ParseRubric(rubric_lf, "r.yaml");
    const Rubric b = ParseRubric(CrOnly(rubric_lf), "r.yaml");
    CHECK_EQ(a.id, b.id);
    REQUIRE_EQ(a.indicators.size(), b.indicators.size());
    CHECK_EQ(a.indicators.back().where.ToString(), b.indicators.back().where.ToString());

    const Registry registry =
        ParseRegistry(test::Slurp(test::SourcePath("cohorts/governments-2020.csv")),
                      "governments-2020.csv", Registry2020Expectations());
    const ReportSchema schema = SchemaOf(a);
    ReportLoadOptions options;
    options.ignore_undeclared_fields = true;
    const std::string report_lf = test::Slurp(test::SourcePath("examples/2020/reports/11530.yaml"));
    const Report r1 = ParseReportYaml(report_lf, "11530.yaml", schema, registry, options);
    const Report r2 = ParseReportYaml(CrOnly(report_lf), "11530.yaml", schema, registry, options);
    CHECK_EQ(r1.fields.size(), r2.fields.size());
    CHECK_EQ(r1.origin.ToString(), r2.origin.ToString());
  }
}
