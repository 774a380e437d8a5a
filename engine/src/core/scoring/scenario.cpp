// Applying a scenario's overrides to the cohort rules and rubrics (see scenario.hpp). Keys are
// checked against the catalogue of every settable key of the model (ScenarioKeys), so an unknown
// key gets a did-you-mean; values are checked per key; the points rule runs once per rubric after
// every override is read, so the order of point overrides does not matter.
#include "jobaward/scoring/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace jobaward {

namespace {

constexpr const char* kCohortsPrefix = "cohorts.";

std::string Num(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", v);
  return buffer;
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

std::vector<std::string> Split(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t dot = key.find('.', start);
    parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return parts;
    start = dot + 1;
  }
}

void AddRubricKeys(const Rubric& r, const CohortRules& rules, std::vector<std::string>& keys) {
  const std::string p = r.id + ".";
  keys.push_back(p + "total_points");
  for (int d = 0; d < kDomainCount; ++d) {
    keys.push_back(p + "domains." + ToString(static_cast<Domain>(d)) + ".points");
  }
  for (const Indicator& i : r.indicators) keys.push_back(p + "indicators." + i.id + ".points");
  for (const char* k : {"stage1_weight", "stage2_weight", "advance.top_n", "advance.top_share",
                        "advance.min_score"}) {
    keys.push_back(p + "stages." + k);
  }
  keys.push_back(p + "tie_break");
  for (const AwardLevel& l : r.levels) {
    const std::string level = p + "awards.levels." + l.id + ".";
    for (const char* k : {"count", "share", "rounding", "min_score", "prize_money"}) {
      keys.push_back(level + k);
    }
    for (const CohortRule& c : rules.cohorts)
      keys.push_back(level + "count_by_cohort." + c.cohort.id);
  }
  for (const NationalPrize& n : r.national_prizes) {
    keys.push_back(p + "awards.national." + n.id + ".count");
    keys.push_back(p + "awards.national." + n.id + ".prize_money");
  }
  for (const SpecialPrize& s : r.special_prizes) {
    keys.push_back(p + "awards.special." + s.id + ".count");
    keys.push_back(p + "awards.special." + s.id + ".prize_money");
  }
}

/// What the segment after `parts[0..depth)` names, for messages.
std::string SegmentKind(const std::vector<std::string>& parts, std::size_t depth) {
  if (depth == 0) return "rubric id (or 'cohorts')";
  const std::string& before = parts[depth - 1];
  if (depth == 1 && before == "cohorts") return "cohort parameter";
  if (depth == 2 && before == "indicators") return "indicator";
  if (depth == 2 && before == "domains") return "domain";
  if (depth == 3 && before == "levels") return "award level";
  if (depth == 3 && before == "national") return "national prize";
  if (depth == 3 && before == "special") return "special prize";
  if (before == "count_by_cohort") return "cohort id";
  std::string prefix;
  for (std::size_t s = 0; s < depth; ++s) prefix += parts[s] + ".";
  return "key after '" + prefix + "'";
}

/// "unknown key 'x', did you mean 'y'?" on the whole key; otherwise what is unknown in it (the
/// first segment that matches no key) and what is expected there.
std::string UnknownKeyMessage(const std::string& key, const std::vector<std::string>& keys) {
  const std::vector<std::string> parts = Split(key);
  const auto children = [&](std::size_t depth) {
    std::set<std::string> out;
    for (const auto& k : keys) {
      const std::vector<std::string> kp = Split(k);
      if (kp.size() <= depth) continue;
      bool prefix = true;
      for (std::size_t s = 0; s < depth && prefix; ++s) prefix = kp[s] == parts[s];
      if (prefix) out.insert(kp[depth]);
    }
    return std::vector<std::string>(out.begin(), out.end());
  };
  std::size_t known = 0;
  while (known < parts.size()) {
    const std::vector<std::string> here = children(known);
    if (std::find(here.begin(), here.end(), parts[known]) == here.end()) break;
    ++known;
  }
  const std::vector<std::string> next = children(known);
  if (known == parts.size()) {
    std::string list;
    for (const auto& n : next) list += (list.empty() ? "" : ", ") + n;
    return "'" + key + "' is not a whole key; it goes on with one of: " + list;
  }
  // A near miss of one segment: the whole key with that segment corrected.
  const std::string segment_hint = ClosestMatch(parts[known], next);
  if (!segment_hint.empty()) {
    std::string corrected;
    for (std::size_t s = 0; s < parts.size(); ++s) {
      corrected += (s > 0 ? "." : "") + (s == known ? segment_hint : parts[s]);
    }
    if (std::binary_search(keys.begin(), keys.end(), corrected)) {
      return "unknown key '" + key + "', did you mean '" + corrected + "'?";
    }
  }
  return UnknownNameMessage(SegmentKind(parts, known), parts[known], next);
}

std::vector<std::string> CommaList(const std::string& text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    std::string item =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) items.push_back(item);
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

struct Setting {
  double value = 0;
  SourceLocation where;
};

/// The point overrides of one rubric, applied together by ApplyPoints.
struct PointsPlan {
  std::map<std::size_t, Setting> indicators;  ///< Indicator index -> points.
  std::array<std::optional<Setting>, kDomainCount> domains;
  std::optional<Setting> total;
  [[nodiscard]] bool any() const {
    return !indicators.empty() || total ||
           std::any_of(domains.begin(), domains.end(), [](const auto& d) { return d.has_value(); });
  }
};

/// Scales `members` (points) by one factor so that they add up to `target`, given that `fixed`
/// points are already spoken for. Records an error when that cannot be done.
bool Rescale(std::vector<double*> members, double fixed, double target, const Setting& setting,
             const std::string& key, const std::string& what, DiagnosticSink& sink) {
  double free = 0;
  for (const double* m : members) free += *m;
  if (target + 1e-9 < fixed) {
    sink.Add(setting.where, key,
             "cannot give " + what + " " + Num(target) +
                 " points: the parts set explicitly already "
                 "have " +
                 Num(fixed));
    return false;
  }
  if (free <= 0) {
    if (Near(target, fixed)) return true;
    sink.Add(setting.where, key,
             "cannot give " + what + " " + Num(target) + " points: its parts set explicitly have " +
                 Num(fixed) + " and no other part has points to scale");
    return false;
  }
  for (double* m : members) *m = *m * (target - fixed) / free;
  return true;
}

void ApplyPoints(Rubric& r, const PointsPlan& plan, DiagnosticSink& sink) {
  const std::string prefix = r.id + ".";
  std::array<bool, kDomainCount> fixed_domain{};
  for (const auto& [index, s] : plan.indicators) {
    r.indicators[index].points = s.value;
    fixed_domain[static_cast<std::size_t>(r.indicators[index].domain)] = true;
  }
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    const Domain domain = static_cast<Domain>(d);
    double sum = 0;
    double fixed = 0;
    std::vector<double*> others;
    for (std::size_t i = 0; i < r.indicators.size(); ++i) {
      if (r.indicators[i].domain != domain) continue;
      sum += r.indicators[i].points;
      if (plan.indicators.count(i) != 0U) {
        fixed += r.indicators[i].points;
      } else {
        others.push_back(&r.indicators[i].points);
      }
    }
    if (!plan.domains[d]) {
      r.domains[d].points = sum;
      continue;
    }
    const Setting& s = *plan.domains[d];
    fixed_domain[d] = true;
    if (Rescale(others, fixed, s.value, s, prefix + "domains." + ToString(domain) + ".points",
                std::string("domain '") + ToString(domain) + "'", sink)) {
      r.domains[d].points = s.value;
      r.domains[d].where = s.where;
    }
  }
  if (!plan.total) {
    r.total_points = 0;
    for (const auto& d : r.domains) r.total_points += d.points;
    return;
  }
  double fixed = 0;
  std::vector<double*> free_domains;
  for (std::size_t d = 0; d < kDomainCount; ++d) {
    if (fixed_domain[d]) {
      fixed += r.domains[d].points;
    } else {
      free_domains.push_back(&r.domains[d].points);
    }
  }
  std::array<double, kDomainCount> before{};
  for (std::size_t d = 0; d < kDomainCount; ++d) before[d] = r.domains[d].points;
  if (!Rescale(free_domains, fixed, plan.total->value, *plan.total, prefix + "total_points",
               "the total", sink)) {
    return;
  }
  r.total_points = plan.total->value;
  for (Indicator& i : r.indicators) {
    const auto d = static_cast<std::size_t>(i.domain);
    if (!fixed_domain[d] && before[d] > 0) i.points = i.points * r.domains[d].points / before[d];
  }
}

