// The what-if service's API, in process (no socket): every route answers what the library
// computes for the same inputs, and every bad request is refused with a 4xx that says why.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "bundled_inputs.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/scenario_yaml.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/awards.hpp"
#include "jobaward/scoring/scenario_compare.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/simulation.hpp"
#include "jobaward/simulation/uncertainty.hpp"
#include "jobaward/simulation/uncertainty_subset.hpp"
#include "serve_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

using test::BodyJson;
using test::BundledService;
using test::PageRequest;

// The same inputs through the library alone, as `jobaward award` loads them.
struct Direct {
  std::vector<Rubric> rubrics;
  std::vector<ScoringModel> models;
  std::vector<ScoreResult> results;
  AwardTable table;
};

// `overrides` as `jobaward award --set ...` computes them.
Direct DirectWith(const std::vector<Override>& overrides) {
  AwardPaths paths = test::BundledAwardPaths();
  paths.overrides = overrides;
  const ScoringSetup setup = LoadScoringSetup(paths);
  Direct d;
  d.rubrics = setup.rubrics;
  d.models = CompileReports(setup, test::SourcePath("examples/2020/reports"));
  d.results = ScoreAward(d.models);
  d.table = BuildAwardTable(d.rubrics, d.results);
  return d;
}

const Direct& DirectBundled() {
  static const Direct direct = [] {
    AwardPaths paths = test::BundledAwardPaths();
    const ScoringSetup setup = LoadScoringSetup(paths);
    Direct d;
    d.rubrics = setup.rubrics;
    d.models = CompileReports(setup, test::SourcePath("examples/2020/reports"));
    d.results = ScoreAward(d.models);
    d.table = BuildAwardTable(d.rubrics, d.results);
    return d;
  }();
  return direct;
}

std::string ErrorMessage(const HttpResponse& r) {
  return BodyJson(r)["error"]["message"].get<std::string>();
}

TEST_CASE("serve: GET / is the embedded Korean page with a strict content security policy") {
  const HttpResponse r = BundledService().Handle(PageRequest("GET", "/"));
  CHECK(r.status == 200);
  CHECK(r.content_type == "text/html; charset=utf-8");
  CHECK(r.body.find("<html lang=\"ko\">") != std::string::npos);
  CHECK(r.body.find("일자리대상") != std::string::npos);
  bool csp = false;
  for (const auto& [name, value] : r.headers) {
    if (name == "Content-Security-Policy") {
      csp = value.find("default-src 'none'") != std::string::npos &&
            value.find("connect-src 'self'") != std::string::npos;
    }
  }
  CHECK(csp);
  CHECK(BundledService().Handle(PageRequest("GET", "/app.js")).content_type ==
        "text/javascript; charset=utf-8");
  CHECK(BundledService().Handle(PageRequest("GET", "/app.css")).content_type ==
        "text/css; charset=utf-8");
}

