// `explain CODE --to-next` as typed tables (explain_result.hpp AddToNext). The figures and
// their rounding come from the gaps tables (gaps_tables.hpp), so `explain --to-next` and
// `jobaward gaps` print the same values; this file only gives each column its type.
#include <cstdlib>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/explain_result.hpp"
#include "jobaward/gaps_tables.hpp"
#include "jobaward/government_names.hpp"
#include "jobaward/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

// The columns of the long table, in the order of GapsCsvHeader (checked in LongTable). Inputs of
// several units share `baseline`, `value`, `before` and `limit_value` (a count, a number, a
// grade letter or true/false, by `unit`): those are text.
std::vector<Column> LongColumns() {
  const auto text = [](const char* id, const char* label) {
    return Column(id, label, ColumnType::kText);
  };
  const auto code = [](const char* id, const char* label) {
    return Column(id, label, ColumnType::kCode);
  };
  return {v::Category(),
          v::Cohort(),
          v::Code(),
          v::NameKo(),
          v::Rank(),
          v::Advanced(),
          v::Award(),
          code("above_code", "윗순위 코드"),
          code("lever_kind", "입력 종류"),
          code("lever", "입력 ID"),
          text("lever_ko", "입력"),
          code("field", "보고서 항목"),
          code("unit", "단위"),
          text("baseline", "현재값"),
          Column("raw", "현재 원값", ColumnType::kNumber, 4),
          code("goal", "목표"),
          code("status", "결과"),
          text("value", "필요한 값"),
          Column("change", "변화", ColumnType::kNumber, 2),
          text("before", "바로 아래 값"),
          Column("tolerance", "허용 오차", ColumnType::kNumber, 9),
          code("limit", "한계"),
          text("limit_value", "한계 값"),
          Column("new_rank", "바뀐 순위", ColumnType::kInteger),
          Column("new_advanced", "바뀐 2차 진출", ColumnType::kBoolean),
          Column("new_final_score", "바뀐 최종 점수", ColumnType::kNumber, 4, "점"),
          code("new_award", "바뀐 상"),
          Column("new_tied", "바뀐 미해결 동점", ColumnType::kBoolean)};
}

// A cell of the gaps CSV (plain numbers, true/false, "" = empty) as a cell of `column`.
Cell Typed(const Column& column, const std::string& text) {
  if (text.empty()) return {};
  switch (column.type) {
    case ColumnType::kInteger:
    case ColumnType::kNumber: {
      char* end = nullptr;
      const double x = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size()) {
        throw InternalError("to_next." + column.id + ": not a number: '" + text + "'");
      }
      if (column.type == ColumnType::kNumber) return x;
      return static_cast<std::int64_t>(x);
    }
    case ColumnType::kBoolean:
      if (text != "true" && text != "false") {
        throw InternalError("to_next." + column.id + ": not true/false: '" + text + "'");
      }
      return text == "true";
    default:
      return text;
  }
}

ResultTable& TableOf(Result& result, const std::string& id, ResultTable (*make)()) {
  for (ResultTable& t : result.tables) {
    if (t.id() == id) return t;
  }
  result.tables.push_back(make());
  return result.tables.back();
}

ResultTable LongTable() {
  ResultTable t("to_next", "무엇이 필요한가 (상세)", LongColumns());
  const std::vector<std::string> header = GapsCsvHeader().header;
  if (header.size() != t.columns().size()) throw InternalError("to_next: gaps CSV columns");
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] != t.columns()[c].id) {
      throw InternalError("to_next: gaps CSV column '" + header[c] + "'");
    }
  }
  t.in_text = false;  // the overview below is the terminal's view
  return t;
}

ResultTable OverviewTable() {
  ResultTable t("to_next_overview", std::string("무엇이 필요한가 (") + kGapsScopeKo + ")",
                {v::Category(), Column("lever", "입력 ID", ColumnType::kCode).NotInText(),
                 Column("lever_ko", "입력", ColumnType::kText),
                 Column("baseline", "현재값", ColumnType::kText),
                 Column("pass_above", GoalNameKo(GapGoal::kPassAbove), ColumnType::kText),
                 Column("advance", GoalNameKo(GapGoal::kAdvance), ColumnType::kText),
                 Column("better_award", GoalNameKo(GapGoal::kBetterAward), ColumnType::kText)});
  t.group_by = 0;
  t.sheet_name = "무엇이 필요한가";
  return t;
}

}  // namespace

void AddToNext(Result& explain, const Registry& registry, const ScoringModel& model,
               const GovernmentGaps& gaps) {
  // Names as every output shows them ("울산 남구"), not the registry's bare "남구".
  const DisplayNames names = MakeDisplayNames(registry);
  const auto shown = [&](std::size_t row) {
    const auto index = registry.IndexOf(model.row_code[row]);
    return index ? names.ko[*index] : model.row_name_ko[row];
  };
  ResultTable& long_table = TableOf(explain, "to_next", &LongTable);
  Table rows = GapsCsvHeader();
  AppendGapsCsv(model, {gaps}, rows);
  const std::size_t name = long_table.ColumnIndex("name_ko");
  for (const auto& row : rows.rows) {
    std::vector<Cell> cells;
    for (std::size_t c = 0; c < row.size(); ++c) {
      cells.push_back(c == name ? Cell(shown(static_cast<std::size_t>(gaps.row)))
                                : Typed(long_table.columns()[c], row[c]));
    }
    long_table.AddRow(std::move(cells));
  }

  ResultTable& overview = TableOf(explain, "to_next_overview", &OverviewTable);
  const Table view = GapsTable(model, {gaps}, false);
  if (view.rows.size() != gaps.levers.size()) throw InternalError("to_next: gaps table rows");
  for (std::size_t i = 0; i < view.rows.size(); ++i) {
    const std::vector<std::string>& r = view.rows[i];
    overview.AddRow({model.rubric.category, gaps.levers[i].lever.id, r.at(0), r.at(1), r.at(2),
                     r.at(3), r.at(4)});
  }
  std::string title = model.rubric.name_ko;
  if (gaps.above >= 0) {
    const auto a = static_cast<std::size_t>(gaps.above);
    title += " (윗순위 = " + model.row_code[a] + " " + shown(a) + ")";
  }
  overview.group_titles.emplace(model.rubric.category, title);
}

}  // namespace jobaward
