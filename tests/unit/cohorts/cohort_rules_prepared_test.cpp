// Prepared cohort rules (cohort_rules_prepared.cpp): assignments for many parameter values
// against references computed here by hand, the same errors as AssignCohorts, and agreement
// with the per-government tree walker of explanations.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/cohort_rules_prepared.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "report_fixtures.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

// The shared fixture's government, with the level its type implies.
Government Gov(std::string code, std::string name_ko, std::string name_en, GovernmentType type,
               double workers, double population) {
  const Level level =
      type == GovernmentType::kMetropolitanCity ? Level::kMetropolitan : Level::kBasic;
  return test::MakeGovernment(std::move(code), std::move(name_ko), std::move(name_en), level, type,
                              "", population, workers);
}

// Districts with workers 40, 10, 30, 20 (population 0 for Jung-gu, to divide by).
Registry Small() {
  return Registry(
      "", {Gov("26000", "부산광역시", "Busan", GovernmentType::kMetropolitanCity, 900, 1800),
           Gov("11530", "구로구", "Guro-gu", GovernmentType::kDistrict, 40, 80),
           Gov("11110", "종로구", "Jongno-gu", GovernmentType::kDistrict, 10, 20),
           Gov("11140", "중구", "Jung-gu", GovernmentType::kDistrict, 30, 0),
           Gov("11170", "용산구", "Yongsan-gu", GovernmentType::kDistrict, 20, 40)});
}

Registry Bundled() {
  return ParseRegistry(test::Slurp(test::SourcePath("cohorts/governments-2020.csv")),
                       "cohorts/governments-2020.csv", Registry2020Expectations());
}

// Type 7 quantile, written out here as the reference.
double ReferenceQuantile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double h = static_cast<double>(values.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

std::vector<double> WorkersOf(const Registry& registry, GovernmentType type) {
  std::vector<double> out;
  for (const auto& g : registry.governments()) {
    if (g.type == type) out.push_back(g.workers);
  }
  return out;
}

// What cohorts/2020.yaml says, by hand: the cohort id of every government.
std::vector<std::string> Reference2020(const Registry& registry, double city_split,
                                       double district_split) {
  const double city_cut = ReferenceQuantile(WorkersOf(registry, GovernmentType::kCity), city_split);
  const double district_cut =
      ReferenceQuantile(WorkersOf(registry, GovernmentType::kDistrict), district_split);
  std::vector<std::string> out;
  for (const auto& g : registry.governments()) {
    const bool metropolitan = g.level == Level::kMetropolitan;
    const bool basic = g.level == Level::kBasic;
    const GovernmentType t = g.type;
    if (metropolitan &&
        (t == GovernmentType::kSpecialCity || t == GovernmentType::kMetropolitanCity ||
         t == GovernmentType::kSpecialSelfGoverningCity)) {
      out.emplace_back("ga");
    } else if (metropolitan && (t == GovernmentType::kProvince ||
                                t == GovernmentType::kSpecialSelfGoverningProvince)) {
      out.emplace_back("na");
    } else if (basic && t == GovernmentType::kCity) {
      out.emplace_back(g.workers >= city_cut ? "da" : "ra");
    } else if (basic && t == GovernmentType::kCounty) {
      out.emplace_back("ma");
    } else if (basic && t == GovernmentType::kDistrict) {
      out.emplace_back(g.workers >= district_cut ? "ba" : "sa");
    } else {
      out.emplace_back("(none)");
    }
  }
  return out;
}

std::vector<std::string> Ids(const CohortRules& rules, std::span<const int> cohort_of) {
  std::vector<std::string> out;
  for (int c : cohort_of) out.push_back(rules.cohorts[static_cast<std::size_t>(c)].cohort.id);
  return out;
}

// p values at which (n - 1) p lands on an order statistic, the doubles either side of them, and
// values just either side, within [lo, hi]: where `workers >= quantile(...)` changes its mind.
std::vector<double> Boundaries(std::size_t n, double lo, double hi) {
  std::vector<double> out;
  for (std::size_t k = 0; k < n; ++k) {
    const double p = static_cast<double>(k) / static_cast<double>(n - 1);
    if (p < lo || p > hi) continue;
    for (double q : {p - 1e-12, std::nextafter(p, 0.0), p, std::nextafter(p, 1.0), p + 1e-12}) {
      out.push_back(q);
    }
  }
  return out;
}

// All diagnostics of an InputError thrown by `f`, one per line.
template <typename F>
std::string ErrorLines(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
    return out;
  }
  return "(no error)\n";
}

}  // namespace

