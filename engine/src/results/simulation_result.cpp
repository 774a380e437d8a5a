#include "jobaward/results/simulation_result.hpp"

#include <algorithm>
#include <map>

#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/results/vocabulary.hpp"

namespace jobaward {

namespace {

namespace v = vocabulary;

Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }

// Place ids in order of first appearance over the categories, with their Korean names.
struct Places {
  std::vector<std::string> ids;
  std::map<std::string, std::string> names;
};

// Where the award place `id` is defined in `rubric` (the rubric file when it is none of them).
const SourceLocation& PlaceWhere(const Rubric& rubric, const std::string& id) {
  for (const AwardLevel& l : rubric.levels) {
    if (l.id == id) return l.where;
  }
  for (const NationalPrize& n : rubric.national_prizes) {
    if (n.id == id) return n.where;
  }
  for (const SpecialPrize& sp : rubric.special_prizes) {
    if (sp.id == id) return sp.where;
  }
  return rubric.where;
}

Places UnionOfPlaces(const SimulationResult& r, std::span<const ScoringModel> models) {
  Places p;
  DiagnosticSink sink;
  for (std::size_t c = 0; c < r.categories.size(); ++c) {
    const CategorySimulation& cat = r.categories[c];
    for (std::size_t k = 0; k < cat.places.size(); ++k) {
      const std::string& id = cat.places[k];
      if (id == "any" || id == "advance" || id == "first" || id == "confidence") {
        sink.Add(PlaceWhere(models[c].rubric, id), "award id",
                 "award id '" + id + "' would name the probability column p_" + id +
                     ", which simulate already uses; rename the award");
        continue;
      }
      if (p.names.emplace(id, cat.place_names_ko[k]).second) p.ids.push_back(id);
    }
  }
  sink.ThrowIfAny();
  return p;
}

std::vector<std::string> UnionOfWeights(const SimulationResult& r) {
  std::vector<std::string> units;
  for (const auto& c : r.categories) {
    for (const auto& w : c.weight_names) {
      if (std::find(units.begin(), units.end(), w) == units.end()) units.push_back(w);
    }
  }
  return units;
}

std::map<std::string, std::string> CategoryTitles(const SimulationResult& r) {
  std::map<std::string, std::string> titles;
  for (const auto& c : r.categories)
    titles.emplace(c.category, c.name_ko + " (" + c.rubric_id + ")");
  return titles;
}

ResultTable GovernmentTable(const SimulationResult& r, std::span<const ScoringModel> models,
                            const DisplayNames& names) {
  const Places places = UnionOfPlaces(r, models);
  const std::vector<std::string> units = UnionOfWeights(r);
  std::vector<Column> columns = {
      v::Category(),
      v::Cohort(),
      v::CohortId(),
      v::Code(),
      v::NameKo(),
      v::NameEn(),
      {"baseline_rank", "기준 순위", ColumnType::kInteger},
      Column("baseline_award", "기준 상 ID", ColumnType::kCode).NotInText(),
      {"baseline_award_ko", "기준 상", ColumnType::kText},
      v::Probability("any", "수상"),
      v::StandardError("any", "수상")};
  for (const auto& id : places.ids) {
    columns.push_back(v::Probability(id, places.names.at(id)));
    columns.push_back(v::StandardError(id, places.names.at(id)).NotInText());
  }
  columns.push_back(v::Probability("advance", "2차 진출"));
  columns.push_back(v::StandardError("advance", "2차 진출").NotInText());
  columns.push_back(v::Probability("first", "평가군 1위").NotInText());
  columns.push_back(v::StandardError("first", "평가군 1위").NotInText());
  columns.push_back({"mean_rank", "평균 순위", ColumnType::kNumber, 2});
  columns.push_back(
      Column("mean_rank_se", "평균 순위 표준오차", ColumnType::kNumber, 4).NotInText());
  columns.push_back({"median_rank", "중앙 순위", ColumnType::kInteger});
  columns.push_back({"rank_p5", "순위 5%", ColumnType::kInteger});
  columns.push_back({"rank_p95", "순위 95%", ColumnType::kInteger});
  for (const auto& w : units) {
    columns.push_back(
        Column("central_weight_" + w, "중심 가중치 " + w, ColumnType::kNumber, 4).NotInText());
  }
  columns.push_back({"confidence", "신뢰 계수", ColumnType::kProbability, 1});
  columns.push_back(
      Column("se_confidence", "신뢰 계수 표준오차", ColumnType::kProbability, 1).NotInText());
  ResultTable t("governments", "수상 확률", columns);
  t.sheet_name = "자치단체별 확률";
  t.group_by = 0;
  t.group_titles = CategoryTitles(r);
  t.text_keys = {1, 3, 4};  // cohort, code, name
  t.text_parts = {{0, "상별"}, {t.ColumnIndex("p_advance"), "2차 진출과 순위"}};

  for (std::size_t ci = 0; ci < r.categories.size(); ++ci) {
    const CategorySimulation& c = r.categories[ci];
    const ScoringModel& model = models[ci];
    for (const CohortSimulation& co : c.cohorts) {
      for (const int row : co.members) {
        const GovernmentSimulation& g = c.governments[static_cast<std::size_t>(row)];
        const std::size_t gi = model.row_government[static_cast<std::size_t>(row)];
        const int bp = g.baseline_place;
        std::vector<Cell> cells = {
            c.category,
            co.label,
            co.id,
            g.code,
            names.ko[gi],
            names.en[gi],
            g.baseline_rank,
            bp < 0 ? Cell() : Cell(c.places[static_cast<std::size_t>(bp)]),
            bp < 0 ? Cell() : Cell(c.place_names_ko[static_cast<std::size_t>(bp)]),
            g.any_award.p,
            g.any_award.se};
        for (const auto& id : places.ids) {
          const auto at = std::find(c.places.begin(), c.places.end(), id);
          if (at == c.places.end()) {
            cells.insert(cells.end(), {Cell(), Cell()});
          } else {
            const Estimate& e = g.place[static_cast<std::size_t>(at - c.places.begin())];
            cells.insert(cells.end(), {e.p, e.se});
          }
        }
        cells.insert(cells.end(), {g.advanced.p, g.advanced.se, g.first.p, g.first.se, g.mean_rank,
                                   g.mean_rank_se, g.median_rank, g.rank_p5, g.rank_p95});
        for (const auto& w : units) {
          const auto at = std::find(c.weight_names.begin(), c.weight_names.end(), w);
          cells.push_back(
              at == c.weight_names.end() || g.central_weights.empty()
                  ? Cell()
                  : Cell(g.central_weights[static_cast<std::size_t>(at - c.weight_names.begin())]));
        }
        cells.push_back(g.confidence ? Cell(g.confidence->p) : Cell());
        cells.push_back(g.confidence ? Cell(g.confidence->se) : Cell());
        t.AddRow(std::move(cells));
      }
    }
  }
  return t;
}

ResultTable CohortTable(const SimulationResult& r, std::span<const ScoringModel> models,
                        const DisplayNames& names) {
  ResultTable t("cohorts", "평가군별 1위 유지 확률",
                {v::Category(),
                 v::Cohort(),
                 v::CohortId(),
                 {"members", "자치단체 수", ColumnType::kInteger},
                 Column("baseline_winners", "기준 1위 코드", ColumnType::kCode).NotInText(),
                 {"baseline_winners_ko", "기준 1위", ColumnType::kText},
                 v::Probability("winner_keeps", "1위 유지"),
                 v::StandardError("winner_keeps", "1위 유지")});
  t.sheet_name = "평가군별 1위 유지";
  t.group_by = 0;
  t.group_titles = CategoryTitles(r);
  for (std::size_t ci = 0; ci < r.categories.size(); ++ci) {
    const CategorySimulation& c = r.categories[ci];
    for (const CohortSimulation& co : c.cohorts) {
      std::string codes, shown;
      for (const int w : co.baseline_winners) {
        const auto row = static_cast<std::size_t>(w);
        codes += (codes.empty() ? "" : " ") + c.governments[row].code;
        shown += (shown.empty() ? "" : ", ") + names.ko[models[ci].row_government[row]] + " " +
                 c.governments[row].code;
      }
      t.AddRow({c.category, co.label, co.id, co.members.size(), Text(codes), Text(shown),
                co.baseline_winner_wins.p, co.baseline_winner_wins.se});
    }
  }
  return t;
}

// members x ranks, long form, entries with p > 0 only.
ResultTable AcceptabilityTable(const SimulationResult& r) {
  ResultTable t("rank_acceptability", "순위 수용도",
                {v::Category(),
                 v::Cohort(),
                 v::Code(),
                 v::Rank(),
                 {"p", "확률", ColumnType::kProbability, 1}});
  t.in_text = false;
  for (const auto& c : r.categories) {
    for (const CohortSimulation& co : c.cohorts) {
      for (Eigen::Index i = 0; i < co.acceptability.rows(); ++i) {
        const std::string& code =
            c.governments[static_cast<std::size_t>(co.members[static_cast<std::size_t>(i)])].code;
        for (Eigen::Index k = 0; k < co.acceptability.cols(); ++k) {
          if (co.acceptability(i, k) > 0) {
            t.AddRow({c.category, co.label, code, k + 1, co.acceptability(i, k)});
          }
        }
      }
    }
  }
  return t;
}

// members x members, long form: P(code ranks strictly above other_code), entries with p > 0.
ResultTable PairwiseTable(const SimulationResult& r) {
  ResultTable t("pairwise", "쌍별 우위 확률",
                {v::Category(),
                 v::Cohort(),
                 v::Code(),
                 {"other_code", "상대 코드", ColumnType::kCode},
                 {"p", "위에 설 확률", ColumnType::kProbability, 1}});
  t.in_text = false;
  for (const auto& c : r.categories) {
    for (const CohortSimulation& co : c.cohorts) {
      const auto code = [&](Eigen::Index i) {
        return c.governments[static_cast<std::size_t>(co.members[static_cast<std::size_t>(i)])]
            .code;
      };
      for (Eigen::Index i = 0; i < co.pairwise.rows(); ++i) {
        for (Eigen::Index j = 0; j < co.pairwise.cols(); ++j) {
          if (i != j && co.pairwise(i, j) > 0) {
            t.AddRow({c.category, co.label, code(i), code(j), co.pairwise(i, j)});
          }
        }
      }
    }
  }
  return t;
}

ResultTable GroupTable(const SimulationResult& r) {
  ResultTable t("groups", "불확실성 그룹",
                {{"group", "그룹", ColumnType::kCode}, {"kind", "종류", ColumnType::kCode}});
  t.in_text = false;
  for (const auto& g : r.groups) t.AddRow({g.name, std::string(ToString(g.kind))});
  return t;
}

}  // namespace

