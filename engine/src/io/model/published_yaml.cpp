// Published-facts YAML -> PublishedFacts (see published_yaml.hpp).
#include "jobaward/io/published_yaml.hpp"

#include <set>

#include "jobaward/io/file_io.hpp"
#include "src/io/files/yaml_support.hpp"
#include "src/io/reports/report_fields.hpp"

namespace jobaward {

namespace {

using yaml::Index;
using yaml::Join;

YAML::Node Get(const YAML::Node& map, const std::string& key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& kv : map) {
    if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

const std::vector<std::string> kCountOf = {"awards", "awarded_governments", "governments",
                                           "cohorts"};

// The keys each kind takes besides the common ones (id, kind, source, note).
std::vector<std::string> KeysOf(FactKind kind) {
  switch (kind) {
    case FactKind::kWinner:
      return {"category", "award", "government", "name_ko", "cohort"};
    case FactKind::kCount:
      return {"of", "category", "award", "group", "value"};
    case FactKind::kPrizeMoney:
      return {"category", "award", "value"};
    case FactKind::kOnlyWinnerInGroup:
      return {"group", "awards", "category", "government", "name_ko"};
    case FactKind::kCohortOf:
      return {"government", "name_ko", "cohort"};
    case FactKind::kMostInCohort:
      return {"group", "cohort"};
  }
  return {};
}

class FactsReader {
 public:
  FactsReader(std::string file, DiagnosticSink& sink, const Registry& registry)
      : r_(std::move(file), sink), sink_(sink), registry_(registry) {}

  PublishedFacts Read(std::string_view text) {
    PublishedFacts out;
    out.file = r_.file();
    lines_ = SplitLines(text);
    const YAML::Node root = r_.Parse(text);
    if (!r_.ExpectMap(root, "")) return out;
    r_.CheckKeys(root, {"year", "facts"}, "");
    out.year = static_cast<int>(r_.Integer(root, "year", "", true, {1990, 2100}).value_or(0));
    const YAML::Node year = Get(root, "year");
    out.year_where = year.IsDefined() ? r_.Where(year) : SourceLocation{out.file, 0, 0};
    const YAML::Node list = Get(root, "facts");
    if (!list.IsDefined()) {
      r_.Error(root, "facts", "missing required key 'facts'");
      return out;
    }
    if (!r_.ExpectSequence(list, "facts")) return out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string path = Index("facts", i);
      if (!r_.ExpectMap(list[i], path)) continue;
      PublishedFact f = ReadFact(list[i], path);
      if (!f.id.empty() && !ids.insert(f.id).second) {
        r_.Error(Get(list[i], "id"), Join(path, "id"), "duplicate fact id '" + f.id + "'");
      }
      out.facts.push_back(std::move(f));
    }
    return out;
  }

 private:
  static std::vector<std::string> SplitLines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      lines.emplace_back(text.substr(start, end - start));
      start = end + 1;
    }
    return lines;
  }

