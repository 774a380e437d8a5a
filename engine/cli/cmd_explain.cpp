// `jobaward explain CODE`: one government's score in each category, indicator by indicator
// (inputs, method, parameters, raw value, cohort statistics, points), its stage totals, and its
// rank in the cohort with the tie-break keys that place it against its neighbours.
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "gaps_output.hpp"
#include "jobaward/award_plan.hpp"
#include "jobaward/gaps.hpp"
#include "jobaward/gaps_tables.hpp"
#include "jobaward/scoring.hpp"
#include "jobaward/text_table.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward explain CODE [--to-next] [--rubric FILE]... [--rules FILE] [--registry FILE]\n"
    "                        [--reports DIR|FILE] [--format table|json] [--out FILE]\n"
    "                        (with --to-next also --format csv|xlsx)\n"
    "\n"
    "Explains the score of the government with administrative code CODE (e.g. 11530) in each\n"
    "category: every indicator with its inputs, method, parameters, raw value, the cohort\n"
    "statistics it used and its points; domain and stage totals; whether it advanced; its rank\n"
    "in its cohort and which tie-break key separates it from the governments ranked just above\n"
    "and below; its award.\n"
    "\n"
    "--to-next adds what it takes: for each input, the smallest change (everything else held\n"
    "fixed) that passes the government ranked directly above, advances to stage 2, or gives a\n"
    "better award, with the rank and award it then has, or 불가 and the bound that stops it\n"
    "(as `jobaward gaps`; engine/docs/sensitivity.md, \"What it takes\").\n"
    "\n"
    "examples:\n"
    "  jobaward explain 11530\n"
    "  jobaward explain 11530 --to-next\n"
    "  jobaward explain 11530 --to-next --format csv --out 11530-gaps.csv";

std::string Value(double v) { return std::isnan(v) ? "-" : FormatFixed(v, 4); }

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : sep) + i;
  return s;
}

// Why `a` ranks above `b`: the first key (final score, then the tie-break keys) that differs.
std::string Separation(const GovernmentScore& a, const GovernmentScore& b) {
  if (a.advanced != b.advanced) return "advanced to stage 2";
  for (std::size_t k = 0; k < a.tie_break.size() && k < b.tie_break.size(); ++k) {
    if (std::round(a.tie_break[k].second * 1e6) != std::round(b.tie_break[k].second * 1e6)) {
      return a.tie_break[k].first + " " + FormatFixed(a.tie_break[k].second, 4) + " vs " +
             FormatFixed(b.tie_break[k].second, 4);
    }
  }
  return "tied on every key";
}

