// `jobaward score`: the score of every government in each category, indicator by indicator.
// Batch mode: a report that fails to load or does not fit a rubric is listed on stderr with its
// problems and left out; the others are scored, and the exit code is 3 ("some reports were
// rejected").
#include <functional>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/award_plan.hpp"
#include "jobaward/cohort_rules.hpp"
#include "jobaward/cohort_rules_yaml.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/model_builder.hpp"
#include "jobaward/registry_csv.hpp"
#include "jobaward/report_io.hpp"
#include "jobaward/row_explainer.hpp"
#include "jobaward/rubric_yaml.hpp"
#include "jobaward/scoring.hpp"
#include "jobaward/text_table.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward score [--rubric FILE]... [--reports DIR|FILE | --reports-csv FILE]\n"
    "                      [--rules FILE] [--registry FILE] [--format table|csv|json|xlsx]\n"
    "                      [--encoding auto|utf-8|cp949] [--excel-bom] [--provenance FILE]\n"
    "                      [--out FILE]\n"
    "\n"
    "Scores every report with each rubric (default: both 2020 rubrics on examples/2020/reports)\n"
    "and prints, per category and government, the points of every indicator, bonus and penalty,\n"
    "the stage-1 score, whether it advanced, the stage-2 and final scores, the rank in its\n"
    "cohort and the award. Reports that cannot be loaded or do not fit a rubric are listed on\n"
    "stderr with file, line and key; the rest are scored and the exit code is 3.\n"
    "--reports takes a directory of report files (.yaml, and .xlsx templates filled in by the\n"
    "offices: see `jobaward template`), a reports CSV (UTF-8, or CP949 as Korean Excel saves\n"
    "it: --encoding), or an .xlsx workbook (a filled template, or one row per government).\n"
    "\n"
    "examples:\n"
    "  jobaward score\n"
    "  jobaward score --reports received/ --format xlsx --out scores.xlsx\n"
    "  jobaward score --reports 보고서-취합.xlsx --format csv --excel-bom --out scores.csv\n"
    "  jobaward score --reports-csv reports-cp949.csv --encoding cp949";

struct Rejected {
  std::string where;
  std::vector<Diagnostic> diagnostics;
};

// One CSV line: RenderCsv of a table that is only a header row.
std::string CsvLine(std::vector<std::string> cells) {
  Table line;
  line.header = std::move(cells);
  return RenderCsv(line);
}

}  // namespace

