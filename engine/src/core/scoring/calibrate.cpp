// Calibrating the synthetic reports to the published facts (see calibrate.hpp for the method).
#include "jobaward/scoring/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "jobaward/scoring/award_plan.hpp"

namespace jobaward {

namespace {

// Bands of the latent (standard normal) for named winners, and the caps and floors of repairs.
constexpr double kNationalBand = 2.3;
constexpr double kFirstLevelBand = 1.5;
constexpr double kLevelBand = 0.8;
constexpr double kSpecialBandLow = 0.0;
constexpr double kSpecialBandHigh = 1.2;
constexpr double kBlockerCap = 1.0;
constexpr double kOverlapCap = 0.0;
constexpr double kOverlapFloor = 1.8;

std::uint64_t SplitMix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

// The latent a category follows: the one most of its rubric's fields follow.
Latent CategoryLatent(const Rubric& r) {
  int programme = 0;
  for (const auto& f : r.fields) programme += LatentOf(f.name) == Latent::kProgramme ? 1 : 0;
  return 2 * programme > static_cast<int>(r.fields.size()) ? Latent::kProgramme : Latent::kPolicy;
}

std::string Describe(const FactResult& r) {
  return r.statement + ": published " + r.published + ", the model gives " + r.model;
}

class Calibrator {
 public:
  Calibrator(const Registry& registry, const CohortMembership& cohorts,
             std::span<const Rubric> rubrics, const ReportSchema& schema,
             const PublishedFacts& facts, const SynthOptions& options)
      : registry_(registry),
        cohorts_(cohorts),
        rubrics_(rubrics),
        schema_(schema),
        facts_(facts),
        options_(options),
        n_(registry.size()),
        conditions_(n_),
        drawn_(n_),
        reports_(n_),
        dirty_(n_, 1),
        touched_(n_, 0) {
    for (const Rubric& r : rubrics) latent_.push_back(CategoryLatent(r));
    CheckFeasible();
    SetTargets();
  }

  CalibrationResult Run(const CalibrationOptions& calibration) {
    CalibrationResult out;
    for (int round = 1; round <= calibration.max_rounds; ++round) {
      out.rounds = round;
      Score();
      if (calibration.progress) {
        calibration.progress(static_cast<std::uint64_t>(round),
                             static_cast<std::uint64_t>(calibration.max_rounds));
      }
      std::vector<FactResult> checks = CheckFacts(facts_, View());
      if (round == 1) StopOnFixed(checks);
      const bool all_met =
          std::all_of(checks.begin(), checks.end(), [](const FactResult& r) { return r.met; });
      if (all_met) {
        out.reports = reports_;
        out.facts = std::move(checks);
        for (const auto& c : conditions_) out.conditioned += c == GovernmentCondition{} ? 0 : 1;
        return out;
      }
      round_ = static_cast<std::uint64_t>(round);
      std::fill(touched_.begin(), touched_.end(), 0);
      for (const FactResult& r : checks) {
        if (!r.met) Repair(*r.fact, r);
      }
      if (std::none_of(dirty_.begin(), dirty_.end(), [](char d) { return d != 0; })) {
        Fail(checks, "no government can be redrawn to meet it");
      }
      last_ = std::move(checks);
    }
    Fail(last_,
         "not met after " + std::to_string(calibration.max_rounds) + " rounds of calibration");
    return out;
  }

 private:
  // --- Setup ------------------------------------------------------------------------------

  int Category(const std::string& category) const {
    for (std::size_t c = 0; c < rubrics_.size(); ++c) {
      if (rubrics_[c].category == category) return static_cast<int>(c);
    }
    return -1;
  }

  [[noreturn]] void Throw(const PublishedFact& f, const std::string& message) const {
    throw InputError(Diagnostic{f.where, "facts." + f.id, message, {}});
  }

