// The tables of `jobaward compare` (see compare_result.hpp).
#include "jobaward/results/compare_result.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

Column Side(Column c, const std::string& side, const std::string& label) {
  c.id += "_" + side;
  c.label += " (" + label + ")";
  return c;
}

const char* ChangeId(const GovernmentChange& c) {
  if (c.award_before.empty()) return "gain";
  if (c.award_after.empty()) return "loss";
  return "switch";
}

const char* ChangeKo(const GovernmentChange& c) {
  if (c.award_before.empty()) return "수상";
  if (c.award_after.empty()) return "탈락";
  return "변경";
}

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }
Cell Rank(int rank) { return rank > 0 ? Cell(rank) : Cell(); }

ResultTable AwardChanges(const ScenarioComparison& comparison) {
  ResultTable t("award_changes", "수상 변화",
                {v::Category(), v::Cohort(), v::Code(), v::NameKo(),
                 Column("change", "변화 ID", ColumnType::kCode).NotInText(),
                 Column("change_ko", "변화", ColumnType::kText), Side(v::Award(), "before", "기준"),
                 Side(v::AwardKo(), "before", "기준"), Side(v::Award(), "after", "대안"),
                 Side(v::AwardKo(), "after", "대안"),
                 Column("prize_change_krw", "상금 변화", ColumnType::kMoney).Signed()});
  t.group_by = 0;
  for (const GovernmentChange& c : comparison.awards) {
    t.AddRow({c.category, Text(c.cohort_after.empty() ? c.cohort_before : c.cohort_after), c.code,
              c.name_ko, ChangeId(c), ChangeKo(c), Text(c.award_before), Text(c.award_before_ko),
              Text(c.award_after), Text(c.award_after_ko), c.prize_after - c.prize_before});
  }
  return t;
}

ResultTable Movers(const std::string& id, const std::string& title,
                   const ScenarioComparison& comparison, std::size_t per_category) {
  ResultTable t(id, title,
                {v::Category(), v::Code(), v::NameKo(), Side(v::Cohort(), "before", "기준"),
                 Side(v::Cohort(), "after", "대안"), Side(v::Rank(), "before", "기준"),
                 Side(v::Rank(), "after", "대안"),
                 Column("rank_change", "순위 변화", ColumnType::kInteger).Signed(),
                 Side(v::FinalScore(), "before", "기준"), Side(v::FinalScore(), "after", "대안"),
                 Column("score_change", "점수 변화", ColumnType::kNumber, 2, "점").Signed(),
                 Side(v::AwardKo(), "before", "기준"), Side(v::AwardKo(), "after", "대안")});
  t.group_by = 0;
  std::string category;
  std::size_t shown = 0;
  for (const GovernmentChange& c : comparison.movers) {
    if (c.category != category) {
      category = c.category;
      shown = 0;
    }
    if (shown++ >= per_category) continue;
    // Positive = moved up (a smaller rank number).
    const Cell rank_change =
        c.rank_before > 0 && c.rank_after > 0 ? Cell(c.rank_before - c.rank_after) : Cell();
    t.AddRow({c.category, c.code, c.name_ko, Text(c.cohort_before), Text(c.cohort_after),
              Rank(c.rank_before), Rank(c.rank_after), rank_change, c.score_before, c.score_after,
              c.score_after - c.score_before, Text(c.award_before_ko), Text(c.award_after_ko)});
  }
  return t;
}

void AddTotalsRow(ResultTable& t, const ComparisonTotals& c) {
  t.AddRow({c.category, c.awards_before, c.awards_after, c.gained, c.lost, c.switched,
            c.AwardsMoved(), c.governments_affected, c.money_before, c.money_after, c.money_moved});
}

ResultTable Totals(const ScenarioComparison& comparison) {
  ResultTable t("totals", "합계",
                {v::Category(), Column("awards_before", "수상 (기준)", ColumnType::kInteger),
                 Column("awards_after", "수상 (대안)", ColumnType::kInteger),
                 Column("gained", "새 수상", ColumnType::kInteger),
                 Column("lost", "탈락", ColumnType::kInteger),
                 Column("switched", "상 변경", ColumnType::kInteger),
                 Column("awards_moved", "바뀐 상", ColumnType::kInteger),
                 Column("governments_affected", "영향 받은 자치단체", ColumnType::kInteger),
                 Column("prize_money_before_krw", "상금 (기준)", ColumnType::kMoney),
                 Column("prize_money_after_krw", "상금 (대안)", ColumnType::kMoney),
                 Column("prize_money_moved_krw", "옮겨간 상금", ColumnType::kMoney)});
  for (const ComparisonTotals& c : comparison.categories) AddTotalsRow(t, c);
  AddTotalsRow(t, comparison.total);
  return t;
}

