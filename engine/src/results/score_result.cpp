#include "jobaward/results/score_result.hpp"

#include <algorithm>

#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

std::vector<Column> FixedHead() {
  return {v::Category(), v::Code(), v::NameKo(), v::NameEn(), v::Cohort(), v::CohortId()};
}

std::vector<Column> FixedTail() {
  return {v::Bonus(), v::Penalty(), v::Stage1(),  v::Advanced(), v::Stage2(),   v::FinalScore(),
          v::Rank(),  v::Award(),   v::AwardKo(), v::Special(),  v::SpecialKo()};
}

std::vector<Column> Columns(const std::vector<Rubric>& rubrics) {
  std::vector<Column> columns = FixedHead();
  const std::vector<Column> tail = FixedTail();
  DiagnosticSink sink;
  for (const Rubric& r : rubrics) {
    for (const Indicator& i : r.indicators) {
      const auto same = [&](const Column& c) { return c.id == i.id; };
      if (std::any_of(columns.begin(), columns.begin() + 6, same) ||
          std::any_of(tail.begin(), tail.end(), same)) {
        sink.Add(i.where, "indicators.id",
                 "indicator id '" + i.id +
                     "' is also a column of the score table (CSV header, JSON key); rename it");
        continue;
      }
      if (std::none_of(columns.begin(), columns.end(), same)) {
        columns.push_back(v::IndicatorPoints(i.id, i.name_ko));
      }
    }
  }
  sink.ThrowIfAny();
  columns.insert(columns.end(), tail.begin(), tail.end());
  return columns;
}

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }

}  // namespace

ScoreTable::ScoreTable(const std::vector<Rubric>& rubrics, const CohortMembership& cohorts,
                       const Registry& registry)
    : registry_(registry),
      cohort_ids_(cohorts.ids),
      names_(MakeDisplayNames(registry)),
      empty_("scores", "점수", Columns(rubrics)) {
  first_indicator_ = FixedHead().size();
  indicator_count_ = empty_.columns().size() - first_indicator_ - FixedTail().size();
  for (std::size_t k = 0; k < indicator_count_; ++k) {
    indicator_column_[empty_.columns()[first_indicator_ + k].id] = first_indicator_ + k;
  }
  empty_.group_by = 0;
  for (const Rubric& r : rubrics) empty_.group_titles.emplace(r.category, r.name_ko);
  // Ten indicators with Korean headings and the totals do not fit one terminal line.
  empty_.text_keys = {1, 2};
  empty_.text_parts = {{0, "지표별"}, {first_indicator_ + indicator_count_, "합계와 순위"}};
}

ResultTable ScoreTable::Empty() const { return empty_; }

std::vector<Cell> ScoreTable::Row(const Rubric& rubric, const GovernmentScore& g) const {
  const auto index = registry_.IndexOf(g.code);
  const bool cohort = g.cohort >= 0 && static_cast<std::size_t>(g.cohort) < cohort_ids_.size();
  std::vector<Cell> row = {rubric.category,
                           g.code,
                           index ? names_.ko[*index] : g.name_ko,
                           index ? Cell(names_.en[*index]) : Text(g.name_en),
                           g.cohort_label,
                           cohort ? Cell(cohort_ids_[static_cast<std::size_t>(g.cohort)]) : Cell()};
  row.resize(first_indicator_ + indicator_count_);
  for (const IndicatorScore& s : g.indicators) {
    const auto it = indicator_column_.find(s.id);
    if (it != indicator_column_.end()) row[it->second] = s.points;
  }
  for (Cell c : {Cell(g.bonus), Cell(g.penalty), Cell(g.stage1), Cell(g.advanced), Cell(g.stage2),
                 Cell(g.final_score), Cell(g.rank), Text(g.award_id), Text(g.award_name_ko),
                 Text(g.special_id), Text(g.special_name_ko)}) {
    row.push_back(std::move(c));
  }
  return row;
}

std::size_t CountRejectedReports(const std::vector<RejectedReport>& rejected) {
  std::size_t n = 0;
  for (const RejectedReport& r : rejected) n += r.reports;
  return n;
}

Result MakeScoreResult(ResultTable scores, std::size_t scored,
                       const std::vector<RejectedReport>& rejected) {
  Result r;
  r.command = "score";
  r.title = "자치단체별 점수";
  r.AddFact({"scored_reports", "채점한 보고서", ColumnType::kInteger}, scored);
  r.AddFact({"rejected_reports", "제외한 보고서", ColumnType::kInteger},
            CountRejectedReports(rejected));
  r.tables.push_back(std::move(scores));
  ResultTable problems("rejected", "제외한 보고서",
                       {{"file", "파일", ColumnType::kText}, {"error", "오류", ColumnType::kText}});
  for (const RejectedReport& report : rejected) {
    for (const Diagnostic& d : report.diagnostics) problems.AddRow({report.where, d.ToString()});
  }
  problems.in_text = false;  // the terminal lists them on stderr, with the exit code 3
  r.tables.push_back(std::move(problems));
  return r;
}

}  // namespace jobaward
