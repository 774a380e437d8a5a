#include "jobaward/results/explain_result.hpp"

#include <cmath>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/cohorts/neighbours.hpp"
#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }

std::string DomainKo(const Rubric& rubric, Domain d) {
  const std::string& name = rubric.domains[static_cast<std::size_t>(d)].name_ko;
  return name.empty() ? ToString(d) : name;
}

ResultTable SummaryTable() {
  ResultTable t(
      "summary", "요약",
      {v::Category(),
       Column("rubric", "평가표", ColumnType::kCode).NotInText(),
       v::Code(),
       v::NameKo(),
       v::NameEn(),
       v::Cohort(),
       v::CohortId(),
       {"plan", "계획 영역", ColumnType::kNumber, 4, "점"},
       {"execution", "집행 영역", ColumnType::kNumber, 4, "점"},
       {"outcome", "성과 영역", ColumnType::kNumber, 4, "점"},
       {"bonus", "가점", ColumnType::kNumber, 4, "점"},
       {"penalty", "감점", ColumnType::kNumber, 4, "점"},
       {"stage1", "1차 서면심사 점수", ColumnType::kNumber, 4, "점"},
       v::Advanced(),
       {"stage2", "2차 면접심사 점수", ColumnType::kNumber, 4, "점"},
       {"stage1_weight", "1차 가중치", ColumnType::kNumber, 2},
       {"stage2_weight", "2차 가중치", ColumnType::kNumber, 2},
       {"final_score", "최종 점수", ColumnType::kNumber, 4, "점"},
       v::Rank(),
       {"cohort_size", "평가군 자치단체 수", ColumnType::kInteger},
       v::Award(),
       v::AwardKo().ShowEmptyAs("없음"),
       v::Special(),
       v::SpecialKo(),
       v::PrizeMoney(),
       v::Tied(),
       // In the text as a note, when true (AddCategory).
       Column("excluded", "교차 부문 규칙으로 수상 제외", ColumnType::kBoolean).NotInText()});
  t.group_by = 0;
  t.layout = TextLayout::kRecords;
  t.sheet_name = "점수 요약";  // 요약 is the sheet of the facts.
  return t;
}

ResultTable IndicatorTable() {
  ResultTable t("indicators", "지표별 점수",
                {v::Category(),
                 Column("indicator", "지표 ID", ColumnType::kCode).NotInText(),
                 {"indicator_ko", "지표", ColumnType::kText},
                 {"stage", "단계", ColumnType::kInteger},
                 Column("domain", "영역 ID", ColumnType::kCode).NotInText(),
                 {"domain_ko", "영역", ColumnType::kText},
                 {"method", "방법", ColumnType::kCode},
                 {"parameters", "매개변수", ColumnType::kText},
                 {"inputs", "입력", ColumnType::kText},
                 Column("raw", "원값", ColumnType::kNumber, 4),
                 {"grade", "등급", ColumnType::kCode},
                 Column("missing", "누락", ColumnType::kBoolean).NotInText(),
                 {"cohort_statistics", "평가군 통계", ColumnType::kText},
                 {"points", "점수", ColumnType::kNumber, 4, "점"},
                 {"max_points", "배점", ColumnType::kNumber, 2, "점"}});
  t.group_by = 0;
  return t;
}

ResultTable RankingKeyTable() {
  ResultTable t("ranking_keys", "순위 기준",
                {v::Category(),
                 Column("key", "기준 ID", ColumnType::kCode).NotInText(),
                 {"key_ko", "기준", ColumnType::kText},
                 {"value", "값", ColumnType::kNumber, 4, "점"}});
  t.group_by = 0;
  return t;
}

ResultTable NeighbourTable() {
  ResultTable t("neighbours", "바로 위와 아래 순위",
                {v::Category(),
                 Column("position", "위치 ID", ColumnType::kCode).NotInText(),
                 {"position_ko", "위치", ColumnType::kText},
                 v::Code(),
                 v::NameKo(),
                 v::Rank(),
                 v::FinalScore().ShowEmptyAs("-"),
                 Column("separated_by", "갈린 기준 ID", ColumnType::kCode).NotInText(),
                 {"separated_by_ko", "갈린 기준", ColumnType::kText},
                 {"value_above", "위 자치단체 값", ColumnType::kNumber, 4},
                 {"value_below", "아래 자치단체 값", ColumnType::kNumber, 4}});
  t.group_by = 0;
  return t;
}

// The first key on which `a` (ranked above) and `b` differ (SeparationOf, neighbours.hpp):
// "advanced", a ranking key with both values, or "" (tied on every key).
struct KeyApart {
  std::string key;
  double above = NAN;
  double below = NAN;
};

KeyApart Separate(const GovernmentScore& a, const GovernmentScore& b) {
  const Separation s = SeparationOf(a, b);
  switch (s.kind) {
    case Separation::Kind::kAdvanced:
      return {"advanced", NAN, NAN};
    case Separation::Kind::kKey:
      return {s.key, s.higher_value, s.lower_value};
    case Separation::Kind::kTied:
      break;
  }
  return {};
}

