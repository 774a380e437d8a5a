#include "jobaward/results/vocabulary.hpp"

namespace jobaward::vocabulary {

Column Category() { return {"category", "부문", ColumnType::kCode}; }
Column Code() { return {"code", "코드", ColumnType::kCode}; }
Column NameKo() { return {"name_ko", "자치단체", ColumnType::kText}; }
Column NameEn() { return Column("name_en", "영문 이름", ColumnType::kText).NotInText(); }
Column Cohort() { return {"cohort", "평가군", ColumnType::kCode}; }
Column CohortId() { return Column("cohort_id", "평가군 ID", ColumnType::kCode).NotInText(); }
Column FinalScore() { return {"final_score", "최종 점수", ColumnType::kNumber, 2, "점"}; }
Column Rank() { return {"rank", "순위", ColumnType::kInteger}; }
Column Award() { return Column("award", "상 ID", ColumnType::kCode).NotInText(); }
Column AwardKo() { return {"award_ko", "상", ColumnType::kText}; }
Column Special() { return Column("special", "특별상 ID", ColumnType::kCode).NotInText(); }
Column SpecialKo() { return {"special_ko", "특별상", ColumnType::kText}; }
Column PrizeMoney() { return {"prize_money_krw", "상금", ColumnType::kMoney}; }
Column Tied() { return {"tied", "미해결 동점", ColumnType::kBoolean}; }
Column Stage1() { return {"stage1", "1차 점수", ColumnType::kNumber, 2, "점"}; }
Column Stage2() { return {"stage2", "2차 점수", ColumnType::kNumber, 2, "점"}; }
Column Bonus() { return {"bonus", "가점", ColumnType::kNumber, 2, "점"}; }
Column Penalty() { return {"penalty", "감점", ColumnType::kNumber, 2, "점"}; }
Column Advanced() { return {"advanced", "2차 진출", ColumnType::kBoolean}; }
Column Draws() { return {"draws", "추출 횟수", ColumnType::kInteger}; }
Column Seed() { return Column("seed", "난수 시드", ColumnType::kInteger).Ungrouped(); }
Column Year() { return Column("year", "연도", ColumnType::kInteger).Ungrouped(); }

Column IndicatorPoints(const std::string& id, const std::string& name_ko, int decimals) {
  return {id, name_ko, ColumnType::kNumber, decimals, "점"};
}

Column Probability(const std::string& what, const std::string& label) {
  return {"p_" + what, label + " 확률", ColumnType::kProbability, 1};
}

Column StandardError(const std::string& what, const std::string& label) {
  return {"se_" + what, label + " 표준오차", ColumnType::kProbability, 1};
}

}  // namespace jobaward::vocabulary
