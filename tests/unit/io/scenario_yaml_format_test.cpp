// FormatScenarioYaml (scenario_yaml.hpp): a scenario written out reads back (ParseScenario) to the
// same id, name, description, base paths and overrides — what the what-if page's export relies on.
#include <doctest/doctest.h>

#include "jobaward/io/scenario_yaml.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

Override Set(const std::string& text) { return ParseSetting(text, SourceLocation{"--set"}); }

TEST_CASE("FormatScenarioYaml: a scenario reads back to the same values") {
  Scenario s;
  s.id = "page-1";
  s.name_ko = "최우수상 3개: 가상";
  s.description = "colons: and # hashes, \"quotes\"";
  s.base.rules = "/data/cohorts.yaml";
  s.base.rubrics = {"/data/a.yaml", "/data/b.yaml"};
  s.overrides = {Set("2020-disclosure.awards.levels.top.count=3"),
                 Set("2020-disclosure.tie_break=[domain:outcome, stage2]"),
                 Set("2020-disclosure.stages.advance.top_n=none"), Set("cohorts.city_split=0.45")};
  const Scenario back = ParseScenario(FormatScenarioYaml(s), "/elsewhere/x.yaml");
  CHECK(back.id == s.id);
  CHECK(back.name_ko == s.name_ko);
  CHECK(back.description == s.description);
  CHECK(back.base.rules == "/data/cohorts.yaml");
  CHECK(back.base.rubrics == s.base.rubrics);
  CHECK(back.base.registry.empty());
  REQUIRE(back.overrides.size() == s.overrides.size());
  for (std::size_t i = 0; i < s.overrides.size(); ++i) {
    CAPTURE(s.overrides[i].key);
    CHECK(back.overrides[i].key == s.overrides[i].key);
    CHECK(back.overrides[i].value.text == s.overrides[i].value.text);
    CHECK(back.overrides[i].value.number == s.overrides[i].value.number);
    CHECK(back.overrides[i].value.is_list == s.overrides[i].value.is_list);
    CHECK(back.overrides[i].value.items == s.overrides[i].value.items);
  }
}

TEST_CASE("FormatScenarioYaml: a key set twice is written once, with its last value") {
  Scenario s;
  s.id = "twice";
  s.overrides = {Set("2020-disclosure.total_points=90"), Set("cohorts.city_split=0.4"),
                 Set("2020-disclosure.total_points=100")};
  const Scenario back = ParseScenario(FormatScenarioYaml(s), "x.yaml");
  REQUIRE(back.overrides.size() == 2);
  CHECK(back.overrides[0].key == "2020-disclosure.total_points");
  CHECK(back.overrides[0].value.number == 100.0);
  CHECK(back.overrides[1].key == "cohorts.city_split");
}

}  // namespace
}  // namespace jobaward
