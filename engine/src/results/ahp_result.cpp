// `jobaward weights ahp` as typed tables (ahp_result.hpp).
#include "jobaward/results/ahp_result.hpp"

#include <string>

#include "jobaward/error.hpp"

namespace jobaward {

Result MakeAhpResult(const AhpComparison& comparison, const AhpResult& result,
                     const AhpRubricWritten& written) {
  Require(static_cast<std::size_t>(result.weights.size()) == comparison.items.size(),
          "MakeAhpResult: one weight per item");
  Result r;
  r.command = "weights ahp";
  r.title = "AHP 가중치 (쌍대 비교)";
  r.AddFact({"file", "쌍대 비교 파일", ColumnType::kText}, comparison.file);
  r.AddFact({"target", "비교 대상", ColumnType::kCode}, comparison.target);
  if (!comparison.domain.empty()) {
    r.AddFact({"domain", "영역", ColumnType::kCode}, comparison.domain);
  }
  r.AddFact({"lambda_max", "최대 고유값 λmax", ColumnType::kNumber, 4}, result.lambda_max);
  r.AddFact({"consistency_index", "일관성 지수 CI", ColumnType::kNumber, 4},
            result.consistency_index);
  r.AddFact({"random_index", "무작위 지수 RI", ColumnType::kNumber, 2}, result.random_index);
  r.AddFact({"consistency_ratio", "일관성 비율 CR", ColumnType::kNumber, 4},
            result.consistency_ratio);
  const bool consistent = result.consistency_ratio <= kAhpMaxConsistencyRatio;
  r.AddFact({"consistent", "일관성 (CR ≤ 0.1)", ColumnType::kBoolean}, consistent);
  if (!written.file.empty()) {
    r.AddFact({"rubric_written", "작성한 배점표", ColumnType::kText}, written.file);
    r.AddFact({"rubric_written_id", "작성한 배점표 ID", ColumnType::kCode}, written.id);
  }

  ResultTable weights(
      "weights", "가중치",
      {{"item", "항목", ColumnType::kCode}, {"weight", "가중치", ColumnType::kNumber, 4}});
  for (std::size_t i = 0; i < comparison.items.size(); ++i) {
    weights.AddRow({comparison.items[i], result.weights[static_cast<Eigen::Index>(i)]});
  }
  r.tables.push_back(std::move(weights));
  r.notes.push_back(consistent ? "일관성 비율 CR이 0.1 이하입니다: 판단이 일관됩니다."
                               : "일관성 비율 CR이 0.1을 넘습니다: 판단이 일관되지 않지만 "
                                 "--allow-inconsistent로 받아들였습니다.");
  return r;
}

}  // namespace jobaward
