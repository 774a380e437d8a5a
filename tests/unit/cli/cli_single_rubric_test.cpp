// Any subset of the rubrics works in every command: the bundled reports carry both categories'
// fields, and a run with one rubric skips the other's (one note on stderr) instead of rejecting
// every report. A near miss of a field in use stays an error; the same rubric id twice is refused.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "test_support.hpp"

namespace jobaward {

namespace {

const std::string kDisclosure = "rubrics/2020-disclosure.yaml";
const std::string kBestProgram = "rubrics/2020-best-program.yaml";

// The bundled reports carry 7 우수사업 fields and 16 공시제 fields each.
const std::string kDisclosureNote =
    "note: 1,701 fields of 243 reports are not read by the rubric in use (2020-disclosure) and "
    "were ignored: program_budget_executed, program_budget_planned, program_design_review, "
    "program_innovation, program_interview, program_jobs_created, program_jobs_target (7 field "
    "names)\n";

std::vector<std::string> With(std::vector<std::string> args, const std::string& rubric) {
  args.push_back("--rubric");
  args.push_back(rubric);
  return args;
}

}  // namespace

TEST_SUITE("single-rubric runs") {
  TEST_CASE("award with one rubric gives that category's awards and one note on stderr") {
    const auto disclosure = test::RunCli(With({"award", "--format", "json"}, kDisclosure));
    REQUIRE_EQ(disclosure.exit_code, 0);
    CHECK_EQ(disclosure.err, kDisclosureNote);
    const auto j = nlohmann::json::parse(disclosure.out);
    CHECK_EQ(j["award_count"], 58);
    for (const auto& a : j["awards"]) CHECK_EQ(a["category"], "disclosure");
    for (const auto& total : j["counts_totals"]) CHECK_NE(total["category"], "best_program");

    const auto best = test::RunCli(With({"award", "--format", "json"}, kBestProgram));
    REQUIRE_EQ(best.exit_code, 0);
    CHECK(best.err.find("note: 3,888 fields of 243 reports are not read by the rubric in use "
                        "(2020-best-program)") == 0);
    CHECK_EQ(nlohmann::json::parse(best.out)["award_count"], 15);
  }

  TEST_CASE("the single-category awards are the same as in the run with both rubrics") {
    const auto both = nlohmann::json::parse(test::RunCli({"award", "--format", "json"}).out);
    const auto one =
        nlohmann::json::parse(test::RunCli(With({"award", "--format", "json"}, kDisclosure)).out);
    nlohmann::json expected = nlohmann::json::array();
    for (const auto& a : both["awards"]) {
      if (a["category"] == "disclosure") expected.push_back(a);
    }
    CHECK_EQ(one["awards"], expected);
  }

  TEST_CASE("score, explain, simulate, sensitivity and report run with one rubric") {
    const auto score = test::RunCli(With({"score", "--format", "csv"}, kBestProgram));
    CHECK_EQ(score.exit_code, 0);
    CHECK_EQ(std::count(score.out.begin(), score.out.end(), '\n'), 1 + 243);
    const auto csv = test::RunCli(With(
        {"score", "--reports-csv", "examples/2020/reports.csv", "--format", "csv"}, kDisclosure));
    CHECK_EQ(csv.exit_code, 0);
    CHECK(csv.err.find("note: 1,701 fields of 243 reports") == 0);

    CHECK_EQ(test::RunCli(With({"explain", "11530"}, kDisclosure)).exit_code, 0);
    const auto simulate = test::RunCli(
        With({"simulate", "--draws", "256", "--confidence-draws", "0", "--format", "json"},
             kDisclosure));
    CHECK_EQ(simulate.exit_code, 0);
    const auto simulated = nlohmann::json::parse(simulate.out)["governments"];
    CHECK_EQ(simulated.size(), 243U);
    for (const auto& g : simulated) CHECK_EQ(g["category"], "disclosure");
    // The bundled uncertainty spec also names 우수사업 entries: left out, with one note.
    CHECK(simulate.err.find(
              "note: 3 entries of examples/2020/uncertainty.yaml name nothing in the rubrics and "
              "cohort rules in use and were left out: reviewer_noise[2] (indicator "
              "program_interview), measurement_noise[6] (field program_jobs_created), "
              "measurement_noise[7] (field program_budget_executed)\n") != std::string::npos);
    CHECK_EQ(test::RunCli(With({"sensitivity", "tornado"}, kDisclosure)).exit_code, 0);
    CHECK_EQ(test::RunCli(With({"sensitivity", "reversal"}, kBestProgram)).exit_code, 0);
    CHECK_EQ(test::RunCli(
                 With({"sensitivity", "sobol", "--samples", "8", "--bootstrap", "0"}, kBestProgram))
                 .exit_code,
             0);
    const std::filesystem::path page =
        std::filesystem::temp_directory_path() / "jobaward-single-rubric-report.html";
    CHECK_EQ(test::RunCli(With({"report", "--out", page.string()}, kDisclosure)).exit_code, 0);
    CHECK(std::filesystem::exists(page));
    std::filesystem::remove(page);
  }

  TEST_CASE("an uncertainty entry that misspells a name in use stays an error at its own entry") {
    const std::filesystem::path spec =
        std::filesystem::temp_directory_path() / "jobaward-misspelt-uncertainty.yaml";
    {
      std::ofstream out(spec);
      out << "measurement_noise:\n  - field: program_jobs_created\n    relative_sd: 0.05\n"
             "  - field: jobs_creatd\n    relative_sd: 0.05\n";
    }
    const auto r = test::RunCli(
        With({"simulate", "--draws", "256", "--uncertainty", spec.string()}, kDisclosure));
    CHECK_EQ(r.exit_code, 1);
    CHECK(
        r.err.find("error: " + spec.string() +
                   ":4:5: measurement_noise[1].field: no rubric declares a field 'jobs_creatd'") !=
        std::string::npos);
    std::filesystem::remove(spec);
  }

  TEST_CASE("the same rubric given twice is an error naming both files") {
    const auto r = test::RunCli(With(With({"award"}, kDisclosure), kDisclosure));
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.out, "");
    CHECK_EQ(r.err,
             "error: rubrics/2020-disclosure.yaml:28:5: id: rubric id '2020-disclosure' is given "
             "twice (rubrics/2020-disclosure.yaml); each rubric in use needs its own id\n");
  }