  PublishedFact ReadFact(const YAML::Node& n, const std::string& path) {
    PublishedFact f;
    f.where = r_.Where(n);
    f.id = r_.String(n, "id", path, true).value_or("");
    const auto kind = r_.Choice(n, "kind", path, true, FactKindNames());
    std::vector<std::string> allowed = {"id", "kind", "source", "note"};
    if (kind) {
      const auto& names = FactKindNames();
      f.kind = static_cast<FactKind>(std::find(names.begin(), names.end(), *kind) - names.begin());
      for (auto& k : KeysOf(f.kind)) allowed.push_back(std::move(k));
    } else {
      // Unknown kind: check nothing else against it (the kind's error says enough).
      for (const auto& k : {"category", "award", "awards", "government", "name_ko", "cohort", "of",
                            "group", "value"}) {
        allowed.emplace_back(k);
      }
    }
    r_.CheckKeys(n, allowed, path);
    f.source = r_.String(n, "source", path, true).value_or("");
    if (Get(n, "source").IsDefined() && f.source.empty()) {
      r_.Error(Get(n, "source"), Join(path, "source"), "a fact needs a source; got ''");
    }
    f.note = r_.String(n, "note", path, false).value_or("");
    if (!kind) return f;
    const auto has = [&](const char* key) {
      const auto keys = KeysOf(f.kind);
      return std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    const bool needs_category = f.kind == FactKind::kWinner || f.kind == FactKind::kPrizeMoney;
    if (has("category")) f.category = r_.String(n, "category", path, needs_category).value_or("");
    if (has("award")) {
      const bool needs_award = f.kind != FactKind::kCount;
      if (auto a = r_.String(n, "award", path, needs_award)) f.awards.push_back(*a);
    }
    if (has("awards")) ReadAwards(n, path, f);
    if (has("government")) ReadGovernment(n, path, f);
    if (has("cohort")) {
      f.cohort = r_.String(n, "cohort", path, f.kind != FactKind::kWinner).value_or("");
    }
    if (has("group")) ReadGroup(n, path, f);
    if (has("value")) {
      // Counts and amounts in KRW are whole numbers: 7.5 could never match, so it is refused.
      f.value = static_cast<double>(r_.Integer(n, "value", path, true, {0.0, {}}).value_or(0));
    }
    if (f.kind == FactKind::kCount) ReadCount(n, path, f);
    return f;
  }

  void ReadAwards(const YAML::Node& n, const std::string& path, PublishedFact& f) {
    const YAML::Node awards = Get(n, "awards");
    const std::string apath = Join(path, "awards");
    if (!awards.IsDefined()) {
      r_.Error(n, apath, "missing required key 'awards'");
      return;
    }
    if (!r_.ExpectSequence(awards, apath)) return;
    for (std::size_t a = 0; a < awards.size(); ++a) {
      if (auto id = r_.AsString(awards[a], Index(apath, a))) f.awards.push_back(*id);
    }
    if (f.awards.empty()) r_.Error(awards, apath, "needs at least one award id");
  }

  void ReadGovernment(const YAML::Node& n, const std::string& path, PublishedFact& f) {
    const auto code = r_.String(n, "government", path, true);
    if (!code) return;
    f.government = *code;
    const YAML::Node node = Get(n, "government");
    if (auto problem = report_detail::CheckGovernment(*code, registry_)) {
      r_.Error(node, Join(path, "government"), *problem);
      return;
    }
    if (const auto name = r_.String(n, "name_ko", path, false)) {
      const Government& g = registry_[*registry_.IndexOf(*code)];
      if (*name != g.name_ko) {
        r_.Error(Get(n, "name_ko"), Join(path, "name_ko"),
                 "'" + *name + "' does not match the registry's name '" + g.name_ko +
                     "' for government " + *code);
      }
    }
  }

  void ReadGroup(const YAML::Node& n, const std::string& path, PublishedFact& f) {
    const YAML::Node group = Get(n, "group");
    const std::string gpath = Join(path, "group");
    const bool required = f.kind != FactKind::kCount;
    if (!group.IsDefined()) {
      if (required) r_.Error(n, gpath, "missing required key 'group'");
      return;
    }
    if (!r_.ExpectMap(group, gpath)) return;
    r_.CheckKeys(group, {"name_ko", "where"}, gpath);
    f.group.name_ko = r_.String(group, "name_ko", gpath, true).value_or("");
    const auto text = r_.String(group, "where", gpath, true);
    if (!text) return;
    ExpressionOrigin origin;
    origin.where = r_.Where(Get(group, "where"));
    origin.key = Join(gpath, "where");
    // A quoted one-line condition starts one column after the node's quote.
    origin.columns_match_source = false;
    const auto line = static_cast<std::size_t>(origin.where.line);
    if (line >= 1 && line <= lines_.size()) {
      const std::size_t at = lines_[line - 1].find(*text);
      if (at != std::string::npos) {
        origin.where.column = static_cast<int>(at) + 1;
        origin.columns_match_source = true;
      }
    }
    try {
      f.group.condition = Expression::Compile(*text, {}, origin, ValueType::kBool);
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) sink_.Add(d);
    }
  }

  void ReadCount(const YAML::Node& n, const std::string& path, PublishedFact& f) {
    const auto of = r_.Choice(n, "of", path, true, kCountOf);
    if (!of) return;
    f.count_of =
        static_cast<CountOf>(std::find(kCountOf.begin(), kCountOf.end(), *of) - kCountOf.begin());
    const auto reject = [&](const char* key, const std::string& why) {
      if (Get(n, key).IsDefined()) {
        r_.Error(Get(n, key), Join(path, key), "'" + std::string(key) + "' " + why);
      }
    };
    if (f.count_of != CountOf::kAwards) {
      reject("award", "only applies to 'of: awards'");
    } else if (!f.awards.empty() && f.category.empty()) {
      r_.Error(Get(n, "award"), Join(path, "award"), "an award id needs its 'category'");
    }
    if (f.count_of == CountOf::kGovernments || f.count_of == CountOf::kCohorts) {
      reject("category", "does not apply to 'of: " + *of + "'");
    }
    if (f.count_of != CountOf::kGovernments) {
      reject("group", "only applies to 'of: governments'");
    }
  }

  yaml::Reader r_;
  DiagnosticSink& sink_;
  const Registry& registry_;
  std::vector<std::string> lines_;
};

}  // namespace

PublishedFacts ParsePublishedFacts(std::string_view yaml_text, std::string_view file_name,
                                   const Registry& registry) {
  DiagnosticSink sink;
  FactsReader reader{std::string(file_name), sink, registry};
  PublishedFacts facts = reader.Read(yaml_text);
  sink.ThrowIfAny();
  return facts;
}

PublishedFacts LoadPublishedFacts(const std::filesystem::path& path, const Registry& registry) {
  return ParsePublishedFacts(ReadInput(path, InputKind::kSpec), path.string(), registry);
}

}  // namespace jobaward
