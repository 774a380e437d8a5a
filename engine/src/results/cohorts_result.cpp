// `jobaward cohorts` as typed tables (cohorts_result.hpp).
#include "jobaward/results/cohorts_result.hpp"

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

std::string LevelKo(Level level) { return level == Level::kMetropolitan ? "광역" : "기초"; }

std::string TypeKo(GovernmentType type) {
  switch (type) {
    case GovernmentType::kSpecialCity:
      return "특별시";
    case GovernmentType::kMetropolitanCity:
      return "광역시";
    case GovernmentType::kSpecialSelfGoverningCity:
      return "특별자치시";
    case GovernmentType::kProvince:
      return "도";
    case GovernmentType::kSpecialSelfGoverningProvince:
      return "특별자치도";
    case GovernmentType::kCity:
      return "시";
    case GovernmentType::kCounty:
      return "군";
    case GovernmentType::kDistrict:
      return "구";
  }
  return "";
}

// The columns that describe a government of the registry, in every cohorts table that lists one.
std::vector<Column> GovernmentColumns() {
  return {v::Code(),
          v::NameKo(),
          v::NameEn(),
          Column("level", "구분 ID", ColumnType::kCode).NotInText(),
          {"level_ko", "구분", ColumnType::kText},
          Column("type", "유형 ID", ColumnType::kCode).NotInText(),
          {"type_ko", "유형", ColumnType::kText},
          // Persons; fractional figures are possible in a registry, so numbers, shown whole.
          {"population", "인구", ColumnType::kNumber, 0, "명"},
          {"workers", "취업자", ColumnType::kNumber, 0, "명"},
          Column("workers_estimated", "취업자 추정치", ColumnType::kBoolean).NotInText()};
}

std::vector<Cell> GovernmentCells(const Registry& registry, const DisplayNames& names,
                                  std::size_t i) {
  const Government& g = registry[i];
  return {g.code,           names.ko[i],    names.en[i],  ToString(g.level), LevelKo(g.level),
          ToString(g.type), TypeKo(g.type), g.population, g.workers,         g.workers_estimated};
}

ResultTable ParametersTable(const CohortRules& rules, std::span<const double> parameters) {
  Require(parameters.size() == rules.parameters.size(), "cohorts: parameters of another rule set");
  ResultTable t("parameters", "매개변수",
                {{"name", "매개변수", ColumnType::kCode},
                 {"value", "적용 값", ColumnType::kNumber, 2},
                 {"rules_value", "규칙 파일의 값", ColumnType::kNumber, 2},
                 Column("description", "설명", ColumnType::kText).NotInText()});
  for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
    const CohortParameter& p = rules.parameters[i];
    t.AddRow({p.name, parameters[i], p.value, p.description});
  }
  return t;
}

std::string Describe(const Cohort& c) { return c.letter + " (" + c.id + ")"; }

void AddRulesFacts(Result& r, const CohortRules& rules) {
  r.AddFact({"rules", "평가군 규칙", ColumnType::kText}, rules.file);
  r.AddFact(Column("match", "배정 방식", ColumnType::kCode), ToString(rules.match));
}

// A sub-expression's value as its type is: a whole number as an integer (so the terminal shows
// "136,000", not "136000.00"), other numbers as numbers, strings, booleans.
Cell ValueCell(const std::optional<Value>& value) {
  if (!value) return {};
  switch (value->type) {
    case ValueType::kBool:
      return value->boolean;
    case ValueType::kString:
      return value->string;
    case ValueType::kNumber:
      if (std::isfinite(value->number) && std::fabs(value->number) < 9.0e15 &&
          value->number == std::floor(value->number)) {
        return static_cast<std::int64_t>(value->number);
      }
      return value->number;
  }
  return {};
}

}  // namespace

