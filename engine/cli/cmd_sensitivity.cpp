// `jobaward sensitivity tornado|reversal|sobol`: which choices drive the award (sensitivity.hpp;
// formulas in engine/docs/sensitivity.md). Each method prints an aligned table, or CSV / JSON.
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/award_plan.hpp"
#include "jobaward/sensitivity.hpp"
#include "jobaward/text_table.hpp"
#include "jobaward/uncertainty_yaml.hpp"
#include "output_support.hpp"

namespace jobaward::cli {
namespace {

constexpr const char* kUsage =
    "usage: jobaward sensitivity <method> [options]   (jobaward sensitivity <method> --help)\n"
    "\n"
    "methods:\n"
    "  tornado    move each domain/indicator weight by +-x% (the others renormalised to keep\n"
    "             the rubric total): change of every government's score, rank and award,\n"
    "             weights sorted by impact\n"
    "  reversal   for every cohort and weight: the smallest change of that weight at which the\n"
    "             cohort's winner (or, with --any-award, any award) changes, and who takes over;\n"
    "             exact (closed-form crossings confirmed by the real pipeline), or \"stable\"\n"
    "  sobol      first-order and total Sobol indices of every uncertainty group of the\n"
    "             uncertainty spec on each government's score and rank and on \"the baseline\n"
    "             winner keeps its award\", with bootstrap confidence intervals\n"
    "Formulas: engine/docs/sensitivity.md.";

std::string F(double v, int decimals) { return std::isnan(v) ? "-" : FormatFixed(v, decimals); }

// Options every method takes.
void AddCommon(po::options_description& options) {
  options.add_options()("category", po::value<std::string>()->default_value("all"),
                        "rubric category to analyse (e.g. disclosure), or all")(
      "format", po::value<std::string>()->default_value("table"),
      "table, csv, json or xlsx (needs --out)")("out", po::value<std::string>()->default_value(""),
                                                "write to FILE instead of stdout");
  AddAwardInputOptions(options);
  AddOutputOptions(options);
}

// Writes a method's result in the chosen format (engine/docs/outputs.md): the provenance record
// goes into the JSON and the workbook's Inputs sheet (and --provenance FILE); the workbook has
// the CSV table as its one sheet.
// `in`: the inputs the result derives from (their synthetic reports are counted and shown).
void EmitResult(const po::variables_map& vm, OutputFormat format, nlohmann::ordered_json& json,
                const Table& csv_table, const std::string& text, const std::string& method,
                Provenance provenance, const AwardInputs& in) {
  provenance.reports = CountReports(in.models);
  const std::string& out = vm["out"].as<std::string>();
  if (format == OutputFormat::kXlsx) {
    WriteXlsxOutput(out, {SheetFromTable(method, csv_table)}, provenance);
  } else if (format == OutputFormat::kJson) {
    json["provenance"] = ProvenanceJson(provenance);
    Emit(json.dump(2) + "\n", out);
  } else if (format == OutputFormat::kCsv) {
    Emit(WithExcelBom(vm, WithSyntheticColumn(provenance, RenderCsv(csv_table))), out);
  } else {
    Emit(WithSyntheticNotice(provenance, text), out);
  }
  WriteProvenanceSidecar(vm, provenance);
}

std::string Heading(const Rubric& rubric) { return rubric.name_ko + " (" + rubric.id + ")"; }

std::string Codes(const AwardInputs& in, const ScoringModel& model, const std::vector<int>& rows,
                  bool with_names) {
  std::string out;
  for (const int r : rows) {
    if (!out.empty()) out += ", ";
    out += (with_names ? RowName(in, model, r) + " " : std::string()) +
           model.row_code[static_cast<std::size_t>(r)];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

int RunTornadoCommand(const std::vector<std::string>& args) {
  po::options_description options("tornado options");
  options.add_options()("step", po::value<double>()->default_value(0.10, "0.10"),
                        "relative change of each weight (0.10 = +-10%)");
  AddCommon(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {},
                 "usage: jobaward sensitivity tornado [--step X] [--category C] [--format F] "
                 "[--out FILE]\n\nMoves each weight by +-X (relative), the others renormalised.",
                 vm)) {
    return kExitSuccess;
  }
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  CheckXlsxOut(format, vm["out"].as<std::string>());
  const double step = vm["step"].as<double>();
  if (!(step > 0 && step <= 1)) {
    throw UsageError("--step must be in (0, 1], got " + std::to_string(step));
  }
  const AwardInputs in = LoadAwardInputs(vm);
  const std::string pct = FormatFixed(step * 100, 0) + "%";
  const AwardPlan plan(in.models);
  AwardWorkspace baseline;
  (void)EvaluateAward(plan, in.models, {}, baseline);

  std::string text, csv;
  nlohmann::ordered_json json;
  json["method"] = "tornado";
  json["step"] = step;
  json["categories"] = nlohmann::ordered_json::array();
  Table csv_table;
  csv_table.header = {"category", "weight",    "nominal",  "direction",  "new_weight",
                      "code",     "name_ko",   "cohort",   "base_score", "new_score",
                      "delta",    "base_rank", "new_rank", "base_award", "new_award"};
  for (const std::size_t c : SelectedCategories(in, vm["category"].as<std::string>())) {
    const ScoringModel& model = in.models[c];
    const std::vector<TornadoRow> rows = RunTornado(
        model,
        {.step = step, .award_eligible = plan.Constrained(c) ? &baseline.eligible[c] : nullptr});
    Table summary;
    summary.header = {"weight",    "nominal", "-" + pct,       "max |d score|", "rank chg",
                      "award chg", "+" + pct, "max |d score|", "rank chg",      "award chg"};
    summary.align.assign(summary.header.size(), Align::kRight);
    summary.align[0] = Align::kLeft;
    Table awards;
    awards.header = {"weight", "move", "cohort", "code", "name", "score", "rank", "award"};
    awards.align = {Align::kLeft, Align::kLeft,  Align::kLeft,  Align::kLeft,
                    Align::kLeft, Align::kRight, Align::kRight, Align::kLeft};
    nlohmann::ordered_json cj;
    cj["rubric"] = in.rubrics[c].id;
    cj["category"] = in.rubrics[c].category;
    cj["weights"] = nlohmann::ordered_json::array();
    for (const TornadoRow& row : rows) {
      std::vector<std::string> cells = {row.weight.name, FormatFixed(row.weight.nominal, 2)};
      nlohmann::ordered_json wj;
      wj["weight"] = row.weight.name;
      wj["nominal"] = row.weight.nominal;
      for (const TornadoCase* tc : {&row.down, &row.up}) {
        cells.push_back(FormatFixed(tc->new_weight, 2));
        cells.push_back(FormatFixed(tc->max_abs_score_change, 3));
        cells.push_back(std::to_string(tc->rank_changes));
        cells.push_back(std::to_string(tc->award_changes));
        const std::string move = (tc->sign < 0 ? "-" : "+") + pct;
        nlohmann::ordered_json dj;
        dj["new_weight"] = tc->new_weight;
        dj["max_abs_score_change"] = tc->max_abs_score_change;
        dj["rank_changes"] = tc->rank_changes;
        dj["award_changes"] = tc->award_changes;
        dj["changed"] = nlohmann::ordered_json::array();
        for (const TornadoChange& ch : tc->changes) {
          const auto r = static_cast<std::size_t>(ch.row);
          const std::string& cohort =
              model.cohorts.labels[static_cast<std::size_t>(model.row_cohort[r])];
          csv_table.rows.push_back(
              {in.rubrics[c].category, row.weight.name, FormatFixed(row.weight.nominal, 4),
               tc->sign < 0 ? "down" : "up", FormatFixed(tc->new_weight, 4), model.row_code[r],
               RowName(in, model, ch.row), cohort, FormatFixed(ch.base_score, 6),
               FormatFixed(ch.new_score, 6), FormatFixed(ch.new_score - ch.base_score, 6),
               std::to_string(ch.base_rank), std::to_string(ch.new_rank), ch.base_award,
               ch.new_award});
          if (ch.base_rank == ch.new_rank && ch.base_award == ch.new_award) continue;
          dj["changed"].push_back({{"code", model.row_code[r]},
                                   {"cohort", cohort},
                                   {"score", ch.base_score},
                                   {"new_score", ch.new_score},
                                   {"rank", ch.base_rank},
                                   {"new_rank", ch.new_rank},
                                   {"award", ch.base_award},
                                   {"new_award", ch.new_award}});
          if (ch.base_award != ch.new_award) {
            awards.rows.push_back(
                {row.weight.name, move, cohort, model.row_code[r], RowName(in, model, ch.row),
                 FormatFixed(ch.base_score, 3) + " -> " + FormatFixed(ch.new_score, 3),
                 std::to_string(ch.base_rank) + " -> " + std::to_string(ch.new_rank),
                 (ch.base_award.empty() ? "-" : ch.base_award) + " -> " +
                     (ch.new_award.empty() ? "-" : ch.new_award)});
          }
        }
        wj[tc->sign < 0 ? "down" : "up"] = std::move(dj);
      }
      summary.rows.push_back(std::move(cells));
      cj["weights"].push_back(std::move(wj));
    }
    text +=
        (text.empty() ? "" : "\n") + Heading(in.rubrics[c]) + ": each weight moved by +-" + pct +
        ", the others renormalised to keep " + FormatFixed(model.indicator_points.sum(), 0) +
        " points; sorted by award changes, then the largest score change\n\n" + RenderText(summary);
    text +=
        awards.rows.empty() ? "\nNo award changes.\n" : "\nAward changes:\n\n" + RenderText(awards);
    json["categories"].push_back(std::move(cj));
  }
  EmitResult(
      vm, format, json, csv_table, text, "tornado",
      CommandProvenance("sensitivity tornado", vm, {"registry", "rules", "rubric", "reports"}), in);
  return kExitSuccess;
}

// ---------------------------------------------------------------------------------------------

int RunReversalCommand(const std::vector<std::string>& args) {
  po::options_description options("reversal options");
  options.add_options()("any-award", po::bool_switch(),
                        "thresholds for any change of a cohort award, not only the winner");
  AddCommon(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {},
                 "usage: jobaward sensitivity reversal [--any-award] [--category C] [--format F] "
                 "[--out FILE]\n\nThe smallest change of each weight at which each cohort's "
                 "winner changes.",
                 vm)) {
    return kExitSuccess;
  }
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  CheckXlsxOut(format, vm["out"].as<std::string>());
  const bool any_award = vm["any-award"].as<bool>();
  const AwardInputs in = LoadAwardInputs(vm);
  const AwardPlan plan(in.models);
  AwardWorkspace baseline;
  (void)EvaluateAward(plan, in.models, {}, baseline);

  std::string text;
  nlohmann::ordered_json json;
  json["method"] = "reversal";
  json["any_award"] = any_award;
  json["categories"] = nlohmann::ordered_json::array();
  Table csv_table;
  csv_table.header = {"category",        "cohort",         "weight",        "nominal",
                      "direction",       "stable",         "threshold",     "change",
                      "relative_change", "winners_before", "winners_after", "award_changes"};
  for (const std::size_t c : SelectedCategories(in, vm["category"].as<std::string>())) {
    const ScoringModel& model = in.models[c];
    const std::vector<ReversalThreshold> entries = RunReversal(
        model, {.any_award = any_award,
                .award_eligible = plan.Constrained(c) ? &baseline.eligible[c] : nullptr});
    Table table;
    table.header = {"cohort",     "weight", "nominal",
                    "lowered to", "change", any_award ? "changes" : "new winner",
                    "raised to",  "change", any_award ? "changes" : "new winner"};
    table.align = {Align::kLeft, Align::kLeft,  Align::kRight, Align::kRight, Align::kRight,
                   Align::kLeft, Align::kRight, Align::kRight, Align::kLeft};
    nlohmann::ordered_json cj;
    cj["rubric"] = in.rubrics[c].id;
    cj["category"] = in.rubrics[c].category;
    cj["thresholds"] = nlohmann::ordered_json::array();
    int evaluations = 0;
    std::string winners_note;
    int last_cohort = -1;
    std::vector<std::string> row;
    for (const ReversalThreshold& e : entries) {
      evaluations += e.evaluations;
      const std::string& cohort = model.cohorts.labels[static_cast<std::size_t>(e.cohort)];
      if (e.cohort != last_cohort) {
        winners_note += "  " + cohort + ": " + Codes(in, model, e.winners_before, true) + "\n";
        last_cohort = e.cohort;
      }
      std::string who;
      if (any_award) {
        for (const auto& ch : e.changes) {
          who += (who.empty() ? "" : "; ") + model.row_code[static_cast<std::size_t>(ch.row)] +
                 " " + (ch.before.empty() ? "-" : ch.before) + "->" +
                 (ch.after.empty() ? "-" : ch.after);
        }
      } else {
        who = Codes(in, model, e.winners_after, true);
      }
      if (e.direction < 0) {
        row = {cohort, e.weight.name, FormatFixed(e.weight.nominal, 2)};
      }
      if (e.stable) {
        row.insert(row.end(), {"stable", "", ""});
      } else {
        row.insert(row.end(), {FormatFixed(e.threshold, 3),
                               (e.change >= 0 ? "+" : "") + FormatFixed(e.change, 3), who});
      }
      if (e.direction > 0) table.rows.push_back(row);
      const double relative = e.stable ? NAN : e.change / e.weight.nominal;
      csv_table.rows.push_back(
          {in.rubrics[c].category, model.cohorts.ids[static_cast<std::size_t>(e.cohort)],
           e.weight.name, FormatFixed(e.weight.nominal, 4), e.direction < 0 ? "down" : "up",
           e.stable ? "true" : "false", e.stable ? "" : FormatFixed(e.threshold, 6),
           e.stable ? "" : FormatFixed(e.change, 6), e.stable ? "" : FormatFixed(relative, 6),
           Codes(in, model, e.winners_before, false),
           e.stable ? "" : Codes(in, model, e.winners_after, false), any_award ? who : ""});
      nlohmann::ordered_json ej;
      ej["cohort"] = model.cohorts.ids[static_cast<std::size_t>(e.cohort)];
      ej["weight"] = e.weight.name;
      ej["nominal"] = e.weight.nominal;
      ej["direction"] = e.direction < 0 ? "down" : "up";
      ej["stable"] = e.stable;
      std::vector<std::string> before, after;
      for (const int r : e.winners_before)
        before.push_back(model.row_code[static_cast<std::size_t>(r)]);
      ej["winners_before"] = before;
      if (!e.stable) {
        ej["threshold"] = e.threshold;
        ej["change"] = e.change;
        ej["relative_change"] = relative;
        for (const int r : e.winners_after)
          after.push_back(model.row_code[static_cast<std::size_t>(r)]);
        ej["winners_after"] = after;
        if (any_award) {
          ej["award_changes"] = nlohmann::ordered_json::array();
          for (const auto& ch : e.changes) {
            ej["award_changes"].push_back(
                {{"code", model.row_code[static_cast<std::size_t>(ch.row)]},
                 {"before", ch.before},
                 {"after", ch.after}});
          }
        }
      }
      cj["thresholds"].push_back(std::move(ej));
    }
    text += (text.empty() ? "" : "\n") + Heading(in.rubrics[c]) +
            ": smallest weight change (points; " + "the others renormalised to keep " +
            FormatFixed(model.indicator_points.sum(), 0) + ") at which " +
            (any_award ? "any cohort award" : "the cohort's winner") +
            " changes; \"stable\" = no change over the whole range\n\nBaseline winners:\n" +
            winners_note + "\n" + RenderText(table) + "(" + std::to_string(evaluations) +
            " pipeline evaluations confirmed the candidate crossings)\n";
    json["categories"].push_back(std::move(cj));
  }
  EmitResult(
      vm, format, json, csv_table, text, "reversal",
      CommandProvenance("sensitivity reversal", vm, {"registry", "rules", "rubric", "reports"}),
      in);
  return kExitSuccess;
}

// ---------------------------------------------------------------------------------------------

// Mean of the finite entries of row g over the output columns in `columns`.
double MeanOver(const Eigen::MatrixXd& m, int g, const std::vector<int>& columns) {
  double sum = 0;
  int n = 0;
  for (const int o : columns) {
    if (std::isnan(m(g, o))) continue;
    sum += m(g, o);
    ++n;
  }
  return n == 0 ? NAN : sum / n;
}

const char* KindName(AwardOutput::Kind kind) {
  switch (kind) {
    case AwardOutput::Kind::kScore:
      return "score";
    case AwardOutput::Kind::kRank:
      return "rank";
    case AwardOutput::Kind::kWinnerKeeps:
      return "winner_keeps";
  }
  return "";
}

int RunSobolCommand(const std::vector<std::string>& args) {
  po::options_description options("sobol options");
  const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  options.add_options()("samples", po::value<std::int64_t>()->default_value(1024),
                        "base samples N (the pipeline runs N x (groups + 2) times)")(
      "seed", po::value<std::uint64_t>()->default_value(2020), "random seed")(
      "threads", po::value<int>()->default_value(static_cast<int>(hardware)),
      "worker threads (the output does not depend on it)")(
      "bootstrap", po::value<int>()->default_value(200), "bootstrap resamples for the intervals")(
      "bootstrap-units", po::value<int>()->default_value(64),
      "blocks of base samples the bootstrap resamples")(
      "confidence", po::value<double>()->default_value(0.95, "0.95"), "level of the intervals")(
      "random", po::bool_switch(),
      "draw one-uniform groups from their seeded streams instead of the Sobol sequence")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec (default: examples/2020/uncertainty.yaml)");
  AddCommon(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {},
                 "usage: jobaward sensitivity sobol [--samples N] [--seed S] [--threads T] "
                 "[--uncertainty FILE] [--format F] [--out FILE]\n\nFirst-order and total "
                 "Sobol indices of every uncertainty group.",
                 vm)) {
    return kExitSuccess;
  }
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  CheckXlsxOut(format, vm["out"].as<std::string>());
  SobolOptions so;
  so.base_samples = vm["samples"].as<std::int64_t>();
  so.seed = vm["seed"].as<std::uint64_t>();
  so.threads = vm["threads"].as<int>();
  so.bootstrap_resamples = vm["bootstrap"].as<int>();
  so.bootstrap_units = vm["bootstrap-units"].as<int>();
  so.confidence = vm["confidence"].as<double>();
  so.quasi_random = !vm["random"].as<bool>();
  if (so.base_samples < 2) throw UsageError("--samples must be at least 2");
  if (so.threads < 1) throw UsageError("--threads must be at least 1");
  if (so.bootstrap_resamples < 0) throw UsageError("--bootstrap must be >= 0");
  if (so.bootstrap_units < 2) throw UsageError("--bootstrap-units must be at least 2");
  if (!(so.confidence > 0 && so.confidence < 1)) throw UsageError("--confidence must be in (0, 1)");
  const AwardInputs in = LoadAwardInputs(vm);
  const std::vector<std::size_t> selected =
      SelectedCategories(in, vm["category"].as<std::string>());
  const std::string spec_path = vm.count("uncertainty") != 0U
                                    ? vm["uncertainty"].as<std::string>()
                                    : DefaultPath("examples/2020/uncertainty.yaml");
  const UncertaintySpec spec = LoadUncertainty(spec_path);
  const UncertaintyModel uncertainty = CompileUncertaintyFor(spec, in);
  if (uncertainty.groups().empty()) {
    throw InputError(
        Diagnostic{{spec_path}, "", "the uncertainty spec has no uncertain inputs", {}});
  }
  const AwardSobolResult result = RunAwardSobol(in.models, uncertainty, so);
  const SobolIndices& s = result.indices;
  const auto group_count = static_cast<int>(result.groups.size());