class Applier {
 public:
  Applier(ScenarioModel& model, DiagnosticSink& sink)
      : model_(model),
        sink_(sink),
        keys_(ScenarioKeys(model)),
        plans_(model.rubrics.size()),
        touched_(model.rubrics.size(), false) {}

  void Apply(const Override& o) {
    if (!std::binary_search(keys_.begin(), keys_.end(), o.key)) {
      sink_.Add(o.where, o.key, UnknownKeyMessage(o.key, keys_));
      return;
    }
    if (o.key.starts_with(kCohortsPrefix)) {
      ApplyCohortParameter(o);
      return;
    }
    for (std::size_t k = 0; k < model_.rubrics.size(); ++k) {
      const std::string prefix = model_.rubrics[k].id + ".";
      if (!o.key.starts_with(prefix)) continue;
      touched_[k] = true;
      ApplyRubric(model_.rubrics[k], plans_[k], Split(o.key.substr(prefix.size())), o);
      return;
    }
  }

  void Finish() {
    for (std::size_t k = 0; k < model_.rubrics.size(); ++k) {
      if (!touched_[k]) continue;
      Rubric& r = model_.rubrics[k];
      const std::size_t before = sink_.size();
      if (plans_[k].any()) ApplyPoints(r, plans_[k], sink_);
      if (sink_.size() != before) continue;
      try {
        ValidateRubric(r);
      } catch (const InputError& e) {
        for (Diagnostic d : e.diagnostics()) {
          d.key = r.id + "." + d.key;
          d.message += " (after the scenario's overrides)";
          sink_.Add(std::move(d));
        }
      }
    }
  }