// Every government with an award in some draw, largest |difference| first (then code), each
// category in the order of the run, at most `per_category` of each.
ResultTable Probabilities(const std::string& id, const std::string& title,
                          const PairedSimulationResult& paired,
                          const std::map<std::string, std::string>& names_ko,
                          std::size_t per_category) {
  ResultTable t(
      id, title,
      {v::Category(), v::Code(), v::NameKo(), v::Probability("award_before", "수상 (기준)"),
       v::StandardError("award_before", "수상 (기준)"),
       v::Probability("award_after", "수상 (대안)"), v::StandardError("award_after", "수상 (대안)"),
       Column("difference", "확률 차이", ColumnType::kProbability, 1).Signed(),
       Column("se_paired", "차이 표준오차 (공통 난수)", ColumnType::kProbability, 2),
       Column("se_unpaired", "차이 표준오차 (독립 실행)", ColumnType::kProbability, 2)});
  t.group_by = 0;
  for (const PairedCategory& c : paired.categories) {
    std::vector<const PairedGovernment*> rows;
    for (const PairedGovernment& g : c.governments) {
      if (g.base.p > 0 || g.alt.p > 0) rows.push_back(&g);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
      if (std::abs(a->difference) != std::abs(b->difference)) {
        return std::abs(a->difference) > std::abs(b->difference);
      }
      return a->code < b->code;
    });
    if (rows.size() > per_category) rows.resize(per_category);
    for (const PairedGovernment* g : rows) {
      const auto name = names_ko.find(g->code);
      t.AddRow({c.category, g->code, name == names_ko.end() ? Cell() : Cell(name->second),
                g->base.p, g->base.se, g->alt.p, g->alt.se, g->difference, g->paired_se,
                g->unpaired_se});
    }
  }
  return t;
}

}  // namespace

void AddPairedProbabilities(const PairedSimulationResult& paired, const CompareLabels& labels,
                            const std::map<std::string, std::string>& names_ko, Result& result) {
  result.AddFact({"simulate_draws", "모의실험 횟수", ColumnType::kInteger}, paired.draws);
  result.AddFact(v::Seed(), paired.seed);
  std::size_t all = 0;
  for (const PairedCategory& c : paired.categories) all += c.governments.size();
  ResultTable full =
      Probabilities("award_probabilities", "수상 확률 (공통 난수)", paired, names_ko, all);
  full.in_text = false;
  ResultTable top = Probabilities(
      "top_probability_changes",
      "수상 확률 변화 (범주별 상위 " + std::to_string(labels.text_movers) + ", 공통 난수)", paired,
      names_ko, labels.text_movers);
  for (ResultTable* t : {&full, &top}) t->group_titles = labels.category_names;
  result.tables.push_back(std::move(full));
  result.tables.push_back(std::move(top));
  if (paired.interrupted) {
    result.notes.push_back("모의실험이 중단되어 " + std::to_string(paired.draws) +
                           "회의 결과만 보입니다.");
  }
  if (!paired.unmatched_groups.empty()) {
    std::string list;
    for (const auto& g : paired.unmatched_groups) list += (list.empty() ? "" : ", ") + g;
    result.notes.push_back("대안 시나리오에만 있는 불확실성 그룹은 따로 뽑았습니다: " + list);
  }
}

Result BuildCompareResult(const ScenarioComparison& comparison, const CompareLabels& labels) {
  Result r;
  r.command = "compare";
  r.title = "시나리오 비교 — " + labels.before + " → " + labels.after;
  r.AddFact({"before", "기준 시나리오", ColumnType::kCode}, labels.before);
  r.AddFact({"after", "대안 시나리오", ColumnType::kCode}, labels.after);
  r.AddFact({"awards_moved", "바뀐 상", ColumnType::kInteger}, comparison.total.AwardsMoved());
  r.AddFact({"governments_affected", "영향 받은 자치단체", ColumnType::kInteger},
            comparison.total.governments_affected);
  r.AddFact({"prize_money_moved_krw", "옮겨간 상금", ColumnType::kMoney},
            comparison.total.money_moved);
  ResultTable awards = AwardChanges(comparison);
  ResultTable movers = Movers("movers", "순위·점수 변화", comparison, comparison.movers.size());
  movers.in_text = false;
  ResultTable top = Movers(
      "top_movers", "순위·점수 변화 (범주별 상위 " + std::to_string(labels.text_movers) + ")",
      comparison, labels.text_movers);
  for (ResultTable* t : {&awards, &movers, &top}) t->group_titles = labels.category_names;
  r.tables.push_back(std::move(awards));
  r.tables.push_back(std::move(movers));
  r.tables.push_back(std::move(top));
  r.tables.push_back(Totals(comparison));
  if (comparison.total.AwardsMoved() == 0 && comparison.movers.empty()) {
    r.notes.push_back("두 시나리오의 결과가 같습니다 (바뀐 상, 평가군, 순위, 점수 없음).");
  }
  return r;
}

}  // namespace jobaward