  // Facts about a category that is not in the run, or a winner in a cohort it is not in, can
  // never be met: say so before drawing anything.
  void CheckFeasible() const {
    for (const PublishedFact& f : facts_.facts) {
      const bool names_category =
          f.kind == FactKind::kWinner || f.kind == FactKind::kPrizeMoney || !f.category.empty();
      if (names_category && !f.category.empty() && Category(f.category) < 0) {
        Throw(f, "cannot be met: category '" + f.category + "' is not in this run");
      }
      if (f.kind == FactKind::kWinner && !f.cohort.empty()) {
        const auto index = registry_.IndexOf(f.government);
        const int cohort = index ? cohorts_.cohort_of[*index] : -1;
        const bool same =
            cohort >= 0 && (cohorts_.labels[static_cast<std::size_t>(cohort)] == f.cohort ||
                            cohorts_.ids[static_cast<std::size_t>(cohort)] == f.cohort);
        if (!same) {
          Throw(f, "cannot be met: government " + GovernmentLabel(registry_, f.government) +
                       " is in cohort " +
                       (cohort >= 0 ? cohorts_.labels[static_cast<std::size_t>(cohort)] : "none") +
                       ", not " + f.cohort + " (the cohort rules decide it, not the reports)");
        }
      }
    }
  }

  void StopOnFixed(const std::vector<FactResult>& checks) const {
    for (const FactResult& r : checks) {
      if (!r.met && !r.depends_on_reports) {
        Throw(*r.fact, "cannot be met by any reports: " + Describe(r) +
                           " (it depends only on the registry, the cohort rules and the rubrics)");
      }
    }
  }

  // Named winners start in their award's band of their category's latent.
  void SetTargets() {
    targets_.assign(rubrics_.size(), std::vector<const PublishedFact*>(n_, nullptr));
    for (const PublishedFact& f : facts_.facts) {
      if (f.kind != FactKind::kWinner) continue;
      const int c = Category(f.category);
      const auto index = registry_.IndexOf(f.government);
      if (c < 0 || !index) continue;
      targets_[static_cast<std::size_t>(c)][*index] = &f;
      const Rubric& r = rubrics_[static_cast<std::size_t>(c)];
      const std::string& award = f.awards.front();
      double lo = kLevelBand, hi = kFirstLevelBand;
      for (const auto& p : r.national_prizes) {
        if (p.id == award) lo = kNationalBand, hi = HUGE_VAL;
      }
      if (r.LevelIndex(award) == 0) lo = kFirstLevelBand, hi = kNationalBand;
      for (const auto& p : r.special_prizes) {
        if (p.id == award) lo = kSpecialBandLow, hi = kSpecialBandHigh;
      }
      LatentCondition& cond = Condition(*index, latent_[static_cast<std::size_t>(c)]);
      cond.min = lo;
      cond.max = hi;
      std::string& note = conditions_[*index].note;
      note += std::string(note.empty() ? "conditioned on the published result: " : ", ") +
              AwardName(r, award) + " (" + r.name_ko + ")";
    }
  }

  static std::string AwardName(const Rubric& r, const std::string& id) {
    for (const auto& p : r.national_prizes) {
      if (p.id == id) return p.name_ko;
    }
    for (const auto& l : r.levels) {
      if (l.id == id) return l.name_ko;
    }
    for (const auto& p : r.special_prizes) {
      if (p.id == id) return p.name_ko;
    }
    return id;
  }

  // --- Scoring ----------------------------------------------------------------------------

  void Score() {
    for (std::size_t g = 0; g < n_; ++g) {
      if (dirty_[g] == 0) continue;
      reports_[g] = SynthesizeReport(registry_[g], schema_, options_, conditions_[g], &drawn_[g]);
      dirty_[g] = 0;
    }
    models_.clear();
    for (const Rubric& r : rubrics_) models_.push_back(Compile(r, registry_, cohorts_, reports_));
    results_ = ScoreAward(models_, Detail::kPoints);
    // Per category: registry index -> row.
    rows_.assign(rubrics_.size(), std::vector<int>(n_, -1));
    for (std::size_t c = 0; c < models_.size(); ++c) {
      for (std::size_t row = 0; row < models_[c].row_government.size(); ++row) {
        rows_[c][models_[c].row_government[row]] = static_cast<int>(row);
      }
    }
  }

