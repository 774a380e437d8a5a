// The walk along one lever (gaps_internal.hpp; the argument is in engine/docs/sensitivity.md,
// "What it takes").
//
// Who advances depends only on comparisons of stage-1 scores (an advanced against a
// non-advanced member, a score against the advance minimum); the ranking, levels and prizes
// depend, once the advance set is fixed, only on comparisons of final scores (members of the
// cohort with each other, with a level's minimum score, with the other cohorts' national prize
// contenders) and of special-prize keys. Each comparison is a *signal*: the difference of the
// two sides. The engine compares scores rounded to 1e-6, so a signal has three states: below
// -kBand, within the band (the rounded sides may be equal and the tie-break keys decide), above
// +kBand. Between two breakpoints of the plan every signal is monotone in t, so a signal in the
// same state at both ends of an interval is in it throughout, and each state change happens
// once. The walk finds, interval by interval, the earliest state change (interpolation with a
// bisection safeguard, every point evaluated on the pipeline) — first among the stage-1 signals,
// then among the final-score signals before it — checks the goals just past it and continues.
// A goal is always checked on the pipeline's own outcome, never on the signals; where it holds
// first inside a band it is found by bisection on the goal itself.
#include <algorithm>
#include <cmath>
#include <optional>

#include "jobaward/error.hpp"
#include "src/core/sensitivity/gaps_internal.hpp"

namespace jobaward::gaps_detail {
namespace {

// Two scores closer than this may compare equal after the engine's rounding to 1e-6 (|a - b| >=
// 1e-6 always keeps the order); with a margin for floating point.
constexpr double kBand = 1.5e-6;
constexpr int kMaxEvaluations = 200000;  // Per lever: a bug guard, far above any real walk.

struct Signal {
  enum class Kind { kStage1, kStage1Line, kFinal, kFinalLine, kNational, kSpecial, kSpecialTie };
  Kind kind = Kind::kFinal;
  int a = 0;
  int b = 0;
  double c = 0;
};

double Value(const Signal& s, const Snapshot& x, const CohortView& v) {
  const auto a = static_cast<std::size_t>(s.a);
  const auto b = static_cast<std::size_t>(s.b);
  switch (s.kind) {
    case Signal::Kind::kStage1:
      return x.stage1[a] - x.stage1[b];
    case Signal::Kind::kStage1Line:
      return x.stage1[a] - s.c;
    case Signal::Kind::kFinal:
      return x.final_score[a] - x.final_score[b];
    case Signal::Kind::kFinalLine:
      return x.final_score[a] - s.c;
    case Signal::Kind::kNational:
      return x.final_score[a] - v.national_final[b];
    case Signal::Kind::kSpecial:
      return x.special_key[a] - v.specials[a].other_keys[b];
    case Signal::Kind::kSpecialTie:
      return x.final_score[static_cast<std::size_t>(v.self)] - v.specials[a].tie_final[b];
  }
  return 0;
}

// -1 below the band, 0 within it, +1 above; NaN (inf - inf) is within.
int State(double v) { return v >= kBand ? 1 : (v <= -kBand ? -1 : 0); }

// Where a signal going from state `from` to state `to` first changes state (`first`) and where
// it reaches `to` (`last`), as fractions of [lo, hi] by linear interpolation.
struct Crossing {
  double first = 0.5;
  double last = 0.5;
};
Crossing Interpolate(double vl, double vh, int from, int to) {
  Crossing c;
  if (!std::isfinite(vl) || !std::isfinite(vh) || vl == vh) return c;
  const auto at = [&](double target) { return std::clamp((vl - target) / (vl - vh), 0.0, 1.0); };
  const double entry = from < 0 ? -kBand : (from > 0 ? kBand : (to > 0 ? kBand : -kBand));
  const double exit = to > 0 ? kBand : (to < 0 ? -kBand : entry);
  c.first = at(entry);
  c.last = at(exit);
  return c;
}

struct Event {
  double root = 0;   // Estimated t of the earliest state change.
  double slope = 0;  // |d signal / dt| of that signal.
  Snapshot lo;       // Last point before it (every signal in its state at the search start).
  Snapshot hi;       // First point after it.
  std::vector<Signal> signals;
  std::vector<int> changed;  // Signals whose state differs between lo and hi.
};

class Walker {
 public:
  Walker(const ScoringModel& model, const LeverPlan& plan, Probe& probe)
      : model_(model), plan_(plan), probe_(probe), view_(probe.view()) {}