TEST_SUITE("cohort_rules_prepared") {
  TEST_CASE("the 2020 rules assign as a hand-computed reference over a fine grid of splits") {
    const Registry registry = Bundled();
    const CohortRules rules = LoadCohortRules(test::SourcePath("cohorts/2020.yaml"));
    REQUIRE_EQ(rules.parameters.size(), 2);
    REQUIRE_EQ(rules.parameters[0].name, "city_split");
    const PreparedCohortRules prepared(rules, registry);
    CohortWorkspace workspace;

    // A grid of step 0.0025 over the uncertainty ranges, plus every p in [0.4, 0.6] at which the
    // quantile is a government's own workers, and its neighbouring doubles.
    std::vector<double> city, district;
    for (int i = 0; i <= 40; ++i) {
      city.push_back(0.45 + 0.0025 * i);
      district.push_back(0.45 + 0.0025 * i);
    }
    const std::size_t n_city = WorkersOf(registry, GovernmentType::kCity).size();
    const std::size_t n_district = WorkersOf(registry, GovernmentType::kDistrict).size();
    for (double p : Boundaries(n_city, 0.4, 0.6)) city.push_back(p);
    for (double p : Boundaries(n_district, 0.4, 0.6)) district.push_back(p);

    int compared = 0, differs_from_median = 0;
    const std::vector<std::string> median = Reference2020(registry, 0.5, 0.5);
    for (double c : city) {
      for (double d : district) {
        const std::vector<double> parameters{c, d};
        const std::vector<std::string> expected = Reference2020(registry, c, d);
        const std::vector<std::string> lean = Ids(rules, prepared.CohortOf(parameters, workspace));
        REQUIRE_EQ(lean, expected);
        ++compared;
        if (expected != median) ++differs_from_median;
      }
    }
    CHECK_GT(differs_from_median, compared / 2);

    // The full result, and AssignCohorts (prepared per call), on a coarser part of the grid.
    for (std::size_t i = 0; i < city.size(); i += 7) {
      for (std::size_t j = 0; j < district.size(); j += 5) {
        const std::vector<double> parameters{city[i], district[j]};
        const CohortAssignment full = prepared.Assign(parameters);
        CHECK_EQ(Ids(rules, full.cohort_of), Reference2020(registry, city[i], district[j]));
        CHECK_EQ(full.cohort_of, AssignCohorts(rules, registry, parameters).cohort_of);
        std::size_t members = 0;
        for (std::size_t k = 0; k < full.members.size(); ++k) {
          for (std::size_t g : full.members[k]) CHECK_EQ(full.cohort_of[g], static_cast<int>(k));
          members += full.members[k].size();
        }
        CHECK_EQ(members, registry.size());
      }
    }
  }

  TEST_CASE("a boundary p puts the government at the quantile into the large cohort") {
    // Districts 10 20 30 40: p = 1/3 gives h = 1, the quantile is exactly 20 (Yongsan-gu).
    const CohortRules rules = ParseCohortRules(R"(year: 2020
parameters:
  split: 0.5
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - letter: 바
    id: ba
    name_en: Large
    rule: >-
      type == "district" and workers >= quantile(workers, split, where: type == "district")
  - letter: 사
    id: sa
    name_en: Small
    rule: >-
      type == "district" and workers < quantile(workers, split, where: type == "district")
)",
                                               "rules.yaml");
    const Registry registry = Small();
    const PreparedCohortRules prepared(rules, registry);
    CohortWorkspace workspace;
    // (The doubles next to 1/3 give h = 1 as well, so step a little further.)
    const double third = 1.0 / 3.0;
    using IdList = std::vector<std::string>;
    const std::vector<double> at{third}, above{third + 1e-12}, below{third - 1e-12};
    REQUIRE_EQ(ReferenceQuantile({10, 20, 30, 40}, at[0]), 20.0);
    REQUIRE_GT(ReferenceQuantile({10, 20, 30, 40}, above[0]), 20.0);
    REQUIRE_LT(ReferenceQuantile({10, 20, 30, 40}, below[0]), 20.0);
    CHECK_EQ(Ids(rules, prepared.CohortOf(at, workspace)), IdList{"ga", "ba", "sa", "ba", "ba"});
    CHECK_EQ(Ids(rules, prepared.CohortOf(below, workspace)), IdList{"ga", "ba", "sa", "ba", "ba"});
    CHECK_EQ(Ids(rules, prepared.CohortOf(above, workspace)), IdList{"ga", "ba", "sa", "ba", "sa"});
  }

  TEST_CASE("parameters outside aggregates move the cut-off like a hand-computed reference") {
    const CohortRules rules = ParseCohortRules(R"(year: 2020
parameters:
  cut: 25
  share: 1
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large, rule: type == "district" and workers * share >= cut}
  - {letter: 사, id: sa, name_en: Small, rule: type == "district" and not (workers * share >= cut)}
)",
                                               "rules.yaml");
    const Registry registry = Small();
    const PreparedCohortRules prepared(rules, registry);
    CohortWorkspace workspace;
    int valid = 0, invalid = 0;
    for (double cut : {5.0, 10.0, std::nextafter(10.0, 11.0), 15.0, 20.0, 25.0, 30.0, 40.0, 80.0,
                       std::nextafter(80.0, 81.0)}) {
      for (double share : {0.5, 1.0, 2.0}) {
        const std::vector<double> parameters{cut, share};
        std::vector<std::string> expected;
        bool large = false, small = false;
        for (const auto& g : registry.governments()) {
          if (g.level == Level::kMetropolitan) {
            expected.emplace_back("ga");
          } else {
            const bool is_large = g.workers * share >= cut;
            expected.emplace_back(is_large ? "ba" : "sa");
            (is_large ? large : small) = true;
          }
        }
        CAPTURE(cut);
        CAPTURE(share);
        if (large && small) {
          ++valid;
          CHECK_EQ(Ids(rules, prepared.CohortOf(parameters, workspace)), expected);
          CHECK_EQ(Ids(rules, prepared.Assign(parameters).cohort_of), expected);
        } else {
          ++invalid;
          const std::string empty = large ? "사 (sa)" : "바 (ba)";
          const std::string key = large ? "cohorts[2]" : "cohorts[1]";
          const std::string message = ErrorLines([&] { (void)prepared.Assign(parameters); });
          CHECK_NE(message.find(key + ".rule: cohort " + empty + " is empty"), std::string::npos);
          CHECK_EQ(ErrorLines([&] { (void)prepared.CohortOf(parameters, workspace); }), message);
        }
      }
    }
    CHECK_GT(valid, 0);
    CHECK_GT(invalid, 0);
  }

  TEST_CASE("CohortOf throws what Assign and AssignCohorts throw: no rule, two rules, empty") {
    const Registry registry = Small();
    const auto check = [&](const std::string& yaml, const std::string& expected,
                           std::vector<double> parameters = {}) {
      const CohortRules rules = ParseCohortRules(yaml, "rules.yaml");
      const PreparedCohortRules prepared(rules, registry);
      CohortWorkspace workspace;
      CHECK_EQ(ErrorLines([&] { (void)prepared.Assign(parameters); }), expected);
      CHECK_EQ(ErrorLines([&] { (void)prepared.CohortOf(parameters, workspace); }), expected);
      CHECK_EQ(ErrorLines([&] { (void)AssignCohorts(rules, registry, parameters); }), expected);
    };
    check(R"(year: 2020
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large districts, rule: type == "district" and workers >= 30}
)",
          "rules.yaml: 11110 종로구 (Jongno-gu) matches no cohort rule; each government must match "
          "exactly one (or set 'match: first')\n"
          "rules.yaml: 11170 용산구 (Yongsan-gu) matches no cohort rule; each government must "
          "match exactly one (or set 'match: first')\n");
    check(R"(year: 2020
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan" or workers >= 40}
  - {letter: 바, id: ba, name_en: Districts, rule: type == "district"}
)",
          "rules.yaml: 11530 구로구 (Guro-gu) matches 2 cohort rules, 가 (ga) at rules.yaml:3:56 "
          "and 바 (ba) at rules.yaml:4:53; each government must match exactly one (or set "
          "'match: first')\n");
    check(R"(year: 2020
parameters:
  cut: 25
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large, rule: type == "district" and workers >= cut}
  - {letter: 사, id: sa, name_en: Small, rule: type == "district" and workers < cut}
)",
          "rules.yaml:7:49: cohorts[2].rule: cohort 사 (sa) is empty: its rule matches no "
          "government\n",
          {5});
  }

  TEST_CASE("in first mode CohortOf takes the first matching rule; Assign reports shadowing") {
    const CohortRules rules = ParseCohortRules(R"(year: 2020
match: first
parameters:
  cut: 25
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large districts, rule: workers >= cut}
  - {letter: 사, id: sa, name_en: Other districts, rule: type == "district"}
)",
                                               "rules.yaml");
    const PreparedCohortRules prepared(rules, Small());
    CohortWorkspace workspace;
    const std::vector<double> parameters{25};
    CHECK_EQ(Ids(rules, prepared.CohortOf(parameters, workspace)),
             std::vector<std::string>{"ga", "ba", "sa", "ba", "sa"});
    const CohortAssignment a = prepared.Assign(parameters);
    CHECK_EQ(a.shadow_notes.size(), 2);
    CHECK_EQ(a.shadow_notes, AssignCohorts(rules, Small(), {{"cut", 25}}).shadow_notes);
  }

  TEST_CASE("evaluation errors come in the order of a per-government evaluation") {
    // Jung-gu (index 3) has no population. Aggregates of every rule are computed before any
    // government is evaluated; then governments in registry order, each through the rules in
    // order; and/or guard a division.
    const Registry registry = Small();
    const auto error = [&](const std::string& rules_yaml) {
      const CohortRules rules = ParseCohortRules(rules_yaml, "rules.yaml");
      const PreparedCohortRules prepared(rules, registry);
      CohortWorkspace workspace;
      const std::vector<double> parameters(rules.parameters.size(), 0.5);
      const std::string lines = ErrorLines([&] { (void)prepared.Assign(parameters); });
      CHECK_EQ(ErrorLines([&] { (void)prepared.CohortOf(parameters, workspace); }), lines);
      return lines;
    };
    const std::string head = R"(year: 2020
parameters:
  p: 0.5
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
)";
    // A row fault of a later rule for an earlier government wins: Jongno-gu (index 2) fails
    // in the third rule before Jung-gu (index 3) fails in the second.
    const std::string row_faults = R"(
  - {letter: 바, id: ba, name_en: A, rule: type == "district" and workers / population > p}
  - {letter: 사, id: sa, name_en: B, rule: type == "district" and p / (workers - 10) < 1}
)";
    CHECK_EQ(error(head + row_faults.substr(1)),
             "rules.yaml:7:70: cohorts[2].rule: division by zero in 'p / (workers - 10)' for "
             "11110 종로구 (Jongno-gu)\n"
             "  type == \"district\" and p / (workers - 10) < 1\n"
             "                           ^\n");
    // The failing aggregate of the last rule comes before every row fault.
    const std::string aggregate_fault = R"(
  - {letter: 바, id: ba, name_en: A, rule: type == "district" and p / (workers - 10) < 1}
  - {letter: 사, id: sa, name_en: B, rule: type == "district" and workers < sum(p / population)}
)";
    CHECK_EQ(error(head + aggregate_fault.substr(1)),
             "rules.yaml:7:84: cohorts[2].rule: division by zero in 'p / population' for 11140 "
             "중구 (Jung-gu)\n"
             "  type == \"district\" and workers < sum(p / population)\n"
             "                                         ^\n");
    // A guard keeps Jung-gu from the division: the assignment fails for another reason.
    const std::string guarded = R"(
  - {letter: 바, id: ba, name_en: A, rule: type == "district" and (population == 0 or workers / population >= p)}
  - {letter: 사, id: sa, name_en: B, rule: type == "district" and not (population == 0 or workers / population >= p)}
)";
    CHECK_EQ(error(head + guarded.substr(1)),
             "rules.yaml:7:45: cohorts[2].rule: cohort 사 (sa) is empty: its rule matches no "
             "government\n");
  }

  TEST_CASE("explanations (the tree walker) agree with the prepared assignment") {
    const Registry registry = Bundled();
    const CohortRules rules = LoadCohortRules(test::SourcePath("cohorts/2020.yaml"));
    const PreparedCohortRules prepared(rules, registry);
    CohortWorkspace workspace;
    for (const auto& [city, district] :
         std::vector<std::pair<double, double>>{{0.45, 0.55}, {0.5, 0.5}, {0.55, 0.4625}}) {
      const std::map<std::string, double> overrides{{"city_split", city},
                                                    {"district_split", district}};
      const std::vector<double> parameters = ParameterValues(rules, overrides);
      const std::span<const int> cohort_of = prepared.CohortOf(parameters, workspace);
      for (std::size_t g = 0; g < registry.size(); ++g) {
        const std::vector<RuleExplanation> e = ExplainGovernment(rules, registry, g, overrides);
        for (std::size_t r = 0; r < e.size(); ++r) {
          CHECK_EQ(e[r].matched, cohort_of[g] == static_cast<int>(r));
        }
      }
    }
  }

  TEST_CASE("CohortOf reuses the workspace's buffer, also after an error") {
    const CohortRules rules = ParseCohortRules(R"(year: 2020
parameters:
  cut: 25
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large, rule: type == "district" and workers >= cut}
  - {letter: 사, id: sa, name_en: Small, rule: type == "district" and workers < cut}
)",
                                               "rules.yaml");
    const PreparedCohortRules prepared(rules, Small());
    CohortWorkspace workspace;
    const std::vector<double> a{25}, b{15}, bad{100};
    const int* first = prepared.CohortOf(a, workspace).data();
    CHECK_THROWS_AS((void)prepared.CohortOf(bad, workspace), InputError);
    const std::span<const int> again = prepared.CohortOf(b, workspace);
    CHECK_EQ(again.data(), first);
    CHECK_EQ(std::vector<int>(again.begin(), again.end()), std::vector<int>{0, 1, 2, 1, 1});
  }
}

}  // namespace jobaward
