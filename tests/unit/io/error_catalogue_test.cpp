// The error catalogue (tests/errors/): every folder is one loader, every input file in it one bad
// input, and `<case>.expected` beside it holds the exact diagnostics the loader must report, one
// `file:line:column: key: message` per line (plus caret excerpts where the loader gives them).
// A new case is two new files and no code. JOBAWARD_UPDATE_GOLDEN=1 writes the .expected files
// from the current messages (review the diff: the point is that a human read each message).
// The folder layout and the fixed report schema are described in tests/errors/README.md.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "jobaward/cohorts/expr.hpp"
#include "jobaward/io/ahp_yaml.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/csv.hpp"
#include "jobaward/io/published_yaml.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/io/scenario_yaml.hpp"
#include "jobaward/io/text_encoding.hpp"
#include "jobaward/io/uncertainty_yaml.hpp"
#include "jobaward/render/award_report.hpp"
#include "jobaward/scoring/scenario.hpp"
#include "jobaward/sensitivity/ahp.hpp"
#include "test_support.hpp"

using namespace jobaward;
namespace fs = std::filesystem;

namespace {

const Registry& BundledRegistry() {
  static const Registry registry =
      ParseRegistry(test::Slurp(test::SourcePath("cohorts/governments-2020.csv")),
                    "governments-2020.csv", Registry2020Expectations());
  return registry;
}

// The report loaders need a schema; the catalogue uses this fixed one (one field of every type)
// so that its messages do not change when a rubric is retuned.
const ReportSchema& CatalogueSchema() {
  static const ReportSchema schema{{
      {"jobs_target", FieldType::kCount, "일자리 목표", "", 0.0, std::nullopt},
      {"jobs_created", FieldType::kCount, "일자리 창출", "", 0.0, std::nullopt},
      {"employment_rate", FieldType::kNumber, "고용률", "", 0.0, 100.0},
      {"plan_grade", FieldType::kGrade, "계획 등급", "", std::nullopt, std::nullopt},
      {"interview_scores", FieldType::kScores, "면접 점수", "", 0.0, 100.0},
      {"disclosed", FieldType::kBoolean, "공시 여부", "", std::nullopt, std::nullopt},
  }};
  return schema;
}

using LoadFunction = std::function<void(const std::string& text, const std::string& name)>;

// Folder name -> how a file of that folder is loaded (as the CLI would load it).
const std::map<std::string, LoadFunction>& Loaders() {
  static const std::map<std::string, LoadFunction> loaders{
      {"csv",
       [](const std::string& text, const std::string& name) {
         // NAME.cp949.csv is read as --encoding cp949 reads it; the others as UTF-8.
         const bool cp949 = name.size() > 10 && name.substr(name.size() - 10) == ".cp949.csv";
         (void)ParseCsv(
             DecodeText(text, cp949 ? TextEncoding::kCp949 : TextEncoding::kUtf8, name).text, name);
       }},
      {"registry",
       [](const std::string& text, const std::string& name) { (void)ParseRegistry(text, name); }},
      {"published",
       [](const std::string& text, const std::string& name) {
         (void)ParsePublishedFacts(text, name, BundledRegistry());
       }},
      {"expr",
       [](const std::string& text, const std::string& name) {
         // One expression per file; the file's final newline is not part of it. `cut` is a
         // parameter, as in a rule set that declares one.
         std::string expression = text;
         if (!expression.empty() && expression.back() == '\n') expression.pop_back();
         ExpressionOrigin origin;
         origin.where = SourceLocation{name, 1, 1};
         (void)Expression::Compile(expression, ExpressionEnvironment{{"cut"}}, origin);
       }},
      {"cohort-rules",
       [](const std::string& text, const std::string& name) {
         // Loading and assigning the bundled registry: overlaps and gaps are found there.
         const CohortRules rules = ParseCohortRules(text, name);
         (void)AssignCohorts(rules, BundledRegistry());
       }},
      {"report-yaml",
       [](const std::string& text, const std::string& name) {
         ReportLoadOptions options;
         options.expected_year = 2020;
         (void)ParseReportYaml(text, name, CatalogueSchema(), BundledRegistry(), options);
       }},
      {"report-csv",
       [](const std::string& text, const std::string& name) {
         ReportLoadOptions options;
         options.expected_year = 2020;
         (void)ParseReportsCsv(text, name, CatalogueSchema(), BundledRegistry(), options);
       }},
      {"report-xlsx",
       [](const std::string& text, const std::string& name) {
         ReportLoadOptions options;
         options.expected_year = 2020;
         (void)ParseReportsXlsx(text, name, CatalogueSchema(), BundledRegistry(), options);
       }},
      {"rubric",
       [](const std::string& text, const std::string& name) { (void)ParseRubric(text, name); }},
      {"scenario",
       [](const std::string& text, const std::string& name) {
         // As every award-level command applies it: to the bundled rules and both rubrics.
         static const ScenarioModel bundled = [] {
           ScenarioModel m;
           m.rules = LoadCohortRules(test::SourcePath("cohorts/2020.yaml"));
           m.rubrics.push_back(LoadRubric(test::SourcePath("rubrics/2020-disclosure.yaml")));
           m.rubrics.push_back(LoadRubric(test::SourcePath("rubrics/2020-best-program.yaml")));
           return m;
         }();
         (void)ApplyOverrides(bundled, ParseScenario(text, name).overrides);
       }},
      {"report-json",
       [](const std::string& text, const std::string& name) {
         // As `jobaward report` reads them: NAME.simulation.json with --simulation,
         // NAME.sensitivity.json with --sensitivity.
         if (name.find(".sensitivity.") != std::string::npos) {
           (void)ParseSensitivityJson(text, name);
         } else {
           (void)ParseSimulationJson(text, name);
         }
       }},
      {"uncertainty", [](const std::string& text,
                         const std::string& name) { (void)ParseUncertainty(text, name); }},
      {"ahp",
       [](const std::string& text, const std::string& name) {
         // As `jobaward weights ahp` reads it: the matrix, then its consistency.
         const AhpSpec spec = ParseAhp(text, name);
         CheckConsistency(spec, ComputeAhp(spec.matrix), false);
       }},
  };
  return loaders;
}

struct Case {
  fs::path input;
  fs::path expected;
};

std::vector<Case> CasesIn(const fs::path& folder) {
  std::vector<Case> cases;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const fs::path& p = entry.path();
    if (!entry.is_regular_file() || p.extension() == ".expected") continue;
    fs::path expected = p;
    expected.replace_extension(".expected");
    cases.push_back({p, expected});
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.input < b.input; });
  return cases;
}