  std::array<Found, kGapGoalCount> Run(const std::array<bool, kGapGoalCount>& wanted,
                                       int baseline_ladder, Snapshot& last);

 private:
  Snapshot At(double t) {
    Require(probe_.evaluations() < kMaxEvaluations, "gaps: walk does not terminate");
    return probe_.At(t);
  }
  [[nodiscard]] double Tolerance(double slope) const {
    if (plan_.lattice) return 1;
    const double floor = 1e-9 * plan_.scale;
    return slope > 0 && std::isfinite(slope) ? std::max(floor, 0.25 * kBand / slope) : floor;
  }

  std::vector<Signal> Stage1Signals(const Snapshot& ref) const;
  std::vector<Signal> FinalSignals(const Snapshot& ref) const;
  std::vector<int> Changed(const std::vector<Signal>& signals, const Snapshot& a,
                           const Snapshot& b) const;
  Event Refine(std::vector<Signal> signals, std::vector<int> changed, Snapshot lo, Snapshot hi,
               bool tight);
  void RefineToFinal(const Event& e, Snapshot& lo, Snapshot& hi);
  std::optional<Event> NextEvent(const Snapshot& cur, const Snapshot& hi);
  void CheckGoals(const Event* event, const Snapshot& after, const Snapshot& cur);
  std::vector<double> Chain() const;
  [[nodiscard]] bool AllFound() const;

