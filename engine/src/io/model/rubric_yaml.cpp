// Rubric YAML -> Rubric. Shape checks here (keys, types, ranges, per-method parameters); the
// whole-rubric checks (point sums, references) are ValidateRubric's, run on the result.
#include "jobaward/io/rubric_yaml.hpp"

#include <algorithm>

#include "jobaward/io/file_io.hpp"
#include "src/io/files/yaml_support.hpp"

namespace jobaward {

namespace {

using yaml::Index;
using yaml::Join;
using yaml::Range;

YAML::Node Get(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

const std::vector<std::string> kFieldTypes = {"number", "count", "grade", "scores", "boolean"};
const std::vector<std::string> kDomains = {"plan", "execution", "outcome"};
const std::vector<std::string> kFilters = {"any", "metropolitan", "basic"};

FieldType ParseFieldType(const std::string& s) {
  if (s == "count") return FieldType::kCount;
  if (s == "grade") return FieldType::kGrade;
  if (s == "scores") return FieldType::kScores;
  if (s == "boolean") return FieldType::kBoolean;
  return FieldType::kNumber;
}

Domain ParseDomain(const std::string& s) {
  if (s == "execution") return Domain::kExecution;
  if (s == "outcome") return Domain::kOutcome;
  return Domain::kPlan;
}

GovernmentFilter ParseFilter(const std::string& s) {
  if (s == "metropolitan") return GovernmentFilter::kMetropolitan;
  if (s == "basic") return GovernmentFilter::kBasic;
  return GovernmentFilter::kAny;
}

Method ParseMethod(const std::string& s) {
  const auto& names = MethodNames();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == s) return static_cast<Method>(i);
  }
  return Method::kLinear;
}

class RubricReader {
 public:
  RubricReader(std::string file, DiagnosticSink& sink) : r_(std::move(file), sink) {}

  Rubric Read(std::string_view text) {
    Rubric rubric;
    const YAML::Node root = r_.Parse(text);
    rubric.where = SourceLocation{r_.file()};
    if (!r_.ExpectMap(root, "")) return rubric;
    r_.CheckKeys(root,
                 {"id", "category", "name_ko", "name_en", "year", "total_points", "fields",
                  "domains", "indicators", "adjustments", "stages", "tie_break", "awards"},
                 "");
    rubric.id = r_.String(root, "id", "", true).value_or("");
    rubric.id_where = SourceLocation{r_.file()};
    if (const YAML::Node n = Get(root, "id"); n.IsDefined()) rubric.id_where = r_.Where(n);
    rubric.category = r_.String(root, "category", "", true).value_or("");
    rubric.name_ko = r_.String(root, "name_ko", "", true).value_or("");
    rubric.name_en = r_.String(root, "name_en", "", false).value_or("");
    rubric.year = static_cast<int>(r_.Integer(root, "year", "", true, {1990, 2100}).value_or(0));
    rubric.total_points = r_.Number(root, "total_points", "", true, {0.0, {}}).value_or(0);
    if (const YAML::Node n = Get(root, "total_points"); n.IsDefined()) {
      rubric.where = r_.Where(n);
    }
    ReadFields(Get(root, "fields"), rubric);
    ReadDomains(Get(root, "domains"), rubric);
    ReadIndicators(Get(root, "indicators"), rubric);
    ReadAdjustments(Get(root, "adjustments"), rubric.adjustments);
    ReadStages(Get(root, "stages"), rubric.stages);
    ReadTieBreak(Get(root, "tie_break"), rubric);
    ReadAwards(Get(root, "awards"), rubric);
    if (!Get(root, "fields").IsDefined()) r_.Error(root, "fields", "missing required key 'fields'");
    if (!Get(root, "domains").IsDefined()) {
      r_.Error(root, "domains", "missing required key 'domains'");
    }
    if (!Get(root, "indicators").IsDefined()) {
      r_.Error(root, "indicators", "missing required key 'indicators'");
    }
    if (!Get(root, "stages").IsDefined()) r_.Error(root, "stages", "missing required key 'stages'");
    if (!Get(root, "awards").IsDefined()) r_.Error(root, "awards", "missing required key 'awards'");
    return rubric;
  }

