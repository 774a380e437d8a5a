// "What it takes" as typed tables (gaps_result.hpp), and explain's --to-next tables
// (explain_result.hpp AddToNext), built by the same functions. In the io library, not with the
// other results: its Korean overview cells come from GapsTable (gaps_tables.hpp, io), and the
// results library must link with the core alone.
#include "jobaward/render/gaps_result.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/render/gaps_tables.hpp"
#include "jobaward/results/explain_result.hpp"
#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

constexpr int kDecimals = 6;  // of real-valued inputs in the long table (see the header)

Column Code(const char* id, const char* label) { return {id, label, ColumnType::kCode}; }

// Inputs of several units share `baseline`, `value`, `before` and `limit_value`: each cell has
// the type of its row's unit (a count, a number, a grade letter or a flag).
Column Value(const char* id, const char* label) {
  return {id, label, ColumnType::kValue, kDecimals};
}

std::vector<Column> LongColumns() {
  return {v::Category(),
          Code("rubric", "평가표"),
          v::Cohort(),
          v::Code(),
          v::NameKo(),
          v::Rank(),
          v::Advanced(),
          v::Award(),
          {"final_score", "최종 점수", ColumnType::kNumber, 4, "점"},
          v::Tied(),
          Code("above_code", "윗순위 코드"),
          Code("lever_kind", "입력 종류"),
          Code("lever", "입력 ID"),
          {"lever_ko", "입력", ColumnType::kText},
          Code("field", "보고서 항목"),
          Code("unit", "단위"),
          {"direction", "유리한 방향", ColumnType::kInteger},
          Value("baseline", "현재값"),
          {"raw", "현재 원값", ColumnType::kNumber, 4},
          Code("goal", "목표"),
          Code("status", "결과"),
          Value("value", "필요한 값"),
          {"change", "변화", ColumnType::kNumber, 2},
          Value("before", "바로 아래 값"),
          {"tolerance", "허용 오차", ColumnType::kNumber, 9},
          Code("limit", "한계"),
          Value("limit_value", "한계 값"),
          {"new_rank", "바뀐 순위", ColumnType::kInteger},
          {"new_advanced", "바뀐 2차 진출", ColumnType::kBoolean},
          {"new_final_score", "바뀐 최종 점수", ColumnType::kNumber, 4, "점"},
          Code("new_award", "바뀐 상"),
          {"new_tied", "바뀐 미해결 동점", ColumnType::kBoolean}};
}

// The change of a reached answer: real values rounded like the value, steps whole.
Cell Change(const GapLever& lever, const GapAnswer& a) {
  if (lever.unit == GapLever::Unit::kNumber || lever.unit == GapLever::Unit::kScoreShift) {
    return RoundLeverValue(a.change, kDecimals, lever.direction, LeverRounding::kHelpful);
  }
  return std::round(a.change);
}

std::vector<Cell> LongRow(const ScoringModel& model, const GovernmentGaps& g,
                          const std::string& name, const LeverGaps& l, GapGoal goal) {
  const auto r = static_cast<std::size_t>(g.row);
  const GapLever& lever = l.lever;
  const GapAnswer& a = l.answers[static_cast<std::size_t>(goal)];
  const bool reached = a.status == GapStatus::kReached;
  const bool stopped = a.status == GapStatus::kNotReachable;
  const bool moved = reached || stopped;
  const auto value = [&](double x, LeverRounding rounding) {
    return LeverValueCell(lever, x, kDecimals, rounding);
  };
  return {model.rubric.category,
          model.rubric.id,
          model.cohorts.labels[static_cast<std::size_t>(model.row_cohort[r])],
          model.row_code[r],
          name,
          g.now.rank,
          g.now.advanced,
          g.now.award,
          g.now.final_score,
          g.now.tied,
          g.above < 0 ? Cell() : Cell(model.row_code[static_cast<std::size_t>(g.above)]),
          ToString(lever.kind),
          lever.id,
          lever.name_ko,
          lever.field,
          ToString(lever.unit),
          lever.direction,
          value(l.baseline, LeverRounding::kNearest),
          l.raw,
          ToString(goal),
          ToString(a.status),
          reached ? value(a.value, LeverRounding::kHelpful) : Cell(),
          reached ? Change(lever, a) : Cell(),
          reached ? value(a.before, LeverRounding::kUnhelpful) : Cell(),
          reached ? Cell(a.tolerance) : Cell(),
          stopped ? Cell(ToString(a.limit)) : Cell(),
          stopped ? value(a.limit_value, LeverRounding::kNearest) : Cell(),
          moved ? Cell(a.at.rank) : Cell(),
          moved ? Cell(a.at.advanced) : Cell(),
          moved ? Cell(a.at.final_score) : Cell(),
          moved ? Cell(a.at.award) : Cell(),
          moved ? Cell(a.at.tied) : Cell()};
}

// The display name of the government in `row` of `model` ("울산 남구").
class Names {
 public:
  explicit Names(const Registry& registry)
      : registry_(registry), names_(MakeDisplayNames(registry)) {}
  [[nodiscard]] std::string Of(const ScoringModel& model, int row) const {
    const auto r = static_cast<std::size_t>(row);
    const auto index = registry_.IndexOf(model.row_code[r]);
    return index ? names_.ko[*index] : model.row_name_ko[r];
  }

 private:
  const Registry& registry_;
  DisplayNames names_;
};