Result MakeCohortsResult(const CohortRules& rules, std::span<const double> parameters,
                         const Registry& registry, const CohortAssignment& assignment) {
  Require(assignment.cohort_of.size() == registry.size(),
          "MakeCohortsResult: an assignment of another registry");
  const DisplayNames names = MakeDisplayNames(registry);
  Result r;
  r.command = "cohorts";
  r.title = std::to_string(rules.year) + "년 평가군 배정";
  AddRulesFacts(r, rules);
  r.AddFact({"registry", "자치단체 명부", ColumnType::kText}, registry.file());
  r.AddFact(v::Year(), rules.year);

  std::vector<Column> columns = GovernmentColumns();
  columns.push_back(v::Cohort());
  columns.push_back(v::CohortId());
  ResultTable governments("governments", "자치단체별 평가군", std::move(columns));
  for (std::size_t i = 0; i < registry.size(); ++i) {
    const Cohort& c = assignment.cohorts[static_cast<std::size_t>(assignment.cohort_of[i])];
    std::vector<Cell> cells = GovernmentCells(registry, names, i);
    cells.emplace_back(c.letter);
    cells.emplace_back(c.id);
    governments.AddRow(std::move(cells));
  }
  r.tables.push_back(std::move(governments));

  ResultTable sizes("cohorts", "평가군 크기",
                    {v::Cohort(),
                     v::CohortId(),
                     {"name_en", "이름", ColumnType::kText},
                     Column("description", "설명", ColumnType::kText).NotInText(),
                     {"governments", "자치단체 수", ColumnType::kInteger}});
  for (std::size_t c = 0; c < assignment.cohorts.size(); ++c) {
    const Cohort& co = assignment.cohorts[c];
    sizes.AddRow({co.letter, co.id, co.name_en, co.description, assignment.members[c].size()});
  }
  sizes.AddTotal({"계", Cell(), Cell(), Cell(), registry.size()});
  r.tables.push_back(std::move(sizes));
  r.tables.push_back(ParametersTable(rules, parameters));
  r.notes = assignment.shadow_notes;
  return r;
}

Result MakeCohortDiffResult(const CohortRules& before, const CohortRules& after,
                            const Registry& registry, const AssignmentDiff& diff) {
  const DisplayNames names = MakeDisplayNames(registry);
  Result r;
  r.command = "cohorts";
  r.title = "평가군 규칙 비교";
  r.AddFact({"from", "기준 규칙", ColumnType::kText}, before.file);
  r.AddFact({"to", "비교 규칙", ColumnType::kText}, after.file);
  r.AddFact({"changed", "평가군이 바뀌는 자치단체 수", ColumnType::kInteger}, diff.changes.size());

  ResultTable changes("changes", "평가군이 바뀌는 자치단체",
                      {v::Code(),
                       v::NameKo(),
                       v::NameEn(),
                       {"from", "기준 평가군", ColumnType::kCode},
                       Column("from_id", "기준 평가군 ID", ColumnType::kCode).NotInText(),
                       {"to", "비교 평가군", ColumnType::kCode},
                       Column("to_id", "비교 평가군 ID", ColumnType::kCode).NotInText()});
  for (const CohortChange& c : diff.changes) {
    changes.AddRow({registry[c.index].code, names.ko[c.index], names.en[c.index], c.from.letter,
                    c.from.id, c.to.letter, c.to.id});
  }
  r.tables.push_back(std::move(changes));

  ResultTable sizes("sizes", "평가군 크기",
                    {v::Cohort(),
                     v::CohortId(),
                     {"before", "기준", ColumnType::kInteger},
                     {"after", "비교", ColumnType::kInteger},
                     Column("change", "변화", ColumnType::kInteger).Signed()});
  for (const CohortSizeChange& s : diff.sizes) {
    sizes.AddRow({s.letter, s.id, s.before, s.after,
                  static_cast<std::int64_t>(s.after) - static_cast<std::int64_t>(s.before)});
  }
  r.tables.push_back(std::move(sizes));
  return r;
}

