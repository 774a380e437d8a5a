// `jobaward check --published FILE`: does the model (rubrics, cohort rules, registry, reports;
// the bundled 2020 ones by default) reproduce the published results? Each fact, the published
// value, the model's value and whether they match; exit 0 only when all match, 5 otherwise.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/award_plan.hpp"
#include "jobaward/provenance.hpp"
#include "jobaward/published.hpp"
#include "jobaward/published_yaml.hpp"
#include "jobaward/text_table.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward check [--published FILE] [--rubric FILE]... [--rules FILE]\n"
    "                      [--registry FILE] [--reports DIR|FILE]\n"
    "                      [--format table|csv|json|xlsx] [--out FILE] [--excel-bom]\n"
    "                      [--provenance FILE]\n"
    "\n"
    "Scores the reports with the rubrics (the bundled 2020 inputs by default) and checks every\n"
    "fact of the published-facts file (default: examples/2020/published.yaml; format in\n"
    "examples/README.md): winners by prize, category and cohort, counts of awards and awarded\n"
    "governments, prize amounts, \"the only one of a group\", cohort memberships. Prints each\n"
    "fact, the published value, the model's value and whether they match.\n"
    "Exit status: 0 when every fact matches, 5 when some do not, 1 on invalid input.\n"
    "\n"
    "Examples:\n"
    "  jobaward check --published examples/2020/published.yaml\n"
    "  jobaward check --rubric my-disclosure.yaml --rubric rubrics/2020-best-program.yaml\n"
    "  jobaward check --format json --out check.json";

const char* MatchText(bool met) { return met ? "일치" : "불일치"; }

}  // namespace

int RunCheck(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("published", po::value<std::string>(),
                        "published-facts file (default: examples/2020/published.yaml)");
  AddFormatOptions(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  const std::string out = vm["out"].as<std::string>();
  CheckXlsxOut(format, out);
  const std::string published_path = vm.count("published") != 0U
                                         ? vm["published"].as<std::string>()
                                         : DefaultPath("examples/2020/published.yaml");

  const AwardInputs in = LoadAwardInputs(vm);
  const PublishedFacts facts = LoadPublishedFacts(published_path, in.registry);
  Provenance provenance =
      CommandProvenance("check", vm, {"registry", "rules", "rubric", "reports"});
  provenance.inputs.push_back(HashInputFile("published", published_path));
  provenance.reports = CountReports(in.models);

  const CohortMembership& membership = in.models.front().cohorts;
  const std::vector<ScoreResult> results = ScoreAward(in.models);
  const std::vector<FactResult> checks =
      CheckFacts(facts, ModelView{in.registry, membership, in.rubrics, results});
  int met = 0;
  for (const FactResult& r : checks) met += r.met ? 1 : 0;
  const bool all_met = met == static_cast<int>(checks.size());

  Table csv;
  csv.header = {"id",    "kind",  "statement",          "published",
                "model", "match", "depends_on_reports", "source"};
  for (const FactResult& r : checks) {
    csv.rows.push_back({r.fact->id, ToString(r.fact->kind), r.statement, r.published, r.model,
                        r.met ? "true" : "false", r.depends_on_reports ? "true" : "false",
                        r.fact->source});
  }
  std::string text;
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json j;
    j["published"] = published_path;
    j["year"] = facts.year;
    j["facts"] = nlohmann::ordered_json::array();
    for (const FactResult& r : checks) {
      j["facts"].push_back({{"id", r.fact->id},
                            {"kind", ToString(r.fact->kind)},
                            {"statement", r.statement},
                            {"published", r.published},
                            {"model", r.model},
                            {"match", r.met},
                            {"depends_on_reports", r.depends_on_reports},
                            {"source", r.fact->source},
                            {"where", r.fact->where.ToString()}});
    }
    j["matched"] = met;
    j["total"] = checks.size();
    j["all_match"] = all_met;
    j["provenance"] = ProvenanceJson(provenance);
    text = j.dump(2) + "\n";
  } else if (format == OutputFormat::kCsv) {
    text = WithExcelBom(vm, WithSyntheticColumn(provenance, RenderCsv(csv)));
  } else if (format == OutputFormat::kXlsx) {
    WriteXlsxOutput(out, {SheetFromTable("확인 Check", csv)}, provenance);
  } else {
    Table t;
    t.header = {"사실", "내용", "공표", "모델", "일치"};
    for (const FactResult& r : checks) {
      t.rows.push_back({r.fact->id, r.statement, r.published, r.model, MatchText(r.met)});
    }
    text = "공표된 " + std::to_string(facts.year) + "년 결과와 모델 비교 (" + published_path +
           ")\n\n" + RenderText(t) + "\n" + std::to_string(met) + " of " +
           std::to_string(checks.size()) + " published facts match" +
           (all_met ? "." : "; the others are listed above as 불일치.") + "\n";
    text = WithSyntheticNotice(provenance, std::move(text));
  }
  if (format != OutputFormat::kXlsx) Emit(text, out);
  WriteProvenanceSidecar(vm, provenance);
  return all_met ? kExitSuccess : kExitFactsNotMet;
}

}  // namespace jobaward::cli
