// The seeded generator: determinism, independence of each government's values, plausibility of
// the values against the model in examples/README.md, real figures, the synthetic registry.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/scoring/synth.hpp"
#include "report_fixtures.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

Registry Registry2020() {
  const std::string path = test::SourcePath("cohorts/governments-2020.csv");
  return ParseRegistry(test::Slurp(path), path);
}

std::string AllYaml(const std::vector<Report>& reports, const ReportSchema& schema,
                    const Registry& registry) {
  std::string out;
  for (const auto& r : reports) out += FormatReportYaml(r, schema, registry);
  return out;
}

double Num(const Report& r, const std::string& field) {
  return std::get<double>(r.fields.at(field));
}

const std::vector<double>& Scores(const Report& r, const std::string& field) {
  return std::get<std::vector<double>>(r.fields.at(field));
}

double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

// The report schema of the bundled 2020 rubrics (the one source of the field list).
ReportSchema RubricSchema2020() {
  return MergeSchemas(SchemaOf(LoadRubric(test::SourcePath("rubrics/2020-disclosure.yaml"))),
                      SchemaOf(LoadRubric(test::SourcePath("rubrics/2020-best-program.yaml"))));
}

std::filesystem::path TempDir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("jobaward-synth-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

// Every file of `dir` (name -> bytes).
std::map<std::string, std::string> Files(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    out[e.path().filename().string()] = test::Slurp(e.path().string());
  }
  return out;
}

}  // namespace