 private:
  void ReadFields(const YAML::Node& list, Rubric& rubric) {
    if (!list.IsDefined() || !r_.ExpectSequence(list, "fields")) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string path = Index("fields", i);
      if (!r_.ExpectMap(n, path)) continue;
      r_.CheckKeys(n, {"name", "type", "name_ko", "description", "unit", "min", "max"}, path);
      FieldSpec f;
      f.name = r_.String(n, "name", path, true).value_or("");
      f.type = ParseFieldType(r_.Choice(n, "type", path, true, kFieldTypes).value_or("number"));
      f.name_ko = r_.String(n, "name_ko", path, true).value_or("");
      f.description = r_.String(n, "description", path, false).value_or("");
      f.unit = r_.String(n, "unit", path, false).value_or("");
      f.min = r_.Number(n, "min", path, false);
      f.max = r_.Number(n, "max", path, false);
      if (f.min && f.max && *f.min > *f.max) {
        r_.Error(n, path, "min must be <= max");
      }
      rubric.fields.push_back(f);
      rubric.field_where.push_back(r_.Where(n));
    }
  }

  void ReadDomains(const YAML::Node& map, Rubric& rubric) {
    if (!map.IsDefined() || !r_.ExpectMap(map, "domains")) return;
    r_.CheckKeys(map, kDomains, "domains");
    for (std::size_t d = 0; d < kDomains.size(); ++d) {
      const std::string path = Join("domains", kDomains[d]);
      const YAML::Node n = Get(map, kDomains[d]);
      DomainSpec& spec = rubric.domains[d];
      spec.domain = static_cast<Domain>(d);
      if (!n.IsDefined()) {
        r_.Error(map, path, "missing required key '" + kDomains[d] + "'");
        continue;
      }
      spec.where = r_.Where(n);
      if (!r_.ExpectMap(n, path)) continue;
      r_.CheckKeys(n, {"name_ko", "points"}, path);
      spec.name_ko = r_.String(n, "name_ko", path, true).value_or("");
      spec.points = r_.Number(n, "points", path, true, {0.0, {}}).value_or(0);
    }
  }