void AddCategory(Result& out, const ScoringModel& model, const ScoreResult& result, std::size_t row,
                 const Registry& registry, const DisplayNames& names, std::size_t index) {
  const Rubric& r = model.rubric;
  const GovernmentScore& g = result.governments[row];
  const bool has_cohort =
      g.cohort >= 0 && static_cast<std::size_t>(g.cohort) < model.cohorts.ids.size();
  ResultTable& summary = out.tables[0];
  summary.AddRow({r.category,
                  r.id,
                  g.code,
                  names.ko[index],
                  names.en[index],
                  g.cohort_label,
                  has_cohort ? Cell(model.cohorts.ids[static_cast<std::size_t>(g.cohort)]) : Cell(),
                  g.domain[0],
                  g.domain[1],
                  g.domain[2],
                  g.bonus,
                  g.penalty,
                  g.stage1,
                  g.advanced,
                  g.stage2,
                  r.stages.stage1_weight,
                  r.stages.stage2_weight,
                  g.final_score,
                  g.rank,
                  g.cohort_size,
                  Text(g.award_id),
                  Text(g.award_name_ko),
                  Text(g.special_id),
                  Text(g.special_name_ko),
                  g.prize_money,
                  g.tied,
                  g.excluded});
  summary.group_titles.emplace(r.category, r.name_ko + " (" + r.id + ")");
  if (g.excluded) {
    out.notes.push_back(r.name_ko + " (" + r.id + "): " + g.code +
                        "은(는) 다른 부문에서 제외 대상 상을 받아 이 부문의 상을 받지 않습니다 "
                        "(교차 부문 규칙, rubrics/README.md).");
  }

  ResultTable& indicators = out.tables[1];
  for (const IndicatorScore& s : g.indicators) {
    const bool grade = s.method == "grade";
    std::string inputs;
    for (const auto& i : s.inputs) inputs += (inputs.empty() ? "" : " ") + i;
    indicators.AddRow({r.category, s.id, s.name_ko, s.stage, std::string(ToString(s.domain)),
                       DomainKo(r, s.domain), s.method, Text(s.parameters), Text(inputs),
                       s.missing || grade ? Cell() : Cell(s.raw),
                       grade && !s.missing
                           ? Cell(std::string(1, static_cast<char>('A' + static_cast<int>(s.raw))))
                           : Cell(),
                       s.missing, Text(s.cohort_statistics), s.points, s.max_points});
  }
  indicators.group_titles.emplace(r.category, r.name_ko);

  ResultTable& keys = out.tables[2];
  for (const auto& [key, value] : g.tie_break) {
    keys.AddRow({r.category, key, RankingKeyLabel(r, key), value});
  }
  keys.group_titles.emplace(r.category, r.name_ko);

  ResultTable& neighbours = out.tables[3];
  const Neighbours places = NeighboursOf(result, row);
  const auto place = [&](int i) {
    return i < 0 ? nullptr : &result.governments[static_cast<std::size_t>(i)];
  };
  const GovernmentScore* above = place(places.above);
  const GovernmentScore* below = place(places.below);
  const auto add = [&](const GovernmentScore* o, bool is_above) {
    if (o == nullptr) return;
    const KeyApart s = is_above ? Separate(*o, g) : Separate(g, *o);
    const auto o_index = registry.IndexOf(o->code);
    neighbours.AddRow({r.category, is_above ? "above" : "below", is_above ? "위" : "아래", o->code,
                       o_index ? names.ko[*o_index] : o->name_ko, o->rank, o->final_score,
                       Text(s.key),
                       s.key.empty()         ? Cell("모든 기준이 같음")
                       : s.key == "advanced" ? Cell("2차 진출 여부")
                                             : Cell(RankingKeyLabel(r, s.key)),
                       s.above, s.below});
  };
  add(above, true);
  add(below, false);
  neighbours.group_titles.emplace(r.category, r.name_ko);
}

}  // namespace

std::string RankingKeyLabel(const Rubric& rubric, const std::string& key) {
  if (key == "final") return "최종 점수";
  if (key == "stage1") return "1차 점수";
  if (key == "stage2") return "2차 점수";
  for (int d = 0; d < kDomainCount; ++d) {
    if (key == std::string("domain:") + ToString(static_cast<Domain>(d))) {
      return DomainKo(rubric, static_cast<Domain>(d)) + " 영역";
    }
  }
  if (key.rfind("indicator:", 0) == 0) {
    if (const Indicator* i = rubric.FindIndicator(key.substr(10))) return i->name_ko;
  }
  return key;
}

Result MakeExplainResult(const Registry& registry, std::size_t index,
                         const std::vector<ExplainedCategory>& categories) {
  const DisplayNames names = MakeDisplayNames(registry);
  const Government& gov = registry[index];
  Result out;
  out.command = "explain";
  out.title = gov.code + " " + names.ko[index] + " — 점수 설명";
  out.tables = {SummaryTable(), IndicatorTable(), RankingKeyTable(), NeighbourTable()};
  out.text_by_group = true;
  bool synthetic = false;
  for (const ExplainedCategory& c : categories) {
    const Rubric& r = c.model->rubric;
    if (!c.row) {
      out.notes.push_back(r.name_ko + " (" + r.id + "): " + gov.code + "의 보고서가 없습니다.");
      continue;
    }
    AddCategory(out, *c.model, *c.result, *c.row, registry, names, index);
    synthetic = synthetic || c.model->row_synthetic.at(*c.row) != 0;
  }
  // The report's own flag (its figures were generated, not submitted): explain speaks of one
  // government, so of its report rather than of the whole batch.
  if (synthetic) {
    out.AddBanner(Column("synthetic_report", "합성 보고서", ColumnType::kBoolean), true,
                  "※ 합성 자료: " + gov.code + "의 보고서 수치는 합성(가상)입니다");
  }
  return out;
}

}  // namespace jobaward