TEST_SUITE("synth") {
  TEST_CASE("the same seed gives byte-identical files, another seed different ones") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = Registry2020();
    const auto a = SynthesizeReports(registry, schema, test::Seeded(2020));
    const auto b = SynthesizeReports(registry, schema, test::Seeded(2020));
    const auto c = SynthesizeReports(registry, schema, test::Seeded(2021));
    CHECK_EQ(AllYaml(a, schema, registry), AllYaml(b, schema, registry));
    CHECK_EQ(FormatReportsCsv(a, schema, registry), FormatReportsCsv(b, schema, registry));
    CHECK_NE(AllYaml(a, schema, registry), AllYaml(c, schema, registry));
  }

  TEST_CASE("generation reports its progress on the calling thread without changing a value") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = Registry2020();
    SynthOptions options = test::Seeded(2020);
    std::vector<std::uint64_t> done;
    const auto caller = std::this_thread::get_id();
    bool same_thread = true;
    options.progress = [&](std::uint64_t d, std::uint64_t planned) {
      done.push_back(d);
      same_thread = same_thread && std::this_thread::get_id() == caller;
      CHECK_EQ(planned, registry.size());
    };
    const auto reports = SynthesizeReports(registry, schema, options);
    REQUIRE_EQ(done.size(), registry.size());  // once per report, counting up to the total
    for (std::size_t i = 0; i < done.size(); ++i) CHECK_EQ(done[i], i + 1);
    CHECK(same_thread);
    CHECK_EQ(AllYaml(reports, schema, registry),
             AllYaml(SynthesizeReports(registry, schema, test::Seeded(2020)), schema, registry));
  }

  TEST_CASE("a government's values do not depend on which others are generated") {
    const ReportSchema schema = test::Schema2020();
    const Registry full = Registry2020();
    const Government guro = full[*full.IndexOf("11530")];
    const Registry alone("", {full[*full.IndexOf("11000")], guro});
    const auto from_full = SynthesizeReports(full, schema, test::Seeded(5));
    const auto from_alone = SynthesizeReports(alone, schema, test::Seeded(5));
    CHECK(test::SameContent(from_full[*full.IndexOf("11530")], from_alone[1]));
    const Registry big = SynthesizeRegistry(full, 2000, 5);
    const auto from_big = SynthesizeReports(big, schema, test::Seeded(5));
    CHECK(test::SameContent(from_full[*full.IndexOf("11530")], from_big[*big.IndexOf("11530")]));
  }

  TEST_CASE("generated values are plausible for each government's size and type") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = Registry2020();
    const auto reports = SynthesizeReports(registry, schema, test::Seeded(2020, "t"));
    REQUIRE_EQ(reports.size(), 243U);
    double attainment_sum = 0;
    int on_time = 0;
    std::map<GovernmentType, std::vector<double>> rates;
    std::map<std::string, std::vector<double>> review_by_grade;
    for (std::size_t i = 0; i < reports.size(); ++i) {
      const Report& r = reports[i];
      const Government& g = registry[i];
      CAPTURE(g.code);
      CHECK(r.synthetic);
      CHECK_EQ(r.year, 2020);
      CHECK_EQ(r.fields.size(), schema.fields.size());
      const double target = Num(r, "jobs_target");
      CHECK(target >= std::floor(0.04 * g.workers));
      CHECK(target <= std::ceil(0.08 * g.workers));
      const double attainment = Num(r, "jobs_created") / target;
      CHECK(attainment > 0.7);
      CHECK(attainment < 1.5);
      attainment_sum += attainment;
      for (const char* f : {"employment_rate_prev", "employment_rate"}) {
        CHECK(Num(r, f) >= 40);
        CHECK(Num(r, f) <= 85);
      }
      CHECK(std::fabs(Num(r, "employment_rate") - Num(r, "employment_rate_prev")) < 5);
      rates[g.type].push_back(Num(r, "employment_rate"));
      const double insured_share = Num(r, "insured_prev") / g.workers;
      CHECK(insured_share >= 0.349);
      CHECK(insured_share <= 0.601);
      CHECK(Num(r, "budget_executed") <= Num(r, "budget_planned"));
      CHECK(Num(r, "budget_planned") >= std::floor(0.03 * g.population));
      CHECK(Num(r, "budget_planned") <= std::ceil(0.10 * g.population));
      CHECK(Num(r, "program_jobs_target") <= target);
      CHECK(Num(r, "program_budget_executed") <= Num(r, "program_budget_planned"));
      for (const char* f : {"plan_review", "program_design_review"}) {
        CHECK(Scores(r, f).size() >= 3);
        CHECK(Scores(r, f).size() <= 7);
      }
      for (const char* f : {"interview", "program_interview"}) {
        CHECK(Scores(r, f).size() >= 3);
        CHECK(Scores(r, f).size() <= 5);
      }
      for (const char* f : {"plan_review", "interview", "program_design_review"}) {
        for (double s : Scores(r, f)) {
          CHECK(s >= 0);
          CHECK(s <= 100);
          CHECK_EQ(s, std::round(s));
        }
      }
      for (const char* f : {"governance", "head_commitment", "program_innovation"}) {
        const std::string grade = std::get<std::string>(r.fields.at(f));
        CHECK((grade >= "A" && grade <= "E" && grade.size() == 1));
      }
      review_by_grade[std::get<std::string>(r.fields.at("governance"))].push_back(
          Mean(Scores(r, "plan_review")));
      CHECK(Num(r, "best_practice_cases") >= 0);
      CHECK(Num(r, "best_practice_cases") <= 5);
      CHECK(Num(r, "audit_findings") >= 0);
      CHECK(Num(r, "audit_findings") <= 3);
      for (const char* f : {"jobs_target", "jobs_created", "insured", "best_practice_cases"}) {
        CHECK_EQ(Num(r, f), std::round(Num(r, f)));  // counts are whole
      }
      on_time += std::get<bool>(r.fields.at("disclosed_on_time")) ? 1 : 0;
    }
    const double mean_attainment = attainment_sum / 243.0;
    CHECK(mean_attainment > 1.0);
    CHECK(mean_attainment < 1.06);
    CHECK(on_time > 200);  // "mostly true" (p = 0.93)
    // Rural counties have higher employment rates than big-city districts.
    CHECK(Mean(rates[GovernmentType::kCounty]) > Mean(rates[GovernmentType::kDistrict]) + 3);
    // Reviewer scores and reviewer grades share the latent quality.
    REQUIRE(review_by_grade.count("A") == 1);
    REQUIRE(review_by_grade.count("D") + review_by_grade.count("E") >= 1);
    std::vector<double> low = review_by_grade["D"];
    low.insert(low.end(), review_by_grade["E"].begin(), review_by_grade["E"].end());
    CHECK(Mean(review_by_grade["A"]) > Mean(low) + 5);
  }

  TEST_CASE("real figures replace generated ones and carry their sources") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = test::SmallRegistry();
    SynthOptions options = test::Seeded(2020, "jobaward synth --seed 2020");
    options.real_figures = {{"11530", "jobs_target", 13300.0, "kurotimes 2020-10-08"},
                            {"11530", "jobs_created", 13752.0, "kurotimes 2020-10-08"}};
    const auto reports = SynthesizeReports(registry, schema, options);
    const Report& guro = reports[2];
    CHECK_EQ(Num(guro, "jobs_target"), 13300);
    CHECK_EQ(Num(guro, "jobs_created"), 13752);
    CHECK_EQ(guro.sources.at("jobs_created"), "kurotimes 2020-10-08");
    CHECK(guro.synthetic);
    CHECK_EQ(guro.provenance,
             "jobaward synth --seed 2020; partially synthetic: jobs_target, jobs_created are real "
             "published figures (see sources)");
    CHECK(reports[1].sources.empty());
    const std::string yaml = FormatReportYaml(guro, schema, registry);
    CHECK_EQ(yaml.substr(0, yaml.find("government:")),
             "# SYNTHETIC REPORT: generated figures, not submitted by 구로구 (Guro-gu, 11530).\n"
             "# Partially synthetic: jobs_created, jobs_target are real, published figures (see "
             "`sources`); every other figure is generated.\n");
    const Report back = ParseReportYaml(yaml, "11530.yaml", schema, registry);
    CHECK(test::SameContent(back, guro));
    CHECK_EQ(back.sources, guro.sources);
  }

  TEST_CASE("the real-figures file is checked like a report") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = test::SmallRegistry();
    const auto figures = ParseRealFigures(
        "figures:\n  - government: \"11530\"\n    field: jobs_target\n    value: 13300\n"
        "    source: \"kurotimes\"\n",
        "real.yaml", schema, registry);
    REQUIRE_EQ(figures.size(), 1U);
    CHECK_EQ(std::get<double>(figures[0].value), 13300);
    try {
      (void)ParseRealFigures(
          "figures:\n  - government: \"11530\"\n    field: jobs_targt\n    value: -1\n"
          "    source: \"\"\n  - government: \"99999\"\n    field: jobs_target\n    value: 1\n"
          "    source: x\n",
          "real.yaml", schema, registry);
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      std::vector<std::string> got;
      for (const auto& d : e.diagnostics()) got.push_back(d.ToString());
      CHECK_EQ(got, (std::vector<std::string>{
                        "real.yaml:3:12: figures[0].field: unknown field 'jobs_targt', did you "
                        "mean 'jobs_target'?",
                        "real.yaml:5:13: figures[0].source: a real figure needs a source (a "
                        "citation)",
                        "real.yaml:6:17: figures[1].government: government 99999 is not in the "
                        "registry (registry.csv)"}));
    }
  }

  TEST_CASE("a synthetic registry keeps the real governments and adds perturbed clones") {
    const Registry base = Registry2020();
    const Registry big = SynthesizeRegistry(base, 10000, 2020);
    REQUIRE_EQ(big.size(), 10000U);
    std::set<std::string> codes;
    for (const auto& g : big.governments()) codes.insert(g.code);
    CHECK_EQ(codes.size(), 10000U);
    for (std::size_t i = 0; i < base.size(); ++i) CHECK_EQ(big[i].code, base[i].code);
    const Government& clone = big[base.size()];
    CHECK_EQ(clone.code, "60000");
    CHECK_EQ(clone.type, base[0].type);
    CHECK_EQ(clone.level, base[0].level);
    CHECK_EQ(clone.parent_code, base[0].parent_code);
    CHECK_EQ(clone.name_ko, base[0].name_ko + " (합성 1)");
    CHECK(clone.workers_estimated);
    CHECK_EQ(SynthesizeRegistry(base, 100, 1).size(), 100U);

    // The written registry reads back as the same governments.
    const std::string csv = FormatRegistryCsv(big);
    CHECK_EQ(csv, FormatRegistryCsv(SynthesizeRegistry(base, 10000, 2020)));
    const Registry back = ParseRegistry(csv, "registry.csv");
    REQUIRE_EQ(back.size(), big.size());
    for (std::size_t i = 0; i < big.size(); i += 97) {
      CHECK_EQ(back[i].code, big[i].code);
      CHECK_EQ(back[i].name_ko, big[i].name_ko);
      CHECK_EQ(back[i].population, big[i].population);
      CHECK_EQ(back[i].workers, big[i].workers);
      CHECK_EQ(back[i].parent_code, big[i].parent_code);
    }
  }

  TEST_CASE("the 2020 cohort rules assign every government of a synthetic registry") {
    const CohortRules rules = LoadCohortRules(test::SourcePath("cohorts/2020.yaml"));
    const Registry big = SynthesizeRegistry(Registry2020(), 3000, 2020);
    const CohortAssignment assignment = AssignCohorts(rules, big);  // throws if one is left out
    REQUIRE_EQ(assignment.cohort_of.size(), 3000U);
    for (const int c : assignment.cohort_of) CHECK(c >= 0);
  }

  TEST_CASE("the bundled 2020 example loads without error and has Guro-gu's real figures") {
    const ReportSchema schema = RubricSchema2020();
    const Registry registry = Registry2020();
    const auto batch = LoadReportsDir(test::SourcePath("examples/2020/reports"), schema, registry,
                                      {.expected_year = 2020, .threads = 2});
    CHECK(batch.rejected.empty());
    REQUIRE_EQ(batch.reports.size(), 243U);
    const Report* guro = nullptr;
    for (const auto& r : batch.reports) {
      CHECK(r.synthetic);  // every bundled report says it is (at least partly) synthetic
      if (r.government_code == "11530") guro = &r;
    }
    REQUIRE(guro != nullptr);
    CHECK_EQ(Num(*guro, "jobs_target"), 13300);
    CHECK_EQ(Num(*guro, "jobs_created"), 13752);
    CHECK(guro->sources.at("jobs_created").find("kurotimes 2020-10-08") != std::string::npos);

    // The CSV export holds the same reports.
    const std::string csv_path = test::SourcePath("examples/2020/reports.csv");
    const auto from_csv = ParseReportsCsv(test::Slurp(csv_path), csv_path, schema, registry);
    REQUIRE_EQ(from_csv.size(), 243U);
    for (std::size_t i = 0; i < 243; ++i) CHECK(test::SameContent(from_csv[i], batch.reports[i]));
  }

  TEST_CASE("the documented command regenerates the bundled example byte for byte") {
    const auto dir = TempDir("example");
    const auto csv = dir.string() + ".csv";
    const auto result = test::RunCli({"synth", "--registry", "cohorts/governments-2020.csv",
                                      "--seed", "2020", "--out", dir.string(), "--csv", csv,
                                      "--real", "examples/2020/real-figures.yaml", "--published",
                                      "examples/2020/published.yaml"});
    REQUIRE_EQ(result.exit_code, 0);
    CHECK(result.out.find("calibrated to 21 published facts") != std::string::npos);
    CHECK_EQ(Files(dir), Files(test::SourcePath("examples/2020/reports")));
    CHECK_EQ(test::Slurp(csv), test::Slurp(test::SourcePath("examples/2020/reports.csv")));
    std::filesystem::remove_all(dir);
    std::filesystem::remove(csv);
  }

  TEST_CASE("conditioning a latent redraws only that latent's figures, within its band") {
    const ReportSchema schema = test::Schema2020();
    const Registry registry = Registry2020();
    const Government& guro = registry[*registry.IndexOf("11530")];
    const SynthOptions options = test::Seeded(2020, "t");
    DrawnLatents plain, high;
    const Report base = SynthesizeReport(guro, schema, options, {}, &plain);
    GovernmentCondition condition;
    condition.policy.min = 2.0;
    condition.note = "conditioned";
    const Report conditioned = SynthesizeReport(guro, schema, options, condition, &high);
    CHECK(high.policy >= 2.0);
    CHECK(high.policy_attempt > plain.policy_attempt);
    // The unconditioned call is what SynthesizeReports gives.
    CHECK(test::SameContent(
        base, SynthesizeReports(registry, schema, options)[*registry.IndexOf("11530")]));
    // A better policy latent: better reviewer scores, and the note in the provenance.
    CHECK(Mean(Scores(conditioned, "plan_review")) > Mean(Scores(base, "plan_review")));
    CHECK(conditioned.provenance.find("; conditioned") != std::string::npos);
    // Conditioning the programme alone leaves every job-policy figure as it was.
    GovernmentCondition programme;
    programme.programme.max = -1.0;
    DrawnLatents low;
    const Report other = SynthesizeReport(guro, schema, options, programme, &low);
    CHECK(low.programme <= -1.0);
    for (const auto& [field, value] : base.fields) {
      if (LatentOf(field) == Latent::kPolicy) CHECK_MESSAGE(other.fields.at(field) == value, field);
    }
    // A condition no draw can meet is an input error, not a long loop.
    GovernmentCondition impossible;
    impossible.policy.min = 9;
    CHECK_THROWS_AS((void)SynthesizeReport(guro, schema, options, impossible), InputError);
  }

  TEST_CASE("synth --count writes a registry the registry loader and the batch loader accept") {
    const auto dir = TempDir("count");
    const auto a = test::RunCli({"synth", "--seed", "3", "--out", dir.string(), "--count", "300"});
    REQUIRE_EQ(a.exit_code, 0);
    CHECK_EQ(a.out, "wrote 300 synthetic reports (seed 3) to " + dir.string() + "\nwrote " +
                        (dir / "registry.csv").string() +
                        " (300 governments, 57 synthetic clones)\n");
    const std::string registry_csv = test::Slurp((dir / "registry.csv").string());
    const Registry registry = ParseRegistry(registry_csv, "registry.csv");
    const auto batch = LoadReportsDir(dir, RubricSchema2020(), registry);
    CHECK(batch.rejected.empty());
    CHECK_EQ(batch.reports.size(), 300U);

    const auto first = Files(dir);
    std::filesystem::remove_all(dir);
    REQUIRE_EQ(
        test::RunCli({"synth", "--seed", "3", "--out", dir.string(), "--count", "300"}).exit_code,
        0);
    CHECK_EQ(Files(dir), first);  // same seed, same bytes
    std::filesystem::remove_all(dir);
    REQUIRE_EQ(
        test::RunCli({"synth", "--seed", "4", "--out", dir.string(), "--count", "300"}).exit_code,
        0);
    CHECK_NE(Files(dir), first);
    std::filesystem::remove_all(dir);
  }

  TEST_CASE("synth reports bad arguments and bad real figures") {
    const auto dir = TempDir("bad");
    CHECK_EQ(test::RunCli({"synth", "--out", dir.string()}).exit_code, 2);  // --seed missing
    const auto too_many =
        test::RunCli({"synth", "--seed", "1", "--out", dir.string(), "--count", "50000"});
    CHECK_EQ(too_many.exit_code, 2);
    const auto bad_real = test::RunCli({"synth", "--seed", "1", "--out", dir.string(), "--real",
                                        "tests/data/reports/bad-real-figures.yaml"});
    CHECK_EQ(bad_real.exit_code, 1);
    CHECK_EQ(bad_real.err,
             "error: tests/data/reports/bad-real-figures.yaml:4:12: figures[0].value: count must "
             "not be negative, got -13300\n");
    std::filesystem::remove_all(dir);
  }
}

}  // namespace jobaward