 private:
  void Error(const Override& o, const std::string& message) const {
    sink_.Add(o.where, o.key, message);
  }

  std::optional<double> Number(const Override& o, double min, bool min_open = false) const {
    if (o.value.is_list || !o.value.number) {
      Error(o, "expected a number, got " + Shown(o));
      return std::nullopt;
    }
    const double v = *o.value.number;
    if (min_open ? !(v > min) : !(v >= min)) {
      Error(o, "must be " + std::string(min_open ? "> " : ">= ") + Num(min) + ", got " + Num(v));
      return std::nullopt;
    }
    return v;
  }

  std::optional<int> Integer(const Override& o, int min) const {
    const auto v = Number(o, min);
    if (!v) return std::nullopt;
    if (*v != std::floor(*v) || *v > 1e9) {
      Error(o, "expected a whole number, got " + Num(*v));
      return std::nullopt;
    }
    return static_cast<int>(*v);
  }

  std::optional<double> Share(const Override& o) const {
    const auto v = Number(o, 0, true);
    if (v && *v > 1) {
      Error(o, "must be in (0, 1], got " + Num(*v));
      return std::nullopt;
    }
    return v;
  }

  static bool IsNone(const Override& o) { return !o.value.is_list && o.value.text == "none"; }

  static std::string Shown(const Override& o) {
    if (!o.value.is_list) return "'" + o.value.text + "'";
    std::string s;
    for (const auto& i : o.value.items) s += (s.empty() ? "" : ", ") + i;
    return "a list [" + s + "]";
  }

  /// Sets an optional member: `none` clears it, anything else is read by `read`.
  template <typename T, typename Read>
  void SetOptional(std::optional<T>& member, const Override& o, Read read) const {
    if (IsNone(o)) {
      member.reset();
    } else if (const auto v = read(o)) {
      member = static_cast<T>(*v);
    }
  }

  void ApplyCohortParameter(const Override& o) {
    const std::string name = o.key.substr(std::string(kCohortsPrefix).size());
    for (CohortParameter& p : model_.rules.parameters) {
      if (p.name != name) continue;
      if (o.value.is_list || !o.value.number) {
        Error(o, "expected a number, got " + Shown(o));
        return;
      }
      p.value = *o.value.number;
      p.where = o.where;
    }
  }

  void ApplyRubric(Rubric& r, PointsPlan& plan, const std::vector<std::string>& path,
                   const Override& o) {
    const std::string& head = path[0];
    if (head == "total_points") {
      if (const auto v = Number(o, 0, true)) plan.total = Setting{*v, o.where};
    } else if (head == "domains") {
      for (std::size_t d = 0; d < kDomainCount; ++d) {
        if (path[1] != ToString(static_cast<Domain>(d))) continue;
        if (const auto v = Number(o, 0)) plan.domains[d] = Setting{*v, o.where};
      }
    } else if (head == "indicators") {
      for (std::size_t i = 0; i < r.indicators.size(); ++i) {
        if (r.indicators[i].id != path[1]) continue;
        if (const auto v = Number(o, 0)) plan.indicators[i] = Setting{*v, o.where};
      }
    } else if (head == "stages") {
      ApplyStages(r.stages, path, o);
    } else if (head == "tie_break") {
      ApplyTieBreak(r, o);
    } else if (head == "awards") {
      ApplyAwards(r, path, o);
    }
  }

  void ApplyStages(StageRules& stages, const std::vector<std::string>& path,
                   const Override& o) const {
    if (path[1] == "stage1_weight" || path[1] == "stage2_weight") {
      if (const auto v = Number(o, 0)) {
        (path[1] == "stage1_weight" ? stages.stage1_weight : stages.stage2_weight) = *v;
        stages.where = o.where;
      }
      return;
    }
    AdvanceRule& a = stages.advance;
    a.where = o.where;
    if (path[2] == "top_n") {
      SetOptional(a.top_n, o, [this](const Override& x) { return Integer(x, 1); });
    } else if (path[2] == "top_share") {
      SetOptional(a.top_share, o, [this](const Override& x) { return Share(x); });
    } else {
      SetOptional(a.min_score, o, [this](const Override& x) {
        if (x.value.is_list || !x.value.number) {
          Error(x, "expected a number or none, got " + Shown(x));
          return std::optional<double>();
        }
        return x.value.number;
      });
    }
  }

