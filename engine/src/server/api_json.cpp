// JSON documents of the API (see api_json.hpp).
#include "api_json.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "jobaward/cohorts/neighbours.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/results/explain_result.hpp"
#include "jobaward/sensitivity/gaps.hpp"
#include "request_overrides.hpp"

namespace jobaward::server_detail {

namespace {

Json Number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

template <class T>
Json Optional(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

Json RubricJson(const Rubric& r) {
  Json j;
  j["category"] = r.category;
  j["rubric"] = r.id;
  j["name_ko"] = r.name_ko;
  j["total_points"] = r.total_points;
  j["domains"] = Json::array();
  for (const DomainSpec& d : r.domains) {
    j["domains"].push_back(
        {{"id", ToString(d.domain)}, {"name_ko", d.name_ko}, {"points", d.points}});
  }
  j["indicators"] = Json::array();
  for (const Indicator& i : r.indicators) {
    j["indicators"].push_back({{"id", i.id},
                               {"name_ko", i.name_ko},
                               {"domain", ToString(i.domain)},
                               {"points", i.points},
                               {"stage", i.stage},
                               {"method", ToString(i.method)}});
  }
  const AdvanceRule& a = r.stages.advance;
  j["stages"] = {{"stage1_weight", r.stages.stage1_weight},
                 {"stage2_weight", r.stages.stage2_weight},
                 {"advance",
                  {{"top_n", Optional(a.top_n)},
                   {"top_share", Optional(a.top_share)},
                   {"min_score", Optional(a.min_score)}}}};
  j["levels"] = Json::array();
  for (const AwardLevel& l : r.levels) {
    Json by_cohort = Json::object();
    for (const auto& [cohort, count] : l.count_by_cohort) by_cohort[cohort] = count;
    j["levels"].push_back({{"id", l.id},
                           {"name_ko", l.name_ko},
                           {"count", Optional(l.count)},
                           {"count_by_cohort", by_cohort},
                           {"share", Optional(l.share)},
                           {"min_score", Optional(l.min_score)},
                           {"prize_money", l.prize_money}});
  }
  j["national_prizes"] = Json::array();
  for (const NationalPrize& p : r.national_prizes) {
    j["national_prizes"].push_back(
        {{"id", p.id}, {"name_ko", p.name_ko}, {"count", p.count}, {"prize_money", p.prize_money}});
  }
  j["special_prizes"] = Json::array();
  for (const SpecialPrize& p : r.special_prizes) {
    j["special_prizes"].push_back(
        {{"id", p.id}, {"name_ko", p.name_ko}, {"count", p.count}, {"prize_money", p.prize_money}});
  }
  j["tie_break"] = Json::array();
  for (const TieBreakKey& k : r.tie_break) j["tie_break"].push_back(ToString(k));
  return j;
}

Json EntryJson(const AwardEntry& e) {
  return {{"code", e.code},
          {"name_ko", e.name_ko},
          {"award", e.award_id},
          {"award_name_ko", e.award_name_ko},
          {"kind", e.kind},
          {"cohort", e.cohort_label},
          {"rank", e.rank},
          {"final_score", Number(e.final_score)},
          {"prize_money", e.prize_money},
          {"tied", e.tied}};
}

}  // namespace

Json CohortParametersJson(const CohortRules& rules) {
  Json j = Json::array();
  for (const CohortParameter& p : rules.parameters) {
    j.push_back({{"name", p.name}, {"value", p.value}, {"description", p.description}});
  }
  return j;
}

Json RulesJson(const Evaluation& evaluation) {
  Json j;
  j["categories"] = Json::array();
  for (const Rubric& r : evaluation.rubrics) j["categories"].push_back(RubricJson(r));
  j["cohort_parameters"] = CohortParametersJson(evaluation.rules);
  return j;
}

Json ModelJson(const WhatIfBase& base, const ServiceLimits& limits, const Evaluation& baseline) {
  Json j;
  j["api_version"] = 1;
  j["scenario"] = {{"id", base.scenario.id},
                   {"name_ko", base.scenario.name_ko},
                   {"overrides", OverridesJson(base.scenario.overrides)}};
  j["categories"] = Json::array();
  for (const Rubric& r : baseline.rubrics) j["categories"].push_back(RubricJson(r));
  j["cohorts"] = Json::array();
  for (std::size_t c = 0; c < baseline.membership.ids.size(); ++c) {
    int size = 0;
    for (const int of : baseline.membership.cohort_of) size += of == static_cast<int>(c) ? 1 : 0;
    j["cohorts"].push_back({{"id", baseline.membership.ids[c]},
                            {"label", baseline.membership.labels[c]},
                            {"size", size}});
  }
  j["cohort_parameters"] = CohortParametersJson(baseline.rules);
  int synthetic = 0;
  for (const Report& r : base.reports) synthetic += r.synthetic ? 1 : 0;
  j["reports"] = {{"count", base.reports.size()}, {"synthetic", synthetic}};
  j["governments"] = Json::array();
  for (std::size_t i = 0; i < base.registry.size(); ++i) {
    const Government& g = base.registry[i];
    const int cohort = baseline.membership.cohort_of[i];
    j["governments"].push_back(
        {{"code", g.code},
         {"name_ko", g.name_ko},
         {"parent", g.parent_code},
         {"cohort", cohort < 0 ? "" : baseline.membership.ids[static_cast<std::size_t>(cohort)]}});
  }
  j["limits"] = {{"max_body_bytes", limits.max_body_bytes},
                 {"max_json_depth", limits.max_json_depth},
                 {"default_draws", limits.default_draws},
                 {"max_draws", limits.max_draws},
                 {"simulation_time_ms", limits.simulation_time.count()}};
  j["provenance"] = ProvenanceJson(base.provenance);
  return j;
}

Json AwardsJson(const Evaluation& evaluation) {
  Json j;
  j["categories"] = Json::array();
  for (const Rubric& r : evaluation.rubrics) {
    Json c;
    c["category"] = r.category;
    c["rubric"] = r.id;
    c["name_ko"] = r.name_ko;
    c["national"] = Json::array();
    c["cohorts"] = Json::array();
    for (std::size_t k = 0; k < evaluation.membership.labels.size(); ++k) {
      c["cohorts"].push_back({{"id", evaluation.membership.ids[k]},
                              {"label", evaluation.membership.labels[k]},
                              {"awards", Json::array()}});
    }
    for (const AwardEntry& e : evaluation.awards.entries) {
      if (e.category != r.category) continue;
      if (e.kind == "national") {
        c["national"].push_back(EntryJson(e));
        continue;
      }
      for (auto& cohort : c["cohorts"]) {
        if (cohort["label"] == e.cohort_label) cohort["awards"].push_back(EntryJson(e));
      }
    }
    c["counts"] = Json::array();
    for (const AwardCount& n : evaluation.awards.counts) {
      if (n.category != r.category) continue;
      c["counts"].push_back({{"award", n.award_id},
                             {"award_name_ko", n.award_name_ko},
                             {"count", n.count},
                             {"prize_money", n.prize_money}});
    }
    for (const auto& [category, count] : evaluation.awards.category_counts) {
      if (category == r.category) c["total_count"] = count;
    }
    for (const auto& [category, money] : evaluation.awards.category_money) {
      if (category == r.category) c["total_money"] = money;
    }
    j["categories"].push_back(std::move(c));
  }
  j["total_count"] = evaluation.awards.total_count;
  j["total_money"] = evaluation.awards.total_money;
  j["governments_awarded"] = evaluation.awards.governments_awarded;
  j["unresolved_ties"] = Json::array();
  for (const TieReport& t : evaluation.awards.unresolved_ties) {
    j["unresolved_ties"].push_back({{"place", t.place}, {"codes", t.codes}});
  }
  return j;
}

namespace {

// The government ranked directly above (`is_above`) or below `self`, what separates the two,
// and indicator by indicator how many more points the neighbour has.
Json NeighbourJson(const ScoreResult& result, int index, const GovernmentScore& self,
                   bool is_above) {
  if (index < 0) return nullptr;
  const GovernmentScore& o = result.governments[static_cast<std::size_t>(index)];
  const Separation s = is_above ? SeparationOf(o, self) : SeparationOf(self, o);
  Json j = {{"code", o.code},      {"name_ko", o.name_ko},
            {"rank", o.rank},      {"final_score", Number(o.final_score)},
            {"award", o.award_id}, {"award_name_ko", o.award_name_ko}};
  j["separation"] = {{"kind", s.kind == Separation::Kind::kAdvanced ? "advanced"
                              : s.kind == Separation::Kind::kKey    ? "key"
                                                                    : "tied"},
                     {"key", s.key},
                     {"higher", Number(s.higher_value)},
                     {"lower", Number(s.lower_value)}};
  j["points_difference"] = Json::object();
  for (std::size_t i = 0; i < o.indicators.size() && i < self.indicators.size(); ++i) {
    j["points_difference"][o.indicators[i].id] =
        Number(o.indicators[i].points - self.indicators[i].points);
  }
  return j;
}

}  // namespace

Json ExplainJson(const Evaluation& evaluation, std::size_t category, std::size_t row) {
  const Rubric& rubric = evaluation.rubrics[category];
  const ScoreResult& result = evaluation.results[category];
  const GovernmentScore& g = result.governments[row];
  Json j;
  j["category"] = rubric.category;
  j["rubric"] = rubric.id;
  j["code"] = g.code;
  j["name_ko"] = g.name_ko;
  j["cohort"] = g.cohort_label;
  j["indicators"] = Json::array();
  for (const IndicatorScore& s : g.indicators) {
    j["indicators"].push_back({{"id", s.id},
                               {"name_ko", s.name_ko},
                               {"stage", s.stage},
                               {"domain", ToString(s.domain)},
                               {"method", s.method},
                               {"parameters", s.parameters},
                               {"inputs", s.inputs},
                               {"raw", s.missing ? Json(nullptr) : Number(s.raw)},
                               {"cohort_statistics", s.cohort_statistics},
                               {"points", Number(s.points)},
                               {"max_points", s.max_points}});
  }
  j["domains"] = Json::array();
  for (int d = 0; d < kDomainCount; ++d) {
    j["domains"].push_back({{"id", ToString(static_cast<Domain>(d))},
                            {"name_ko", rubric.domains[static_cast<std::size_t>(d)].name_ko},
                            {"points", Number(g.domain[static_cast<std::size_t>(d)])},
                            {"max_points", rubric.domains[static_cast<std::size_t>(d)].points}});
  }
  j["bonus"] = Number(g.bonus);
  j["penalty"] = Number(g.penalty);
  j["stage1"] = Number(g.stage1);
  j["advanced"] = g.advanced;
  j["stage2"] = Number(g.stage2);
  j["stage1_weight"] = rubric.stages.stage1_weight;
  j["stage2_weight"] = rubric.stages.stage2_weight;
  j["final_score"] = Number(g.final_score);
  j["rank"] = g.rank;
  j["cohort_size"] = g.cohort_size;
  j["ranking_keys"] = Json::array();
  for (const auto& [name, value] : g.tie_break) {
    j["ranking_keys"].push_back({{"key", name}, {"value", Number(value)}});
  }
  j["award"] = g.award_id;
  j["award_name_ko"] = g.award_name_ko;
  j["special"] = g.special_id;
  j["special_name_ko"] = g.special_name_ko;
  j["prize_money"] = g.prize_money;
  j["tied"] = g.tied;
  const Neighbours n = NeighboursOf(result, row);
  j["above"] = NeighbourJson(result, n.above, g, true);
  j["below"] = NeighbourJson(result, n.below, g, false);
  return j;
}

namespace {

Json EstimateJson(const Estimate& e) { return {{"p", e.p}, {"se", e.se}}; }

}  // namespace

void AddToNextJson(Json& explained, const Evaluation& evaluation, const Registry& registry,
                   std::size_t category, std::size_t row) {
  Result result;
  AddToNext(result, registry, evaluation.models[category],
            FindGapsHoldingAwards(evaluation.models, category, static_cast<int>(row)));
  const Json doc = Json::parse(RenderResultJson(result, nullptr));
  explained["to_next"] = doc.at("to_next").at(0);
  explained["to_next_overview"] = doc.at("to_next_overview");
}

Json SimulationJson(const Evaluation& evaluation, const SimulationResult& result) {
  Json j;
  j["seed"] = result.seed;
  j["paired"] = false;
  j["draws"] = result.draws;
  j["planned_draws"] = result.planned_draws;
  j["interrupted"] = result.interrupted;
  j["max_se"] = result.max_se;
  j["groups"] = result.groups.size();
  j["categories"] = Json::array();
  for (std::size_t ci = 0; ci < result.categories.size(); ++ci) {
    const CategorySimulation& c = result.categories[ci];
    const ScoreResult& scores = evaluation.results[ci];
    Json cj;
    cj["category"] = c.category;
    cj["rubric"] = c.rubric_id;
    cj["places"] = c.places;
    cj["place_names_ko"] = c.place_names_ko;
    cj["governments"] = Json::array();
    for (const GovernmentSimulation& g : c.governments) {
      const GovernmentScore& s = scores.governments[static_cast<std::size_t>(g.row)];
      Json places = Json::object();
      for (std::size_t p = 0; p < c.places.size(); ++p)
        places[c.places[p]] = EstimateJson(g.place[p]);
      cj["governments"].push_back(
          {{"code", g.code},
           {"name_ko", s.name_ko},
           {"cohort", s.cohort_label},
           {"baseline_award",
            g.baseline_place < 0 ? "" : c.places[static_cast<std::size_t>(g.baseline_place)]},
           {"any_award", EstimateJson(g.any_award)},
           {"award", places},
           {"advance", EstimateJson(g.advanced)},
           {"mean_rank", g.mean_rank},
           {"rank_p5", g.rank_p5},
           {"rank_p95", g.rank_p95}});
    }
    j["categories"].push_back(std::move(cj));
  }
  return j;
}

Json PairedSimulationJson(const Evaluation& evaluation, const PairedSimulationResult& result,
                          std::uint64_t planned_draws, std::size_t groups) {
  Json j;
  j["seed"] = result.seed;
  j["paired"] = true;
  j["draws"] = result.draws;
  j["planned_draws"] = planned_draws;
  j["interrupted"] = result.interrupted;
  double max_se = 0;
  j["groups"] = groups;
  j["categories"] = Json::array();
  for (const PairedCategory& c : result.categories) {
    const std::size_t k = CategoryIndex(evaluation.rubrics, c.category, "category");
    const ScoreResult& scores = evaluation.results[k];
    Json cj;
    cj["category"] = c.category;
    cj["rubric"] = c.alt_rubric_id;
    cj["places"] = Json::array();
    cj["place_names_ko"] = Json::array();
    cj["governments"] = Json::array();
    for (const PairedGovernment& g : c.governments) {
      const GovernmentScore& s = scores.governments[static_cast<std::size_t>(g.alt_row)];
      max_se = std::max({max_se, g.alt.se, g.base.se});
      cj["governments"].push_back(
          {{"code", g.code},
           {"name_ko", s.name_ko},
           {"cohort", s.cohort_label},
           {"baseline_award", s.award_id.empty() ? s.special_id : s.award_id},
           {"any_award", EstimateJson(g.alt)},
           {"baseline_any_award", EstimateJson(g.base)},
           {"difference",
            {{"d", g.difference}, {"paired_se", g.paired_se}, {"unpaired_se", g.unpaired_se}}}});
    }
    j["categories"].push_back(std::move(cj));
  }
  j["max_se"] = max_se;
  return j;
}

}  // namespace jobaward::server_detail
