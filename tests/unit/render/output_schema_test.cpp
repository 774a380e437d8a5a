// The documented outputs (engine/docs/outputs.md, engine/docs/schema/*.schema.json) against what
// the commands print: every command's JSON validates against its schema (which lists every key,
// required keys and types, and rejects undocumented keys), and the CSV header of every command is
// pinned by tests/golden/csv-headers.txt.
//
// The validator covers the subset of JSON Schema (draft 2020-12) the schemas use: type (one or a
// list), properties, required, additionalProperties (false or a schema), items, const, pattern,
// minimum and $ref to a sibling schema file, to one of its $defs ("file.json#/$defs/name") or to
// one of the current file's ("#/$defs/name").
#include <doctest/doctest.h>

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "jobaward/io/provenance.hpp"
#include "serve_fixture.hpp"
#include "test_support.hpp"

namespace jobaward {

namespace {

using nlohmann::json;

json LoadSchema(const std::string& name) {
  return json::parse(test::Slurp(test::SourcePath("engine/docs/schema/" + name)));
}

bool HasType(const json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "integer") return value.is_number_integer() || value.is_number_unsigned();
  if (type == "number") return value.is_number();
  return false;
}

// A "$ref": the file part (empty: the current file, `root`), then the JSON pointer after '#'.
void Validate(const json& value, const json& schema, const json& root, const std::string& path,
              std::vector<std::string>& errors);

void ValidateRef(const json& value, const std::string& ref, const json& root,
                 const std::string& path, std::vector<std::string>& errors) {
  const std::size_t hash = ref.find('#');
  const std::string file = ref.substr(0, hash);
  const json target_root = file.empty() ? root : LoadSchema(file);
  const std::string pointer = hash == std::string::npos ? "" : ref.substr(hash + 1);
  const json::json_pointer at(pointer);
  REQUIRE_MESSAGE(target_root.contains(at), "unresolved $ref " << ref);
  Validate(value, target_root.at(at), target_root, path, errors);
}

void Validate(const json& value, const json& schema, const json& root, const std::string& path,
              std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    ValidateRef(value, schema["$ref"].get<std::string>(), root, path, errors);
    return;
  }
  if (schema.contains("type")) {
    const json& t = schema["type"];
    bool ok = false;
    if (t.is_string()) {
      ok = HasType(value, t.get<std::string>());
    } else {
      for (const auto& each : t) ok = ok || HasType(value, each.get<std::string>());
    }
    if (!ok) {
      errors.push_back(path + ": expected type " + t.dump() + ", got " +
                       value.dump().substr(0, 60));
      return;
    }
  }
  if (schema.contains("const") && value != schema["const"]) {
    errors.push_back(path + ": expected " + schema["const"].dump());
  }
  if (schema.contains("pattern") && value.is_string() &&
      !std::regex_search(value.get<std::string>(),
                         std::regex(schema["pattern"].get<std::string>()))) {
    errors.push_back(path + ": does not match " + schema["pattern"].get<std::string>());
  }
  if (schema.contains("minimum") && value.is_number() &&
      value.get<double>() < schema["minimum"].get<double>()) {
    errors.push_back(path + ": below the minimum");
  }
  if (value.is_object()) {
    for (const auto& key : schema.value("required", json::array())) {
      if (!value.contains(key.get<std::string>())) {
        errors.push_back(path + ": missing required key '" + key.get<std::string>() + "'");
      }
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, member] : value.items()) {
      if (properties.contains(key)) {
        Validate(member, properties[key], root, path + "." + key, errors);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          errors.push_back(path + ": undocumented key '" + key + "'");
        } else if (extra.is_object()) {
          Validate(member, extra, root, path + "." + key, errors);
        }
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    // Checking every item of large arrays is slow in a debug build; the first few and the last
    // show a shape error as well.
    const std::size_t n = value.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i >= 20 && i + 1 != n) continue;
      Validate(value[i], schema["items"], root, path + "[" + std::to_string(i) + "]", errors);
      if (errors.size() > 20) return;
    }
  }
}

