// JSON of "what it takes" (gaps_output.hpp).
#include "gaps_output.hpp"

#include <cmath>

namespace jobaward::cli {
namespace {

using json = nlohmann::ordered_json;

// A value in the lever's own type: a grade letter, a boolean, or a number.
json Typed(const GapLever& lever, double v) {
  if (std::isnan(v)) return nullptr;
  switch (lever.unit) {
    case GapLever::Unit::kGrade:
      return std::string(1, static_cast<char>('A' + static_cast<int>(v)));
    case GapLever::Unit::kBoolean:
      return v != 0;
    default:
      return v;
  }
}

json Position(const GapPosition& p) {
  return {{"rank", p.rank},
          {"advanced", p.advanced},
          {"final_score", p.final_score},
          {"award", p.award},
          {"tied", p.tied}};
}

json Answer(const GapLever& lever, const GapAnswer& a) {
  json j;
  j["status"] = ToString(a.status);
  if (a.status == GapStatus::kReached) {
    j["value"] = Typed(lever, a.value);
    j["change"] = a.change;
    j["before"] = Typed(lever, a.before);
    j["tolerance"] = a.tolerance;
  } else if (a.status == GapStatus::kNotReachable) {
    j["limit"] = ToString(a.limit);
    j["limit_value"] = Typed(lever, a.limit_value);
  }
  if (a.status == GapStatus::kReached || a.status == GapStatus::kNotReachable) {
    j["at"] = Position(a.at);
  }
  return j;
}

}  // namespace

json GapsJson(const ScoringModel& model, const GovernmentGaps& g) {
  const auto r = static_cast<std::size_t>(g.row);
  json j;
  j["code"] = model.row_code[r];
  j["name_ko"] = model.row_name_ko[r];
  j["cohort"] = model.cohorts.labels[static_cast<std::size_t>(model.row_cohort[r])];
  j["now"] = Position(g.now);
  j["above"] =
      g.above < 0 ? json(nullptr) : json(model.row_code[static_cast<std::size_t>(g.above)]);
  j["levers"] = json::array();
  for (const LeverGaps& l : g.levers) {
    json lj;
    lj["kind"] = ToString(l.lever.kind);
    lj["id"] = l.lever.id;
    lj["name_ko"] = l.lever.name_ko;
    lj["field"] = l.lever.field;
    lj["unit"] = ToString(l.lever.unit);
    lj["direction"] = l.lever.direction;
    lj["baseline"] = Typed(l.lever, l.baseline);
    lj["raw"] = std::isnan(l.raw) ? json(nullptr) : json(l.raw);
    json answers;
    for (int k = 0; k < kGapGoalCount; ++k) {
      answers[ToString(static_cast<GapGoal>(k))] =
          Answer(l.lever, l.answers[static_cast<std::size_t>(k)]);
    }
    lj["answers"] = std::move(answers);
    j["levers"].push_back(std::move(lj));
  }
  return j;
}

}  // namespace jobaward::cli
