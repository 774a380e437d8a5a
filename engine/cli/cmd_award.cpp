// `jobaward award`: the award table of every category (default: both 2020 rubrics on the bundled
// reports) — national prizes, the cohort awards by cohort, special prizes, counts and prize
// money per category and overall, and any unresolved tie.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/award_plan.hpp"
#include "jobaward/awards.hpp"
#include "jobaward/provenance.hpp"
#include "jobaward/scoring.hpp"
#include "jobaward/text_table.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward award [--rubric FILE]... [--rules FILE] [--registry FILE]\n"
    "                      [--reports DIR|FILE] [--format table|csv|json|xlsx] [--out FILE]\n"
    "                      [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Scores every report with each rubric (default: rubrics/2020-disclosure.yaml and\n"
    "rubrics/2020-best-program.yaml on examples/2020/reports) and prints the awards of each\n"
    "category: national prizes, the awards of each cohort (가..사), special prizes, then the "
    "count\n"
    "and prize money of each award, per category and overall. A tie that survived every\n"
    "tie-break key is listed at the end (all tied governments received the place).";

std::string KindName(const std::string& kind) {
  if (kind == "national") return "전국";
  if (kind == "special") return "특별";
  return "평가군";
}

}  // namespace

int RunAward(const std::vector<std::string>& args) {
  po::options_description options("options");
  AddAwardInputOptions(options);
  options.add_options()("format", po::value<std::string>()->default_value("table"),
                        "table, csv, json or xlsx (needs --out)")(
      "out", po::value<std::string>(), "write to FILE instead of stdout");
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  const std::string out = vm.count("out") != 0U ? vm["out"].as<std::string>() : "";
  CheckXlsxOut(format, out);

  const AwardInputs in = LoadAwardInputs(vm);
  Provenance provenance =
      CommandProvenance("award", vm, {"registry", "rules", "rubric", "reports"});
  provenance.reports = CountReports(in.models);
  const std::vector<ScoreResult> results = ScoreAward(in.models);
  const AwardTable table = BuildAwardTable(in.rubrics, results);

  Table entries;
  entries.header = {"부문",     "구분",     "평가군", "상",      "코드",
                    "자치단체", "최종점수", "순위",   "상금(원)"};
  entries.align = {Align::kLeft, Align::kLeft,  Align::kLeft,  Align::kLeft, Align::kLeft,
                   Align::kLeft, Align::kRight, Align::kRight, Align::kRight};
  auto category_name = [&](const std::string& category) {
    for (const auto& r : in.rubrics) {
      if (r.category == category) return r.name_ko;
    }
    return category;
  };
  for (const AwardEntry& e : table.entries) {
    entries.rows.push_back({category_name(e.category), KindName(e.kind), e.cohort_label,
                            e.award_name_ko + (e.tied ? " (동점)" : ""), e.code, e.name_ko,
                            FormatFixed(e.final_score, 2), std::to_string(e.rank),
                            FormatThousands(e.prize_money)});
  }
  // CSV and workbook: ASCII snake_case columns and plain numbers, like every other command, so
  // scripts and Excel parse them; the table above is for people.
  Table entries_csv;
  entries_csv.header = {"category", "kind",        "cohort", "award",
                        "award_ko", "tied",        "code",   "name_ko",
                        "name_en",  "final_score", "rank",   "prize_money_krw"};
  for (const AwardEntry& e : table.entries) {
    const std::optional<std::size_t> index = in.registry.IndexOf(e.code);
    entries_csv.rows.push_back(
        {e.category, e.kind, e.cohort_label, e.award_id, e.award_name_ko, e.tied ? "true" : "false",
         e.code, e.name_ko, index ? in.registry[*index].name_en : "", FormatFixed(e.final_score, 2),
         std::to_string(e.rank), FormatFixed(e.prize_money, 0)});
  }
  Table counts_csv;
  counts_csv.header = {"category", "award", "award_ko", "count", "prize_money_krw"};
  for (const AwardCount& c : table.counts) {
    counts_csv.rows.push_back({c.category, c.award_id, c.award_name_ko, std::to_string(c.count),
                               FormatFixed(c.prize_money, 0)});
  }
  for (std::size_t k = 0; k < table.category_counts.size(); ++k) {
    counts_csv.rows.push_back({table.category_counts[k].first, "total", "계",
                               std::to_string(table.category_counts[k].second),
                               FormatFixed(table.category_money[k].second, 0)});
  }
  counts_csv.rows.push_back(
      {"all", "total", "계", std::to_string(table.total_count), FormatFixed(table.total_money, 0)});

  Table counts;
  counts.header = {"부문", "상", "수", "상금 합계(원)"};
  counts.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight};
  for (const AwardCount& c : table.counts) {
    counts.rows.push_back({category_name(c.category), c.award_name_ko, std::to_string(c.count),
                           FormatThousands(c.prize_money)});
  }
  for (std::size_t k = 0; k < table.category_counts.size(); ++k) {
    counts.rows.push_back({category_name(table.category_counts[k].first), "계",
                           std::to_string(table.category_counts[k].second),
                           FormatThousands(table.category_money[k].second)});
  }
  counts.rows.push_back(
      {"전체", "계", std::to_string(table.total_count), FormatThousands(table.total_money)});

  std::string text;
  if (format == OutputFormat::kCsv) {
    text = WithExcelBom(vm, WithSyntheticColumn(provenance, RenderCsv(entries_csv)));
  } else if (format == OutputFormat::kJson) {
    nlohmann::json j;
    j["awards"] = nlohmann::json::array();
    for (const AwardEntry& e : table.entries) {
      j["awards"].push_back({{"category", e.category},
                             {"kind", e.kind},
                             {"cohort", e.cohort_label},
                             {"award", e.award_id},
                             {"award_ko", e.award_name_ko},
                             {"code", e.code},
                             {"name_ko", e.name_ko},
                             {"final_score", e.final_score},
                             {"rank", e.rank},
                             {"prize_money", e.prize_money},
                             {"tied", e.tied}});
    }
    j["counts"] = nlohmann::json::array();
    for (const AwardCount& c : table.counts) {
      j["counts"].push_back({{"category", c.category},
                             {"award", c.award_id},
                             {"award_ko", c.award_name_ko},
                             {"count", c.count},
                             {"prize_money", c.prize_money}});
    }
    for (std::size_t k = 0; k < table.category_counts.size(); ++k) {
      j["categories"][table.category_counts[k].first] = {
          {"count", table.category_counts[k].second},
          {"prize_money", table.category_money[k].second}};
    }
    j["total"] = {{"count", table.total_count},
                  {"prize_money", table.total_money},
                  {"governments", table.governments_awarded}};
    j["unresolved_ties"] = nlohmann::json::array();
    for (const TieReport& t : table.unresolved_ties) {
      j["unresolved_ties"].push_back({{"place", t.place}, {"codes", t.codes}});
    }
    j["provenance"] = ProvenanceJson(provenance);
    text = j.dump(2) + "\n";
  } else if (format == OutputFormat::kXlsx) {
    WriteXlsxOutput(out,
                    SheetsFromCsv(RenderCsv(entries_csv) + "\n" + RenderCsv(counts_csv),
                                  {"수상 Awards", "집계 Counts"}),
                    provenance);
    WriteProvenanceSidecar(vm, provenance);
    return kExitSuccess;
  } else {
    text = "전국 지방자치단체 일자리대상 — 수상 결과 (" + std::to_string(in.rubrics.front().year) +
           ")\n\n" + RenderText(entries) + "\n수상 집계\n" + RenderText(counts) + "\n" +
           std::to_string(table.total_count) + " awards to " +
           std::to_string(table.governments_awarded) + " governments, prize money " +
           FormatThousands(table.total_money) + " KRW.\n";
    text = WithSyntheticNotice(provenance, std::move(text));
    if (!table.unresolved_ties.empty()) {
      text += "\nUnresolved ties (every tied government received the place):\n";
      for (const TieReport& t : table.unresolved_ties) {
        std::string codes;
        for (const auto& c : t.codes) codes += (codes.empty() ? "" : ", ") + c;
        text += "  " + t.place + ": " + codes + "\n";
      }
    }
  }
  Emit(text, out);
  WriteProvenanceSidecar(vm, provenance);
  return kExitSuccess;
}

}  // namespace jobaward::cli