int RunScore(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("reports-csv", po::value<std::string>(),
                        "reports CSV (one row per government); same as --reports FILE.csv")(
      "format", po::value<std::string>()->default_value("table"),
      "table, csv, json or xlsx (needs --out)")("out", po::value<std::string>(),
                                                "write to FILE instead of stdout");
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  const std::string out = vm.count("out") != 0U ? vm["out"].as<std::string>() : "";
  CheckXlsxOut(format, out);
  if (vm.count("reports") != 0U && vm.count("reports-csv") != 0U) {
    throw UsageError("give --reports or --reports-csv, not both");
  }

  const ScoringSetup setup = LoadScoringSetup(vm);
  const Registry& registry = setup.registry;
  const CohortMembership& cohorts = setup.membership;
  const std::vector<Rubric>& rubrics = setup.rubrics;
  const std::string reports_path = vm.count("reports-csv") != 0U
                                       ? vm["reports-csv"].as<std::string>()
                                       : ResolveInputPaths(vm).reports;

  // Reports stream into one model builder per rubric and are dropped: memory grows with the
  // model rows, not with the parsed reports. A report that loads but does not fit a rubric (e.g.
  // government in no cohort) is set aside for every rubric, so all categories score the same
  // governments. Load failures are listed before misfits, each in file order.
  std::vector<ModelBuilder> builders;
  builders.reserve(rubrics.size());
  for (const Rubric& rubric : rubrics) builders.emplace_back(rubric, registry, cohorts);
  std::vector<Rejected> rejected;
  std::vector<Rejected> misfits;
  std::size_t scored = 0;
  IgnoredFields ignored;
  VisitReports(reports_path, setup.schema, registry,
               {[&](Report&& report) {
                  ignored.Add(report);
                  std::vector<Diagnostic> problems;
                  for (const ModelBuilder& builder : builders) {
                    for (auto& d : builder.Check(report)) problems.push_back(std::move(d));
                  }
                  if (!problems.empty()) {
                    misfits.push_back({report.origin.ToString(), std::move(problems)});
                    return;
                  }
                  for (ModelBuilder& builder : builders) builder.Add(report);
                  ++scored;
                },
                [&](RejectedFile&& f) {
                  rejected.push_back({f.path + (f.line > 0 ? ":" + std::to_string(f.line) : ""),
                                      std::move(f.diagnostics)});
                },
                [](Diagnostic&& note) { PrintNotes({note}); }},
               ForAwardYear(ReportOptions(vm), rubrics));
  NoteIgnoredFields(ignored, rubrics);
  rejected.insert(rejected.end(), std::make_move_iterator(misfits.begin()),
                  std::make_move_iterator(misfits.end()));
  misfits.clear();

  Provenance provenance = CommandProvenance("score", vm, {"registry", "rules", "rubric"});
  provenance.inputs.push_back(HashInputPath("reports", reports_path));

  // The categories are evaluated together (a cross-category rule makes one depend on another's
  // awards, award_plan.hpp), then written row by row: a row is explained only while it is
  // written, so no explained result is held for every government.
  std::vector<ScoringModel> models;
  models.reserve(builders.size());
  for (ModelBuilder& builder : builders) models.push_back(std::move(builder).Finish());
  provenance.reports = CountReports(models);
  const AwardPlan plan(models);
  AwardWorkspace workspace;
  const std::vector<const Outcome*>& outcomes = EvaluateAward(plan, models, {}, workspace);
  const auto for_each_row = [&](std::size_t k, const std::function<void(GovernmentScore &&)>& f) {
    const RowExplainer explainer(models[k], *outcomes[k], Detail::kPoints);
    for (std::size_t i = 0; i < explainer.rows(); ++i) f(explainer.Row(i));
  };

  std::string text;
  if (format == OutputFormat::kJson) {
    nlohmann::json j;
    j["categories"] = nlohmann::json::array();
    for (std::size_t k = 0; k < rubrics.size(); ++k) {
      nlohmann::json c = {{"rubric", rubrics[k].id}, {"category", rubrics[k].category}};
      c["governments"] = nlohmann::json::array();
      for_each_row(k, [&](GovernmentScore&& g) {
        nlohmann::json indicators;
        for (const IndicatorScore& s : g.indicators) indicators[s.id] = s.points;
        c["governments"].push_back({{"code", g.code},
                                    {"name_ko", g.name_ko},
                                    {"cohort", g.cohort_label},
                                    {"indicators", indicators},
                                    {"bonus", g.bonus},
                                    {"penalty", g.penalty},
                                    {"stage1", g.stage1},
                                    {"advanced", g.advanced},
                                    {"stage2", g.stage2},
                                    {"final_score", g.final_score},
                                    {"rank", g.rank},
                                    {"award", g.award_id},
                                    {"special", g.special_id}});
      });
      j["categories"].push_back(std::move(c));
    }
    j["scored"] = scored;
    j["rejected"] = nlohmann::json::array();
    for (const auto& r : rejected) {
      nlohmann::json problems = nlohmann::json::array();
      for (const auto& d : r.diagnostics) problems.push_back(d.ToString());
      j["rejected"].push_back({{"file", r.where}, {"errors", problems}});
    }
    j["provenance"] = ProvenanceJson(provenance);
    text = j.dump(2) + "\n";
  } else {
    // One wide table: the union of the rubrics' indicators (empty where a rubric lacks one).
    std::vector<std::string> indicator_ids;
    std::set<std::string> seen;
    for (const Rubric& r : rubrics) {
      for (const Indicator& i : r.indicators) {
        if (seen.insert(i.id).second) indicator_ids.push_back(i.id);
      }
    }
    Table t;
    t.header = {"category", "code", "name_ko", "cohort"};
    t.header.insert(t.header.end(), indicator_ids.begin(), indicator_ids.end());
    for (const char* h :
         {"bonus", "penalty", "stage1", "advanced", "stage2", "final", "rank", "award"}) {
      t.header.emplace_back(h);
    }
    t.align.assign(t.header.size(), Align::kRight);
    for (std::size_t c = 0; c < 4; ++c) t.align[c] = Align::kLeft;
    t.align.back() = Align::kLeft;
    const int decimals = format == OutputFormat::kCsv || format == OutputFormat::kXlsx ? 6 : 2;
    // CSV is written line by line; the text table and the workbook need every row (column
    // widths, sheet), so they keep the cells, which are their output.
    // CSV of synthetic reports: the last column says how many are synthetic (on every row).
    const std::string synthetic_cell =
        IsSynthetic(provenance) ? std::to_string(provenance.reports->synthetic) : "";
    if (format == OutputFormat::kCsv) {
      Table header = t;
      if (!synthetic_cell.empty()) header.header.emplace_back("synthetic_reports");
      text = RenderCsv(header, ExcelBom(vm));
    }
    for (std::size_t k = 0; k < rubrics.size(); ++k) {
      for_each_row(k, [&](GovernmentScore&& g) {
        std::vector<std::string> row = {rubrics[k].category, g.code, g.name_ko, g.cohort_label};
        for (const auto& id : indicator_ids) {
          std::string cell;
          for (const IndicatorScore& s : g.indicators) {
            if (s.id == id) cell = FormatFixed(s.points, decimals);
          }
          row.push_back(cell);
        }
        std::string award = g.award_id;
        if (!g.special_id.empty()) award += (award.empty() ? "" : "+") + g.special_id;
        for (const std::string& cell :
             {FormatFixed(g.bonus, decimals), FormatFixed(g.penalty, decimals),
              FormatFixed(g.stage1, decimals), std::string(g.advanced ? "yes" : "no"),
              FormatFixed(g.stage2, decimals), FormatFixed(g.final_score, decimals),
              std::to_string(g.rank), award}) {
          row.push_back(cell);
        }
        if (format == OutputFormat::kCsv) {
          if (!synthetic_cell.empty()) row.push_back(synthetic_cell);
          text += CsvLine(std::move(row));
        } else {
          t.rows.push_back(std::move(row));
        }
      });
    }
    if (format == OutputFormat::kXlsx) {
      WriteXlsxOutput(out, {SheetFromTable("점수 Scores", t)}, provenance);
    }
    if (format == OutputFormat::kTable) text = WithSyntheticNotice(provenance, RenderText(t));
  }
  if (format != OutputFormat::kXlsx) Emit(text, out);
  WriteProvenanceSidecar(vm, provenance);
  if (!rejected.empty()) {
    for (const auto& r : rejected) {
      std::cerr << "rejected: " << r.where << '\n';
      for (const auto& d : r.diagnostics) std::cerr << "  error: " << d.ToString() << '\n';
    }
    std::cerr << rejected.size() << " report(s) rejected, " << scored << " scored\n";
    return kExitPartialBatch;
  }
  return kExitSuccess;
}

}  // namespace jobaward::cli
