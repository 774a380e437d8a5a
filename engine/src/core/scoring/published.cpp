// Checking published facts against the model's result (see published.hpp).
#include "jobaward/scoring/published.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "jobaward/cohorts/government_names.hpp"

namespace jobaward {

namespace {

const std::vector<std::string> kKindNames = {
    "winner", "count", "prize_money", "only_winner_in_group", "cohort_of", "most_in_cohort"};

std::string Integer(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.0f", v);
  return buffer;
}

// "11530 구로구", "31140 울산 남구": the code and the name every output shows
// (government_names.hpp).
std::string Labelled(const Registry& registry, const DisplayNames& names, const std::string& code) {
  const auto index = registry.IndexOf(code);
  return index ? code + " " + names.ko[*index] : code;
}

// The run's view of one category: its rubric and result.
struct Category {
  const Rubric* rubric = nullptr;
  const ScoreResult* result = nullptr;
};

class Checker {
 public:
  explicit Checker(const ModelView& m) : m_(m), names_(MakeDisplayNames(m.registry)) {
    for (std::size_t c = 0; c < m.rubrics.size(); ++c) {
      categories_.push_back({&m.rubrics[c], &m.results[c]});
    }
  }

  FactResult Check(const PublishedFact& f) {
    FactResult r;
    r.fact = &f;
    switch (f.kind) {
      case FactKind::kWinner:
        Winner(f, r);
        break;
      case FactKind::kCount:
        Count(f, r);
        break;
      case FactKind::kPrizeMoney:
        PrizeMoney(f, r);
        break;
      case FactKind::kOnlyWinnerInGroup:
        OnlyWinner(f, r);
        break;
      case FactKind::kCohortOf:
        CohortOf(f, r);
        break;
      case FactKind::kMostInCohort:
        MostInCohort(f, r);
        break;
    }
    return r;
  }

 private:
  const Category* Find(const std::string& category) const {
    for (const auto& c : categories_) {
      if (c.rubric->category == category) return &c;
    }
    return nullptr;
  }

  // The award's Korean name; InputError with a did-you-mean when the category lacks it.
  std::string AwardName(const PublishedFact& f, const Rubric& r, const std::string& id) const {
    for (const auto& p : r.national_prizes) {
      if (p.id == id) return p.name_ko;
    }
    for (const auto& l : r.levels) {
      if (l.id == id) return l.name_ko;
    }
    for (const auto& p : r.special_prizes) {
      if (p.id == id) return p.name_ko;
    }
    std::vector<std::string> ids;
    for (const auto& p : r.national_prizes) ids.push_back(p.id);
    for (const auto& l : r.levels) ids.push_back(l.id);
    for (const auto& p : r.special_prizes) ids.push_back(p.id);
    throw InputError(Diagnostic{
        f.where,
        "facts." + f.id + ".award",
        "category '" + r.category + "' (" + r.id + "): " + UnknownNameMessage("award", id, ids),
        {}});
  }

  // The cohort index of a letter or id; InputError with a did-you-mean when unknown.
  int CohortIndex(const PublishedFact& f) const {
    for (std::size_t c = 0; c < m_.cohorts.labels.size(); ++c) {
      if (m_.cohorts.labels[c] == f.cohort || m_.cohorts.ids[c] == f.cohort) {
        return static_cast<int>(c);
      }
    }
    throw InputError(Diagnostic{f.where,
                                "facts." + f.id + ".cohort",
                                UnknownNameMessage("cohort", f.cohort, m_.cohorts.labels),
                                {}});
  }

  std::string Label(const std::string& code) const { return Labelled(m_.registry, names_, code); }

  static bool Holds(const GovernmentScore& g, const std::string& award) {
    return g.award_id == award || g.special_id == award;
  }

  static std::string Place(const GovernmentScore& g) {
    std::string award = g.award_name_ko;
    if (!g.special_name_ko.empty()) award += (award.empty() ? "" : " + ") + g.special_name_ko;
    if (award.empty()) award = "수상 없음";
    return award + " (" + g.cohort_label + " " + std::to_string(g.rank) + "/" +
           std::to_string(g.cohort_size) + "위" + (g.advanced ? "" : ", 2차 미진출") +
           (g.excluded ? ", 다른 부문 수상으로 제외" : "") + ")";
  }

  std::string Holders(const ScoreResult& result, const std::string& award, int cohort) const {
    std::string out;
    for (const auto& g : result.governments) {
      if (!Holds(g, award) || (cohort >= 0 && g.cohort != cohort)) continue;
      out += (out.empty() ? "" : ", ") + Label(g.code);
    }
    return out.empty() ? "없음" : out;
  }

