// Rubric loading and validation: the bundled rubrics load, point sums and every kind of bad
// rubric are rejected with exact messages.
#include <doctest/doctest.h>

#include <string>

#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

// A minimal valid rubric; tests replace parts of it.
std::string MinimalRubric(const std::string& domains, const std::string& indicators,
                          const std::string& extra = "") {
  return "id: t\ncategory: test\nname_ko: 시험\nyear: 2020\ntotal_points: 100\n"
         "fields:\n"
         "  - {name: x, type: number, name_ko: 엑스}\n"
         "  - {name: g, type: grade, name_ko: 등급}\n"
         "  - {name: s, type: scores, name_ko: 점수, min: 0, max: 100}\n"
         "domains:\n" +
         domains + "indicators:\n" + indicators +
         "stages:\n  stage1_weight: 1\n  stage2_weight: 1\n  advance: {top_n: 3}\n"
         "awards:\n  levels:\n    - {id: top, name_ko: 최우수상, count: 1, prize_money: 100}\n" +
         extra;
}

const std::string kDomains =
    "  plan: {name_ko: 계획, points: 30}\n"
    "  execution: {name_ko: 집행, points: 30}\n"
    "  outcome: {name_ko: 성과, points: 40}\n";

std::string Ind(const std::string& id, const std::string& domain, double points,
                const std::string& method_and_fields) {
  return "  - {id: " + id + ", name_ko: " + id + ", name_en: " + id + ", domain: " + domain +
         ", points: " + std::to_string(static_cast<int>(points)) + ", direction: higher, " +
         method_and_fields + ", missing: zero, stage: 1}\n";
}

const std::string kLinearX = "fields: [x], method: linear, params: {lo: 0, hi: 10}";

std::string ValidIndicators() {
  return Ind("a", "plan", 30, kLinearX) + Ind("b", "execution", 30, kLinearX) +
         Ind("c", "outcome", 40, kLinearX);
}

std::string FirstError(const std::string& yaml) {
  try {
    (void)ParseRubric(yaml, "r.yaml");
  } catch (const InputError& e) {
    return e.diagnostics().front().ToString();
  }
  return "(no error)";
}

// Every diagnostic, one per line.
std::string AllErrors(const std::string& yaml) {
  std::string out;
  try {
    (void)ParseRubric(yaml, "r.yaml");
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
  }
  return out;
}

}  // namespace

