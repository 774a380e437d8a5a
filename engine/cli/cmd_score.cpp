// `jobaward score`: the score of every government in each category, indicator by indicator.
// Batch mode: a report that fails to load or does not fit a rubric is listed on stderr with its
// problems and left out; the others are scored, and the exit code is 3 ("some reports were
// rejected").
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/results/score_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/model_builder.hpp"
#include "jobaward/scoring/row_explainer.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "output_support.hpp"
#include "progress.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward score [--rubric FILE]... [--reports DIR|FILE | --reports-csv FILE]\n"
    "                      [--rules FILE] [--registry FILE] [--category C]\n"
    "                      [--format table|csv|json|xlsx] [--out FILE] [--table ID]\n"
    "                      [--encoding auto|utf-8|cp949] [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Scores every report with each rubric (default: both 2020 rubrics on examples/2020/reports)\n"
    "and prints, per category and government, the points of every indicator (headed by its\n"
    "Korean name), bonus and penalty, the stage-1 score, whether it advanced, the stage-2 and\n"
    "final scores, the rank in its cohort and the award. The table shows one category at a\n"
    "time, with only that category's indicators. Reports that cannot be loaded or do not fit a\n"
    "rubric are listed on stderr with file, line and key; the rest are scored and the exit\n"
    "code is 3. Tables: scores, rejected (engine/docs/outputs.md).\n"
    "--reports takes a directory of report files (.yaml, and .xlsx templates filled in by the\n"
    "offices: see `jobaward template`), a reports CSV (UTF-8, or CP949 as Korean Excel saves\n"
    "it: --encoding), or an .xlsx workbook (a filled template, or one row per government).\n"
    "\n"
    "examples:\n"
    "  jobaward score --category disclosure\n"
    "  jobaward score --reports received/ --format xlsx --out scores.xlsx\n"
    "  jobaward score --reports 보고서-취합.xlsx --format csv --excel-bom --out scores.csv\n"
    "  jobaward score --reports-csv reports-cp949.csv --encoding cp949\n"
    "  jobaward score --reports my-reports/ --format json";

// The one reports path of --reports or --reports-csv (not both; --reports-csv not a directory).
std::string ReportsPathOption(const po::variables_map& vm) {
  if (vm.count("reports") != 0U && vm.count("reports-csv") != 0U) {
    throw UsageError("give --reports or --reports-csv, not both");
  }
  if (vm.count("reports-csv") == 0U) return ResolveInputPaths(vm).reports;
  const std::string path = vm["reports-csv"].as<std::string>();
  std::error_code not_a_directory;
  if (std::filesystem::is_directory(path, not_a_directory)) {
    throw InputError(Diagnostic{{path},
                                {},
                                "is a directory; --reports-csv reads one CSV file (--reports DIR "
                                "reads a directory of reports)",
                                {}});
  }
  return path;
}

// The reports of a batch compiled into one model per rubric, and the ones set aside.
struct Batch {
  std::vector<ScoringModel> models;  ///< Parallel to the setup's rubrics.
  std::vector<RejectedReport> rejected;
  std::size_t scored = 0;
};

// Reports stream into one model builder per rubric and are dropped: memory grows with the model
// rows, not with the parsed reports. A report that loads but does not fit a rubric (e.g.
// government in no cohort) is set aside for every rubric, so all categories score the same
// governments. Load failures are listed before misfits, each in file order.
Batch ReadBatch(const po::variables_map& vm, const ScoringSetup& setup,
                const std::string& reports_path) {
  std::vector<ModelBuilder> builders;
  builders.reserve(setup.rubrics.size());
  for (const Rubric& rubric : setup.rubrics) {
    builders.emplace_back(rubric, setup.registry, setup.membership);
  }
  Batch batch;
  std::vector<RejectedReport> misfits;
  IgnoredFields ignored;
  // A batch of thousands of reports takes seconds: on a terminal, count them as they are read.
  ProgressBar bar;
  bar.Phase("보고서 읽기", "건");
  std::uint64_t visited = 0;
  // --reports-csv is a CSV whatever its name (a directory or a .yaml file is not read as YAML).
  const auto visit = vm.count("reports-csv") != 0U ? VisitReportsCsv : VisitReports;
  visit(reports_path, setup.schema, setup.registry,
        {[&](Report&& report) {
           bar.Update(++visited, 0);
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
           ++batch.scored;
         },
         [&](RejectedFile&& f) {
           bar.Update(++visited, 0);
           batch.rejected.push_back({f.path + (f.line > 0 ? ":" + std::to_string(f.line) : ""),
                                     std::move(f.diagnostics), f.reports});
         },
         [&](Diagnostic&& note) {
           bar.Finish();  // A note gets a line of its own.
           PrintNotes({note});
         }},
        ForAwardYear(ReportOptions(vm), setup.rubrics));
  bar.Finish();
  NoteIgnoredFields(ignored, setup.rubrics);
  batch.rejected.insert(batch.rejected.end(), std::make_move_iterator(misfits.begin()),
                        std::make_move_iterator(misfits.end()));
  batch.models.reserve(builders.size());
  for (ModelBuilder& builder : builders) batch.models.push_back(std::move(builder).Finish());
  return batch;
}

