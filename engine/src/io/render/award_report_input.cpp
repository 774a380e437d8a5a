// The award report's input assembled from the award inputs (award_report.hpp,
// MakeAwardReportInput, SimulationSummaries, WeightTornados): what `jobaward report` shows,
// built here so that a program embedding the library produces the same report; the CLI only
// parses flags, runs the simulation with its progress bar and renders.
#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/render/award_report.hpp"
#include "jobaward/render/gaps_tables.hpp"
#include "jobaward/results/sensitivity_result.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "jobaward/scoring/awards.hpp"
#include "jobaward/sensitivity/gaps.hpp"
#include "jobaward/sensitivity/sensitivity.hpp"

namespace jobaward {

namespace {

// What it takes, for a government page: one block per category with a report of it, the awards
// of the other categories held at the baseline's (AwardEligibility), as `jobaward gaps` does.
void AddGaps(const std::vector<ScoringModel>& models,
             const std::vector<std::vector<char>>& eligible, const std::string& code,
             AwardReportInput& input) {
  for (std::size_t c = 0; c < models.size(); ++c) {
    const ScoringModel& model = models[c];
    const int row = model.RowOf(code);
    if (row < 0) continue;
    GapsWorkspace workspace;
    const GovernmentGaps gaps = FindGaps(model, row, workspace, &eligible[c]);
    std::string above;
    if (gaps.above >= 0) {
      const auto index = static_cast<std::size_t>(gaps.above);
      const std::string& above_code = model.row_code[index];
      const auto shown = input.display_names.find(above_code);
      above = above_code + " " +
              (shown != input.display_names.end() ? shown->second : model.row_name_ko[index]);
    }
    input.gaps.push_back({model.rubric.category, code, above, GapsTable(model, gaps)});
  }
}

}  // namespace

AwardReportInput MakeAwardReportInput(const Registry& registry, const CohortRules& rules,
                                      const std::vector<Rubric>& rubrics,
                                      const std::vector<ScoringModel>& models,
                                      const std::vector<std::string>& government_pages) {
  AwardReportInput input;
  input.year = rules.year;
  const std::vector<double> parameters = ParameterValues(rules);
  const CohortAssignment assignment = AssignCohorts(rules, registry, parameters);
  const DisplayNames names = MakeDisplayNames(registry);  // "울산 남구", not "남구"
  for (std::size_t c = 0; c < assignment.cohorts.size(); ++c) {
    CohortSummary s;
    s.letter = assignment.cohorts[c].letter;
    s.id = assignment.cohorts[c].id;
    s.name_en = assignment.cohorts[c].name_en;
    s.description = assignment.cohorts[c].description;
    if (c < rules.cohorts.size()) s.rule = rules.cohorts[c].rule.text();
    for (std::size_t i : assignment.members[c]) s.members.push_back(names.ko[i]);
    input.cohorts.push_back(std::move(s));
  }
  // Only the names that differ from the registry's: the report looks a code up there.
  for (std::size_t i = 0; i < registry.size(); ++i) {
    if (names.ko[i] != registry[i].name_ko) input.display_names[registry[i].code] = names.ko[i];
  }
  input.cohort_parameters.header = {"parameter", "value", "description"};
  input.cohort_parameters.align = {Align::kLeft, Align::kRight, Align::kLeft};
  for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
    input.cohort_parameters.rows.push_back(
        {rules.parameters[i].name, FormatFixed(parameters[i], 2), rules.parameters[i].description});
  }
  input.results = ScoreAward(models);
  input.awards = BuildAwardTable(rubrics, input.results);
  input.government_pages = government_pages;
  if (!government_pages.empty()) {
    const std::vector<std::vector<char>> eligible = AwardEligibility(models);
    for (const auto& code : government_pages) AddGaps(models, eligible, code, input);
  }
  return input;
}