  TEST_CASE("a copy that kept the original's id is refused, naming both files") {
    const std::filesystem::path copy =
        std::filesystem::temp_directory_path() / "jobaward-disclosure-copy.yaml";
    std::filesystem::copy_file(test::SourcePath(kDisclosure), copy,
                               std::filesystem::copy_options::overwrite_existing);
    const auto r = test::RunCli(With(With({"score"}, kDisclosure), copy.string()));
    CHECK_EQ(r.exit_code, 1);
    CHECK_EQ(r.err, "error: " + copy.string() +
                        ":28:5: id: rubric id '2020-disclosure' is also the id of "
                        "rubrics/2020-disclosure.yaml:28:5; each rubric in use needs its own id "
                        "(give the copy or variant a new one)\n");
    std::filesystem::remove(copy);
  }
}

TEST_SUITE("weights ahp --write-rubric") {
  TEST_CASE("the re-weighted rubric gets its own id, so it runs beside the original") {
    const std::filesystem::path out =
        std::filesystem::temp_directory_path() / "jobaward-disclosure-ahp.yaml";
    const auto w = test::RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml", "--rubric",
                                 kDisclosure, "--write-rubric", out.string(), "--format", "json"});
    REQUIRE_EQ(w.exit_code, 0);
    CHECK_EQ(nlohmann::json::parse(w.out)["rubric_written_id"], "2020-disclosure-ahp");
    CHECK_EQ(LoadRubric(out).id, "2020-disclosure-ahp");
    const auto both =
        test::RunCli(With(With({"score", "--format", "csv"}, kDisclosure), out.string()));
    CHECK_EQ(both.exit_code, 0);
    CHECK_EQ(std::count(both.out.begin(), both.out.end(), '\n'), 1 + 2 * 243);

    const auto named =
        test::RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml", "--rubric", kDisclosure,
                      "--write-rubric", out.string(), "--rubric-id", "disclosure-outcome-heavy"});
    CHECK_EQ(named.exit_code, 0);
    CHECK_EQ(LoadRubric(out).id, "disclosure-outcome-heavy");
    const auto same =
        test::RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml", "--rubric", kDisclosure,
                      "--write-rubric", out.string(), "--rubric-id", "2020-disclosure"});
    CHECK_EQ(same.exit_code, 1);
    CHECK_EQ(same.err,
             "error: rubrics/2020-disclosure.yaml:28:5: id: the re-weighted rubric needs an id "
             "other than the original's '2020-disclosure', so that both can be told apart (and "
             "used together)\n");
    std::filesystem::remove(out);
  }
}