  void ReadParams(const YAML::Node& node, const std::string& path, Indicator& ind) {
    MethodParams& p = ind.params;
    std::vector<std::string> allowed;
    std::vector<std::string> required;
    switch (ind.method) {
      case Method::kTargetRatio:
        allowed = {"floor", "cap", "below_floor"};
        required = {"floor", "cap"};
        break;
      case Method::kLinear:
      case Method::kChange:
        allowed = required = {"lo", "hi"};
        break;
      case Method::kBands:
        allowed = required = {"bands"};
        break;
      case Method::kMinMax:
      case Method::kPercentile:
        allowed = {"degenerate_fraction"};
        break;
      case Method::kZScore:
        allowed = {"zcap", "degenerate_fraction"};
        required = {"zcap"};
        break;
      case Method::kGrade:
        allowed = {"fractions"};
        break;
      case Method::kPanel:
        allowed = {"combine", "score_min", "score_max"};
        required = {"combine"};
        break;
      case Method::kBoolean:
        break;
    }
    if (!r_.ExpectMap(node, path)) return;
    if (allowed.empty()) {
      r_.Error(node, path, std::string("method ") + ToString(ind.method) + " takes no params");
      return;
    }
    r_.CheckKeys(node, allowed, path);
    auto has = [&](const char* k) {
      return std::find(required.begin(), required.end(), k) != required.end();
    };
    auto number = [&](const char* k, double& out, Range range = {}) {
      if (auto v = r_.Number(node, k, path, has(k), range)) out = *v;
    };
    switch (ind.method) {
      case Method::kTargetRatio:
        number("floor", p.floor);
        number("cap", p.cap);
        if (r_.Choice(node, "below_floor", path, false, {"rescale", "zero"}) == "zero")
          p.below_floor = BelowFloor::kZero;
        break;
      case Method::kLinear:
      case Method::kChange:
        number("lo", p.lo);
        number("hi", p.hi);
        break;
      case Method::kBands: {
        const YAML::Node bands = Get(node, "bands");
        const std::string bpath = Join(path, "bands");
        if (!bands.IsDefined() || !r_.ExpectSequence(bands, bpath)) {
          if (!bands.IsDefined()) r_.Error(node, bpath, "missing required key 'bands'");
          break;
        }
        for (std::size_t b = 0; b < bands.size(); ++b) {
          const std::string ipath = Index(bpath, b);
          if (!r_.ExpectMap(bands[b], ipath)) continue;
          r_.CheckKeys(bands[b], {"threshold", "fraction"}, ipath);
          Band band;
          band.threshold = r_.Number(bands[b], "threshold", ipath, true).value_or(0);
          band.fraction = r_.Number(bands[b], "fraction", ipath, true, {0.0, 1.0}).value_or(0);
          p.bands.push_back(band);
        }
        break;
      }
      case Method::kMinMax:
      case Method::kPercentile:
        number("degenerate_fraction", p.degenerate_fraction, {0.0, 1.0});
        break;
      case Method::kZScore:
        number("zcap", p.zcap);
        number("degenerate_fraction", p.degenerate_fraction, {0.0, 1.0});
        break;
      case Method::kGrade: {
        const YAML::Node f = Get(node, "fractions");
        const std::string fpath = Join(path, "fractions");
        if (!f.IsDefined() || !r_.ExpectMap(f, fpath)) break;
        r_.CheckKeys(f, {"A", "B", "C", "D", "E"}, fpath);
        for (std::size_t g = 0; g < 5; ++g) {
          const std::string letter(1, static_cast<char>('A' + g));
          if (auto v = r_.Number(f, letter, fpath, true, {0.0, 1.0})) p.grade_fractions[g] = *v;
        }
        break;
      }
      case Method::kPanel: {
        const auto combine =
            r_.Choice(node, "combine", path, true, {"mean", "median", "trimmed_mean"});
        if (combine == "median") p.combine = PanelCombine::kMedian;
        if (combine == "trimmed_mean") p.combine = PanelCombine::kTrimmedMean;
        number("score_min", p.score_min);
        number("score_max", p.score_max);
        break;
      }
      case Method::kBoolean:
        break;
    }
  }

