// `jobaward check` as typed tables (check_result.hpp).
#include "jobaward/results/check_result.hpp"

#include <string>
#include <vector>

#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

ResultTable FactsTable(const std::vector<FactResult>& checks) {
  ResultTable t(
      "facts", "사실별 비교",
      {{"id", "사실", ColumnType::kCode},
       Column("kind", "종류", ColumnType::kCode).NotInText(),
       {"statement", "내용", ColumnType::kText},
       {"published", "공표", ColumnType::kText},
       {"model", "모델", ColumnType::kText},
       {"match", "일치", ColumnType::kBoolean},
       Column("depends_on_reports", "보고서에 따라 달라짐", ColumnType::kBoolean).NotInText(),
       Column("source", "출처", ColumnType::kText).NotInText(),
       Column("where", "위치", ColumnType::kCode).NotInText()});
  for (const FactResult& r : checks) {
    t.AddRow({r.fact->id, ToString(r.fact->kind), r.statement, r.published, r.model, r.met,
              r.depends_on_reports, r.fact->source, r.fact->where.ToString()});
  }
  t.sheet_name = "확인";
  return t;
}

}  // namespace

Result MakeCheckResult(const std::string& published_path, int year,
                       const std::vector<FactResult>& checks) {
  int met = 0;
  for (const FactResult& r : checks) met += r.met ? 1 : 0;
  const int total = static_cast<int>(checks.size());
  Result result;
  result.command = "check";
  result.title = "공표된 " + std::to_string(year) + "년 결과와 모델 비교";
  result.AddFact({"published", "공표 사실 파일", ColumnType::kText}, published_path);
  result.AddFact(vocabulary::Year(), year);
  result.AddFact({"matched", "일치", ColumnType::kInteger}, met);
  result.AddFact({"total", "사실 수", ColumnType::kInteger}, total);
  result.AddFact({"all_match", "모두 일치", ColumnType::kBoolean}, met == total);
  result.tables.push_back(FactsTable(checks));
  result.notes.push_back(
      "공표 사실 " + std::to_string(total) + "개 중 " + std::to_string(met) + "개가 일치합니다" +
      (met == total ? "." : "; 일치하지 않는 사실은 위 표에서 '일치: 아니오'입니다."));
  return result;
}

}  // namespace jobaward