// `schema` is a file name, optionally with "#/$defs/name".
std::vector<std::string> ValidateAgainst(const json& doc, const std::string& schema) {
  std::vector<std::string> errors;
  ValidateRef(doc, schema, json::object(), "$", errors);
  return errors;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

// Each command whose JSON output has a schema: arguments (small and fast settings), schema.
struct JsonCase {
  std::vector<std::string> args;
  const char* schema;
};

const JsonCase kJsonCases[] = {
    {{"award", "--format", "json"}, "award.schema.json"},
    {{"score", "--format", "json"}, "score.schema.json"},
    {{"explain", "11530", "--format", "json"}, "explain.schema.json"},
    {{"explain", "11530", "--to-next", "--format", "json"}, "explain.schema.json"},
    {{"cohorts", "--format", "json"}, "cohorts.schema.json"},
    {{"cohorts", "--diff", "tests/data/cohorts/by-population.yaml", "--format", "json"},
     "cohorts-diff.schema.json"},
    {{"cohorts", "--explain", "11530", "--format", "json"}, "cohorts-explain.schema.json"},
    {{"simulate", "--draws", "256", "--confidence-draws", "16", "--format", "json"},
     "simulate.schema.json"},
    {{"sensitivity", "tornado", "--format", "json"}, "sensitivity-tornado.schema.json"},
    {{"sensitivity", "reversal", "--format", "json"}, "sensitivity-reversal.schema.json"},
    {{"sensitivity", "sobol", "--samples", "64", "--bootstrap", "20", "--format", "json"},
     "sensitivity-sobol.schema.json"},
    {{"weights", "ahp", "examples/2020/ahp-domains.yaml", "--format", "json"},
     "weights-ahp.schema.json"},
    {{"check", "--format", "json"}, "check.schema.json"},
    {{"compare", "default", "examples/2020/scenarios/three-top.yaml", "--format", "json"},
     "compare.schema.json"},
    {{"compare", "default", "examples/2020/scenarios/three-top.yaml", "--simulate", "100",
      "--format", "json"},
     "compare.schema.json"},
    {{"gaps", "--cohort", "가", "--format", "json"}, "gaps.schema.json"},
};

}  // namespace

