#include "jobaward/results/sensitivity_result.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

std::map<std::string, std::string> Titles(const std::vector<const ScoringModel*>& models) {
  std::map<std::string, std::string> titles;
  for (const ScoringModel* m : models) {
    titles.emplace(m->rubric.category, m->rubric.name_ko + " (" + m->rubric.id + ")");
  }
  return titles;
}

std::map<std::string, std::string> CategoryTitles(std::span<const ScoringModel> models,
                                                  const std::vector<std::size_t>& categories) {
  std::vector<const ScoringModel*> selected;
  for (const std::size_t c : categories) selected.push_back(&models[c]);
  return Titles(selected);
}

const char* OutputId(AwardOutput::Kind kind) {
  switch (kind) {
    case AwardOutput::Kind::kScore:
      return "score";
    case AwardOutput::Kind::kRank:
      return "rank";
    case AwardOutput::Kind::kWinnerKeeps:
      return "winner_keeps";
  }
  return "";
}

const char* OutputKo(AwardOutput::Kind kind) {
  switch (kind) {
    case AwardOutput::Kind::kScore:
      return "점수";
    case AwardOutput::Kind::kRank:
      return "순위";
    case AwardOutput::Kind::kWinnerKeeps:
      return "1위 유지";
  }
  return "";
}

// An index: an empty cell where it is undefined (an output without variance is NaN).
Column Index(const std::string& id, const std::string& label) {
  return {id, label, ColumnType::kNumber, 3};
}

// Mean of the finite entries of row g over the output columns in `columns` (NaN when none).
double MeanOver(const Eigen::MatrixXd& m, int g, const std::vector<int>& columns) {
  double sum = 0;
  int n = 0;
  for (const int o : columns) {
    if (std::isnan(m(g, o))) continue;
    sum += m(g, o);
    ++n;
  }
  return n == 0 ? NAN : sum / n;
}

struct Outputs {
  std::vector<int> scores, ranks, keeps;
};

// The outputs of category `c` by kind.
Outputs OutputsOf(const AwardSobolResult& r, std::size_t c) {
  Outputs o;
  for (int k = 0; k < static_cast<int>(r.outputs.size()); ++k) {
    const AwardOutput& out = r.outputs[static_cast<std::size_t>(k)];
    if (out.category != static_cast<int>(c)) continue;
    (out.kind == AwardOutput::Kind::kScore  ? o.scores
     : out.kind == AwardOutput::Kind::kRank ? o.ranks
                                            : o.keeps)
        .push_back(k);
  }
  return o;
}

ResultTable IndicesTable(const AwardSobolResult& r, std::span<const ScoringModel> models,
                         const std::vector<std::size_t>& categories, const DisplayNames& names) {
  ResultTable t("indices", "소볼 지수",
                {v::Category(),
                 Column("output", "출력 ID", ColumnType::kCode).NotInText(),
                 {"output_ko", "출력", ColumnType::kText},
                 v::Code(),
                 v::NameKo(),
                 v::NameEn(),
                 v::Cohort(),
                 v::CohortId(),
                 {"group", "불확실성 그룹", ColumnType::kCode},
                 Index("first", "1차 지수"),
                 Index("first_low", "1차 지수 하한"),
                 Index("first_high", "1차 지수 상한"),
                 Index("total", "총 지수"),
                 Index("total_low", "총 지수 하한"),
                 Index("total_high", "총 지수 상한"),
                 {"output_mean", "출력 평균", ColumnType::kNumber, 4},
                 {"output_variance", "출력 분산", ColumnType::kNumber, 4}});
  t.in_text = false;
  const SobolIndices& s = r.indices;
  for (const std::size_t c : categories) {
    const ScoringModel& model = models[c];
    for (int o = 0; o < static_cast<int>(r.outputs.size()); ++o) {
      const AwardOutput& out = r.outputs[static_cast<std::size_t>(o)];
      if (out.category != static_cast<int>(c)) continue;
      const auto row = static_cast<std::size_t>(out.row);
      const auto cohort = static_cast<std::size_t>(model.row_cohort[row]);
      const std::size_t gi = model.row_government[row];
      for (int g = 0; g < static_cast<int>(r.groups.size()); ++g) {
        t.AddRow({model.rubric.category, OutputId(out.kind), OutputKo(out.kind),
                  model.row_code[row], names.ko[gi], names.en[gi], model.cohorts.labels[cohort],
                  model.cohorts.ids[cohort], r.groups[static_cast<std::size_t>(g)], s.first(g, o),
                  s.first_low(g, o), s.first_high(g, o), s.total(g, o), s.total_low(g, o),
                  s.total_high(g, o), s.mean[o], s.variance[o]});
      }
    }
  }
  return t;
}

