// Cohort rules: loading (cohort_rules_yaml.cpp), assignment, explanation and diff
// (cohort_rules.cpp), and the bundled 2020 rules on the bundled registry.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

Government Gov(std::string code, std::string name_ko, std::string name_en, GovernmentType type,
               double workers) {
  Government g;
  g.code = std::move(code);
  g.name_ko = std::move(name_ko);
  g.name_en = std::move(name_en);
  g.type = type;
  g.level = type == GovernmentType::kMetropolitanCity ? Level::kMetropolitan : Level::kBasic;
  g.population = workers * 2;
  g.workers = workers;
  return g;
}

Registry Small() {
  return Registry("", {Gov("26000", "부산광역시", "Busan", GovernmentType::kMetropolitanCity, 900),
                       Gov("11530", "구로구", "Guro-gu", GovernmentType::kDistrict, 40),
                       Gov("11110", "종로구", "Jongno-gu", GovernmentType::kDistrict, 10),
                       Gov("11140", "중구", "Jung-gu", GovernmentType::kDistrict, 30),
                       Gov("11170", "용산구", "Yongsan-gu", GovernmentType::kDistrict, 20)});
}

const char* const kRules = R"(year: 2020
parameters:
  split: 0.5
cohorts:
  - letter: 가
    id: ga
    name_en: Metropolitan
    rule: level == "metropolitan"
  - letter: 바
    id: ba
    name_en: Large districts
    rule: >-
      type == "district" and workers >= quantile(workers, split, where: type == "district")
  - letter: 사
    id: sa
    name_en: Small districts
    rule: >-
      type == "district" and workers < quantile(workers, split, where: type == "district")
)";

std::vector<std::string> Errors(const std::string& yaml) {
  try {
    (void)ParseCohortRules(yaml, "rules.yaml");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.ToString());
    return out;
  }
  return {};
}

std::vector<std::string> AssignErrors(const std::string& yaml, const Registry& registry) {
  const CohortRules rules = ParseCohortRules(yaml, "rules.yaml");
  try {
    (void)AssignCohorts(rules, registry);
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.ToString());
    return out;
  }
  return {};
}

// Diagnostics one per line, so a failing check prints them.
std::string Lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string Letters(const CohortAssignment& a) {
  std::string out;
  for (int c : a.cohort_of) out += a.cohorts[static_cast<std::size_t>(c)].id + " ";
  return out;
}

}  // namespace