TEST_SUITE("output_schema") {
  TEST_CASE("the provenance schema accepts a record and rejects undocumented keys") {
    Provenance p = MakeProvenance("award", "jobaward award");
    p.inputs.push_back(DescribeInput("rubric", "r.yaml", "abc"));
    p.seed = 1;
    p.draws = 10;
    p.settings = {{"step", "0.1"}};
    p.reports = ReportOrigin{243, 243};
    json j = ProvenanceJson(p);
    CHECK_EQ(Join(ValidateAgainst(j, "provenance.schema.json")), "");
    j["timestamp"] = "2020-01-01";
    j["inputs"][0]["sha256"] = "xyz";
    CHECK_EQ(Join(ValidateAgainst(j, "provenance.schema.json")),
             "$.inputs[0].sha256: does not match ^[0-9a-f]{64}$\n"
             "$: undocumented key 'timestamp'\n");
  }

  TEST_CASE("every command's JSON output matches its documented schema") {
    for (const auto& c : kJsonCases) {
      CAPTURE(c.schema);
      const test::CliResult r = test::RunCli(c.args);
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      const json doc = json::parse(r.out);
      CHECK_EQ(Join(ValidateAgainst(doc, c.schema)), "");
    }
  }

  TEST_CASE("the gaps schema rejects an answer with an undocumented status or limit") {
    const test::CliResult r = test::RunCli({"gaps", "--cohort", "가", "--format", "json"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    json doc = json::parse(r.out);
    json& answers = doc["categories"][0]["governments"][0]["levers"][0]["answers"];
    answers["advance"]["status"] = "done";
    answers["better_award"]["limit"] = "budget";
    CHECK_EQ(Join(ValidateAgainst(doc, "gaps.schema.json")),
             "$.categories[0].governments[0].levers[0].answers.advance.status: does not match "
             "^(reached|not_reachable|already|missing_input)$\n"
             "$.categories[0].governments[0].levers[0].answers.better_award.limit: does not "
             "match ^(declared_max|declared_min|best_grade|flag|all_scores_max|saturated|search_"
             "range|not_advanced|barred)$\n");
  }

  TEST_CASE("every answer of the serve API matches its documented schema") {
    const WhatIfService& service = test::BundledService();
    struct ApiCase {
      const char* method;
      const char* path;
      const char* body;
      const char* schema;
    };
    const ApiCase cases[] = {
        {"GET", "/api/model", "", "serve-model.schema.json"},
        {"POST", "/api/award", "{}", "serve-award.schema.json"},
        {"POST", "/api/explain", R"({"category": "disclosure", "code": "11530"})",
         "serve-explain.schema.json"},
        {"POST", "/api/explain", R"({"category": "best_program", "code": "11110"})",
         "serve-explain.schema.json"},
        {"POST", "/api/award", R"({"overrides": {"2020-disclosure.awards.levels.top.count": 3}})",
         "serve-award.schema.json"},
        {"POST", "/api/simulate", R"({"draws": 256})", "serve-simulate.schema.json"},
        {"POST", "/api/simulate",
         R"({"draws": 256, "overrides": {"2020-disclosure.stages.stage2_weight": 2}})",
         "serve-simulate.schema.json"},
        {"POST", "/api/award", R"({"overrides": {"nothing": 1}})", "serve-error.schema.json"},
        {"POST", "/api/simulate", R"({"draws": 1e9})", "serve-error.schema.json"},
        {"GET", "/nothing", "", "serve-error.schema.json"},
    };
    for (const ApiCase& c : cases) {
      CAPTURE(c.path);
      CAPTURE(c.body);
      const HttpResponse r = service.Handle(test::PageRequest(c.method, c.path, c.body));
      CHECK_EQ(Join(ValidateAgainst(json::parse(r.body), c.schema)), "");
    }
  }

  TEST_CASE("the CSV header of every command is pinned") {
    const std::vector<std::vector<std::string>> commands = {
        {"award", "--format", "csv"},
        {"score", "--format", "csv"},
        {"explain", "11530", "--format", "csv"},
        {"cohorts", "--format", "csv"},
        {"cohorts", "--diff", "tests/data/cohorts/by-population.yaml", "--format", "csv"},
        {"cohorts", "--explain", "11530", "--format", "csv"},
        {"simulate", "--draws", "256", "--confidence-draws", "16", "--format", "csv"},
        {"sensitivity", "tornado", "--format", "csv"},
        {"sensitivity", "reversal", "--format", "csv"},
        {"sensitivity", "sobol", "--samples", "64", "--bootstrap", "20", "--format", "csv"},
        {"weights", "ahp", "examples/2020/ahp-domains.yaml", "--format", "csv"},
        {"check", "--format", "csv"},
        {"compare", "default", "examples/2020/scenarios/three-top.yaml", "--format", "csv"},
        {"gaps", "--cohort", "가", "--format", "csv"},
    };
    std::string headers;
    for (const auto& args : commands) {
      const test::CliResult r = test::RunCli(args);
      REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      std::string name;
      for (const auto& a : args) {
        // A flag that asks for another result (cohorts --diff, --explain) belongs to the name.
        const bool other_result = a == "--diff" || a == "--explain";
        if (!other_result &&
            (a.rfind("--", 0) == 0 || a.find('/') != std::string::npos || std::isdigit(a[0]))) {
          break;
        }
        name += (name.empty() ? "" : " ") + a;
        if (other_result) break;
      }
      // Every header line (simulate writes one block per category).
      std::size_t start = 0;
      bool next_is_header = true;
      while (start < r.out.size()) {
        const std::size_t end = r.out.find('\n', start);
        const std::string line = r.out.substr(start, end - start);
        if (next_is_header && !line.empty()) headers += name + ": " + line + "\n";
        next_is_header = line.empty();
        start = end == std::string::npos ? r.out.size() : end + 1;
      }
    }
    CHECK(test::MatchesGolden("csv-headers.txt", headers));
  }

  TEST_CASE("--excel-bom starts the CSV with a UTF-8 byte-order mark; without it there is none") {
    const test::CliResult with = test::RunCli({"award", "--format", "csv", "--excel-bom"});
    REQUIRE_EQ(with.exit_code, 0);
    CHECK_EQ(with.out.substr(0, 3), "\xEF\xBB\xBF");
    const test::CliResult without = test::RunCli({"award", "--format", "csv"});
    CHECK_EQ(without.out.substr(0, 9), "category,");
    CHECK_EQ(with.out.substr(3), without.out);
  }

  TEST_CASE("--provenance FILE writes the record beside a CSV, identical for any --threads") {
    const test::TempDir dir;
    const std::string a = (dir.path() / "prov-a.json").string();
    const std::string b = (dir.path() / "prov-b.json").string();
    const test::CliResult r1 =
        test::RunCli({"sensitivity", "sobol", "--samples", "64", "--bootstrap", "20", "--threads",
                      "1", "--format", "csv", "--provenance", a});
    const test::CliResult r2 =
        test::RunCli({"sensitivity", "sobol", "--samples", "64", "--bootstrap", "20", "--threads",
                      "2", "--format", "csv", "--provenance", b});
    REQUIRE_EQ(r1.exit_code, 0);
    REQUIRE_EQ(r2.exit_code, 0);
    CHECK_EQ(r1.out, r2.out);
    const json p = json::parse(test::Slurp(a));
    CHECK_EQ(Join(ValidateAgainst(p, "provenance.schema.json")), "");
    CHECK_EQ(p["command_line"],
             "jobaward sensitivity sobol --samples 64 --bootstrap 20 --format csv");
    CHECK_EQ(p["seed"], 2020);
    CHECK_EQ(test::Slurp(a), test::Slurp(b));
  }

  TEST_CASE("cohorts and weights ahp honour --excel-bom and write a --provenance sidecar") {
    const std::vector<std::vector<std::string>> commands = {
        {"cohorts", "--format", "csv"},
        {"weights", "ahp", "examples/2020/ahp-domains.yaml", "--format", "csv"},
    };
    const test::TempDir dir;
    const std::string sidecar = (dir.path() / "prov.json").string();
    for (auto args : commands) {
      CAPTURE(args[0]);
      const test::CliResult without = test::RunCli(args);
      REQUIRE_EQ(without.exit_code, 0);
      args.insert(args.end(), {"--excel-bom", "--provenance", sidecar});
      const test::CliResult with = test::RunCli(args);
      REQUIRE_MESSAGE(with.exit_code == 0, with.err);
      CHECK_EQ(with.out.substr(0, 3), "\xEF\xBB\xBF");
      CHECK_EQ(with.out.substr(3), without.out);
      const json p = json::parse(test::Slurp(sidecar));
      CHECK_EQ(Join(ValidateAgainst(p, "provenance.schema.json")), "");
      CHECK_EQ(p["command"], args[0] == "cohorts" ? "cohorts" : "weights ahp");
    }
  }
}

}  // namespace jobaward
