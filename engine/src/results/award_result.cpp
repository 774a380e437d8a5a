#include "jobaward/results/award_result.hpp"

#include <map>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

std::string KindKo(const std::string& kind) {
  if (kind == "national") return "전국";
  if (kind == "special") return "특별";
  return "평가군";
}

std::map<std::string, std::string> CategoryTitles(const std::vector<Rubric>& rubrics) {
  std::map<std::string, std::string> titles;
  for (const Rubric& r : rubrics) titles.emplace(r.category, r.name_ko);
  return titles;
}

ResultTable AwardsTable(const std::vector<Rubric>& rubrics, const AwardTable& table,
                        const CohortMembership& cohorts, const Registry& registry,
                        const DisplayNames& names) {
  ResultTable t("awards", "수상 내역",
                {v::Category(), Column("kind", "구분 ID", ColumnType::kCode).NotInText(),
                 Column("kind_ko", "구분", ColumnType::kText), v::Cohort(), v::CohortId(),
                 v::Award(), v::AwardKo(), v::Code(), v::NameKo(), v::NameEn(), v::FinalScore(),
                 v::Rank(), v::PrizeMoney(), v::Tied().NotInText()});
  std::map<std::string, std::string> cohort_id;
  for (std::size_t c = 0; c < cohorts.labels.size(); ++c) {
    cohort_id[cohorts.labels[c]] = cohorts.ids[c];
  }
  for (const AwardEntry& e : table.entries) {
    const auto index = registry.IndexOf(e.code);
    const auto id = cohort_id.find(e.cohort_label);
    t.AddRow({e.category, e.kind, KindKo(e.kind), e.cohort_label,
              id == cohort_id.end() ? Cell() : Cell(id->second), e.award_id, e.award_name_ko,
              e.code, index ? names.ko[*index] : e.name_ko, index ? Cell(names.en[*index]) : Cell(),
              e.final_score, e.rank, e.prize_money, e.tied});
  }
  t.group_by = 0;
  t.group_titles = CategoryTitles(rubrics);
  return t;
}

ResultTable CountsTable(const std::vector<Rubric>& rubrics, const AwardTable& table) {
  ResultTable t("counts", "수상 집계",
                {v::Category(), v::Award(), v::AwardKo(),
                 Column("count", "수상 건수", ColumnType::kInteger), v::PrizeMoney()});
  for (const AwardCount& c : table.counts) {
    t.AddRow({c.category, c.award_id, c.award_name_ko, c.count, c.prize_money});
  }
  for (std::size_t k = 0; k < table.category_counts.size(); ++k) {
    t.AddTotal({table.category_counts[k].first, Cell(), "계", table.category_counts[k].second,
                table.category_money[k].second},
               0);
  }
  t.AddTotal({Cell(), Cell(), "전체", table.total_count, table.total_money});
  t.group_by = 0;
  t.group_titles = CategoryTitles(rubrics);
  return t;
}

// One row per government of an unresolved tie.
ResultTable TiesTable(const AwardTable& table, const Registry& registry,
                      const DisplayNames& names) {
  ResultTable t("ties", "미해결 동점",
                {Column("place", "상 (평가군)", ColumnType::kText), v::Code(), v::NameKo()});
  for (const TieReport& tie : table.unresolved_ties) {
    for (const std::string& code : tie.codes) {
      const auto index = registry.IndexOf(code);
      t.AddRow({tie.place, code, index ? Cell(names.ko[*index]) : Cell()});
    }
  }
  t.in_text = !t.rows().empty();
  if (t.in_text) t.notes = {"동점인 자치단체는 모두 그 상을 받았습니다."};
  return t;
}

}  // namespace

Result MakeAwardResult(const std::vector<Rubric>& rubrics, const AwardTable& table,
                       const CohortMembership& cohorts, const Registry& registry) {
  const DisplayNames names = MakeDisplayNames(registry);
  Result r;
  r.command = "award";
  r.title = "전국 지방자치단체 일자리대상 — 수상 결과" +
            (rubrics.empty() ? std::string() : " (" + std::to_string(rubrics.front().year) + ")");
  r.AddFact({"award_count", "수상 건수", ColumnType::kInteger}, table.total_count);
  r.AddFact({"governments_awarded", "수상 자치단체 수", ColumnType::kInteger},
            table.governments_awarded);
  r.AddFact({"total_prize_money_krw", "상금 합계", ColumnType::kMoney}, table.total_money);
  r.tables.push_back(AwardsTable(rubrics, table, cohorts, registry, names));
  r.tables.push_back(CountsTable(rubrics, table));
  r.tables.push_back(TiesTable(table, registry, names));
  return r;
}

}  // namespace jobaward