ResultTable GroupsTable(const AwardSobolResult& r, std::span<const ScoringModel> models,
                        const std::vector<std::size_t>& categories) {
  ResultTable t("groups", "그룹별 평균 지수",
                {v::Category(),
                 {"group", "불확실성 그룹", ColumnType::kCode},
                 Index("first_score", "점수 1차"),
                 Index("total_score", "점수 총"),
                 Index("first_rank", "순위 1차"),
                 Index("total_rank", "순위 총"),
                 Index("first_winner_keeps", "1위 유지 1차"),
                 Index("total_winner_keeps", "1위 유지 총")});
  t.group_by = 0;
  t.group_titles = CategoryTitles(models, categories);
  t.notes = {
      "점수·순위: 자치단체 평균(분산이 없는 출력 제외), 1위 유지: 평가군 평균. 1차 = 1차 지수 "
      "(Saltelli 2010), 총 = 총 지수 (Jansen)."};
  const SobolIndices& s = r.indices;
  for (const std::size_t c : categories) {
    const Outputs o = OutputsOf(r, c);
    for (int g = 0; g < static_cast<int>(r.groups.size()); ++g) {
      t.AddRow({models[c].rubric.category, r.groups[static_cast<std::size_t>(g)],
                MeanOver(s.first, g, o.scores), MeanOver(s.total, g, o.scores),
                MeanOver(s.first, g, o.ranks), MeanOver(s.total, g, o.ranks),
                MeanOver(s.first, g, o.keeps), MeanOver(s.total, g, o.keeps)});
    }
  }
  return t;
}

// Per cohort: the baseline winner, how often it keeps first place, and the three groups with
// the largest total index on that, with their intervals (fewer when fewer have one).
constexpr int kLargest = 3;

ResultTable WinnersTable(const AwardSobolResult& r, std::span<const ScoringModel> models,
                         const std::vector<std::size_t>& categories, const DisplayNames& names) {
  std::vector<Column> columns = {v::Category(),
                                 v::Cohort(),
                                 v::CohortId(),
                                 v::Code(),
                                 v::NameKo(),
                                 v::NameEn(),
                                 {"p_keeps", "1위 유지 확률", ColumnType::kProbability, 1}};
  for (int k = 1; k <= kLargest; ++k) {
    const std::string n = std::to_string(k);
    columns.push_back({"group_" + n, "총 지수 " + n + "위 그룹", ColumnType::kCode});
    columns.push_back(Index("total_" + n, "총 지수 " + n + "위"));
    columns.push_back(Index("total_low_" + n, "총 지수 " + n + "위 하한").NotInText());
    columns.push_back(Index("total_high_" + n, "총 지수 " + n + "위 상한").NotInText());
  }
  ResultTable t("winners", "기준 1위의 1위 유지", columns);
  t.group_by = 0;
  t.group_titles = CategoryTitles(models, categories);
  t.notes = {"그룹 칸이 비어 있으면 그 1위는 어떤 추출에서도 1위를 잃지 않습니다."};
  const SobolIndices& s = r.indices;
  const auto group_count = static_cast<int>(r.groups.size());
  for (const std::size_t c : categories) {
    const ScoringModel& model = models[c];
    for (const int o : OutputsOf(r, c).keeps) {
      const AwardOutput& out = r.outputs[static_cast<std::size_t>(o)];
      std::vector<int> order;
      for (int g = 0; g < group_count; ++g) {
        if (!std::isnan(s.total(g, o))) order.push_back(g);
      }
      std::stable_sort(order.begin(), order.end(),
                       [&](int a, int b) { return s.total(a, o) > s.total(b, o); });
      const auto row = static_cast<std::size_t>(out.row);
      const auto cohort = static_cast<std::size_t>(out.cohort);
      const std::size_t gi = model.row_government[row];
      std::vector<Cell> cells = {model.rubric.category,
                                 model.cohorts.labels[cohort],
                                 model.cohorts.ids[cohort],
                                 model.row_code[row],
                                 names.ko[gi],
                                 names.en[gi],
                                 s.mean[o]};
      for (std::size_t k = 0; k < static_cast<std::size_t>(kLargest); ++k) {
        if (k >= order.size()) {
          cells.insert(cells.end(), {Cell(), Cell(), Cell(), Cell()});
          continue;
        }
        const int g = order[k];
        cells.insert(cells.end(), {r.groups[static_cast<std::size_t>(g)], s.total(g, o),
                                   s.total_low(g, o), s.total_high(g, o)});
      }
      t.AddRow(std::move(cells));
    }
  }
  return t;
}