  ModelView View() const { return ModelView{registry_, cohorts_, rubrics_, results_}; }

  const GovernmentScore* Row(std::size_t c, std::size_t g) const {
    const int row = rows_[c][g];
    return row < 0 ? nullptr : &results_[c].governments[static_cast<std::size_t>(row)];
  }

  static bool HoldsAny(const GovernmentScore& g) {
    return !g.award_id.empty() || !g.special_id.empty();
  }

  // --- Repairs ----------------------------------------------------------------------------

  LatentCondition& Condition(std::size_t g, Latent latent) {
    return latent == Latent::kPolicy ? conditions_[g].policy : conditions_[g].programme;
  }
  std::uint64_t DrawnAttempt(std::size_t g, Latent latent) const {
    return latent == Latent::kPolicy ? drawn_[g].policy_attempt : drawn_[g].programme_attempt;
  }
  bool IsTarget(std::size_t c, std::size_t g) const { return targets_[c][g] != nullptr; }
  bool IsTargetAnywhere(std::size_t g) const {
    return std::any_of(targets_.begin(), targets_.end(),
                       [&](const auto& t) { return t[g] != nullptr; });
  }

  // The next draw of `g`'s latent, with its interval intersected with [min, max].
  void Redraw(std::size_t g, Latent latent, double min = -HUGE_VAL, double max = HUGE_VAL) {
    if (touched_[g] != 0) return;
    touched_[g] = 1;
    LatentCondition& c = Condition(g, latent);
    c.min = std::max(c.min, min);
    c.max = std::min(c.max, max);
    if (c.min > c.max) c.max = HUGE_VAL;  // A floor above an old cap: the floor wins.
    c.attempt = DrawnAttempt(g, latent) + 1;
    dirty_[g] = 1;
  }
  void Lower(std::size_t c, std::size_t g, double cap) {
    if (!IsTarget(c, g)) Redraw(g, latent_[c], -HUGE_VAL, cap);
  }

  void Repair(const PublishedFact& f, const FactResult& r) {
    switch (f.kind) {
      case FactKind::kWinner:
        RepairWinner(f);
        break;
      case FactKind::kOnlyWinnerInGroup:
        RepairOnlyWinner(f);
        break;
      case FactKind::kCount:
        RepairCount(f, r);
        break;
      default:
        break;  // Fixed facts were checked in round 1.
    }
  }

  void RepairWinner(const PublishedFact& f) {
    const auto c = static_cast<std::size_t>(Category(f.category));
    const std::size_t x = *registry_.IndexOf(f.government);
    const Rubric& rubric = rubrics_[c];
    const Latent latent = latent_[c];
    const GovernmentScore* gx = Row(c, x);
    if (gx == nullptr) return;
    const std::string& award = f.awards.front();
    int special = -1;
    for (std::size_t s = 0; s < rubric.special_prizes.size(); ++s) {
      if (rubric.special_prizes[s].id == award) special = static_cast<int>(s);
    }
    if (special >= 0) {
      // Too good, not advanced or not among the best of the prize's indicator: redraw in band.
      Redraw(x, latent);
      return;
    }
    int national = -1;
    for (std::size_t p = 0; p < rubric.national_prizes.size(); ++p) {
      if (rubric.national_prizes[p].id == award) national = static_cast<int>(p);
    }
    const int need =
        national >= 0 ? rubric.LevelIndex(
                            rubric.national_prizes[static_cast<std::size_t>(national)].from_level)
                      : rubric.LevelIndex(award);
    const int held = HeldLevel(rubric, *gx);
    if (held < 0 || held > need) {
      // Not high enough: whoever takes the places above it in its cohort, unless named.
      bool blocked = false;
      for (std::size_t g = 0; g < n_; ++g) {
        const GovernmentScore* other = Row(c, g);
        if (other == nullptr || other->cohort != gx->cohort || other->rank >= gx->rank) continue;
        const int level = HeldLevel(rubric, *other);
        if (level < 0 || level > need || IsTarget(c, g)) continue;
        Lower(c, g, kBlockerCap);
        blocked = true;
      }
      if (!blocked) Redraw(x, latent);
      return;
    }
    if (national < 0) {
      Redraw(x, latent);  // A better level, or a national prize taken from this one.
      return;
    }
    // It holds the level the prize comes from (or another national prize): the holders of the
    // prize are in the way, unless named; then it must draw again.
    bool blocked = false;
    for (std::size_t g = 0; g < n_; ++g) {
      const GovernmentScore* other = Row(c, g);
      if (other == nullptr || other->award_id != award || IsTarget(c, g)) continue;
      Lower(c, g, kBlockerCap);
      blocked = true;
    }
    if (!blocked) Redraw(x, latent);
  }