  void ApplyTieBreak(Rubric& r, const Override& o) const {
    // On the command line a list may be written with commas: stage2,domain:outcome.
    const std::vector<std::string> items =
        o.value.is_list ? o.value.items : CommaList(o.value.text);
    std::vector<TieBreakKey> keys;
    bool ok = true;
    for (const auto& item : items) {
      auto key = ParseTieBreakKey(item);
      if (!key) {
        Error(o, "unknown tie-break key '" + item + "' (expected " + kTieBreakKeyForms + ")");
        ok = false;
        continue;
      }
      key->where = o.where;
      keys.push_back(*key);
    }
    if (ok) r.tie_break = std::move(keys);
  }

  void ApplyAwards(Rubric& r, const std::vector<std::string>& path, const Override& o) const {
    const std::string& list = path[1];
    const std::string& id = path[2];
    const std::string& field = path[3];
    if (list == "levels") {
      for (AwardLevel& l : r.levels) {
        if (l.id == id) ApplyLevel(l, path, o);
      }
      return;
    }
    auto apply_prize = [&](auto& prize) {
      if (prize.id != id) return;
      prize.where = o.where;
      if (field == "count") {
        if (const auto v = Integer(o, 1)) prize.count = *v;
      } else if (const auto v = Number(o, 0)) {
        prize.prize_money = *v;
      }
    };
    if (list == "national") {
      for (NationalPrize& n : r.national_prizes) apply_prize(n);
    } else {
      for (SpecialPrize& s : r.special_prizes) apply_prize(s);
    }
  }

  void ApplyLevel(AwardLevel& l, const std::vector<std::string>& path, const Override& o) const {
    const std::string& field = path[3];
    l.where = o.where;
    if (field == "count") {
      SetOptional(l.count, o, [this](const Override& x) { return Integer(x, 0); });
    } else if (field == "share") {
      SetOptional(l.share, o, [this](const Override& x) { return Share(x); });
    } else if (field == "min_score") {
      SetOptional(l.min_score, o, [this](const Override& x) {
        if (x.value.is_list || !x.value.number) {
          Error(x, "expected a number or none, got " + Shown(x));
          return std::optional<double>();
        }
        return x.value.number;
      });
    } else if (field == "prize_money") {
      if (const auto v = Number(o, 0)) l.prize_money = *v;
    } else if (field == "rounding") {
      const std::string& t = o.value.text;
      if (o.value.is_list || (t != "floor" && t != "ceil" && t != "nearest")) {
        Error(o, "expected floor, ceil or nearest, got " + Shown(o));
      } else {
        l.rounding = t == "floor"  ? Rounding::kFloor
                     : t == "ceil" ? Rounding::kCeil
                                   : Rounding::kNearest;
      }
    } else if (field == "count_by_cohort") {
      ApplyCohortCount(l, path[4], o);
    }
  }

  void ApplyCohortCount(AwardLevel& l, const std::string& cohort, const Override& o) const {
    auto it = std::find_if(l.count_by_cohort.begin(), l.count_by_cohort.end(),
                           [&](const auto& entry) { return entry.first == cohort; });
    if (IsNone(o)) {
      if (it != l.count_by_cohort.end()) l.count_by_cohort.erase(it);
      return;
    }
    const auto v = Integer(o, 0);
    if (!v) return;
    if (it != l.count_by_cohort.end()) {
      it->second = *v;
    } else {
      l.count_by_cohort.emplace_back(cohort, *v);
    }
  }

  ScenarioModel& model_;
  DiagnosticSink& sink_;
  std::vector<std::string> keys_;
  std::vector<PointsPlan> plans_;
  std::vector<bool> touched_;
};

}  // namespace

std::vector<std::string> ScenarioKeys(const ScenarioModel& model) {
  std::vector<std::string> keys;
  for (const CohortParameter& p : model.rules.parameters) keys.push_back(kCohortsPrefix + p.name);
  for (const Rubric& r : model.rubrics) AddRubricKeys(r, model.rules, keys);
  std::sort(keys.begin(), keys.end());
  return keys;
}

ScenarioModel ApplyOverrides(ScenarioModel model, std::span<const Override> overrides) {
  DiagnosticSink sink;
  Applier applier(model, sink);
  for (const Override& o : overrides) applier.Apply(o);
  applier.Finish();
  sink.ThrowIfAny();
  return model;
}

}  // namespace jobaward