Result MakeCohortExplanationResult(const CohortRules& rules, std::span<const double> parameters,
                                   const Registry& registry, std::size_t index) {
  Require(index < registry.size(), "MakeCohortExplanationResult: index out of range");
  Require(parameters.size() == rules.parameters.size(),
          "MakeCohortExplanationResult: parameters of another rule set");
  std::map<std::string, double> values;
  for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
    values[rules.parameters[i].name] = parameters[i];
  }
  const std::vector<RuleExplanation> explained = ExplainGovernment(rules, registry, index, values);
  const DisplayNames names = MakeDisplayNames(registry);

  std::vector<const RuleExplanation*> matched;
  for (const auto& e : explained) {
    if (e.matched) matched.push_back(&e);
  }
  // The cohort it falls in: the first match in `first` mode, the only one otherwise.
  const RuleExplanation* cohort =
      !matched.empty() && (rules.match == MatchMode::kFirst || matched.size() == 1)
          ? matched.front()
          : nullptr;

  Result r;
  r.command = "cohorts";
  r.title = registry[index].code + " " + names.ko[index] + "의 평가군 규칙 평가";
  const std::vector<Column> columns = GovernmentColumns();
  const std::vector<Cell> cells = GovernmentCells(registry, names, index);
  for (std::size_t k = 0; k < columns.size(); ++k) r.AddFact(columns[k], cells[k]);
  AddRulesFacts(r, rules);
  r.AddFact(v::Cohort(), cohort != nullptr ? Cell(cohort->cohort.letter) : Cell());
  r.AddFact(v::CohortId(), cohort != nullptr ? Cell(cohort->cohort.id) : Cell());
  r.AddFact({"matches", "일치한 규칙 수", ColumnType::kInteger}, matched.size());

  ResultTable rules_table("cohort_rules", "규칙별 일치",
                          {v::Cohort(),
                           v::CohortId(),
                           {"name_en", "이름", ColumnType::kText},
                           {"matched", "일치", ColumnType::kBoolean},
                           {"where", "위치", ColumnType::kCode}});
  ResultTable expressions(
      "expressions", "부분식 값",
      {v::Cohort(),
       v::CohortId(),
       Column("depth", "깊이", ColumnType::kInteger).NotInText(),
       {"expression", "부분식", ColumnType::kText},
       Column("value", "값", ColumnType::kValue, 6).ShowEmptyAs("(평가 안 함)")});
  for (const RuleExplanation& e : explained) {
    rules_table.AddRow(
        {e.cohort.letter, e.cohort.id, e.cohort.name_en, e.matched, e.where.ToString()});
    for (const ExplainedNode& n : e.nodes) {
      expressions.AddRow({e.cohort.letter, e.cohort.id, n.depth, n.text, ValueCell(n.value)});
    }
    expressions.group_titles[e.cohort.letter] = "규칙 " + Describe(e.cohort) + ", " +
                                                e.where.ToString() + ": " +
                                                (e.matched ? "일치" : "불일치");
  }
  expressions.group_by = expressions.ColumnIndex("cohort");
  expressions.text_indent =
      std::make_pair(expressions.ColumnIndex("expression"), expressions.ColumnIndex("depth"));
  r.tables.push_back(std::move(rules_table));
  r.tables.push_back(std::move(expressions));
  r.tables.push_back(ParametersTable(rules, parameters));

  if (matched.empty()) {
    r.notes.push_back("어느 규칙에도 일치하지 않습니다 (배정하면 오류입니다).");
  } else if (matched.size() > 1) {
    std::string list;
    for (const RuleExplanation* e : matched) {
      list += (list.empty() ? "" : ", ") + Describe(e->cohort);
    }
    r.notes.push_back(rules.match == MatchMode::kFirst
                          ? "규칙 " + std::to_string(matched.size()) + "개에 일치하며 (" + list +
                                ") match: first이므로 첫 규칙의 평가군입니다."
                          : "규칙 " + std::to_string(matched.size()) + "개에 일치합니다 (" + list +
                                "); match: exactly_one에서는 오류입니다.");
  }
  return r;
}

}  // namespace jobaward
