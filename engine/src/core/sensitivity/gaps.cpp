// "What it takes" (gaps.hpp): per government, every lever walked for the goals it does not meet
// yet, and every answer confirmed on the pipeline before it is returned.
#include "jobaward/sensitivity/gaps.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/scoring/award_plan.hpp"
#include "src/core/sensitivity/gaps_internal.hpp"

namespace jobaward {
namespace {

using gaps_detail::Found;
using gaps_detail::LeverPlan;
using gaps_detail::Probe;
using gaps_detail::Snapshot;

void Prepare(const ScoringModel& model, GapsWorkspace& workspace) {
  if (workspace.ready && workspace.fields.rows() == model.fields.rows() &&
      workspace.fields.cols() == model.fields.cols() &&
      workspace.panels.size() == model.panels.size()) {
    return;
  }
  workspace.fields = model.fields;
  workspace.panels = model.panels;
  // Each evaluation moves one input of one government: recompute only what reads it.
  workspace.evaluate.reuse_unchanged_columns = true;
  workspace.ready = true;
}

// The best place on the award ladder the rubric has at all.
int BestLadder(const ScoringModel& model) {
  if (!model.rubric.national_prizes.empty()) return 3000;
  if (!model.rubric.levels.empty()) return 2000;
  if (!model.rubric.special_prizes.empty()) return 1000;
  return 0;
}

std::string Describe(const ScoringModel& model, int row, const GapLever& lever, GapGoal goal) {
  return model.row_code[static_cast<std::size_t>(row)] + " " + lever.id + " " + ToString(goal);
}

// The library's own check of a lever's answers on the pipeline: each goal holds at its
// reported value and not at the value just short of it; not reachable: it does not hold at the
// limit. Each distinct point is evaluated once, afresh.
void Confirm(const ScoringModel& model, int row, const GapLever& lever, const LeverPlan& plan,
             const std::array<bool, kGapGoalCount>& wanted,
             const std::array<Found, kGapGoalCount>& found, int ladder, Probe& probe) {
  struct Claim {
    double t;
    GapGoal goal;
    bool holds;
    const char* what;
  };
  std::vector<Claim> claims;
  for (int k = 0; k < kGapGoalCount; ++k) {
    if (!wanted[static_cast<std::size_t>(k)]) continue;
    const Found& f = found[static_cast<std::size_t>(k)];
    const auto goal = static_cast<GapGoal>(k);
    if (f.found) {
      claims.push_back({f.t, goal, true, "the reported value"});
      claims.push_back({f.before, goal, false, "the value just short of it"});
    } else {
      claims.push_back({plan.end, goal, false, "that the limit does not reach it"});
    }
  }
  std::sort(claims.begin(), claims.end(), [](const Claim& a, const Claim& b) { return a.t < b.t; });
  std::optional<gaps_detail::Snapshot> at;
  for (std::size_t c = 0; c < claims.size(); ++c) {
    if (c == 0 || claims[c].t != claims[c - 1].t) at = probe.At(claims[c].t);
    if (gaps_detail::Holds(claims[c].goal, *at, ladder) != claims[c].holds) {
      throw InternalError("gaps: the pipeline does not confirm " + std::string(claims[c].what) +
                          " (" + Describe(model, row, lever, claims[c].goal) + ")");
    }
  }
}

LeverGaps OneLever(const ScoringModel& model, const Outcome& base, int row, const GapLever& lever,
                   const std::array<bool, kGapGoalCount>& wanted, const GapPosition& now,
                   int ladder, GapsWorkspace& workspace) {
  LeverGaps out;
  out.lever = lever;
  const gaps_detail::CohortView view = gaps_detail::ViewOf(model, base, row, &lever);
  const double baseline = lever.panel >= 0 ? 0.0 : model.fields(row, lever.column);
  Probe probe(model, base, view, lever, workspace, baseline);
  const LeverPlan plan = gaps_detail::PlanOf(model, base, view, lever, probe);
  out.baseline = plan.baseline;
  out.raw = lever.kind == GapLever::Kind::kIndicator ? base.raw(row, lever.index)
                                                     : model.fields(row, lever.column);
  for (int k = 0; k < kGapGoalCount; ++k) {
    GapAnswer& a = out.answers[static_cast<std::size_t>(k)];
    a.at = now;
    if (!wanted[static_cast<std::size_t>(k)]) {
      a.status = GapStatus::kAlready;
    } else if (std::isnan(plan.baseline)) {
      a.status = GapStatus::kMissingInput;
    } else if (plan.no_effect) {
      a.status = GapStatus::kNotReachable;
      a.limit = plan.limit;
      a.limit_value = probe.ValueAt(0);
    }
  }
  if (std::isnan(plan.baseline) || plan.no_effect) {
    out.evaluations = probe.evaluations();
    return out;
  }
  Snapshot last;
  const std::array<Found, kGapGoalCount> found =
      gaps_detail::Walk(plan, probe, wanted, ladder, last);
  for (int k = 0; k < kGapGoalCount; ++k) {
    if (!wanted[static_cast<std::size_t>(k)]) continue;
    const Found& f = found[static_cast<std::size_t>(k)];
    GapAnswer& a = out.answers[static_cast<std::size_t>(k)];
    if (f.found) {
      a.status = GapStatus::kReached;
      a.value = probe.ValueAt(f.t);
      a.before = probe.ValueAt(f.before);
      a.change = lever.panel >= 0 ? f.t : a.value - plan.baseline;
      a.tolerance = f.tolerance;
      a.at = f.position;
    } else {
      a.status = GapStatus::kNotReachable;
      a.limit = plan.limit;
      a.limit_value = probe.ValueAt(plan.end);
      a.at = last.position;
    }
  }
  Confirm(model, row, lever, plan, wanted, found, ladder, probe);
  out.evaluations = probe.evaluations();
  return out;
}

}  // namespace

GovernmentGaps FindGaps(const ScoringModel& model, int row, GapsWorkspace& workspace,
                        const std::vector<char>* award_eligible) {
  Require(row >= 0 && row < static_cast<int>(model.row_code.size()), "gaps: row out of range");
  Prepare(model, workspace);
  workspace.award_eligible =
      award_eligible != nullptr && !award_eligible->empty() ? award_eligible : nullptr;
  Perturbation unchanged;
  unchanged.fields = &workspace.fields;
  unchanged.panels = &workspace.panels;
  unchanged.award_eligible = workspace.award_eligible;
  const Outcome base = Evaluate(model, unchanged, workspace.evaluate);  // A copy: probes reuse it.
  const auto r = static_cast<std::size_t>(row);
  GovernmentGaps out;
  out.row = row;
  out.now = gaps_detail::PositionOf(model, base, row);
  const gaps_detail::CohortView view = gaps_detail::ViewOf(model, base, row, nullptr);
  out.above = view.above;
  const int ladder = AwardLadder(model, base, row);
  std::array<bool, kGapGoalCount> wanted{};
  wanted[static_cast<std::size_t>(GapGoal::kPassAbove)] = view.above >= 0;
  wanted[static_cast<std::size_t>(GapGoal::kAdvance)] = base.advanced[r] == 0;
  wanted[static_cast<std::size_t>(GapGoal::kBetterAward)] = ladder < BestLadder(model);
  // A government barred by a cross-category rule wins nothing here whatever its inputs: no walk.
  const bool barred = workspace.award_eligible != nullptr && (*workspace.award_eligible)[r] == 0;
  const bool award_wanted = wanted[static_cast<std::size_t>(GapGoal::kBetterAward)];
  if (barred) wanted[static_cast<std::size_t>(GapGoal::kBetterAward)] = false;
  for (const GapLever& lever : LeversOf(model)) {
    out.levers.push_back(OneLever(model, base, row, lever, wanted, out.now, ladder, workspace));
    out.evaluations += out.levers.back().evaluations;
    if (barred && award_wanted) {
      GapAnswer& a = out.levers.back().answers[static_cast<std::size_t>(GapGoal::kBetterAward)];
      a = GapAnswer{};
      a.status = GapStatus::kNotReachable;
      a.limit = GapLimit::kBarred;
      a.limit_value = lever.panel >= 0 ? 0.0 : out.levers.back().baseline;
      a.at = out.now;
    }
  }
  return out;
}

GovernmentGaps FindGapsHoldingAwards(std::span<const ScoringModel> models, std::size_t category,
                                     int row) {
  Require(category < models.size(), "FindGapsHoldingAwards: category out of range");
  const std::vector<std::vector<char>> eligible = AwardEligibility(models);
  GapsWorkspace workspace;
  return FindGaps(models[category], row, workspace, &eligible[category]);
}

std::vector<GovernmentGaps> FindGaps(const ScoringModel& model, const GapsOptions& options) {
  Require(options.threads >= 1, "gaps: threads must be at least 1");
  std::vector<int> rows = options.rows;
  if (rows.empty()) {
    for (int r = 0; r < static_cast<int>(model.row_code.size()); ++r) rows.push_back(r);
  }
  std::vector<GovernmentGaps> out(rows.size());
  const int threads =
      std::min(options.threads, static_cast<int>(std::max<std::size_t>(rows.size(), 1)));
  std::exception_ptr error;
  std::mutex error_mutex;
  std::atomic<std::uint64_t> done{0};
  const auto work = [&](int thread) {
    try {
      GapsWorkspace workspace;
      for (std::size_t i = static_cast<std::size_t>(thread); i < rows.size();
           i += static_cast<std::size_t>(threads)) {
        out[i] = FindGaps(model, rows[i], workspace, options.award_eligible);
        const std::uint64_t now = ++done;
        // Thread 0 is the caller's: the callback never runs on a pool thread.
        if (thread == 0 && options.progress) options.progress(now, rows.size());
      }
    } catch (...) {
      const std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& t : pool) t.join();
  if (error) std::rethrow_exception(error);
  if (options.progress) options.progress(rows.size(), rows.size());
  return out;
}

}  // namespace jobaward