TEST_SUITE("report loading with fields no rubric in use declares") {
  const Registry& BundledRegistry() {
    static const Registry registry =
        ParseRegistry(test::Slurp(test::SourcePath("cohorts/governments-2020.csv")),
                      "governments-2020.csv", Registry2020Expectations());
    return registry;
  }

  const ReportSchema& Schema() {
    static const ReportSchema schema = SchemaOf(LoadRubric(test::SourcePath(kDisclosure)));
    return schema;
  }

  TEST_CASE("undeclared fields are skipped and listed; declared ones keep every check") {
    const std::string text =
        "government: \"11530\"\nyear: 2020\nsynthetic: true\n"
        "sources: {program_jobs_target: \"a citation\"}\n"
        "fields:\n  jobs_target: 13300\n  program_jobs_target: 458\n  program_innovation: B\n";
    ReportLoadOptions options;
    options.ignore_undeclared_fields = true;
    const Report r = ParseReportYaml(text, "11530.yaml", Schema(), BundledRegistry(), options);
    CHECK_EQ(r.fields.size(), 1U);
    CHECK_EQ(r.ignored_fields,
             std::vector<std::string>{"program_jobs_target", "program_innovation"});
    // Without the option (the default), the same report is an error.
    CHECK_THROWS_AS((void)ParseReportYaml(text, "11530.yaml", Schema(), BundledRegistry()),
                    InputError);
  }

  TEST_CASE("a near miss of a declared field stays an error with its did-you-mean") {
    ReportLoadOptions options;
    options.ignore_undeclared_fields = true;
    const std::string text =
        "government: \"11530\"\nyear: 2020\nsynthetic: true\nfields:\n  jobs_targt: 13300\n";
    try {
      (void)ParseReportYaml(text, "11530.yaml", Schema(), BundledRegistry(), options);
      FAIL("no error");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 1U);
      CHECK_EQ(e.diagnostics()[0].ToString(),
               "11530.yaml:5:3: fields.jobs_targt: unknown key 'jobs_targt', did you mean "
               "'jobs_target'?");
    }
  }

  TEST_CASE("CSV columns follow the same rule, and a value in a skipped column is counted") {
    ReportLoadOptions options;
    options.ignore_undeclared_fields = true;
    const std::string csv =
        "government,year,synthetic,jobs_target,program_jobs_target\n"
        "11530,2020,true,13300,458\n"
        "11110,2020,true,100,\n";
    const auto reports = ParseReportsCsv(csv, "r.csv", Schema(), BundledRegistry(), options);
    REQUIRE_EQ(reports.size(), 2U);
    IgnoredFields ignored;
    for (const auto& r : reports) ignored.Add(r);
    CHECK_EQ(ignored.fields, 1U);
    CHECK_EQ(ignored.reports, 1U);
    CHECK_EQ(ignored.Note({"2020-disclosure"}),
             "1 field of 1 report is not read by the rubric in use (2020-disclosure) and was "
             "ignored: program_jobs_target (1 field name)");
    const std::string misspelt = "government,year,synthetic,jobs_targt\n11530,2020,true,1\n";
    CHECK_THROWS_AS((void)ParseReportsCsv(misspelt, "r.csv", Schema(), BundledRegistry(), options),
                    InputError);
  }
}

}  // namespace jobaward