  void ReadIndicators(const YAML::Node& list, Rubric& rubric) {
    if (!list.IsDefined() || !r_.ExpectSequence(list, "indicators")) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string path = Index("indicators", i);
      if (!r_.ExpectMap(n, path)) continue;
      r_.CheckKeys(n,
                   {"id", "name_ko", "name_en", "domain", "points", "fields", "direction", "method",
                    "params", "missing", "stage", "reweighted"},
                   path);
      Indicator ind;
      ind.where = r_.Where(n);
      ind.id = r_.String(n, "id", path, true).value_or("");
      ind.name_ko = r_.String(n, "name_ko", path, true).value_or("");
      ind.name_en = r_.String(n, "name_en", path, true).value_or("");
      ind.domain = ParseDomain(r_.Choice(n, "domain", path, true, kDomains).value_or("plan"));
      ind.points = r_.Number(n, "points", path, true, {0.0, {}}).value_or(0);
      const YAML::Node fields = Get(n, "fields");
      if (!fields.IsDefined()) {
        r_.Error(n, Join(path, "fields"), "missing required key 'fields'");
      } else if (fields.IsScalar()) {
        ind.fields.push_back(fields.Scalar());
      } else if (r_.ExpectSequence(fields, Join(path, "fields"))) {
        for (std::size_t f = 0; f < fields.size(); ++f) {
          if (auto s = r_.AsString(fields[f], Index(Join(path, "fields"), f))) {
            ind.fields.push_back(*s);
          }
        }
      }
      ind.direction = r_.Choice(n, "direction", path, true, {"higher", "lower"}) == "lower"
                          ? Direction::kLower
                          : Direction::kHigher;
      const auto method = r_.Choice(n, "method", path, true, MethodNames());
      ind.method = ParseMethod(method.value_or("linear"));
      if (method) {
        const YAML::Node params = Get(n, "params");
        if (params.IsDefined()) {
          ReadParams(params, Join(path, "params"), ind);
        } else {
          ReadParamsMissing(n, Join(path, "params"), ind);
        }
      }
      const auto missing =
          r_.Choice(n, "missing", path, true, {"zero", "cohort_mean", "error"}).value_or("zero");
      ind.missing = missing == "cohort_mean" ? MissingPolicy::kCohortMean
                    : missing == "error"     ? MissingPolicy::kError
                                             : MissingPolicy::kZero;
      ind.stage = static_cast<int>(r_.Integer(n, "stage", path, true, {1.0, 2.0}).value_or(1));
      ind.reweighted = r_.Bool(n, "reweighted", path, false).value_or(true);
      rubric.indicators.push_back(std::move(ind));
    }
  }

  // A method with required parameters but no `params:` key.
  void ReadParamsMissing(const YAML::Node& indicator, const std::string& path, Indicator& ind) {
    switch (ind.method) {
      case Method::kTargetRatio:
        r_.Error(indicator, path, "method target_ratio needs params: floor, cap");
        break;
      case Method::kLinear:
      case Method::kChange:
        r_.Error(indicator, path,
                 std::string("method ") + ToString(ind.method) + " needs params: lo, hi");
        break;
      case Method::kBands:
        r_.Error(indicator, path, "method bands needs params: bands");
        break;
      case Method::kZScore:
        r_.Error(indicator, path, "method zscore needs params: zcap");
        break;
      case Method::kPanel:
        r_.Error(indicator, path, "method panel needs params: combine");
        break;
      default:
        break;
    }
  }

  void ReadAdjustmentList(const YAML::Node& list, const std::string& path,
                          std::vector<Adjustment>& out) {
    if (!list.IsDefined() || !r_.ExpectSequence(list, path)) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string ipath = Index(path, i);
      if (!r_.ExpectMap(n, ipath)) continue;
      r_.CheckKeys(n, {"id", "name_ko", "field", "per_unit", "cap"}, ipath);
      Adjustment a;
      a.where = r_.Where(n);
      a.id = r_.String(n, "id", ipath, true).value_or("");
      a.name_ko = r_.String(n, "name_ko", ipath, true).value_or("");
      a.field = r_.String(n, "field", ipath, true).value_or("");
      a.per_unit = r_.Number(n, "per_unit", ipath, true, {0.0, {}}).value_or(0);
      a.cap = r_.Number(n, "cap", ipath, true, {0.0, {}}).value_or(0);
      out.push_back(a);
    }
  }

  void ReadAdjustments(const YAML::Node& map, AdjustmentRules& adj) {
    if (!map.IsDefined()) return;
    adj.where = r_.Where(map);
    if (!r_.ExpectMap(map, "adjustments")) return;
    r_.CheckKeys(map, {"bonus_cap", "penalty_cap", "bonuses", "penalties"}, "adjustments");
    adj.bonus_cap = r_.Number(map, "bonus_cap", "adjustments", true, {0.0, {}}).value_or(0);
    adj.penalty_cap = r_.Number(map, "penalty_cap", "adjustments", true, {0.0, {}}).value_or(0);
    ReadAdjustmentList(Get(map, "bonuses"), "adjustments.bonuses", adj.bonuses);
    ReadAdjustmentList(Get(map, "penalties"), "adjustments.penalties", adj.penalties);
  }

  void ReadStages(const YAML::Node& map, StageRules& st) {
    if (!map.IsDefined()) return;
    st.where = r_.Where(map);
    if (!r_.ExpectMap(map, "stages")) return;
    r_.CheckKeys(map, {"stage1_weight", "stage2_weight", "advance"}, "stages");
    const Range weights{0.0, kMaxStageWeight};
    st.stage1_weight = r_.Number(map, "stage1_weight", "stages", true, weights).value_or(1);
    st.stage2_weight = r_.Number(map, "stage2_weight", "stages", true, weights).value_or(1);
    const YAML::Node adv = Get(map, "advance");
    const std::string path = "stages.advance";
    if (!adv.IsDefined()) {
      r_.Error(map, path, "missing required key 'advance'");
      return;
    }
    st.advance.where = r_.Where(adv);
    if (!r_.ExpectMap(adv, path)) return;
    r_.CheckKeys(adv, {"top_n", "top_share", "min_score"}, path);
    if (auto v = r_.Integer(adv, "top_n", path, false, {1.0, kMaxAwardCount})) {
      st.advance.top_n = static_cast<int>(*v);
    }
    st.advance.top_share = r_.Number(adv, "top_share", path, false, {0.0, 1.0});
    st.advance.min_score = r_.Number(adv, "min_score", path, false);
  }

  void ReadTieBreak(const YAML::Node& list, Rubric& rubric) {
    if (!list.IsDefined() || !r_.ExpectSequence(list, "tie_break")) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = Index("tie_break", i);
      const auto text = r_.AsString(list[i], path);
      if (!text) continue;
      std::optional<TieBreakKey> key = ParseTieBreakKey(*text);
      if (!key) {
        r_.Error(list[i], path,
                 std::string("expected ") + kTieBreakKeyForms + ", got " + QuoteForMessage(*text));
        continue;
      }
      key->where = r_.Where(list[i]);
      rubric.tie_break.push_back(*key);
    }
  }

  void ReadAwards(const YAML::Node& map, Rubric& rubric) {
    if (!map.IsDefined() || !r_.ExpectMap(map, "awards")) return;
    r_.CheckKeys(map, {"levels", "national", "special", "exclude_holders"}, "awards");
    const YAML::Node levels = Get(map, "levels");
    if (!levels.IsDefined()) {
      r_.Error(map, "awards.levels", "missing required key 'levels'");
    } else if (r_.ExpectSequence(levels, "awards.levels")) {
      for (std::size_t i = 0; i < levels.size(); ++i) {
        const YAML::Node n = levels[i];
        const std::string path = Index("awards.levels", i);
        if (!r_.ExpectMap(n, path)) continue;
        r_.CheckKeys(n,
                     {"id", "name_ko", "count", "count_by_cohort", "share", "rounding", "min_score",
                      "prize_money"},
                     path);
        AwardLevel l;
        l.where = r_.Where(n);
        l.id = r_.String(n, "id", path, true).value_or("");
        l.name_ko = r_.String(n, "name_ko", path, true).value_or("");
        if (auto v = r_.Integer(n, "count", path, false, {0.0, kMaxAwardCount})) {
          l.count = static_cast<int>(*v);
        }
        const YAML::Node by = Get(n, "count_by_cohort");
        if (by.IsDefined() && r_.ExpectMap(by, Join(path, "count_by_cohort"))) {
          for (const auto& kv : by) {
            const std::string id = kv.first.Scalar();
            if (auto v = r_.Integer(by, id, Join(path, "count_by_cohort"), true,
                                    {0.0, kMaxAwardCount})) {
              l.count_by_cohort.emplace_back(id, static_cast<int>(*v));
            }
          }
        }
        l.share = r_.Number(n, "share", path, false, {0.0, 1.0});
        const auto rounding =
            r_.Choice(n, "rounding", path, l.share.has_value(), {"floor", "ceil", "nearest"});
        if (rounding == "ceil") l.rounding = Rounding::kCeil;
        if (rounding == "nearest") l.rounding = Rounding::kNearest;
        if (rounding && !l.share) r_.Error(n, Join(path, "rounding"), "only applies with 'share'");
        l.min_score = r_.Number(n, "min_score", path, false);
        l.prize_money = r_.Number(n, "prize_money", path, true, {0.0, {}}).value_or(0);
        rubric.levels.push_back(std::move(l));
      }
    }
    const YAML::Node national = Get(map, "national");
    if (national.IsDefined() && r_.ExpectSequence(national, "awards.national")) {
      for (std::size_t i = 0; i < national.size(); ++i) {
        const YAML::Node n = national[i];
        const std::string path = Index("awards.national", i);
        if (!r_.ExpectMap(n, path)) continue;
        r_.CheckKeys(
            n, {"id", "name_ko", "from_level", "filter", "rank_by", "count", "prize_money"}, path);
        NationalPrize p;
        p.where = r_.Where(n);
        p.id = r_.String(n, "id", path, true).value_or("");
        p.name_ko = r_.String(n, "name_ko", path, true).value_or("");
        p.from_level = r_.String(n, "from_level", path, true).value_or("");
        p.filter = ParseFilter(r_.Choice(n, "filter", path, true, kFilters).value_or("any"));
        if (r_.Choice(n, "rank_by", path, false, {"final_score", "size_adjusted_z"}) ==
            "size_adjusted_z") {
          p.rank_by = NationalRanking::kSizeAdjustedZ;
        }
        p.count =
            static_cast<int>(r_.Integer(n, "count", path, true, {1.0, kMaxAwardCount}).value_or(1));
        p.prize_money = r_.Number(n, "prize_money", path, true, {0.0, {}}).value_or(0);
        rubric.national_prizes.push_back(std::move(p));
      }
    }
    const YAML::Node special = Get(map, "special");
    if (special.IsDefined() && r_.ExpectSequence(special, "awards.special")) {
      for (std::size_t i = 0; i < special.size(); ++i) {
        const YAML::Node n = special[i];
        const std::string path = Index("awards.special", i);
        if (!r_.ExpectMap(n, path)) continue;
        r_.CheckKeys(
            n, {"id", "name_ko", "indicator", "filter", "require_advanced", "count", "prize_money"},
            path);
        SpecialPrize p;
        p.where = r_.Where(n);
        p.id = r_.String(n, "id", path, true).value_or("");
        p.name_ko = r_.String(n, "name_ko", path, true).value_or("");
        p.indicator = r_.String(n, "indicator", path, true).value_or("");
        p.filter = ParseFilter(r_.Choice(n, "filter", path, true, kFilters).value_or("any"));
        p.require_advanced = r_.Bool(n, "require_advanced", path, true).value_or(false);
        p.count =
            static_cast<int>(r_.Integer(n, "count", path, true, {1.0, kMaxAwardCount}).value_or(1));
        p.prize_money = r_.Number(n, "prize_money", path, true, {0.0, {}}).value_or(0);
        rubric.special_prizes.push_back(std::move(p));
      }
    }
    ReadExclusions(Get(map, "exclude_holders"), rubric);
  }

  void ReadExclusions(const YAML::Node& list, Rubric& rubric) {
    const std::string path = "awards.exclude_holders";
    if (!list.IsDefined() || !r_.ExpectSequence(list, path)) return;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string ipath = Index(path, i);
      if (!r_.ExpectMap(n, ipath)) continue;
      r_.CheckKeys(n, {"category", "awards"}, ipath);
      CategoryExclusion e;
      e.where = r_.Where(n);
      e.category = r_.String(n, "category", ipath, true).value_or("");
      const YAML::Node awards = Get(n, "awards");
      const std::string apath = Join(ipath, "awards");
      if (!awards.IsDefined()) {
        r_.Error(n, apath, "missing required key 'awards'");
      } else if (r_.ExpectSequence(awards, apath)) {
        for (std::size_t a = 0; a < awards.size(); ++a) {
          if (auto id = r_.AsString(awards[a], Index(apath, a))) e.awards.push_back(*id);
        }
      }
      rubric.exclusions.push_back(std::move(e));
    }
  }

  yaml::Reader r_;
};

}  // namespace

Rubric ParseRubric(std::string_view yaml_text, std::string_view file_name) {
  DiagnosticSink sink;
  RubricReader reader{std::string(file_name), sink};
  Rubric rubric = reader.Read(yaml_text);
  sink.ThrowIfAny();
  ValidateRubric(rubric);
  return rubric;
}

Rubric LoadRubric(const std::filesystem::path& path) {
  return ParseRubric(ReadInput(path, InputKind::kSpec), path.string());
}

}  // namespace jobaward