std::string ExplainText(const Rubric& rubric, const ScoreResult& result, std::size_t row) {
  const GovernmentScore& g = result.governments[row];
  std::string text = "== " + rubric.name_ko + " (" + rubric.id + ") — " + g.code + " " + g.name_ko +
                     ", 평가군 " + g.cohort_label + " ==\n";
  Table t;
  t.header = {"지표", "단계", "영역",        "방법", "매개변수",
              "입력", "원값", "평가군 통계", "점수", "배점"};
  t.align = {Align::kLeft, Align::kRight, Align::kLeft, Align::kLeft,  Align::kLeft,
             Align::kLeft, Align::kRight, Align::kLeft, Align::kRight, Align::kRight};
  for (const IndicatorScore& s : g.indicators) {
    t.rows.push_back({s.name_ko + " (" + s.id + ")", std::to_string(s.stage), ToString(s.domain),
                      s.method, s.parameters, Join(s.inputs, " "),
                      s.missing             ? "(missing)"
                      : s.method == "grade" ? std::string(1, static_cast<char>('A' + s.raw))
                                            : Value(s.raw),
                      s.cohort_statistics, FormatFixed(s.points, 4), FormatFixed(s.max_points, 2)});
  }
  text += RenderText(t);
  const Rubric& r = rubric;
  text += "domains: plan " + FormatFixed(g.domain[0], 4) + " / " +
          FormatFixed(r.domains[0].points, 0) + ", execution " + FormatFixed(g.domain[1], 4) +
          " / " + FormatFixed(r.domains[1].points, 0) + ", outcome " + FormatFixed(g.domain[2], 4) +
          " / " + FormatFixed(r.domains[2].points, 0) + "\n";
  text += "stage 1 (document review): " + FormatFixed(g.stage1, 4) + " (bonus +" +
          FormatFixed(g.bonus, 4) + ", penalty -" + FormatFixed(g.penalty, 4) + ")\n";
  text += std::string("advanced to stage 2: ") + (g.advanced ? "yes" : "no") + "\n";
  text += "stage 2 (interview): " + FormatFixed(g.stage2, 4) + "\n";
  text += "final = " + FormatFixed(r.stages.stage1_weight, 2) + " x stage1 + " +
          FormatFixed(r.stages.stage2_weight, 2) + " x stage2 = " + FormatFixed(g.final_score, 4) +
          "\n";
  std::vector<std::string> keys;
  for (const auto& [name, value] : g.tie_break) keys.push_back(name + "=" + FormatFixed(value, 4));
  text += "rank " + std::to_string(g.rank) + " of " + std::to_string(g.cohort_size) +
          " in 평가군 " + g.cohort_label + " (ranking keys: " + Join(keys, ", ") + ")\n";
  // Neighbours in the cohort: the governments ranked just above and just below.
  const GovernmentScore* above = nullptr;
  const GovernmentScore* below = nullptr;
  for (const GovernmentScore& o : result.governments) {
    if (o.cohort != g.cohort || &o == &g) continue;
    if (o.rank < g.rank || (o.rank == g.rank && o.code < g.code)) {
      if (above == nullptr || o.rank > above->rank) above = &o;
    } else if (below == nullptr || o.rank < below->rank) {
      below = &o;
    }
  }
  if (above != nullptr) {
    text += "  above: " + above->code + " " + above->name_ko + " (rank " +
            std::to_string(above->rank) + ", final " + FormatFixed(above->final_score, 4) +
            "): " + Separation(*above, g) + "\n";
  }
  if (below != nullptr) {
    text += "  below: " + below->code + " " + below->name_ko + " (rank " +
            std::to_string(below->rank) + ", final " + FormatFixed(below->final_score, 4) +
            "): " + Separation(g, *below) + "\n";
  }
  std::string award = g.award_name_ko.empty() ? "none" : g.award_name_ko;
  if (!g.special_name_ko.empty())
    award += (g.award_name_ko.empty() ? "" : " + ") + g.special_name_ko;
  if (g.special_name_ko.empty() && g.award_name_ko.empty()) award = "none";
  if (g.excluded) {
    award +=
        " (barred from this category's awards by a cross-category rule: it holds an "
        "excluded award of another category; see rubrics/README.md)";
  }
  text += "award: " + award + (g.tied ? " (unresolved tie, see `jobaward award`)" : "") +
          (g.prize_money > 0 ? ", prize money " + FormatFixed(g.prize_money, 0) + " KRW" : "") +
          "\n";
  return text;
}

nlohmann::json ExplainJson(const Rubric& rubric, const GovernmentScore& g) {
  nlohmann::json j;
  j["rubric"] = rubric.id;
  j["category"] = rubric.category;
  j["code"] = g.code;
  j["name_ko"] = g.name_ko;
  j["cohort"] = g.cohort_label;
  j["indicators"] = nlohmann::json::array();
  for (const IndicatorScore& s : g.indicators) {
    j["indicators"].push_back({{"id", s.id},
                               {"name_ko", s.name_ko},
                               {"stage", s.stage},
                               {"domain", ToString(s.domain)},
                               {"method", s.method},
                               {"parameters", s.parameters},
                               {"inputs", s.inputs},
                               {"raw", s.missing ? nlohmann::json(nullptr) : nlohmann::json(s.raw)},
                               {"cohort_statistics", s.cohort_statistics},
                               {"points", s.points},
                               {"max_points", s.max_points}});
  }
  j["domains"] = {{"plan", g.domain[0]}, {"execution", g.domain[1]}, {"outcome", g.domain[2]}};
  j["bonus"] = g.bonus;
  j["penalty"] = g.penalty;
  j["stage1"] = g.stage1;
  j["advanced"] = g.advanced;
  j["stage2"] = g.stage2;
  j["final_score"] = g.final_score;
  j["rank"] = g.rank;
  j["cohort_size"] = g.cohort_size;
  for (const auto& [name, value] : g.tie_break) j["ranking_keys"][name] = value;
  j["award"] = g.award_id;
  j["special"] = g.special_id;
  j["prize_money"] = g.prize_money;
  j["tied"] = g.tied;
  j["excluded"] = g.excluded;
  return j;
}