std::vector<SimulationSummary> SimulationSummaries(const SimulationResult& sim,
                                                   const std::vector<ScoringModel>& models) {
  Require(sim.categories.size() == models.size(),
          "SimulationSummaries: one scoring model per simulated category");
  std::vector<SimulationSummary> out;
  for (std::size_t c = 0; c < sim.categories.size(); ++c) {
    const CategorySimulation& category = sim.categories[c];
    const ScoringModel& model = models[c];
    SimulationSummary s;
    s.category = category.category;
    s.draws = static_cast<std::int64_t>(sim.draws);
    s.seed = sim.seed;
    for (const auto& g : category.governments) {
      SimulationSummary::Row r;
      r.code = g.code;
      r.name_ko = model.row_name_ko[static_cast<std::size_t>(g.row)];
      r.cohort = g.cohort >= 0 ? model.cohorts.labels[static_cast<std::size_t>(g.cohort)] : "";
      r.p_award = g.any_award.p;
      r.p_award_se = g.any_award.se;
      r.rank_mean = g.mean_rank;
      r.rank_p05 = g.rank_p5;
      r.rank_p95 = g.rank_p95;
      r.baseline_rank = g.baseline_rank;
      r.baseline_award = g.baseline_place >= 0;
      r.p_first = g.first.p;
      r.p_first_se = g.first.se;
      s.rows.push_back(std::move(r));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<SensitivitySummary> WeightTornados(const std::vector<ScoringModel>& models,
                                               double step) {
  const std::string pct = FormatFixed(step * 100, 0) + "%";
  const std::vector<std::vector<char>> eligible = AwardEligibility(models);
  std::vector<SensitivitySummary> out;
  for (std::size_t c = 0; c < models.size(); ++c) {
    const ScoringModel& model = models[c];
    const Rubric& rubric = model.rubric;
    SensitivitySummary s;
    s.category = rubric.category;
    s.title = rubric.name_ko + ": 가중치 ±" + pct;
    s.measure = "점수가 가장 크게 바뀌는 자치단체의 변화 (점)";
    s.low_name = "-" + pct;
    s.high_name = "+" + pct;
    // The other categories' awards held at the baseline's: an empty mask is no active rule.
    const std::vector<char>* award_eligible = eligible[c].empty() ? nullptr : &eligible[c];
    for (const TornadoRow& t :
         RunTornado(model, {.step = step, .award_eligible = award_eligible})) {
      SensitivitySummary::Row row;
      row.label = WeightNameKo(rubric, t.weight);
      row.low = -t.down.max_abs_own_change;
      row.high = t.up.max_abs_own_change;
      row.total_low = -t.down.max_abs_score_change;
      row.total_high = t.up.max_abs_score_change;
      row.award_changes = t.award_changes;
      row.advance_changes = t.down.advance_changes + t.up.advance_changes;
      s.rows.push_back(std::move(row));
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<WinnerReversal> WinnerReversals(const std::vector<ScoringModel>& models) {
  const std::vector<std::vector<char>> eligible = AwardEligibility(models);
  std::vector<WinnerReversal> out;
  for (std::size_t c = 0; c < models.size(); ++c) {
    const ScoringModel& model = models[c];
    const std::vector<char>* award_eligible = eligible[c].empty() ? nullptr : &eligible[c];
    const std::vector<ReversalThreshold> thresholds =
        RunReversal(model, {.any_award = false, .award_eligible = award_eligible});
    const auto named = [&](const std::vector<int>& rows) {
      std::vector<std::pair<std::string, std::string>> governments;
      for (const int r : rows) {
        const auto i = static_cast<std::size_t>(r);
        governments.emplace_back(model.row_code[i], model.row_name_ko[i]);
      }
      return governments;
    };
    for (std::size_t h = 0; h < model.cohorts.labels.size(); ++h) {
      // Relative to the weight's points, so a domain of 50 points and an indicator of 5 compare;
      // the first of equal moves (RunReversal's weight and direction order) is kept.
      const ReversalThreshold* best = nullptr;
      bool any = false;
      for (const ReversalThreshold& t : thresholds) {
        if (t.cohort != static_cast<int>(h)) continue;
        any = true;
        if (t.stable || !(t.weight.nominal > 0)) continue;
        if (best == nullptr || std::fabs(t.change) / t.weight.nominal <
                                   std::fabs(best->change) / best->weight.nominal) {
          best = &t;
        }
      }
      if (!any) continue;  // An empty cohort.
      WinnerReversal r;
      r.category = model.rubric.category;
      r.cohort = model.cohorts.labels[h];
      if (best != nullptr) {
        r.stable = false;
        r.weight = WeightNameKo(model.rubric, best->weight);
        r.nominal = best->weight.nominal;
        r.threshold = best->threshold;
        r.winners_before = named(best->winners_before);
        r.winners_after = named(best->winners_after);
      }
      out.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace jobaward