void AppendLong(const Names& names, const GapsCategory& category, ResultTable& table) {
  const ScoringModel& model = *category.model;
  for (const GovernmentGaps& g : category.gaps) {
    const std::string name = names.Of(model, g.row);
    for (const LeverGaps& l : g.levers) {
      for (int k = 0; k < kGapGoalCount; ++k) {
        table.AddRow(LongRow(model, g, name, l, static_cast<GapGoal>(k)));
      }
    }
  }
}

// The Korean cells of one government's inputs (input, current value, one per goal), as the
// HTML report shows them.
std::vector<std::vector<std::string>> OverviewCells(const ScoringModel& model,
                                                    const GovernmentGaps& g) {
  const Table view = GapsTable(model, g);
  if (view.rows.size() != g.levers.size() || (!view.rows.empty() && view.rows[0].size() != 5)) {
    throw InternalError("gaps: the overview's rows do not match the inputs");
  }
  return view.rows;
}

std::string AboveText(const Names& names, const ScoringModel& model, const GovernmentGaps& g) {
  if (g.above < 0) return {};
  return model.row_code[static_cast<std::size_t>(g.above)] + " " + names.Of(model, g.above);
}

ResultTable GapsOverview() {
  ResultTable t("gaps_overview", std::string("입력별 필요한 변화 (") + kGapsScopeKo + ")",
                {v::Category(),
                 v::Cohort(),
                 v::Code(),
                 v::NameKo(),
                 v::Rank(),
                 v::Award(),
                 v::AwardKo().ShowEmptyAs("-"),
                 Column("above", "윗순위", ColumnType::kText).ShowEmptyAs("-"),
                 Column("lever", "입력 ID", ColumnType::kCode).NotInText(),
                 {"lever_ko", "입력", ColumnType::kText},
                 {"baseline", "현재값", ColumnType::kText},
                 {"pass_above", GoalNameKo(GapGoal::kPassAbove), ColumnType::kText},
                 {"advance", GoalNameKo(GapGoal::kAdvance), ColumnType::kText},
                 {"better_award", GoalNameKo(GapGoal::kBetterAward), ColumnType::kText}});
  t.group_by = 0;
  t.sheet_name = "무엇이 필요한가";
  return t;
}

void AppendOverview(const Names& names, const GapsCategory& category, ResultTable& table) {
  const ScoringModel& model = *category.model;
  const Rubric& rubric = model.rubric;
  for (const GovernmentGaps& g : category.gaps) {
    const auto r = static_cast<std::size_t>(g.row);
    const std::string name = names.Of(model, g.row);
    const std::string award_ko = AwardNameKo(rubric, g.now.award);
    const std::string above = AboveText(names, model, g);
    const auto cells = OverviewCells(model, g);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto& c = cells[i];
      table.AddRow(
          {rubric.category, model.cohorts.labels[static_cast<std::size_t>(model.row_cohort[r])],
           model.row_code[r], name, g.now.rank, g.now.award,
           award_ko.empty() ? Cell() : Cell(award_ko), above.empty() ? Cell() : Cell(above),
           g.levers[i].lever.id, c[0], c[1], c[2], c[3], c[4]});
    }
  }
  table.group_titles.emplace(rubric.category, rubric.name_ko + " (" + rubric.id + ")");
}

ResultTable& TableOf(Result& result, const std::string& id, ResultTable (*make)()) {
  for (ResultTable& t : result.tables) {
    if (t.id() == id) return t;
  }
  result.tables.push_back(make());
  return result.tables.back();
}

ResultTable ToNextLong() { return GapsLongTable("to_next", "무엇이 필요한가 (상세)", "to_next"); }

ResultTable ToNextOverview() {
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

ResultTable GapsLongTable(const std::string& id, const std::string& title,
                          const std::string& json_key) {
  ResultTable t(id, title, LongColumns());
  t.in_text = false;  // the overview is the terminal's view
  t.json_form = JsonForm::kGapsTree;
  t.json_key = json_key;
  t.sheet_name = "무엇이 필요한가 (상세)";
  return t;
}

void AppendGapsRows(const Registry& registry, const GapsCategory& category, ResultTable& table) {
  AppendLong(Names(registry), category, table);
}

Result MakeGapsResult(const Registry& registry, const std::vector<GapsCategory>& categories) {
  Result result;
  result.command = "gaps";
  result.title = "무엇이 필요한가";
  result.AddFact(Column("method", "방법", ColumnType::kCode).NotInText(), "gaps");
  result.AddFact(Column("scope", "범위", ColumnType::kText).NotInText(), kGapsScope);
  const Names names(registry);
  ResultTable long_table = GapsLongTable("gaps", "무엇이 필요한가 (상세)", "categories");
  ResultTable overview = GapsOverview();
  for (const GapsCategory& c : categories) {
    AppendLong(names, c, long_table);
    AppendOverview(names, c, overview);
  }
  result.tables.push_back(std::move(long_table));
  result.tables.push_back(std::move(overview));
  return result;
}

void AddToNext(Result& explain, const Registry& registry, const ScoringModel& model,
               const GovernmentGaps& gaps) {
  const Names names(registry);
  const GapsCategory category{&model, {gaps}};
  AppendLong(names, category, TableOf(explain, "to_next", &ToNextLong));
  ResultTable& overview = TableOf(explain, "to_next_overview", &ToNextOverview);
  const auto cells = OverviewCells(model, gaps);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto& c = cells[i];
    overview.AddRow({model.rubric.category, gaps.levers[i].lever.id, c[0], c[1], c[2], c[3], c[4]});
  }
  std::string title = model.rubric.name_ko;
  if (gaps.above >= 0) title += " (윗순위 = " + AboveText(names, model, gaps) + ")";
  overview.group_titles.emplace(model.rubric.category, title);
}

}  // namespace jobaward