// The "what it takes" part of one category (--to-next).
std::string ToNextText(const ScoringModel& model, const GovernmentGaps& g) {
  std::string text = std::string("무엇이 필요한가 (") + kGapsScopeKo + ")";
  if (g.above >= 0) {
    const auto a = static_cast<std::size_t>(g.above);
    text += "; 윗순위 = " + model.row_code[a] + " " + model.row_name_ko[a];
  }
  return text + "\n" + RenderText(GapsTable(model, {g}, false));
}

}  // namespace

int RunExplain(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  AddOutputOptions(options);
  options.add_options()("code", po::value<std::string>(), "government code, e.g. 11530")(
      "to-next", po::bool_switch(),
      "also what it takes to pass the government above, advance, or win a better award")(
      "format", po::value<std::string>()->default_value("table"),
      "table or json; with --to-next also csv or xlsx (needs --out)")(
      "out", po::value<std::string>(), "write to FILE instead of stdout");
  po::positional_options_description positional;
  positional.add("code", 1);
  po::variables_map vm;
  if (!ParseArgs(args, options, positional, kUsage, vm)) return kExitSuccess;
  if (vm.count("code") == 0U) throw UsageError("missing the government CODE (e.g. 11530)");
  const std::string code = vm["code"].as<std::string>();
  const bool to_next = vm["to-next"].as<bool>();
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(),
                  to_next ? std::vector<std::string>{"table", "csv", "json", "xlsx"}
                          : std::vector<std::string>{"table", "json"});
  const std::string out = vm.count("out") != 0U ? vm["out"].as<std::string>() : "";
  CheckXlsxOut(format, out);

  const AwardInputs in = LoadAwardInputs(vm);
  if (!in.registry.IndexOf(code)) {
    std::vector<std::string> codes;
    for (const auto& g : in.registry.governments()) codes.push_back(g.code);
    std::string message = "government '" + code + "' is not in the registry";
    const std::string hint = ClosestMatch(code, codes);
    if (!hint.empty()) message += ", did you mean '" + hint + "'?";
    throw InputError(Diagnostic{{in.registry.file()}, "code", message, {}});
  }
  std::string text;
  nlohmann::json json = nlohmann::json::array();
  Table csv = GapsCsvHeader();
  bool found = false;
  const std::vector<ScoreResult> results = ScoreAward(in.models);
  const std::vector<std::vector<char>> eligible = AwardEligibility(in.models);
  for (std::size_t k = 0; k < in.models.size(); ++k) {
    const ScoringModel& model = in.models[k];
    const int row = model.RowOf(code);
    if (row < 0) {
      text += "== " + in.rubrics[k].name_ko + " (" + in.rubrics[k].id + ") — " + code +
              ": no report ==\n\n";
      continue;
    }
    found = true;
    const ScoreResult& result = results[k];
    // The report's own flag: its figures were generated, not submitted.
    const bool synthetic = model.row_synthetic[static_cast<std::size_t>(row)] != 0;
    if (synthetic) {
      text += "※ 합성 자료: " + code +
              "의 보고서 수치는 합성(가상)입니다 — synthetic report, "
              "not submitted figures\n";
    }
    text += ExplainText(in.rubrics[k], result, static_cast<std::size_t>(row));
    json.push_back(ExplainJson(in.rubrics[k], result.governments[static_cast<std::size_t>(row)]));
    json.back()["synthetic_report"] = synthetic;
    if (to_next) {
      GapsWorkspace gaps_workspace;
      const GovernmentGaps gaps = FindGaps(model, row, gaps_workspace, &eligible[k]);
      text += ToNextText(model, gaps);
      json.back()["to_next"] = GapsJson(model, gaps);
      AppendGapsCsv(model, {gaps}, csv);
    }
    text += "\n";
  }
  if (!found) {
    throw InputError(Diagnostic{{}, "code", "no report for government " + code, {}});
  }
  if (format == OutputFormat::kXlsx || format == OutputFormat::kCsv) {
    const Provenance provenance =
        CommandProvenance("explain", vm, {"registry", "rules", "rubric", "reports"});
    if (format == OutputFormat::kXlsx) {
      WriteXlsxOutput(out, {SheetFromTable("gaps", csv)}, provenance);
    } else {
      Emit(RenderCsv(csv, ExcelBom(vm)), out);
    }
    WriteProvenanceSidecar(vm, provenance);
    return kExitSuccess;
  }
  if (format == OutputFormat::kJson) text = json.dump(2) + "\n";
  Emit(text, out);
  return kExitSuccess;
}

}  // namespace jobaward::cli