  void Winner(const PublishedFact& f, FactResult& r) {
    const std::string& award = f.awards.front();
    const Category* c = Find(f.category);
    const int cohort = f.cohort.empty() ? -1 : CohortIndex(f);
    std::string where =
        f.cohort.empty() ? "" : ", " + m_.cohorts.labels[static_cast<std::size_t>(cohort)] + "군";
    r.published = Label(f.government);
    if (c == nullptr) {
      r.statement = award + " (" + f.category + where + ")";
      r.model = "category '" + f.category + "' is not in this run";
      return;
    }
    const std::string name = AwardName(f, *c->rubric, award);
    r.statement = name + " (" + c->rubric->name_ko + where + ")";
    const GovernmentScore* g = Row(*c->result, f.government);
    if (g == nullptr) {
      r.model = Label(f.government) + ": no report";
      return;
    }
    r.met = Holds(*g, award) && (cohort < 0 || g->cohort == cohort);
    // Who holds it instead: in the fact's cohort, or for a cohort level in the government's.
    const bool level = c->rubric->LevelIndex(award) >= 0;
    const int among = cohort >= 0 ? cohort : (level ? g->cohort : -1);
    r.model = r.met ? Label(f.government)
                    : Label(f.government) + ": " + Place(*g) + "; " + name +
                          (among >= 0 && cohort < 0
                               ? " (" + m_.cohorts.labels[static_cast<std::size_t>(among)] + ")"
                               : "") +
                          ": " + Holders(*c->result, award, among);
  }

  static const GovernmentScore* Row(const ScoreResult& result, const std::string& code) {
    for (const auto& g : result.governments) {
      if (g.code == code) return &g;
    }
    return nullptr;
  }

  std::vector<char> GroupMask(const PublishedFact& f) const {
    std::vector<char> mask(m_.registry.size(), 1);
    if (!f.group.condition) return mask;
    const std::vector<Value> values = f.group.condition->EvaluateAll(m_.registry, {});
    for (std::size_t i = 0; i < values.size(); ++i) mask[i] = values[i].boolean ? 1 : 0;
    return mask;
  }

  void Count(const PublishedFact& f, FactResult& r) {
    r.published = Integer(f.value);
    double n = 0;
    switch (f.count_of) {
      case CountOf::kAwards: {
        r.statement = "수상 수";
        std::vector<const Category*> in;
        if (f.category.empty()) {
          for (const auto& c : categories_) in.push_back(&c);
        } else {
          in.push_back(Find(f.category));
          if (in.back() == nullptr) {
            r.statement += " (" + f.category + ")";
            r.model = "category '" + f.category + "' is not in this run";
            return;
          }
          r.statement += " (" + in.back()->rubric->name_ko + ")";
        }
        const std::string award = f.awards.empty() ? "" : f.awards.front();
        if (!award.empty()) {
          r.statement += ": " + AwardName(f, *in.front()->rubric, award);
        }
        for (const Category* c : in) {
          for (const auto& g : c->result->governments) {
            if (award.empty()) {
              n += (g.award_id.empty() ? 0 : 1) + (g.special_id.empty() ? 0 : 1);
            } else {
              n += Holds(g, award) ? 1 : 0;
            }
          }
        }
        break;
      }
      case CountOf::kAwardedGovernments: {
        r.statement = "수상 자치단체 수";
        std::set<std::string> codes;
        for (const auto& c : categories_) {
          if (!f.category.empty() && c.rubric->category != f.category) continue;
          for (const auto& g : c.result->governments) {
            if (!g.award_id.empty() || !g.special_id.empty()) codes.insert(g.code);
          }
        }
        n = static_cast<double>(codes.size());
        break;
      }
      case CountOf::kGovernments: {
        r.depends_on_reports = false;
        r.statement = "자치단체 수" + (f.group.name_ko.empty() ? "" : " (" + f.group.name_ko + ")");
        for (const char in : GroupMask(f)) n += in;
        break;
      }
      case CountOf::kCohorts:
        r.depends_on_reports = false;
        r.statement = "평가군 수";
        n = static_cast<double>(m_.cohorts.labels.size());
        break;
    }
    r.model = Integer(n);
    r.met = n == f.value;
  }

  void PrizeMoney(const PublishedFact& f, FactResult& r) {
    r.depends_on_reports = false;
    r.published = Integer(f.value);
    const Category* c = Find(f.category);
    const std::string& award = f.awards.front();
    if (c == nullptr) {
      r.statement = "상금 " + award + " (" + f.category + ")";
      r.model = "category '" + f.category + "' is not in this run";
      return;
    }
    r.statement = "상금: " + AwardName(f, *c->rubric, award) + " (" + c->rubric->name_ko + ")";
    double money = 0;
    for (const auto& p : c->rubric->national_prizes) {
      if (p.id == award) money = p.prize_money;
    }
    for (const auto& l : c->rubric->levels) {
      if (l.id == award) money = l.prize_money;
    }
    for (const auto& p : c->rubric->special_prizes) {
      if (p.id == award) money = p.prize_money;
    }
    r.model = Integer(money);
    r.met = money == f.value;
  }