  // The cohort level a government holds, counting a national prize as its from_level; -1.
  static int HeldLevel(const Rubric& r, const GovernmentScore& g) {
    if (g.award_id.empty()) return -1;
    for (const auto& p : r.national_prizes) {
      if (p.id == g.award_id) return r.LevelIndex(p.from_level);
    }
    return r.LevelIndex(g.award_id);
  }

  std::vector<char> GroupMask(const PublishedFact& f) const {
    std::vector<char> mask(n_, 1);
    if (!f.group.condition) return mask;
    const std::vector<Value> values = f.group.condition->EvaluateAll(registry_, {});
    for (std::size_t i = 0; i < n_; ++i) mask[i] = values[i].boolean ? 1 : 0;
    return mask;
  }

  void RepairOnlyWinner(const PublishedFact& f) {
    const std::vector<char> group = GroupMask(f);
    const std::size_t x = *registry_.IndexOf(f.government);
    bool x_holds = false;
    for (std::size_t c = 0; c < rubrics_.size(); ++c) {
      if (!f.category.empty() && rubrics_[c].category != f.category) continue;
      for (std::size_t g = 0; g < n_; ++g) {
        const GovernmentScore* row = Row(c, g);
        if (row == nullptr || group[g] == 0) continue;
        const bool holds = std::any_of(f.awards.begin(), f.awards.end(), [&](const auto& a) {
          return row->award_id == a || row->special_id == a;
        });
        if (!holds) continue;
        if (g == x) {
          x_holds = true;
        } else {
          Lower(c, g, kBlockerCap);
        }
      }
    }
    if (!x_holds && !IsTargetAnywhere(x)) {
      const std::size_t c = f.category.empty() ? 0 : static_cast<std::size_t>(Category(f.category));
      Redraw(x, latent_[c], kFirstLevelBand, kNationalBand);
    }
  }