// The categories are evaluated together (a cross-category rule makes one depend on another's
// awards, award_plan.hpp), then their rows are made one at a time: a row is explained only while
// it is added, so no explained result is held for every government. CSV streams the rows into
// the output text; the other formats need them all (widths, sheet, document).
void EmitScores(const po::variables_map& vm, const OutputRequest& request, const Batch& batch,
                const std::vector<Rubric>& rubrics, const std::vector<std::size_t>& selected,
                const ScoreTable& score_table, const Provenance& provenance) {
  const auto& [format, out] = request;
  const AwardPlan plan(batch.models);
  AwardWorkspace workspace;
  const std::vector<const Outcome*>& outcomes = EvaluateAward(plan, batch.models, {}, workspace);
  ResultTable scores = score_table.Empty();
  Result result = WithSyntheticBanner(
      MakeScoreResult(score_table.Empty(), batch.scored, batch.rejected), provenance);
  const bool stream = format == OutputFormat::kCsv &&
                      (vm.count("table") == 0U || vm["table"].as<std::string>() == "scores");
  std::string csv = stream ? RenderCsvHeader(result, scores) : "";
  for (const std::size_t k : selected) {
    const RowExplainer explainer(batch.models[k], *outcomes[k], Detail::kPoints);
    for (std::size_t i = 0; i < explainer.rows(); ++i) {
      std::vector<Cell> row = score_table.Row(rubrics[k], explainer.Row(i));
      if (stream) {
        csv += RenderCsvRow(result, scores, row);
      } else {
        scores.AddRow(std::move(row));
      }
    }
  }
  if (stream) {
    Emit(WithExcelBom(vm, csv), out);
    WriteProvenanceSidecar(vm, provenance);
  } else {
    result.tables.front() = std::move(scores);
    EmitResult(vm, format, result, provenance, out);
  }
}

// Lists the reports set aside on stderr; the exit code of the batch.
int ReportRejected(const Batch& batch) {
  if (batch.rejected.empty()) return kExitSuccess;
  for (const auto& r : batch.rejected) {
    std::cerr << "rejected: " << r.where << '\n';
    for (const auto& d : r.diagnostics) std::cerr << "  error: " << d.ToString() << '\n';
  }
  std::cerr << CountRejectedReports(batch.rejected) << " report(s) rejected, " << batch.scored
            << " scored\n";
  return kExitPartialBatch;
}

}  // namespace

int RunScore(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("reports-csv", po::value<std::string>(),
                        "reports CSV (one row per government); same as --reports FILE.csv")(
      "category", po::value<std::string>(),
      "only this rubric category (e.g. disclosure, best_program); default: all");
  AddFormatOptions(options);
  AddTableOption(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const OutputRequest request = ReadFormatOptions(vm);
  const std::string reports_path = ReportsPathOption(vm);

  const ScoringSetup setup = LoadScoringSetup(vm);
  const std::vector<std::size_t> selected = SelectedCategories(
      setup.rubrics, vm.count("category") != 0U ? vm["category"].as<std::string>() : "all");
  std::vector<Rubric> shown;
  for (const std::size_t k : selected) shown.push_back(setup.rubrics[k]);
  const ScoreTable score_table(shown, setup.membership, setup.registry);

  const Batch batch = ReadBatch(vm, setup, reports_path);
  Provenance provenance = CommandProvenance("score", vm, {"registry", "rules", "rubric"});
  provenance.inputs.push_back(HashInputPath("reports", reports_path));
  provenance.reports = CountReports(batch.models);
  EmitScores(vm, request, batch, setup.rubrics, selected, score_table, provenance);
  return ReportRejected(batch);
}

}  // namespace jobaward::cli