const char* DirectionId(int sign) { return sign < 0 ? "down" : "up"; }
const char* DirectionKo(int sign) { return sign < 0 ? "낮춤" : "높임"; }

Column WeightId() { return Column("weight", "가중치 ID", ColumnType::kCode).NotInText(); }
Column WeightKo() { return {"weight_ko", "가중치", ColumnType::kText}; }
Column Nominal() { return {"nominal", "기준 배점", ColumnType::kNumber, 2, "점"}; }
Column Score(const char* id, const char* label) {
  return {id, label, ColumnType::kNumber, 3, "점"};
}

ResultTable TornadoChanges(const std::vector<CategoryTornado>& categories,
                           const DisplayNames& names) {
  ResultTable t("changes", "가중치 변화별 점수",
                {v::Category(),
                 WeightId(),
                 WeightKo(),
                 Nominal(),
                 Column("direction", "방향 ID", ColumnType::kCode),
                 {"direction_ko", "방향", ColumnType::kText},
                 {"new_weight", "바뀐 배점", ColumnType::kNumber, 2, "점"},
                 v::Code(),
                 v::NameKo(),
                 v::NameEn(),
                 v::Cohort(),
                 v::CohortId(),
                 Score("base_score", "기준 점수"),
                 Score("new_score", "바뀐 점수"),
                 Score("delta", "점수 변화"),
                 Score("own_score", "2차 명단 고정 점수"),
                 {"base_rank", "기준 순위", ColumnType::kInteger},
                 {"new_rank", "바뀐 순위", ColumnType::kInteger},
                 Column("base_award", "기준 상", ColumnType::kCode),
                 Column("new_award", "바뀐 상", ColumnType::kCode)});
  t.in_text = false;
  for (const CategoryTornado& c : categories) {
    const ScoringModel& m = *c.model;
    for (const TornadoRow& row : c.rows) {
      const std::string weight_ko = WeightNameKo(m.rubric, row.weight);
      for (const TornadoCase* tc : {&row.down, &row.up}) {
        for (const TornadoChange& ch : tc->changes) {
          const auto r = static_cast<std::size_t>(ch.row);
          const auto cohort = static_cast<std::size_t>(m.row_cohort[r]);
          const std::size_t gi = m.row_government[r];
          t.AddRow({m.rubric.category,
                    row.weight.name,
                    weight_ko,
                    row.weight.nominal,
                    DirectionId(tc->sign),
                    DirectionKo(tc->sign),
                    tc->new_weight,
                    m.row_code[r],
                    names.ko[gi],
                    names.en[gi],
                    m.cohorts.labels[cohort],
                    m.cohorts.ids[cohort],
                    ch.base_score,
                    ch.new_score,
                    ch.new_score - ch.base_score,
                    ch.own_score,
                    ch.base_rank,
                    ch.new_rank,
                    ch.base_award.empty() ? Cell() : Cell(ch.base_award),
                    ch.new_award.empty() ? Cell() : Cell(ch.new_award)});
        }
      }
    }
  }
  return t;
}