  // Seeded order of candidates, so that the same seed makes the same choices.
  void SeededOrder(std::vector<std::size_t>& candidates) const {
    const auto key = [&](std::size_t g) {
      return SplitMix(options_.seed ^ SplitMix(round_ * 0x100000001B3ULL + g));
    };
    std::sort(candidates.begin(), candidates.end(),
              [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  }

  void RepairCount(const PublishedFact& f, const FactResult& r) {
    if (f.count_of == CountOf::kAwards) {
      // The quotas fix the counts; only a tie at a last place can move them: redraw the tied.
      bool tied = false;
      for (std::size_t c = 0; c < results_.size(); ++c) {
        for (std::size_t g = 0; g < n_; ++g) {
          const GovernmentScore* row = Row(c, g);
          if (row != nullptr && row->tied && !IsTarget(c, g)) {
            Redraw(g, latent_[c]);
            tied = true;
          }
        }
      }
      if (!tied) {
        Throw(f, "cannot be met by any reports: " + Describe(r) +
                     " (without a tie the rubrics' quotas fix the number of awards)");
      }
      return;
    }
    if (f.count_of != CountOf::kAwardedGovernments || rubrics_.size() < 2) return;
    // Governments with awards in more than one category: move the last category's awards
    // (in the order the categories are evaluated) onto or off governments awarded before.
    const AwardPlan plan(models_);
    const std::size_t last = plan.order().back();
    std::vector<int> categories_held(n_, 0);
    for (std::size_t c = 0; c < results_.size(); ++c) {
      for (std::size_t g = 0; g < n_; ++g) {
        const GovernmentScore* row = Row(c, g);
        if (row != nullptr && HoldsAny(*row)) ++categories_held[g];
      }
    }
    const double model = std::stod(r.model);
    std::vector<std::size_t> candidates;
    if (model < f.value) {
      // Too many governments with two awards: the last category's award moves elsewhere.
      for (std::size_t g = 0; g < n_; ++g) {
        if (categories_held[g] > 1 && !IsTarget(last, g)) candidates.push_back(g);
      }
      SeededOrder(candidates);
      const auto want = static_cast<std::size_t>(f.value - model);
      for (std::size_t k = 0; k < std::min(want, candidates.size()); ++k) {
        Lower(last, candidates[k], kOverlapCap);
      }
    } else {
      // Too few: a government awarded elsewhere, eligible here, gets a better draw here.
      std::vector<char> protected_groups(n_, 0);
      for (const PublishedFact& other : facts_.facts) {
        if (other.kind != FactKind::kOnlyWinnerInGroup) continue;
        const std::vector<char> group = GroupMask(other);
        for (std::size_t g = 0; g < n_; ++g) {
          if (group[g] != 0) protected_groups[g] = 1;
        }
      }
      for (std::size_t g = 0; g < n_; ++g) {
        const GovernmentScore* here = Row(last, g);
        if (here == nullptr || HoldsAny(*here) || here->excluded || categories_held[g] == 0 ||
            protected_groups[g] != 0 || IsTargetAnywhere(g)) {
          continue;
        }
        candidates.push_back(g);
      }
      SeededOrder(candidates);
      const auto want = static_cast<std::size_t>(model - f.value);
      for (std::size_t k = 0; k < std::min(want, candidates.size()); ++k) {
        Redraw(candidates[k], latent_[last], kOverlapFloor, HUGE_VAL);
      }
    }
  }

  [[noreturn]] void Fail(const std::vector<FactResult>& checks, const std::string& why) const {
    std::vector<Diagnostic> all;
    for (const FactResult& r : checks) {
      if (r.met) continue;
      all.push_back(Diagnostic{r.fact->where, "facts." + r.fact->id, why + ": " + Describe(r), {}});
    }
    if (all.empty()) throw InternalError("Calibrate: failing without an unmet fact");
    throw InputError(std::move(all));
  }

  const Registry& registry_;
  const CohortMembership& cohorts_;
  std::span<const Rubric> rubrics_;
  const ReportSchema& schema_;
  const PublishedFacts& facts_;
  const SynthOptions& options_;
  std::size_t n_;
  std::vector<Latent> latent_;  // Per category.
  std::vector<GovernmentCondition> conditions_;
  std::vector<DrawnLatents> drawn_;
  std::vector<Report> reports_;
  std::vector<char> dirty_;
  std::vector<char> touched_;
  std::vector<std::vector<const PublishedFact*>> targets_;  // Per category, per registry index.
  std::vector<ScoringModel> models_;
  std::vector<ScoreResult> results_;
  std::vector<std::vector<int>> rows_;
  std::vector<FactResult> last_;
  std::uint64_t round_ = 0;
};

}  // namespace

CalibrationResult Calibrate(const Registry& registry, const CohortMembership& cohorts,
                            std::span<const Rubric> rubrics, const ReportSchema& schema,
                            const PublishedFacts& facts, const SynthOptions& options,
                            const CalibrationOptions& calibration) {
  Require(!rubrics.empty(), "Calibrate: no rubric");
  Calibrator calibrator(registry, cohorts, rubrics, schema, facts, options);
  return calibrator.Run(calibration);
}

}  // namespace jobaward