TEST_CASE("serve: GET /api/model describes the base rules, cohorts and governments") {
  const HttpResponse r = BundledService().Handle(PageRequest("GET", "/api/model"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  const Direct& d = DirectBundled();
  REQUIRE(j["categories"].size() == d.rubrics.size());
  for (std::size_t k = 0; k < d.rubrics.size(); ++k) {
    const auto& c = j["categories"][k];
    CHECK(c["category"] == d.rubrics[k].category);
    CHECK(c["total_points"] == d.rubrics[k].total_points);
    CHECK(c["indicators"].size() == d.rubrics[k].indicators.size());
    CHECK(c["levels"].size() == d.rubrics[k].levels.size());
  }
  CHECK(j["cohorts"].size() == 7);
  CHECK(j["governments"].size() == 243);
  CHECK(j["reports"]["count"] == 243);
  CHECK(j["reports"]["synthetic"] == 243);  // the page's synthetic banner reads it
  CHECK(j["cohort_parameters"][0]["name"] == "city_split");
}

TEST_CASE("serve: POST /api/award is the award table BuildAwardTable gives for the same inputs") {
  const HttpResponse r = BundledService().Handle(PageRequest("POST", "/api/award", "{}"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  const AwardTable& t = DirectBundled().table;
  CHECK(j["total_count"] == t.total_count);
  CHECK(j["total_count"] == 73);
  CHECK(j["total_money"] == t.total_money);
  CHECK(j["governments_awarded"] == t.governments_awarded);
  // Every entry of the library's table appears once, in its category and cohort.
  std::size_t listed = 0;
  for (const auto& c : j["categories"]) {
    listed += c["national"].size();
    for (const auto& cohort : c["cohorts"]) listed += cohort["awards"].size();
  }
  CHECK(listed == t.entries.size());
  for (const AwardEntry& e : t.entries) {
    bool found = false;
    for (const auto& c : j["categories"]) {
      if (c["category"] != e.category) continue;
      auto match = [&](const nlohmann::json& a) {
        found = found || (a["code"] == e.code && a["award"] == e.award_id && a["rank"] == e.rank &&
                          a["final_score"] == e.final_score);
      };
      for (const auto& a : c["national"]) match(a);
      for (const auto& cohort : c["cohorts"]) {
        if (cohort["label"] == e.cohort_label) {
          for (const auto& a : cohort["awards"]) match(a);
        }
      }
    }
    CHECK_MESSAGE(found, e.category << " " << e.code << " " << e.award_id);
  }
  CHECK(j["server_ms"].get<double>() >= 0);
}

TEST_CASE(
    "serve: POST /api/award with overrides is ApplyOverrides + ScoreAward, compared as compare "
    "does") {
  const HttpResponse r = BundledService().Handle(PageRequest(
      "POST", "/api/award", R"({"overrides": {"2020-disclosure.awards.levels.top.count": 3}})"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  const Direct d =
      DirectWith({ParseSetting("2020-disclosure.awards.levels.top.count=3", SourceLocation{"t"})});
  CHECK(j["total_count"] == d.table.total_count);
  CHECK(j["total_money"] == d.table.total_money);
  CHECK(j["overrides"]["2020-disclosure.awards.levels.top.count"] == 3);
  CHECK(j["rules"]["categories"][0]["levels"][0]["count"] == 3);
  // The differences: CompareResults of the baseline and the scenario, as `jobaward compare`.
  const ScenarioComparison expected = CompareResults(DirectBundled().results, d.results);
  const auto& changes = j["comparison"]["award_changes"];
  REQUIRE(changes.size() == expected.awards.size());
  CHECK(!expected.awards.empty());
  for (std::size_t i = 0; i < expected.awards.size(); ++i) {
    CHECK(changes[i]["code"] == expected.awards[i].code);
    CHECK(changes[i]["category"] == expected.awards[i].category);
  }
  // No overrides: no differences.
  const auto none = BodyJson(BundledService().Handle(PageRequest("POST", "/api/award", "{}")));
  CHECK(none["comparison"]["award_changes"].empty());
}

TEST_CASE("serve: overrides that do not apply are a 400 naming the key") {
  const WhatIfService& s = BundledService();
  struct Case {
    std::string body;
    const char* message;
  };
  const Case cases[] = {
      {R"({"overrides": {"2020-disclosure.stages.stage2_weigth": 2}})", "stage2_weight"},
      {R"({"overrides": {"2020-disclosure.awards.levels.top.count": -1}})", "count"},
      {R"({"overrides": {"2020-disclosure.total_points": "lots"}})", "total_points"},
      {R"({"overrides": {"cohorts.city_split": {"a": 1}}})", "overrides.cohorts.city_split"},
      {R"({"overrides": {"a=b": 1}})", "is not a scenario key"},
      {R"({"overrides": [1]})", "expected an object"},
      {R"({"overrides": {"2020-disclosure.tie_break": "a,b"}})", "plain value"},
  };
  for (const Case& c : cases) {
    const HttpResponse r = s.Handle(PageRequest("POST", "/api/award", c.body));
    CHECK_MESSAGE(r.status == 400, c.body);
    const auto j = BodyJson(r);
    const std::string text = j["error"]["message"].get<std::string>() + " " +
                             j["error"]["key"].get<std::string>() + " " +
                             j["error"]["details"].dump();
    CHECK_MESSAGE(text.find(c.message) != std::string::npos, text);
  }
}

TEST_CASE("serve: POST /api/scenario is a scenario file that reads back to the same overrides") {
  const HttpResponse r = BundledService().Handle(
      PageRequest("POST", "/api/scenario",
                  R"({"id": "page-test", "overrides": {"2020-disclosure.stages.stage2_weight": 2,
          "2020-disclosure.tie_break": ["domain:outcome", "stage2"]}})"));
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/yaml; charset=utf-8");
  const Scenario back = ParseScenario(r.body, "exported.yaml");
  CHECK(back.id == "page-test");
  REQUIRE(back.overrides.size() == 2);
  CHECK(back.overrides[0].key == "2020-disclosure.stages.stage2_weight");
  CHECK(back.overrides[0].value.number == 2.0);
  CHECK(back.overrides[1].value.is_list);
  CHECK(back.overrides[1].value.items == std::vector<std::string>{"domain:outcome", "stage2"});
  CHECK(BundledService()
            .Handle(PageRequest("POST", "/api/scenario", R"({"id": "Not An Id"})"))
            .status == 400);
}

TEST_CASE("serve: POST /api/export gives compare's tables as CSV and XLSX") {
  const std::string body =
      R"({"format": "csv", "overrides": {"2020-disclosure.awards.levels.top.count": 3}})";
  const HttpResponse csv = BundledService().Handle(PageRequest("POST", "/api/export", body));
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(csv.body.find("code") != std::string::npos);
  CHECK(csv.body.find("synthetic_reports") != std::string::npos);  // As compare's CSV.
  const HttpResponse xlsx = BundledService().Handle(PageRequest(
      "POST", "/api/export",
      R"({"format": "xlsx", "overrides": {"2020-disclosure.awards.levels.top.count": 3}})"));
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.body.substr(0, 2) == "PK");  // A zip.
  CHECK(BundledService()
            .Handle(PageRequest("POST", "/api/export", R"({"table": "nothing"})"))
            .status == 400);
}

// The workbook used to go through a jobaward-serve-*.xlsx file in TMPDIR, which a SIGTERM or
// kill -9 during an export left there; it is now made in memory, so no directory is needed.
TEST_CASE("serve: an XLSX export writes no file: it is made in memory, without TMPDIR") {
  const test::TempDir dir;
  const char* saved = std::getenv("TMPDIR");
  const std::string previous = saved != nullptr ? saved : "";
  ::setenv("TMPDIR", (dir.path() / "missing").c_str(), 1);
  const HttpResponse xlsx = BundledService().Handle(
      PageRequest("POST", "/api/export", R"({"what": "awards", "format": "xlsx"})"));
  if (saved != nullptr) {
    ::setenv("TMPDIR", previous.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.body.substr(0, 2) == "PK");
  CHECK(test::Listing(dir.path()).empty());
}

TEST_CASE("serve: POST /api/export with what=awards gives award's tables of the scenario") {
  const HttpResponse csv = BundledService().Handle(PageRequest(
      "POST", "/api/export",
      R"({"what": "awards", "overrides": {"2020-disclosure.awards.levels.top.count": 3}})"));
  REQUIRE(csv.status == 200);
  CHECK(csv.content_type == "text/csv; charset=utf-8");
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);  // Excel's BOM.
  const std::string header = csv.body.substr(3, csv.body.find('\n') - 3);
  CHECK(header.find("code") != std::string::npos);
  // The bundled reports are synthetic: the export says so on every row, as the CLI does.
  CHECK(header.size() > 18);
  CHECK(header.substr(header.size() - 18) == ",synthetic_reports");
  // One line per award, as many as /api/award counts for the same overrides.
  const auto award = BodyJson(BundledService().Handle(PageRequest(
      "POST", "/api/award", R"({"overrides": {"2020-disclosure.awards.levels.top.count": 3}})")));
  const auto lines = static_cast<int>(std::count(csv.body.begin(), csv.body.end(), '\n'));
  CHECK(lines == 1 + award["total_count"].get<int>());
  const HttpResponse counts = BundledService().Handle(
      PageRequest("POST", "/api/export", R"({"what": "awards", "table": "counts"})"));
  CHECK(counts.status == 200);
  const HttpResponse xlsx = BundledService().Handle(
      PageRequest("POST", "/api/export", R"({"what": "awards", "format": "xlsx"})"));
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.body.substr(0, 2) == "PK");
  const HttpResponse typo =
      BundledService().Handle(PageRequest("POST", "/api/export", R"({"what": "award"})"));
  CHECK(typo.status == 400);
  CHECK(typo.body.find("did you mean 'awards'") != std::string::npos);
}

TEST_CASE("serve: a service started with a scenario has it as its baseline") {
  WhatIfBase base = test::BundledWhatIfBase();
  base.scenario = LoadScenario(test::SourcePath("examples/2020/scenarios/three-top.yaml"));
  const WhatIfService s(std::move(base), ServiceLimits{}, "127.0.0.1", test::kServePort);
  const auto model = BodyJson(s.Handle(PageRequest("GET", "/api/model")));
  CHECK(model["scenario"]["id"] == "three-top");
  const auto award = BodyJson(s.Handle(PageRequest("POST", "/api/award", "{}")));
  const Direct d = DirectWith(
      LoadScenario(test::SourcePath("examples/2020/scenarios/three-top.yaml")).overrides);
  CHECK(award["total_count"] == d.table.total_count);
  CHECK(award["comparison"]["award_changes"].empty());
}

TEST_CASE("serve: POST /api/explain is Explain's result with the neighbours in the cohort") {
  const HttpResponse r = BundledService().Handle(
      PageRequest("POST", "/api/explain", R"({"category": "disclosure", "code": "11530"})"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  const Direct& d = DirectBundled();
  const int row = d.models[0].RowOf("11530");
  const GovernmentScore& g = d.results[0].governments[static_cast<std::size_t>(row)];
  CHECK(j["name_ko"] == "구로구");
  CHECK(j["cohort"] == g.cohort_label);
  CHECK(j["rank"] == g.rank);
  CHECK(j["final_score"] == g.final_score);
  REQUIRE(j["indicators"].size() == g.indicators.size());
  for (std::size_t i = 0; i < g.indicators.size(); ++i) {
    CHECK(j["indicators"][i]["points"] == g.indicators[i].points);
  }
  if (g.rank > 1) {
    REQUIRE(j["above"].is_object());
    CHECK(j["above"]["rank"].get<int>() <= g.rank);
    CHECK(j["above"]["final_score"].get<double>() >= g.final_score);
    CHECK(j["above"]["points_difference"].size() == g.indicators.size());
  }
  // The rubric id names the category too.
  CHECK(BundledService()
            .Handle(PageRequest("POST", "/api/explain",
                                R"({"category": "2020-disclosure", "code": "11530"})"))
            .status == 200);
}

TEST_CASE(
    "serve: POST /api/explain says what it takes, as explain --to-next does for the scenario") {
  const char* overrides = R"("overrides": {"2020-best-program.stages.stage2_weight": 2})";
  std::vector<std::string> answers;  // Without, then with the overrides: they must differ.
  for (const bool with_overrides : {false, true}) {
    CAPTURE(with_overrides);
    const std::string body = std::string(R"({"category": "best_program", "code": "11140")") +
                             (with_overrides ? std::string(", ") + overrides : "") + "}";
    const HttpResponse r = BundledService().Handle(PageRequest("POST", "/api/explain", body));
    REQUIRE(r.status == 200);
    const auto page = BodyJson(r);
    std::vector<std::string> args = {"explain", "11140", "--to-next", "--format", "json"};
    if (with_overrides)
      args.insert(args.end(), {"--set", "2020-best-program.stages.stage2_weight=2"});
    const test::CliResult cli = test::RunCli(args);
    REQUIRE_MESSAGE(cli.exit_code == 0, cli.err);
    const auto expected = nlohmann::json::parse(cli.out);
    nlohmann::json overview = nlohmann::json::array();
    for (const auto& row : expected["to_next_overview"]) {
      if (row["category"] == "best_program") overview.push_back(row);
    }
    REQUIRE(page["to_next"]["category"] == "best_program");
    CHECK(page["to_next"].dump() == expected["to_next"][1].dump());
    CHECK(page["to_next_overview"].dump() == overview.dump());
    CHECK_FALSE(overview.empty());
    answers.push_back(page["to_next"].dump());
  }
  CHECK(answers[0] != answers[1]);
}

TEST_CASE("serve: POST /api/simulate gives Simulate's probabilities for the same seed and draws") {
  const HttpResponse r =
      BundledService().Handle(PageRequest("POST", "/api/simulate", R"({"draws": 256, "seed": 7})"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  CHECK(j["draws"] == 256);
  CHECK(j["interrupted"] == false);
  const Direct& d = DirectBundled();
  const WhatIfBase& base = test::BundledWhatIfBase();
  std::vector<std::string> skipped;
  const UncertaintyModel u =
      CompileUncertaintyInUse(base.uncertainty, d.models, &base.rules, &base.registry, skipped);
  SimulationConfig config;
  config.draws = 256;
  config.seed = 7;
  config.confidence_draws = 0;
  const SimulationResult direct = Simulate(d.models, u, config);
  for (std::size_t c = 0; c < direct.categories.size(); ++c) {
    const auto& governments = j["categories"][c]["governments"];
    REQUIRE(governments.size() == direct.categories[c].governments.size());
    for (std::size_t i = 0; i < governments.size(); ++i) {
      CHECK(governments[i]["any_award"]["p"] == direct.categories[c].governments[i].any_award.p);
      CHECK(governments[i]["any_award"]["se"] == direct.categories[c].governments[i].any_award.se);
    }
  }
}

TEST_CASE(
    "serve: POST /api/simulate with overrides adds the baseline's probabilities on the same "
    "draws") {
  const HttpResponse r = BundledService().Handle(PageRequest(
      "POST", "/api/simulate",
      R"({"draws": 256, "seed": 7, "overrides": {"2020-disclosure.awards.levels.top.count": 3}})"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  CHECK(j["paired"] == true);
  const auto& g = j["categories"][0]["governments"][0];
  CHECK(g["difference"]["d"].get<double>() ==
        doctest::Approx(g["any_award"]["p"].get<double>() -
                        g["baseline_any_award"]["p"].get<double>()));
  // The baseline's own value as an override: the same scenario on the same draws, so every
  // difference and every paired standard error is exactly 0 (SimulatePaired's contract).
  const auto same = BodyJson(BundledService().Handle(PageRequest(
      "POST", "/api/simulate",
      R"({"draws": 256, "seed": 7, "overrides": {"2020-disclosure.stages.stage2_weight": 1}})")));
  REQUIRE(same["paired"] == true);
  for (const auto& category : same["categories"]) {
    for (const auto& government : category["governments"]) {
      CHECK(government["difference"]["d"] == 0.0);
      CHECK(government["difference"]["paired_se"] == 0.0);
    }
  }
}

TEST_CASE(
    "serve: the baseline's awards are kept per seed; a longer or repeated paired request gives "
    "what a fresh server gives") {
  const auto paired = [](const WhatIfService& s, int draws) {
    auto j = BodyJson(s.Handle(PageRequest(
        "POST", "/api/simulate",
        R"({"draws": )" + std::to_string(draws) +
            R"(, "seed": 7, "overrides": {"2020-disclosure.stages.stage2_weight": 0.5}})")));
    REQUIRE(j["draws"] == draws);
    j.erase("server_ms");
    return j;
  };
  const WhatIfService kept(test::BundledWhatIfBase(), ServiceLimits{}, "127.0.0.1",
                           test::kServePort);
  (void)paired(kept, 256);                     // Records the baseline's first 256 draws.
  const auto extended = paired(kept, 512);     // Records draws 256 .. 511 only.
  const auto from_record = paired(kept, 512);  // Simulates only the scenario.
  const WhatIfService fresh(test::BundledWhatIfBase(), ServiceLimits{}, "127.0.0.1",
                            test::kServePort);
  const auto direct = paired(fresh, 512);
  CHECK(extended == direct);
  CHECK(from_record == direct);
}

TEST_CASE("serve: requests through another host name or from another origin are refused") {
  const WhatIfService& s = BundledService();
  HttpRequest r = PageRequest("GET", "/api/model");
  r.headers = {};
  CHECK(s.Handle(r).status == 400);  // No Host.
  r.headers = {{"Host", "evil.example:18080"}};
  HttpResponse refused = s.Handle(r);
  CHECK(refused.status == 403);
  CHECK(ErrorMessage(refused).find("DNS rebinding") != std::string::npos);
  r.headers = {{"Host", "127.0.0.1:9999"}};  // Another port: another server.
  CHECK(s.Handle(r).status == 403);
  for (const char* host : {"127.0.0.1:18080", "localhost:18080", "LOCALHOST:18080", "[::1]:18080",
                           "192.168.0.7:18080"}) {
    r.headers = {{"Host", host}};
    CHECK_MESSAGE(s.Handle(r).status == 200, host);
  }
  HttpRequest post = PageRequest("POST", "/api/award", "{}");
  post.headers[1].second = "http://evil.example";
  CHECK(s.Handle(post).status == 403);
  post = PageRequest("POST", "/api/award", "{}");
  post.headers.emplace_back("Sec-Fetch-Site", "cross-site");
  CHECK(s.Handle(post).status == 403);
  post = PageRequest("POST", "/api/award", "{}");
  post.headers[2].second = "text/plain";  // What a cross-site form can send without preflight.
  refused = s.Handle(post);
  CHECK(refused.status == 415);
  CHECK(ErrorMessage(refused).find("application/json") != std::string::npos);
}

TEST_CASE("serve: every malformed request is a 4xx that names the problem") {
  const WhatIfService& s = BundledService();
  struct Case {
    const char* method;
    const char* path;
    std::string body;
    int status;
    const char* message;
  };
  const std::string deep = std::string(100, '[') + std::string(100, ']');
  const Case cases[] = {
      {"GET", "/nothing", "", 404, "there is nothing at '/nothing'"},
      {"GET", "/api/award", "", 405, "use POST"},
      {"DELETE", "/api/model", "", 405, "use GET"},
      {"POST", "/api/award", "{", 400, "not valid JSON"},
      {"POST", "/api/award", "[1, 2]", 400, "must be a JSON object, got an array"},
      {"POST", "/api/award", "{\"a\": " + deep + "}", 400, "nested more than 8 levels"},
      {"POST", "/api/award", R"({"sett": {}})", 400, "unknown member 'sett'"},
      {"POST", "/api/explain", R"({"category": "disclosure"})", 400, "missing 'code'"},
      {"POST", "/api/explain", R"({"category": "disclosur", "code": "11530"})", 400,
       "did you mean 'disclosure'?"},
      {"POST", "/api/explain", R"({"category": "disclosure", "code": "11531"})", 404,
       "unknown government code '11531'"},
      {"POST", "/api/explain", R"({"category": "disclosure", "code": 11530})", 400,
       "'code' must be a string, got a number"},
      {"POST", "/api/simulate", R"({"draws": 1000000})", 400,
       "'draws' must be a whole number from 1 to 65536, got 1000000"},
      {"POST", "/api/simulate", R"({"draws": 0})", 400, "from 1 to 65536"},
      {"POST", "/api/simulate", R"({"draws": 12.5})", 400, "got 12.5"},
      {"POST", "/api/simulate", R"({"draws": "many"})", 400, "got a string"},
      {"POST", "/api/simulate", R"({"seed": -1})", 400, "'seed' must be a whole number"},
      {"POST", "/api/award", "\"\xff\"", 400, "not valid JSON"},
  };
  for (const Case& c : cases) {
    const HttpResponse r = s.Handle(PageRequest(c.method, c.path, c.body));
    CHECK_MESSAGE(r.status == c.status, c.method << " " << c.path << " " << c.body);
    CHECK_MESSAGE(ErrorMessage(r).find(c.message) != std::string::npos, ErrorMessage(r));
    CHECK(r.content_type == "application/json; charset=utf-8");
  }
  // A body larger than the limit is refused before it is parsed.
  const HttpResponse big =
      s.Handle(PageRequest("POST", "/api/award", std::string(s.limits().max_body_bytes + 1, ' ')));
  CHECK(big.status == 413);
  // A path with bytes that are not UTF-8 is named in the message without breaking the JSON.
  const HttpResponse odd = s.Handle(PageRequest("GET", "/\xc3\x28"));
  CHECK(odd.status == 404);
  CHECK(BodyJson(odd)["error"]["status"] == 404);
}

TEST_CASE("serve: a simulation past its time limit returns the draws completed, marked so") {
  ServiceLimits limits;
  limits.simulation_time = std::chrono::milliseconds(0);
  const WhatIfService s(test::BundledWhatIfBase(), limits, "127.0.0.1", test::kServePort);
  const HttpResponse r =
      s.Handle(PageRequest("POST", "/api/simulate", R"({"draws": 65536, "seed": 1})"));
  REQUIRE(r.status == 200);
  const auto j = BodyJson(r);
  CHECK(j["interrupted"] == true);
  CHECK(j["draws"].get<std::uint64_t>() < 65536);
  CHECK(j["draws"].get<std::uint64_t>() % kSimulationBlock == 0);
}

TEST_CASE("serve: after Stop, computations are refused and the page still loads") {
  const WhatIfService s(test::BundledWhatIfBase(), ServiceLimits{}, "127.0.0.1", test::kServePort);
  s.Stop();
  CHECK(s.Handle(PageRequest("POST", "/api/award", "{}")).status == 503);
  CHECK(s.Handle(PageRequest("GET", "/")).status == 200);
}

}  // namespace
}  // namespace jobaward