TEST_SUITE("cohort_rules") {
  TEST_CASE("each government goes to the one cohort whose rule it matches") {
    const CohortRules rules = ParseCohortRules(kRules, "rules.yaml");
    CHECK_EQ(rules.year, 2020);
    CHECK(rules.match == MatchMode::kExactlyOne);
    REQUIRE_EQ(rules.cohorts.size(), 3);
    CHECK_EQ(rules.cohorts[1].cohort.letter, "바");
    const CohortAssignment a = AssignCohorts(rules, Small());
    CHECK_EQ(Letters(a), "ga ba sa ba sa ");  // district median is 25
    CHECK_EQ(a.members[1], std::vector<std::size_t>{1, 3});
    CHECK(a.shadow_notes.empty());
  }

  TEST_CASE("parameter overrides move the cut-off without editing the rules") {
    const CohortRules rules = ParseCohortRules(kRules, "rules.yaml");
    // split 0.25 -> quantile 17.5: Yongsan-gu (20) becomes large.
    CHECK_EQ(Letters(AssignCohorts(rules, Small(), {{"split", 0.25}})), "ga ba sa ba ba ");
    const std::vector<double> values{0.25};
    CHECK_EQ(Letters(AssignCohorts(rules, Small(), std::span<const double>(values))),
             "ga ba sa ba ba ");
    try {
      (void)AssignCohorts(rules, Small(), {{"splitt", 0.25}});
      FAIL("expected an InputError");
    } catch (const InputError& e) {
      CHECK_EQ(std::string(e.what()),
               "rules.yaml: parameters: unknown parameter 'splitt', did you mean 'split'?");
    }
  }

  TEST_CASE("a government that matches no rule is an error naming it") {
    const std::string yaml = R"(year: 2020
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large districts, rule: type == "district" and workers >= 30}
)";
    const std::vector<std::string> expected = {
        "rules.yaml: 11110 종로구 (Jongno-gu) matches no cohort rule; each government must match "
        "exactly one (or set 'match: first')",
        "rules.yaml: 11170 용산구 (Yongsan-gu) matches no cohort rule; each government must "
        "match exactly one (or set 'match: first')"};
    CHECK_EQ(Lines(AssignErrors(yaml, Small())), Lines(expected));
  }

  TEST_CASE("a government that matches several rules is an error naming it and the rules") {
    const std::string yaml = R"(year: 2020
cohorts:
  - letter: 가
    id: ga
    name_en: Metropolitan
    rule: level == "metropolitan" or workers >= 40
  - letter: 바
    id: ba
    name_en: Districts
    rule: type == "district"
)";
    const std::vector<std::string> expected = {
        "rules.yaml: 11530 구로구 (Guro-gu) matches 2 cohort rules, 가 (ga) at "
        "rules.yaml:6:11 and 바 (ba) at rules.yaml:10:11; each government must match exactly "
        "one (or set 'match: first')"};
    CHECK_EQ(Lines(AssignErrors(yaml, Small())), Lines(expected));
  }

  TEST_CASE("a cohort without members is an error at its rule") {
    const std::string yaml = R"(year: 2020
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 마, id: ma, name_en: Counties, rule: type == "county"}
  - {letter: 바, id: ba, name_en: Districts, rule: type == "district"}
)";
    const std::vector<std::string> expected = {
        "rules.yaml:4:52: cohorts[1].rule: cohort 마 (ma) is empty: its rule matches no "
        "government"};
    CHECK_EQ(Lines(AssignErrors(yaml, Small())), Lines(expected));
  }

  TEST_CASE("match: first gives each government the first matching rule and reports shadowing") {
    const std::string yaml = R"(year: 2020
match: first
cohorts:
  - {letter: 가, id: ga, name_en: Metropolitan, rule: level == "metropolitan"}
  - {letter: 바, id: ba, name_en: Large districts, rule: workers >= 25}
  - {letter: 사, id: sa, name_en: Other districts, rule: type == "district"}
)";
    const CohortRules rules = ParseCohortRules(yaml, "rules.yaml");
    const CohortAssignment a = AssignCohorts(rules, Small());
    CHECK_EQ(Letters(a), "ga ba sa ba sa ");
    const std::vector<std::string> notes = {
        "rule 바 (ba) at rules.yaml:5:59 also matches 1 government claimed by the earlier rule "
        "가 (ga) at rules.yaml:4:56: 26000 부산광역시",
        "rule 사 (sa) at rules.yaml:6:59 also matches 2 governments claimed by the earlier rule "
        "바 (ba) at rules.yaml:5:59: 11530 구로구, 11140 중구"};
    CHECK_EQ(Lines(a.shadow_notes), Lines(notes));
  }

  TEST_CASE("explain gives every rule, whether it matched, and its sub-expression values") {
    const CohortRules rules = ParseCohortRules(kRules, "rules.yaml");
    const std::vector<RuleExplanation> e = ExplainGovernment(rules, Small(), 1);
    REQUIRE_EQ(e.size(), 3);
    CHECK_FALSE(e[0].matched);
    CHECK(e[1].matched);
    CHECK_FALSE(e[2].matched);
    CHECK_EQ(e[1].where.ToString(), "rules.yaml:13:7");
    REQUIRE_EQ(e[1].nodes.size(), 6);
    CHECK_EQ(e[1].nodes[5].text, "quantile(workers, split, where: type == \"district\")");
    CHECK_EQ(e[1].nodes[5].value->ToString(), "25");
    CHECK_EQ(e[1].nodes[4].value->ToString(), "40");
  }

  TEST_CASE("diff lists the governments that change cohort and the size changes") {
    const CohortRules rules = ParseCohortRules(kRules, "rules.yaml");
    const Registry registry = Small();
    const AssignmentDiff d =
        DiffAssignments(AssignCohorts(rules, registry),
                        AssignCohorts(rules, registry, {{"split", 0.25}}), registry);
    REQUIRE_EQ(d.changes.size(), 1);
    CHECK_EQ(registry[d.changes[0].index].code, "11170");
    CHECK_EQ(d.changes[0].from.letter, "사");
    CHECK_EQ(d.changes[0].to.letter, "바");
    REQUIRE_EQ(d.sizes.size(), 3);
    CHECK_EQ(d.sizes[1].before, 2);
    CHECK_EQ(d.sizes[1].after, 3);
  }

  TEST_CASE("the loader reports unknown keys with a suggestion, missing rules and duplicates") {
    const std::string yaml = R"(year: 2020
matches: first
cohorts:
  - letter: 가
    id: ga
    name_en: Metropolitan
    rule: level == "metropolitan"
  - leter: 나
    id: ga
    name_en: Provinces
    rule: type == "province"
  - letter: 가
    id: Da
    name_en: Cities
  - letter: 라
    id: ra
    name_en: Small
    rule: type == "city" and workers >= = 3
)";
    const std::vector<std::string> expected = {
        "rules.yaml:2:1: matches: unknown key 'matches', did you mean 'match'?",
        "rules.yaml:8:5: cohorts[1].leter: unknown key 'leter', did you mean 'letter'?",
        "rules.yaml:8:5: cohorts[1].letter: missing required key 'letter'",
        "rules.yaml:9:9: cohorts[1].id: duplicate id 'ga' (already used by cohorts[0] at "
        "rules.yaml:4:5)",
        "rules.yaml:12:5: cohorts[2].rule: missing required key 'rule'",
        "rules.yaml:12:13: cohorts[2].letter: duplicate letter '가' (already used by cohorts[0] "
        "at rules.yaml:4:5)",
        "rules.yaml:13:9: cohorts[2].id: expected an ASCII id of lowercase letters, digits, '_' "
        "or '-' starting with a letter (e.g. 'ga'), got 'Da'",
        "rules.yaml:18:41: cohorts[3].rule: syntax error: '=' is not an operator; use '==' to "
        "compare\n"
        "  type == \"city\" and workers >= = 3\n"
        "                                ^"};
    CHECK_EQ(Lines(Errors(yaml)), Lines(expected));
  }

  TEST_CASE("parameter names must be words that are not fields, functions or keywords") {
    const std::string yaml = R"(year: 2020
parameters:
  workers: 3
  2x: 1
  cut: {value: high}
  ok: {value: 1, descripton: x}
cohorts:
  - {letter: 가, id: ga, name_en: All, rule: workers >= cut}
)";
    const std::vector<std::string> expected = {
        "rules.yaml:3:3: parameters.workers: 'workers' is a field, function or keyword of rule "
        "expressions; choose another parameter name",
        "rules.yaml:4:3: parameters.2x: a parameter name must be a word of letters, digits and "
        "'_' (not starting with a digit), got '2x'",
        "rules.yaml:5:16: parameters.cut.value: expected a finite number, got 'high'",
        "rules.yaml:6:18: parameters.ok.descripton: unknown key 'descripton', did you mean "
        "'description'?",
        "rules.yaml:8:58: cohorts[0].rule: unknown name 'cut' (expected a field or parameter: "
        "code, name_ko, name_en, level, type, parent_code, population, workers, "
        "workers_estimated, population_year, workers_year, ok)\n"
        "  workers >= cut\n"
        "             ^"};
    CHECK_EQ(Lines(Errors(yaml)), Lines(expected));
  }

  TEST_CASE("a quoted or multi-line rule reports the column inside the expression") {
    const std::string yaml = R"(year: 2020
cohorts:
  - letter: 가
    id: ga
    name_en: All
    rule: >-
      workers > 1 and
      level
)";
    const std::vector<std::string> expected = {
        "rules.yaml:6:11: cohorts[0].rule: column 13 of the expression: type error: 'and' needs "
        "two booleans, got boolean and string\n"
        "  workers > 1 and level\n"
        "              ^"};
    CHECK_EQ(Lines(Errors(yaml)), Lines(expected));
  }

  TEST_CASE("the 2020 rules put all 243 governments into 7 non-empty cohorts, Guro-gu in 바") {
    const Registry registry =
        ParseRegistry(test::Slurp(test::SourcePath("cohorts/governments-2020.csv")),
                      "cohorts/governments-2020.csv", Registry2020Expectations());
    const CohortRules rules = LoadCohortRules(test::SourcePath("cohorts/2020.yaml"));
    const CohortAssignment a = AssignCohorts(rules, registry);
    REQUIRE_EQ(registry.size(), 243);
    REQUIRE_EQ(a.cohorts.size(), 7);
    std::string letters;
    std::size_t total = 0;
    for (std::size_t c = 0; c < 7; ++c) {
      letters += a.cohorts[c].letter;
      CHECK_FALSE(a.members[c].empty());
      total += a.members[c].size();
    }
    CHECK_EQ(letters, "가나다라마바사");
    CHECK_EQ(total, 243);
    CHECK(std::all_of(a.cohort_of.begin(), a.cohort_of.end(), [](int c) { return c >= 0; }));

    const std::size_t guro = *registry.IndexOf("11530");
    CHECK_EQ(a.cohorts[static_cast<std::size_t>(a.cohort_of[guro])].letter, "바");
    int seoul = 0;
    int seoul_in_ba = 0;
    for (std::size_t i = 0; i < registry.size(); ++i) {
      const Government& g = registry[i];
      if (g.code.rfind("11", 0) != 0 || g.type != GovernmentType::kDistrict) continue;
      ++seoul;
      if (a.cohorts[static_cast<std::size_t>(a.cohort_of[i])].letter == "바") ++seoul_in_ba;
    }
    CHECK_EQ(seoul, 25);
    CHECK_GE(seoul_in_ba, 13);
  }
}

}  // namespace jobaward