  std::string text = "Sobol indices: " + std::to_string(so.base_samples) + " base samples (" +
                     (so.quasi_random ? "Sobol sequence for one-uniform groups" : "random") +
                     "), seed " + std::to_string(so.seed) + ", " + std::to_string(group_count) +
                     " uncertainty groups, " + std::to_string(s.evaluations) +
                     " evaluations; S = first order (Saltelli 2010), ST = total (Jansen), " +
                     FormatFixed(so.confidence * 100, 0) + "% bootstrap intervals\n";
  Table csv_table;
  csv_table.header = {"category",  "output",     "code",        "name_ko",        "cohort",
                      "group",     "first",      "first_low",   "first_high",     "total",
                      "total_low", "total_high", "output_mean", "output_variance"};
  nlohmann::ordered_json json;
  json["method"] = "sobol";
  json["samples"] = so.base_samples;
  json["seed"] = so.seed;
  json["quasi_random"] = so.quasi_random;
  json["confidence"] = so.confidence;
  json["evaluations"] = s.evaluations;
  json["groups"] = result.groups;
  json["categories"] = nlohmann::ordered_json::array();
  for (const std::size_t c : selected) {
    const ScoringModel& model = in.models[c];
    std::vector<int> scores, ranks, keeps;
    nlohmann::ordered_json cj;
    cj["rubric"] = in.rubrics[c].id;
    cj["category"] = in.rubrics[c].category;
    cj["outputs"] = nlohmann::ordered_json::array();
    for (int o = 0; o < static_cast<int>(result.outputs.size()); ++o) {
      const AwardOutput& out = result.outputs[static_cast<std::size_t>(o)];
      if (out.category != static_cast<int>(c)) continue;
      (out.kind == AwardOutput::Kind::kScore  ? scores
       : out.kind == AwardOutput::Kind::kRank ? ranks
                                              : keeps)
          .push_back(o);
      const auto r = static_cast<std::size_t>(out.row);
      const std::string& cohort = model.cohorts.ids[static_cast<std::size_t>(model.row_cohort[r])];
      nlohmann::ordered_json oj;
      oj["output"] = KindName(out.kind);
      oj["code"] = model.row_code[r];
      oj["cohort"] = cohort;
      oj["mean"] = s.mean[o];
      oj["variance"] = s.variance[o];
      for (const char* key :
           {"first", "first_low", "first_high", "total", "total_low", "total_high"}) {
        const Eigen::MatrixXd& m = std::string(key) == "first"        ? s.first
                                   : std::string(key) == "first_low"  ? s.first_low
                                   : std::string(key) == "first_high" ? s.first_high
                                   : std::string(key) == "total"      ? s.total
                                   : std::string(key) == "total_low"  ? s.total_low
                                                                      : s.total_high;
        std::vector<double> column(static_cast<std::size_t>(group_count));
        for (int g = 0; g < group_count; ++g) column[static_cast<std::size_t>(g)] = m(g, o);
        oj[key] = column;
      }
      cj["outputs"].push_back(std::move(oj));
      for (int g = 0; g < group_count; ++g) {
        csv_table.rows.push_back({in.rubrics[c].category, KindName(out.kind), model.row_code[r],
                                  RowName(in, model, out.row), cohort,
                                  result.groups[static_cast<std::size_t>(g)], F(s.first(g, o), 6),
                                  F(s.first_low(g, o), 6), F(s.first_high(g, o), 6),
                                  F(s.total(g, o), 6), F(s.total_low(g, o), 6),
                                  F(s.total_high(g, o), 6), F(s.mean[o], 6), F(s.variance[o], 6)});
      }
    }
    json["categories"].push_back(std::move(cj));

    Table groups;
    groups.header = {"group", "S score", "ST score", "S rank", "ST rank", "S keeps", "ST keeps"};
    groups.align.assign(groups.header.size(), Align::kRight);
    groups.align[0] = Align::kLeft;
    for (int g = 0; g < group_count; ++g) {
      groups.rows.push_back({result.groups[static_cast<std::size_t>(g)],
                             F(MeanOver(s.first, g, scores), 3), F(MeanOver(s.total, g, scores), 3),
                             F(MeanOver(s.first, g, ranks), 3), F(MeanOver(s.total, g, ranks), 3),
                             F(MeanOver(s.first, g, keeps), 3), F(MeanOver(s.total, g, keeps), 3)});
    }
    Table winners;
    winners.header = {"cohort", "baseline winner", "P(keeps)", "largest total indices (ST [CI])"};
    winners.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
    for (const int o : keeps) {
      const AwardOutput& out = result.outputs[static_cast<std::size_t>(o)];
      std::vector<int> order(static_cast<std::size_t>(group_count));
      for (int g = 0; g < group_count; ++g) order[static_cast<std::size_t>(g)] = g;
      const auto key = [&](int g) { return std::isnan(s.total(g, o)) ? -1.0 : s.total(g, o); };
      std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return key(a) > key(b); });
      std::string top;
      for (std::size_t k = 0; k < std::min<std::size_t>(3, order.size()); ++k) {
        const int g = order[k];
        if (std::isnan(s.total(g, o))) break;
        top += (top.empty() ? "" : "; ") + result.groups[static_cast<std::size_t>(g)] + " " +
               F(s.total(g, o), 2) + " [" + F(s.total_low(g, o), 2) + ", " +
               F(s.total_high(g, o), 2) + "]";
      }
      winners.rows.push_back(
          {model.cohorts.labels[static_cast<std::size_t>(out.cohort)],
           RowName(in, model, out.row) + " " + model.row_code[static_cast<std::size_t>(out.row)],
           F(s.mean[o], 3), top.empty() ? "(never loses it)" : top});
    }
    text += "\n" + Heading(in.rubrics[c]) +
            "\n\nMean indices over governments (score, rank; outputs with no variance left out) "
            "and over cohorts (winner keeps its award):\n\n" +
            RenderText(groups) + "\nBaseline winners:\n\n" + RenderText(winners);
  }
  Provenance provenance = CommandProvenance(
      "sensitivity sobol", vm, {"registry", "rules", "rubric", "reports", "uncertainty"});
  provenance.seed = so.seed;
  EmitResult(vm, format, json, csv_table, text, "sobol", provenance, in);
  return kExitSuccess;
}

}  // namespace

int RunSensitivity(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage << '\n';
    return args.empty() ? kExitUsage : kExitSuccess;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "tornado") return RunTornadoCommand(rest);
  if (args[0] == "reversal") return RunReversalCommand(rest);
  if (args[0] == "sobol") return RunSobolCommand(rest);
  const std::string hint = ClosestMatch(args[0], {"tornado", "reversal", "sobol"});
  throw UsageError("unknown method '" + args[0] + "' (tornado, reversal or sobol)" +
                   (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
}

}  // namespace jobaward::cli