ResultTable TornadoWeights(const std::vector<CategoryTornado>& categories) {
  std::vector<Column> columns = {v::Category(), WeightId(), WeightKo(), Nominal()};
  for (const char* d : {"down", "up"}) {
    const std::string id = d;
    const std::string ko = id == "down" ? "낮춤" : "높임";
    columns.push_back({id + "_new_weight", ko + " 배점", ColumnType::kNumber, 2, "점"});
    columns.push_back({id + "_max_abs_own_change", ko + " 최대 점수 변화(2차 명단 고정)",
                       ColumnType::kNumber, 3, "점"});
    columns.push_back(
        {id + "_max_abs_score_change", ko + " 최대 점수 변화", ColumnType::kNumber, 3, "점"});
    columns.push_back({id + "_rank_changes", ko + " 순위 변동", ColumnType::kInteger});
    columns.push_back({id + "_award_changes", ko + " 수상 변동", ColumnType::kInteger});
    columns.push_back(
        Column(id + "_advance_changes", ko + " 2차 진출 변동", ColumnType::kInteger).NotInText());
  }
  ResultTable t("weights", "가중치별 영향", columns);
  t.group_by = 0;
  for (const CategoryTornado& c : categories) {
    const ScoringModel& m = *c.model;
    for (const TornadoRow& row : c.rows) {
      std::vector<Cell> cells = {m.rubric.category, row.weight.name,
                                 WeightNameKo(m.rubric, row.weight), row.weight.nominal};
      for (const TornadoCase* tc : {&row.down, &row.up}) {
        cells.insert(cells.end(), {tc->new_weight, tc->max_abs_own_change, tc->max_abs_score_change,
                                   tc->rank_changes, tc->award_changes, tc->advance_changes});
      }
      t.AddRow(std::move(cells));
    }
  }
  t.notes = {
      "영향이 큰 순(수상 변동, 그다음 최대 점수 변화). 2차 명단 고정 = 2차 진출 명단을 "
      "기준대로 둔 가중치 자체의 효과 (engine/docs/sensitivity.md)."};
  return t;
}

ResultTable TornadoAwards(const std::vector<CategoryTornado>& categories,
                          const DisplayNames& names) {
  ResultTable t("award_changes", "상이 바뀌는 경우",
                {v::Category(),
                 WeightId(),
                 WeightKo(),
                 Column("direction", "방향 ID", ColumnType::kCode).NotInText(),
                 {"direction_ko", "방향", ColumnType::kText},
                 v::Cohort(),
                 v::Code(),
                 v::NameKo(),
                 Score("base_score", "기준 점수"),
                 Score("new_score", "바뀐 점수"),
                 {"base_rank", "기준 순위", ColumnType::kInteger},
                 {"new_rank", "바뀐 순위", ColumnType::kInteger},
                 Column("base_award", "기준 상", ColumnType::kCode).ShowEmptyAs("-"),
                 Column("new_award", "바뀐 상", ColumnType::kCode).ShowEmptyAs("-")});
  t.group_by = 0;
  for (const CategoryTornado& c : categories) {
    const ScoringModel& m = *c.model;
    for (const TornadoRow& row : c.rows) {
      for (const TornadoCase* tc : {&row.down, &row.up}) {
        for (const TornadoChange& ch : tc->changes) {
          if (ch.base_award == ch.new_award) continue;
          const auto r = static_cast<std::size_t>(ch.row);
          t.AddRow({m.rubric.category, row.weight.name, WeightNameKo(m.rubric, row.weight),
                    DirectionId(tc->sign), DirectionKo(tc->sign),
                    m.cohorts.labels[static_cast<std::size_t>(m.row_cohort[r])], m.row_code[r],
                    names.ko[m.row_government[r]], ch.base_score, ch.new_score, ch.base_rank,
                    ch.new_rank, ch.base_award.empty() ? Cell() : Cell(ch.base_award),
                    ch.new_award.empty() ? Cell() : Cell(ch.new_award)});
        }
      }
    }
  }
  return t;
}

// Codes (space-separated) and names with codes ("구로구 11530, 동작구 11590") of `rows`.
std::pair<std::string, std::string> Winners(const ScoringModel& model, const DisplayNames& names,
                                            const std::vector<int>& rows) {
  std::string codes, shown;
  for (const int r : rows) {
    const auto row = static_cast<std::size_t>(r);
    codes += (codes.empty() ? "" : " ") + model.row_code[row];
    shown += (shown.empty() ? "" : ", ") + names.ko[model.row_government[row]] + " " +
             model.row_code[row];
  }
  return {codes, shown};
}