// What the loader reports for `c`, in the .expected format; `ok` is false when it did not throw
// InputError (which is always a failure, and never written as an expectation).
std::string Run(const LoadFunction& load, const Case& c, bool& ok) {
  ok = false;
  try {
    load(test::Slurp(c.input.string()), c.input.filename().string());
    return "(no error: the loader accepted this input)\n";
  } catch (const InputError& e) {
    ok = true;
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
    return out;
  } catch (const std::exception& e) {
    return std::string("(not an InputError: ") + e.what() + ")\n";
  }
}

bool UpdateRequested() {
  const char* update = std::getenv("JOBAWARD_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

fs::path CatalogueRoot() { return test::SourcePath("tests/errors"); }

}  // namespace

TEST_SUITE("error catalogue") {
  TEST_CASE("every catalogued bad input gets exactly its expected diagnostics") {
    for (const auto& [folder, load] : Loaders()) {
      const fs::path dir = CatalogueRoot() / folder;
      if (!fs::is_directory(dir)) continue;
      for (const Case& c : CasesIn(dir)) {
        INFO("case: tests/errors/", folder, "/", c.input.filename().string());
        bool ok = false;
        const std::string actual = Run(load, c, ok);
        CHECK_MESSAGE(ok, actual);
        if (ok && UpdateRequested()) {
          std::ofstream(c.expected, std::ios::binary) << actual;
          continue;
        }
        if (!fs::exists(c.expected)) {
          FAIL_CHECK("missing ", c.expected.string());
          continue;
        }
        CHECK_EQ(actual, test::Slurp(c.expected.string()));
      }
    }
  }

  TEST_CASE("every catalogue folder names a loader and holds at least ten cases") {
    for (const auto& entry : fs::directory_iterator(CatalogueRoot())) {
      if (!entry.is_directory()) continue;
      const std::string folder = entry.path().filename().string();
      if (folder == "options") continue;  // command lines, not files: option_catalogue_test.cpp
      INFO("folder: tests/errors/", folder);
      CHECK(Loaders().count(folder) == 1);
      CHECK(CasesIn(entry.path()).size() >= 10);
    }
  }

  TEST_CASE("every .expected file belongs to an input file") {
    for (const auto& entry : fs::recursive_directory_iterator(CatalogueRoot())) {
      if (entry.path().extension() != ".expected") continue;
      bool has_input = false;
      for (const auto& sibling : fs::directory_iterator(entry.path().parent_path())) {
        has_input = has_input || (sibling.path().stem() == entry.path().stem() &&
                                  sibling.path().extension() != ".expected");
      }
      INFO("orphan: ", entry.path().string());
      CHECK(has_input);
    }
  }
}