TEST_SUITE("rubric") {
  TEST_CASE("the bundled 2020 rubrics load and add up to 100 points") {
    for (const char* file : {"rubrics/2020-disclosure.yaml", "rubrics/2020-best-program.yaml"}) {
      const Rubric r = LoadRubric(test::SourcePath(file));
      CHECK_EQ(r.total_points, 100);
      double sum = 0;
      for (const auto& i : r.indicators) sum += i.points;
      CHECK_EQ(sum, doctest::Approx(100));
    }
  }

  TEST_CASE("the 공시제 rubric keeps the 2017 split: 30 quantitative, 70 qualitative points") {
    const Rubric r = LoadRubric(test::SourcePath("rubrics/2020-disclosure.yaml"));
    double qualitative = 0;
    for (const auto& i : r.indicators) {
      // Reviewer judgments (panels, grades) and the disclosure check are qualitative.
      if (i.method == Method::kPanel || i.method == Method::kGrade ||
          i.method == Method::kBoolean) {
        qualitative += i.points;
      }
    }
    CHECK_EQ(qualitative, doctest::Approx(70));
  }

  TEST_CASE("a minimal rubric parses") {
    const Rubric r = ParseRubric(MinimalRubric(kDomains, ValidIndicators()), "r.yaml");
    REQUIRE_EQ(r.indicators.size(), 3U);
    CHECK_EQ(r.indicators[0].params.hi, 10);
    CHECK_EQ(r.domains[2].points, 40);
  }

  TEST_CASE("a domain whose indicators do not add up is rejected naming file, line and numbers") {
    const std::string indicators = Ind("a", "plan", 25, kLinearX) + Ind("a2", "plan", 0, kLinearX) +
                                   Ind("b", "execution", 30, kLinearX) +
                                   Ind("c", "outcome", 45, kLinearX);
    CHECK_EQ(AllErrors(MinimalRubric(kDomains, indicators)),
             "r.yaml:11:9: domains.plan: domain 'plan' has 30 points but its indicators sum "
             "to 25 (a 25 + a2 0)\n"
             "r.yaml:13:12: domains.outcome: domain 'outcome' has 40 points but its "
             "indicators sum to 45 (c 45)\n");
  }

  TEST_CASE("domains that do not add up to total_points are rejected") {
    const std::string domains =
        "  plan: {name_ko: 계획, points: 30}\n"
        "  execution: {name_ko: 집행, points: 30}\n"
        "  outcome: {name_ko: 성과, points: 30}\n";
    const std::string indicators = Ind("a", "plan", 30, kLinearX) +
                                   Ind("b", "execution", 30, kLinearX) +
                                   Ind("c", "outcome", 30, kLinearX);
    CHECK_EQ(FirstError(MinimalRubric(domains, indicators)),
             "r.yaml:5:15: total_points: domains sum to 90 points (plan 30 + execution 30 + "
             "outcome 30) but total_points is 100");
  }

  TEST_CASE("an unknown method gets a did-you-mean") {
    const std::string indicators =
        Ind("a", "plan", 30, "fields: [x], method: linaer, params: {lo: 0, hi: 1}") +
        Ind("b", "execution", 30, kLinearX) + Ind("c", "outcome", 40, kLinearX);
    CHECK_EQ(FirstError(MinimalRubric(kDomains, indicators)),
             "r.yaml:15:103: indicators[0].method: expected one of target_ratio, linear, bands, "
             "minmax, zscore, percentile, change, grade, panel, boolean, got 'linaer' (did you "
             "mean 'linear'?)");
  }

  TEST_CASE("parameters are checked per method") {
    SUBCASE("a parameter of another method") {
      const std::string indicators =
          Ind("a", "plan", 30, "fields: [x], method: linear, params: {lo: 0, hi: 1, zcap: 2}") +
          Ind("b", "execution", 30, kLinearX) + Ind("c", "outcome", 40, kLinearX);
      CHECK_EQ(FirstError(MinimalRubric(kDomains, indicators)),
               "r.yaml:15:134: indicators[0].params.zcap: unknown key 'zcap' (expected one of: "
               "lo, hi)");
    }
    SUBCASE("a missing required parameter") {
      const std::string indicators =
          Ind("a", "plan", 30, "fields: [x], method: linear, params: {lo: 0}") +
          Ind("b", "execution", 30, kLinearX) + Ind("c", "outcome", 40, kLinearX);
      CHECK_EQ(FirstError(MinimalRubric(kDomains, indicators)),
               "r.yaml:15:119: indicators[0].params.hi: missing required key 'hi'");
    }
    SUBCASE("lo >= hi") {
      const std::string indicators =
          Ind("a", "plan", 30, "fields: [x], method: linear, params: {lo: 5, hi: 1}") +
          Ind("b", "execution", 30, kLinearX) + Ind("c", "outcome", 40, kLinearX);
      CHECK_EQ(FirstError(MinimalRubric(kDomains, indicators)),
               "r.yaml:15:5: indicators[0].params: linear needs lo < hi, got lo=5 hi=1");
    }
    SUBCASE("no params for a method that needs them") {
      const std::string indicators = Ind("a", "plan", 30, "fields: [x], method: target_ratio") +
                                     Ind("b", "execution", 30, kLinearX) +
                                     Ind("c", "outcome", 40, kLinearX);
      CHECK_EQ(FirstError(MinimalRubric(kDomains, indicators)),
               "r.yaml:15:5: indicators[0].params: method target_ratio needs params: floor, cap");
    }
  }

  TEST_CASE("target_ratio reads below_floor; reweighted: false is for stage-2 indicators") {
    const std::string zero =
        "fields: [x, x], method: target_ratio, params: {floor: 0.5, cap: 1, below_floor: zero}";
    const Rubric r = ParseRubric(
        MinimalRubric(kDomains, Ind("a", "plan", 30, zero) + Ind("b", "execution", 30, kLinearX) +
                                    Ind("c", "outcome", 40, kLinearX)),
        "r.yaml");
    CHECK_EQ(r.indicators[0].params.below_floor, BelowFloor::kZero);
    CHECK_EQ(r.indicators[1].params.below_floor, BelowFloor::kRescale);
    CHECK(r.indicators[0].reweighted);

    const std::string interview =
        "  - {id: i, name_ko: i, name_en: i, domain: outcome, points: 100, fields: [s], direction: "
        "higher, "
        "method: panel, params: {combine: mean}, missing: zero, stage: 2, reweighted: false}\n";
    const std::string domains =
        "  plan: {name_ko: 계획, points: 30}\n"
        "  execution: {name_ko: 집행, points: 30}\n"
        "  outcome: {name_ko: 성과, points: 140}\n";
    std::string yaml = MinimalRubric(domains, ValidIndicators() + interview);
    yaml.replace(yaml.find("total_points: 100"), 17, "total_points: 200");
    const Rubric two = ParseRubric(yaml, "r.yaml");
    CHECK_FALSE(two.indicators[3].reweighted);
    const auto stage_one = yaml.find("stage: 2");
    yaml.replace(stage_one, 8, "stage: 1");
    CHECK_EQ(FirstError(yaml),
             "r.yaml:18:5: indicators[3].reweighted: reweighted: false applies to stage-2 "
             "indicators only (a separate interview scale); 'i' is a stage-1 indicator");
  }

  TEST_CASE("field types and counts are checked against the method") {
    const std::string indicators =
        Ind("a", "plan", 30, "fields: [g], method: linear, params: {lo: 0, hi: 1}") +
        Ind("b", "execution", 30, "fields: [x], method: target_ratio, params: {floor: 0, cap: 1}") +
        Ind("c", "outcome", 40, "fields: [y], method: panel, params: {combine: mean}");
    CHECK_EQ(AllErrors(MinimalRubric(kDomains, indicators)),
             "r.yaml:15:5: indicators[0].fields: linear needs a number or count field, but "
             "'g' is grade\n"
             "r.yaml:16:5: indicators[1].fields: target_ratio reads 2 field(s) [actual, "
             "target], got 1\n"
             "r.yaml:17:5: indicators[2].fields: field 'y' is not declared in 'fields'\n");
  }

  TEST_CASE("negative caps, bad and unknown tie-break keys are rejected") {
    const std::string extra =
        "adjustments:\n  bonus_cap: -1\n  penalty_cap: 0\n"
        "tie_break: [domain:outcome, indicator:nope, luck]\n";
    CHECK_EQ(AllErrors(MinimalRubric(kDomains, ValidIndicators(), extra)),
             "r.yaml:26:14: adjustments.bonus_cap: expected a number >= 0, got -1\n"
             "r.yaml:28:45: tie_break[2]: expected domain:plan, domain:execution, "
             "domain:outcome, stage1, stage2 or indicator:<id>, got 'luck'\n");
    // References are checked once the shape is right (shape errors would make them noise).
    CHECK_EQ(AllErrors(MinimalRubric(kDomains, ValidIndicators(),
                                     "tie_break: [domain:outcome, indicator:nope]\n")),
             "r.yaml:25:29: tie_break[1]: unknown indicator 'nope'\n");
  }

  TEST_CASE("an award level needs exactly one of count and share") {
    std::string yaml = MinimalRubric(kDomains, ValidIndicators());
    yaml.replace(yaml.find("count: 1"), 8, "count: 1, share: 0.1, rounding: floor");
    CHECK_EQ(FirstError(yaml),
             "r.yaml:24:7: awards.levels[0]: needs exactly one of count and share");
  }

  TEST_CASE("SchemaOf lists the declared fields; MergeSchemas rejects conflicting declarations") {
    const Rubric a = LoadRubric(test::SourcePath("rubrics/2020-disclosure.yaml"));
    const Rubric b = LoadRubric(test::SourcePath("rubrics/2020-best-program.yaml"));
    const ReportSchema merged = MergeSchemas(SchemaOf(a), SchemaOf(b));
    CHECK_EQ(merged.fields.size(), a.fields.size() + b.fields.size());
    CHECK_EQ(MergeSchemas(SchemaOf(a), SchemaOf(a)).fields.size(), a.fields.size());
    ReportSchema other = SchemaOf(a);
    other.fields[0].type = FieldType::kNumber;
    try {
      (void)MergeSchemas(SchemaOf(a), other);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(e.diagnostics().front().ToString(),
               "<input>: fields.jobs_target: field 'jobs_target' is declared differently by two "
               "rubrics: "
               "count [0, -] and number [0, -]");
    }
  }
}

}  // namespace jobaward