  const ScoringModel& model_;
  const LeverPlan& plan_;
  Probe& probe_;
  const CohortView& view_;
  std::array<bool, kGapGoalCount> wanted_{};
  int baseline_ladder_ = 0;
  std::array<Found, kGapGoalCount> found_{};
  // The pending stage-1 event of the current interval and advance set.
  struct Stage1Cache {
    bool valid = false;
    double hi_t = 0;
    std::vector<char> advanced;
    std::optional<Event> event;
    Snapshot limit;  // Final-score signals are searched up to here.
  } stage1_;
};

std::vector<Signal> Walker::Stage1Signals(const Snapshot& ref) const {
  std::vector<Signal> out;
  const AdvanceRule& rule = model_.rubric.stages.advance;
  const auto n = static_cast<int>(ref.stage1.size());
  if (rule.top_n || rule.top_share) {
    for (int a = 0; a < n; ++a) {
      for (int b = a + 1; b < n; ++b) {
        if (ref.advanced[static_cast<std::size_t>(a)] != ref.advanced[static_cast<std::size_t>(b)])
          out.push_back({Signal::Kind::kStage1, a, b, 0});
      }
    }
  }
  if (rule.min_score) {
    for (int a = 0; a < n; ++a) out.push_back({Signal::Kind::kStage1Line, a, 0, *rule.min_score});
  }
  return out;
}

std::vector<Signal> Walker::FinalSignals(const Snapshot& ref) const {
  std::vector<Signal> out;
  const auto n = static_cast<int>(ref.final_score.size());
  const auto adv = [&](int q) { return ref.advanced[static_cast<std::size_t>(q)] != 0; };
  for (int a = 0; a < n; ++a) {
    for (int b = a + 1; b < n; ++b) {
      if (adv(a) != adv(b)) continue;  // Advanced members always rank first.
      if (a == view_.self || b == view_.self ||
          ref.place[static_cast<std::size_t>(a)] != ref.place[static_cast<std::size_t>(b)]) {
        out.push_back({Signal::Kind::kFinal, a, b, 0});
      }
    }
  }
  for (int a = 0; a < n; ++a) {
    if (!adv(a)) continue;
    for (const auto& level : model_.rubric.levels) {
      if (level.min_score) out.push_back({Signal::Kind::kFinalLine, a, 0, *level.min_score});
    }
    for (std::size_t b = 0; b < view_.national_final.size(); ++b) {
      out.push_back({Signal::Kind::kNational, a, static_cast<int>(b), 0});
    }
  }
  for (std::size_t p = 0; p < view_.specials.size(); ++p) {
    for (std::size_t b = 0; b < view_.specials[p].other_keys.size(); ++b) {
      out.push_back({Signal::Kind::kSpecial, static_cast<int>(p), static_cast<int>(b), 0});
    }
    for (std::size_t b = 0; b < view_.specials[p].tie_final.size(); ++b) {
      out.push_back({Signal::Kind::kSpecialTie, static_cast<int>(p), static_cast<int>(b), 0});
    }
  }
  return out;
}

std::vector<int> Walker::Changed(const std::vector<Signal>& signals, const Snapshot& a,
                                 const Snapshot& b) const {
  std::vector<int> out;
  for (std::size_t s = 0; s < signals.size(); ++s) {
    if (State(Value(signals[s], a, view_)) != State(Value(signals[s], b, view_)))
      out.push_back(static_cast<int>(s));
  }
  return out;
}

// Narrows [lo, hi] around the earliest state change of the `changed` signals: to the tolerance
// when `tight`, otherwise until one signal alone changes in it (where exactly matters only if a
// goal holds past it; CheckGoals then searches the goal itself).
Event Walker::Refine(std::vector<Signal> signals, std::vector<int> changed, Snapshot lo,
                     Snapshot hi, bool tight) {
  Event e;
  int last_side = 0;
  int same_side = 0;
  for (int iteration = 0;; ++iteration) {
    Require(iteration < 400, "gaps: refinement does not converge");
    const double width = hi.t - lo.t;
    // The earliest estimated state change; and where that signal reaches its final state.
    Crossing first{1, 1};
    double slope = 0;
    for (const int s : changed) {
      const Signal& sig = signals[static_cast<std::size_t>(s)];
      const double vl = Value(sig, lo, view_);
      const double vh = Value(sig, hi, view_);
      const Crossing c = Interpolate(vl, vh, State(vl), State(vh));
      const double sl = std::fabs(vh - vl) / width;
      if (c.first < first.first || (c.first == first.first && sl > slope)) {
        first = c;
        slope = sl;
      }
    }
    e.root = lo.t + first.first * width;
    e.slope = slope;
    const double tolerance = Tolerance(slope);
    if (width <= tolerance + 1e-12 * plan_.scale || (!tight && changed.size() == 1)) break;
    // Probe just past the estimate (loose: past where the signal settles, so that one probe
    // usually covers a whole crossing), or just before it when the bracket is open there; when
    // one end keeps moving, bisect.
    double u = (tight ? first.first : first.last) * width;
    if (same_side >= 2) u = width / 2;
    double t = 0;
    if (plan_.lattice) {
      double step = std::ceil(u - 1e-9);
      if (step >= width) step = width - 1;
      t = lo.t + std::max(step, 1.0);
    } else {
      t = lo.t + u + tolerance / 2;
      if (t >= hi.t - tolerance / 4) t = lo.t + u - tolerance / 2;
      t = std::clamp(t, lo.t + tolerance / 4, hi.t - tolerance / 4);
    }
    Snapshot m = At(t);
    std::vector<int> now;
    for (const int s : changed) {
      const Signal& sig = signals[static_cast<std::size_t>(s)];
      if (State(Value(sig, m, view_)) != State(Value(sig, lo, view_))) now.push_back(s);
    }
    const int side = now.empty() ? -1 : 1;
    if (now.empty()) {
      lo = std::move(m);
    } else {
      hi = std::move(m);
      changed = std::move(now);
    }
    same_side = side == last_side ? same_side + 1 : 1;
    last_side = side;
  }
  e.lo = std::move(lo);
  e.hi = std::move(hi);
  e.signals = std::move(signals);
  e.changed = std::move(changed);
  return e;
}

// Narrows [lo, hi] (inside the event's bracket) around where the event's changed signals reach
// the state they have at its upper end — out of their bands, for a crossing.
void Walker::RefineToFinal(const Event& e, Snapshot& lo, Snapshot& hi) {
  const auto settled = [&](const Snapshot& s) {
    for (const int c : e.changed) {
      const Signal& sig = e.signals[static_cast<std::size_t>(c)];
      if (State(Value(sig, s, view_)) != State(Value(sig, e.hi, view_))) return false;
    }
    return true;
  };
  int last_side = 0;
  int same_side = 0;
  for (int iteration = 0;; ++iteration) {
    Require(iteration < 400, "gaps: refinement does not converge");
    const double width = hi.t - lo.t;
    double last = 0;
    double slope = 0;
    for (const int c : e.changed) {
      const Signal& sig = e.signals[static_cast<std::size_t>(c)];
      const double vl = Value(sig, lo, view_);
      const double vh = Value(sig, hi, view_);
      last = std::max(last, Interpolate(vl, vh, State(vl), State(vh)).last);
      slope = std::max(slope, std::fabs(vh - vl) / width);
    }
    const double tolerance = Tolerance(slope);
    if (width <= tolerance + 1e-12 * plan_.scale) return;
    double t = 0;
    if (plan_.lattice) {
      double step = std::ceil((same_side >= 2 ? width / 2 : last * width) - 1e-9);
      if (step >= width) step = width - 1;
      t = lo.t + std::max(step, 1.0);
    } else {
      t = lo.t + (same_side >= 2 ? width / 2 : last * width) + tolerance / 2;
      if (t >= hi.t - tolerance / 4) t -= tolerance;
      t = std::clamp(t, lo.t + tolerance / 4, hi.t - tolerance / 4);
    }
    Snapshot m = At(t);
    const int side = settled(m) ? 1 : -1;
    (side > 0 ? hi : lo) = std::move(m);
    same_side = side == last_side ? same_side + 1 : 1;
    last_side = side;
  }
}

// The earliest change in (cur, hi]: stage-1 first (it moves the advance set and with it every
// final score), then the final-score signals before it, whose values are comparable only while
// the advance set is that of `cur`. The stage-1 event is refined tightly (the final-score search
// must reach just before it) and kept until the walk passes it.
std::optional<Event> Walker::NextEvent(const Snapshot& cur, const Snapshot& hi) {
  const bool cached = stage1_.valid && stage1_.hi_t == hi.t && stage1_.advanced == cur.advanced &&
                      stage1_.limit.t >= cur.t;
  if (!cached) {
    stage1_ = {};
    stage1_.valid = true;
    stage1_.hi_t = hi.t;
    stage1_.advanced = cur.advanced;
    stage1_.limit = hi;
    const std::vector<Signal> s1 = Stage1Signals(cur);
    std::vector<int> c1 = Changed(s1, cur, hi);
    if (!c1.empty()) {
      stage1_.event = Refine(s1, std::move(c1), cur, hi, true);
      // Out of the band of the stage-1 change (a tie at the cut-off would already move the
      // advance set), unless an unchanged signal moved it anyway.
      stage1_.limit = stage1_.event->lo;
      if (stage1_.limit.advanced != cur.advanced) stage1_.limit = cur;
    }
  }
  if (stage1_.limit.t > cur.t) {
    const std::vector<Signal> s2 = FinalSignals(cur);
    std::vector<int> c2 = Changed(s2, cur, stage1_.limit);
    if (!c2.empty()) return Refine(s2, std::move(c2), cur, stage1_.limit, false);
  }
  std::optional<Event> e = stage1_.event;
  stage1_.valid = false;  // Consumed: the walk moves past it.
  return e;
}

// A goal that holds at `after` but did not at `cur`: the first point in between where it holds.
// Usually the event's own bracket, narrowed to the tolerance, shows it (the goal does not hold
// at its lower end and holds at its upper end); otherwise bisection on the goal itself (it
// changes once across one crossing) finds it in the band past the bracket — or before it, when
// a comparison within its band turned without changing state.
void Walker::CheckGoals(const Event* event, const Snapshot& after, const Snapshot& cur) {
  // Brackets of the event, narrowed once for all goals: around its first state change, then
  // around where it settles.
  std::optional<Event> first;
  std::optional<std::pair<Snapshot, Snapshot>> settle;
  for (int k = 0; k < kGapGoalCount; ++k) {
    if (!wanted_[static_cast<std::size_t>(k)] || found_[static_cast<std::size_t>(k)].found)
      continue;
    const auto goal = static_cast<GapGoal>(k);
    if (!Holds(goal, after, baseline_ladder_)) continue;
    const auto holds = [&](const Snapshot& s) { return Holds(goal, s, baseline_ladder_); };
    const Snapshot* lo = &cur;
    const Snapshot* hi = &after;
    if (event != nullptr) {
      if (!first) first = Refine(event->signals, event->changed, event->lo, event->hi, true);
      if (holds(first->lo)) {
        hi = &first->lo;  // A comparison within its band turned before the event.
      } else if (holds(first->hi)) {
        lo = &first->lo;
        hi = &first->hi;
      } else {
        if (!settle) {
          settle.emplace(first->hi, after);
          RefineToFinal(*event, settle->first, settle->second);
        }
        if (holds(settle->first)) {
          lo = &first->hi;  // Within the band: bisect below.
          hi = &settle->first;
        } else if (holds(settle->second)) {
          lo = &settle->first;
          hi = &settle->second;
        } else {
          lo = &settle->second;
        }
      }
    }
    double a = lo->t;
    double b = hi->t;
    GapPosition at = hi->position;
    const double tolerance = Tolerance(event != nullptr ? event->slope : 0);
    while (b - a > tolerance + 1e-12 * plan_.scale) {
      const double mid = plan_.lattice ? std::floor((a + b) / 2) : (a + b) / 2;
      if (mid <= a || mid >= b) break;
      Snapshot m = At(mid);
      if (Holds(goal, m, baseline_ladder_)) {
        b = mid;
        at = m.position;
      } else {
        a = mid;
      }
    }
    found_[static_cast<std::size_t>(k)] = {true, b, a, plan_.lattice ? 0.0 : b - a, at};
  }
}

// The points the walk stops at: every breakpoint (a jump also just before and after it), and
// the end of the range.
std::vector<double> Walker::Chain() const {
  std::vector<double> chain;
  const double eps = plan_.lattice ? 1 : 1e-9 * plan_.scale;
  for (const Anchor& a : plan_.anchors) {
    if (a.jump) chain.push_back(a.t - eps);
    chain.push_back(a.t);
    if (a.jump) chain.push_back(a.t + eps);
  }
  chain.push_back(plan_.end);
  std::sort(chain.begin(), chain.end());
  std::vector<double> out;
  for (const double t : chain) {
    if (t > 0 && t <= plan_.end && (out.empty() || t > out.back())) out.push_back(t);
  }
  return out;
}

bool Walker::AllFound() const {
  for (int k = 0; k < kGapGoalCount; ++k) {
    if (wanted_[static_cast<std::size_t>(k)] && !found_[static_cast<std::size_t>(k)].found)
      return false;
  }
  return true;
}

std::array<Found, kGapGoalCount> Walker::Run(const std::array<bool, kGapGoalCount>& wanted,
                                             int baseline_ladder, Snapshot& last) {
  wanted_ = wanted;
  baseline_ladder_ = baseline_ladder;
  if (plan_.discrete) {
    double previous = 0;
    last = probe_.Baseline();
    for (const double t : plan_.steps) {
      last = At(t);
      for (int k = 0; k < kGapGoalCount; ++k) {
        Found& f = found_[static_cast<std::size_t>(k)];
        if (!wanted_[static_cast<std::size_t>(k)] || f.found ||
            !Holds(static_cast<GapGoal>(k), last, baseline_ladder_))
          continue;
        f = {true, t, previous, 0, last.position};
      }
      if (AllFound()) break;
      previous = t;
    }
    return found_;
  }
  Snapshot cur = probe_.Baseline();
  for (const double point : Chain()) {
    if (point <= cur.t) continue;
    Snapshot hi = At(point);
    while (cur.t < hi.t) {
      std::optional<Event> e = NextEvent(cur, hi);
      if (!e) break;
      const Snapshot after = e->hi;
      CheckGoals(&*e, after, cur);
      if (AllFound()) return found_;
      cur = after;
    }
    if (cur.t < hi.t) {
      // No state change up to the breakpoint; a comparison within its band may still have
      // turned.
      CheckGoals(nullptr, hi, cur);
      if (AllFound()) return found_;
      cur = std::move(hi);
    }
  }
  last = std::move(cur);
  return found_;
}

}  // namespace

std::array<Found, kGapGoalCount> Walk(const LeverPlan& plan, Probe& probe,
                                      const std::array<bool, kGapGoalCount>& wanted,
                                      int baseline_ladder, Snapshot& last) {
  Walker walker(probe.model(), plan, probe);
  return walker.Run(wanted, baseline_ladder, last);
}

}  // namespace jobaward::gaps_detail