// "11530 top->excellent; 11590 ->top" (- for no award): who changes award past the threshold.
std::string AwardChanges(const ScoringModel& model, const ReversalThreshold& e) {
  std::string out;
  for (const ReversalChange& ch : e.changes) {
    out += (out.empty() ? "" : "; ") + model.row_code[static_cast<std::size_t>(ch.row)] + " " +
           (ch.before.empty() ? "-" : ch.before) + "->" + (ch.after.empty() ? "-" : ch.after);
  }
  return out;
}

ResultTable ThresholdTable(const std::vector<CategoryReversal>& categories, bool any_award,
                           const DisplayNames& names) {
  // The terminal shows who takes over, or (--any-award) every change of award.
  Column after_column("winners_after_ko", "새 1위", ColumnType::kText);
  Column changes_column("award_changes", "바뀌는 상", ColumnType::kText);
  (any_award ? after_column : changes_column).in_text = false;
  ResultTable t(
      "thresholds", "순위 역전 임계값",
      {v::Category(),
       v::Cohort(),
       v::CohortId(),
       Column("weight", "가중치 ID", ColumnType::kCode).NotInText(),
       {"weight_ko", "가중치", ColumnType::kText},
       {"nominal", "기준 배점", ColumnType::kNumber, 2, "점"},
       Column("direction", "방향 ID", ColumnType::kCode).NotInText(),
       {"direction_ko", "방향", ColumnType::kText},
       Column("stable", "안정", ColumnType::kBoolean).NotInText(),
       Column("threshold", "임계 배점", ColumnType::kNumber, 3, "점").ShowEmptyAs("안정"),
       Column("change", "변화", ColumnType::kNumber, 3, "점").Signed(),
       Column("relative_change", "상대 변화", ColumnType::kNumber, 4).NotInText().Signed(),
       Column("winners_before", "기준 1위 코드", ColumnType::kCode).NotInText(),
       Column("winners_before_ko", "기준 1위", ColumnType::kText).NotInText(),
       Column("winners_after", "새 1위 코드", ColumnType::kCode).NotInText(),
       after_column,
       changes_column});
  for (const CategoryReversal& c : categories) {
    const ScoringModel& model = *c.model;
    for (const ReversalThreshold& e : c.thresholds) {
      const auto cohort = static_cast<std::size_t>(e.cohort);
      const auto [before, before_ko] = Winners(model, names, e.winners_before);
      const auto [after, after_ko] = Winners(model, names, e.winners_after);
      const std::string moved = any_award && !e.stable ? AwardChanges(model, e) : "";
      t.AddRow({model.rubric.category, model.cohorts.labels[cohort], model.cohorts.ids[cohort],
                e.weight.name, WeightNameKo(model.rubric, e.weight), e.weight.nominal,
                e.direction < 0 ? "down" : "up", e.direction < 0 ? "낮춤" : "높임", e.stable,
                e.stable ? Cell() : Cell(e.threshold), e.stable ? Cell() : Cell(e.change),
                e.stable ? Cell() : Cell(e.change / e.weight.nominal), before, before_ko,
                e.stable ? Cell() : Cell(after), e.stable ? Cell() : Cell(after_ko),
                moved.empty() ? Cell() : Cell(moved)});
    }
  }
  return t;
}

}  // namespace

std::string WeightNameKo(const Rubric& rubric, const WeightRef& weight) {
  const auto i = static_cast<std::size_t>(weight.index);
  if (weight.kind == WeightRef::Kind::kDomain) return rubric.domains[i].name_ko + " 영역";
  return rubric.indicators[i].name_ko;
}