  void OnlyWinner(const PublishedFact& f, FactResult& r) {
    const std::vector<char> in_group = GroupMask(f);
    std::string names;
    std::vector<const Category*> in;
    for (const auto& c : categories_) {
      if (f.category.empty() || c.rubric->category == f.category) in.push_back(&c);
    }
    for (const std::string& award : f.awards) {
      std::string name = award;
      for (const Category* c : in) {
        if (c->rubric->HasAward(award)) name = AwardName(f, *c->rubric, award);
      }
      if (std::none_of(in.begin(), in.end(),
                       [&](const Category* c) { return c->rubric->HasAward(award); })) {
        if (!in.empty()) (void)AwardName(f, *in.front()->rubric, award);  // Throws.
      }
      names += (names.empty() ? "" : "/") + name;
    }
    r.statement =
        f.group.name_ko + " 중 유일한 " + names +
        (f.category.empty() ? ""
                            : " (" + (in.empty() ? f.category : in.front()->rubric->name_ko) + ")");
    r.published = Label(f.government);
    std::set<std::string> holders;
    for (const Category* c : in) {
      for (const auto& g : c->result->governments) {
        const auto index = m_.registry.IndexOf(g.code);
        if (!index || in_group[*index] == 0) continue;
        for (const std::string& award : f.awards) {
          if (Holds(g, award)) holders.insert(g.code);
        }
      }
    }
    std::string list;
    for (const auto& code : holders) list += (list.empty() ? "" : ", ") + Label(code);
    r.model = list.empty() ? "없음" : list;
    r.met = holders.size() == 1 && *holders.begin() == f.government;
  }

  void CohortOf(const PublishedFact& f, FactResult& r) {
    r.depends_on_reports = false;
    const int cohort = CohortIndex(f);
    r.statement = "평가군: " + Label(f.government);
    r.published = m_.cohorts.labels[static_cast<std::size_t>(cohort)];
    const auto index = m_.registry.IndexOf(f.government);
    const int actual = index ? m_.cohorts.cohort_of[*index] : -1;
    r.model = actual >= 0 ? m_.cohorts.labels[static_cast<std::size_t>(actual)] : "없음";
    r.met = actual == cohort;
  }

  void MostInCohort(const PublishedFact& f, FactResult& r) {
    r.depends_on_reports = false;
    const int cohort = CohortIndex(f);
    r.statement = f.group.name_ko + "가 가장 많은 평가군";
    r.published = m_.cohorts.labels[static_cast<std::size_t>(cohort)];
    const std::vector<char> in_group = GroupMask(f);
    std::vector<int> count(m_.cohorts.labels.size(), 0);
    for (std::size_t i = 0; i < in_group.size(); ++i) {
      const int c = m_.cohorts.cohort_of[i];
      if (in_group[i] != 0 && c >= 0) ++count[static_cast<std::size_t>(c)];
    }
    const int best = *std::max_element(count.begin(), count.end());
    std::string leaders;
    int leader_count = 0;
    for (std::size_t c = 0; c < count.size(); ++c) {
      if (count[c] != best) continue;
      leaders += (leaders.empty() ? "" : ", ") + m_.cohorts.labels[c];
      ++leader_count;
    }
    r.model = leaders + " (" + std::to_string(best) + "/" +
              std::to_string(std::count(in_group.begin(), in_group.end(), 1)) + ")";
    r.met = leader_count == 1 && count[static_cast<std::size_t>(cohort)] == best;
  }

  const ModelView& m_;
  std::vector<Category> categories_;
  DisplayNames names_;
};

}  // namespace

const char* ToString(FactKind kind) { return kKindNames[static_cast<std::size_t>(kind)].c_str(); }

const std::vector<std::string>& FactKindNames() { return kKindNames; }

const char* ToString(CountOf of) {
  switch (of) {
    case CountOf::kAwards:
      return "awards";
    case CountOf::kAwardedGovernments:
      return "awarded_governments";
    case CountOf::kGovernments:
      return "governments";
    case CountOf::kCohorts:
      return "cohorts";
  }
  return "?";
}

std::string GovernmentLabel(const Registry& registry, const std::string& code) {
  return Labelled(registry, MakeDisplayNames(registry), code);
}

std::vector<FactResult> CheckFacts(const PublishedFacts& facts, const ModelView& model) {
  Require(model.rubrics.size() == model.results.size(), "CheckFacts: rubrics and results differ");
  if (!model.rubrics.empty() && facts.year != model.rubrics.front().year) {
    throw InputError(Diagnostic{facts.year_where,
                                "year",
                                "the published facts are of " + std::to_string(facts.year) +
                                    ", the rubrics (" + model.rubrics.front().id + ") of " +
                                    std::to_string(model.rubrics.front().year) +
                                    "; check the facts against the rubrics of their year",
                                {}});
  }
  Checker checker(model);
  std::vector<FactResult> out;
  out.reserve(facts.facts.size());
  for (const PublishedFact& f : facts.facts) out.push_back(checker.Check(f));
  return out;
}

}  // namespace jobaward