Result MakeSimulationResult(const SimulationResult& r, std::span<const ScoringModel> models,
                            const Registry& registry) {
  Require(models.size() == r.categories.size(), "MakeSimulationResult: models and categories");
  const DisplayNames names = MakeDisplayNames(registry);
  Result out;
  out.command = "simulate";
  out.title = "몬테카를로 모의실험 — 수상 확률과 순위 분포";
  out.AddFact(v::Draws(), r.draws);
  out.AddFact({"planned_draws", "계획한 추출 횟수", ColumnType::kInteger}, r.planned_draws);
  out.AddFact({"interrupted", "중단됨", ColumnType::kBoolean}, r.interrupted);
  out.AddFact(v::Seed(), r.seed);
  out.AddFact({"until_se", "목표 표준오차", ColumnType::kProbability, 2},
              Cell::Optional(r.until_se));
  out.AddFact({"max_se", "최대 표준오차", ColumnType::kProbability, 2}, r.max_se);
  out.AddFact({"confidence_draws", "신뢰 계수 추출 횟수", ColumnType::kInteger},
              r.confidence_draws);
  out.AddFact({"uncertainty_groups", "불확실성 그룹 수", ColumnType::kInteger}, r.groups.size());
  out.tables.push_back(GovernmentTable(r, models, names));
  out.tables.push_back(CohortTable(r, models, names));
  out.tables.push_back(AcceptabilityTable(r));
  out.tables.push_back(PairwiseTable(r));
  out.tables.push_back(GroupTable(r));
  out.notes.push_back(
      "확률 = 추출 중 그 일이 일어난 비율, 표준오차 = √(p(1−p)/n). 순위 5%·95% = 순위 분포의 "
      "5·95 백분위.");
  std::string large;  // Cohorts whose matrices were not kept (SimulationConfig).
  for (const auto& c : r.categories) {
    for (const CohortSimulation& co : c.cohorts) {
      if (co.matrices) continue;
      large += (large.empty() ? "" : ", ") + c.category + " " + co.label + " (" +
               std::to_string(co.members.size()) + ")";
    }
  }
  if (!large.empty()) {
    out.notes.push_back(
        "평가군이 커서 순위 수용도·쌍별 우위 표를 생략했습니다 (rank_acceptability "
        "and pairwise left out for cohorts over the matrix limit): " +
        large + ".");
  }
  if (r.interrupted) {
    out.notes.push_back("중단되어 계획한 " + std::to_string(r.planned_draws) + "회 중 " +
                        std::to_string(r.draws) + "회만 집계했습니다.");
  }
  return out;
}

}  // namespace jobaward