Result MakeTornadoResult(const std::vector<CategoryTornado>& categories, double step,
                         const Registry& registry) {
  const DisplayNames names = MakeDisplayNames(registry);
  std::vector<const ScoringModel*> models;
  for (const CategoryTornado& c : categories) {
    Require(c.model != nullptr, "MakeTornadoResult: model");
    models.push_back(c.model);
  }
  Result out;
  out.command = "sensitivity tornado";
  out.title = "가중치 민감도 — 가중치 하나를 바꿀 때 점수·순위·상의 변화";
  out.AddFact({"step", "가중치 변화폭", ColumnType::kProbability, 0}, step);
  out.tables.push_back(TornadoChanges(categories, names));
  out.tables.push_back(TornadoWeights(categories));
  out.tables.push_back(TornadoAwards(categories, names));
  for (ResultTable& t : out.tables) t.group_titles = Titles(models);
  out.text_by_group = true;
  out.notes.push_back(
      "가중치 하나를 ±변화폭만큼 바꾸고 나머지는 총점을 유지하도록 비례 "
      "조정했습니다. 자치단체별 전체 변화는 '가중치 변화별 점수' 표(CSV, JSON, "
      "워크북)에 있습니다.");
  return out;
}

Result MakeReversalResult(const std::vector<CategoryReversal>& categories, bool any_award,
                          const Registry& registry) {
  const DisplayNames names = MakeDisplayNames(registry);
  Result out;
  out.command = "sensitivity reversal";
  out.title = any_award ? "순위 역전 — 평가군의 상이 하나라도 바뀌는 가장 작은 가중치 변화"
                        : "순위 역전 — 평가군 1위가 바뀌는 가장 작은 가중치 변화";
  std::int64_t evaluations = 0;
  for (const CategoryReversal& c : categories) {
    Require(c.model != nullptr, "MakeReversalResult: model");
    for (const ReversalThreshold& e : c.thresholds) evaluations += e.evaluations;
  }
  out.AddFact({"any_award", "모든 상 기준", ColumnType::kBoolean}, any_award);
  out.AddFact({"evaluations", "확인한 평가 횟수", ColumnType::kInteger}, evaluations);
  ResultTable t = ThresholdTable(categories, any_award, names);
  std::vector<const ScoringModel*> models;
  for (const CategoryReversal& c : categories) models.push_back(c.model);
  t.group_by = 0;
  t.group_titles = Titles(models);
  out.tables.push_back(std::move(t));
  out.notes.push_back(
      "가중치 하나를 바꾸고 나머지는 총점을 유지하도록 비례 조정할 때, 평가군 1위(--any-award: "
      "평가군의 상)가 처음 바뀌는 배점입니다. 안정 = 허용 범위 전체에서 바뀌지 않음. 후보 "
      "교차점은 모두 실제 평가로 확인했습니다.");
  return out;
}

Result MakeSobolResult(const AwardSobolResult& result, const SobolOptions& options,
                       std::span<const ScoringModel> models,
                       const std::vector<std::size_t>& categories, const Registry& registry) {
  for (const std::size_t c : categories) Require(c < models.size(), "MakeSobolResult: category");
  const DisplayNames names = MakeDisplayNames(registry);
  Result out;
  out.command = "sensitivity sobol";
  out.title = "소볼 민감도 지수 — 불확실성 그룹별 1차·총 지수";
  out.AddFact({"samples", "기본 표본 수", ColumnType::kInteger}, options.base_samples);
  out.AddFact(v::Seed(), options.seed);
  out.AddFact({"quasi_random", "소볼 수열 사용", ColumnType::kBoolean}, options.quasi_random);
  out.AddFact({"confidence", "신뢰수준", ColumnType::kProbability, 0}, options.confidence);
  out.AddFact({"bootstrap", "부트스트랩 재표본 수", ColumnType::kInteger},
              options.bootstrap_resamples);
  out.AddFact({"evaluations", "평가 횟수", ColumnType::kInteger}, result.indices.evaluations);
  out.AddFact({"uncertainty_groups", "불확실성 그룹 수", ColumnType::kInteger},
              result.groups.size());
  out.tables.push_back(IndicesTable(result, models, categories, names));
  out.tables.push_back(GroupsTable(result, models, categories));
  out.tables.push_back(WinnersTable(result, models, categories, names));
  out.text_by_group = true;
  out.notes.push_back(
      "지수는 부트스트랩 백분위 신뢰구간과 함께 '소볼 지수' 표(CSV, JSON, "
      "워크북)에 있습니다. 분산이 없는 출력의 지수는 비어 있습니다.");
  return out;
}

}  // namespace jobaward
