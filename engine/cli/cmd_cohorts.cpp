// `jobaward cohorts`: assigns every government of a registry to its peer cohort, explains the
// rules for one government, or lists what changes between two rule sets.
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/cohort_rules.hpp"
#include "jobaward/cohort_rules_yaml.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/registry_csv.hpp"
#include "jobaward/text_table.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward cohorts [--rules FILE] [--registry FILE] [--format table|csv|json]\n"
    "                        [--out FILE] [--set NAME=VALUE]... [--explain CODE | --diff OTHER]\n"
    "                        [--excel-bom] [--provenance FILE]\n"
    "\n"
    "Assigns every government of the registry to its peer cohort (가..사) by the cohort rules\n"
    "and prints each government's cohort and the size of each cohort.\n"
    "  --explain CODE   every rule evaluated for one government, with each sub-expression's value\n"
    "  --diff OTHER     governments whose cohort changes from the --rules set to OTHER, and the\n"
    "                   cohort sizes on both sides (what-if on thresholds)\n"
    "  --set NAME=VALUE overrides a parameter of the rules; with --diff, of OTHER instead, so\n"
    "                   '--diff cohorts/2020.yaml --set district_split=0.4' shows what moving\n"
    "                   the cut-off changes\n"
    "Exit codes: 0 success, 1 invalid rules or registry, 2 usage error, 4 internal error.";

std::map<std::string, double> ParseSettings(const std::vector<std::string>& settings) {
  std::map<std::string, double> out;
  for (const auto& s : settings) {
    const auto eq = s.find('=');
    double value = 0;
    bool ok = eq != std::string::npos && eq > 0 && eq + 1 < s.size();
    if (ok) {
      const char* begin = s.data() + eq + 1;
      const char* end = s.data() + s.size();
      const auto [ptr, ec] = std::from_chars(begin, end, value);
      ok = ec == std::errc() && ptr == end && std::isfinite(value);
    }
    if (!ok) throw UsageError("--set: expected NAME=NUMBER, got '" + s + "'");
    out[s.substr(0, eq)] = value;
  }
  return out;
}

std::string FormatCount(double v) { return FormatFixed(v, 0); }

std::string Describe(const Cohort& c) { return c.letter + " (" + c.id + ")"; }

std::string ParametersLine(const CohortRules& rules, const std::vector<double>& values) {
  std::string out;
  for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
    out += (out.empty() ? "" : ", ") + rules.parameters[i].name + " = " +
           Value{ValueType::kNumber, values[i], false, {}}.ToString();
  }
  return out.empty() ? "(none)" : out;
}

std::size_t FindGovernment(const Registry& registry, const std::string& code) {
  if (auto i = registry.IndexOf(code)) return *i;
  std::vector<std::size_t> by_name;
  std::vector<std::string> candidates;
  for (std::size_t i = 0; i < registry.size(); ++i) {
    const Government& g = registry[i];
    if (g.name_ko == code || g.name_en == code) by_name.push_back(i);
    candidates.push_back(g.code);
    candidates.push_back(g.name_en);
  }
  if (by_name.size() == 1) return by_name[0];
  std::string message;
  if (by_name.size() > 1) {
    message = "'" + code + "' names " + std::to_string(by_name.size()) +
              " governments; give the code, one of:";
    for (std::size_t i : by_name) {
      message += " " + registry[i].code;
    }
  } else {
    message = "no government with code or name '" + code + "' in the registry";
    std::string hint = ClosestMatch(code, candidates);
    if (!hint.empty()) {
      for (std::size_t i = 0; i < registry.size(); ++i) {
        if (registry[i].name_en == hint) hint = registry[i].code + " " + registry[i].name_ko;
      }
      message += ", did you mean " + hint + "?";
    }
  }
  throw InputError(Diagnostic{{registry.file()}, "--explain", message, {}});
}

std::string RenderAssignment(const CohortRules& rules, const std::vector<double>& parameters,
                             const Registry& registry, const CohortAssignment& a,
                             OutputFormat format, const Provenance& provenance, bool bom) {
  Table govs;
  govs.header = {"code",       "name_ko", "name_en", "level",    "type",
                 "population", "workers", "cohort",  "cohort_id"};
  govs.align = {Align::kLeft,  Align::kLeft,  Align::kLeft, Align::kLeft, Align::kLeft,
                Align::kRight, Align::kRight, Align::kLeft, Align::kLeft};
  for (std::size_t i = 0; i < registry.size(); ++i) {
    const Government& g = registry[i];
    const Cohort& c = a.cohorts[static_cast<std::size_t>(a.cohort_of[i])];
    govs.rows.push_back({g.code, g.name_ko, g.name_en, std::string(ToString(g.level)),
                         std::string(ToString(g.type)), FormatCount(g.population),
                         FormatCount(g.workers), c.letter, c.id});
  }
  if (format == OutputFormat::kCsv) return RenderCsv(govs, bom);

  Table sizes;
  sizes.header = {"cohort", "id", "name_en", "governments"};
  sizes.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight};
  for (std::size_t c = 0; c < a.cohorts.size(); ++c) {
    sizes.rows.push_back({a.cohorts[c].letter, a.cohorts[c].id, a.cohorts[c].name_en,
                          std::to_string(a.members[c].size())});
  }
  sizes.rows.push_back({"total", "", "", std::to_string(registry.size())});

  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json j;
    j["rules"] = rules.file;
    j["registry"] = registry.file();
    j["year"] = rules.year;
    j["match"] = std::string(ToString(rules.match));
    j["parameters"] = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
      j["parameters"][rules.parameters[i].name] = parameters[i];
    }
    j["cohorts"] = nlohmann::ordered_json::array();
    for (std::size_t c = 0; c < a.cohorts.size(); ++c) {
      j["cohorts"].push_back({{"letter", a.cohorts[c].letter},
                              {"id", a.cohorts[c].id},
                              {"name_en", a.cohorts[c].name_en},
                              {"description", a.cohorts[c].description},
                              {"size", a.members[c].size()}});
    }
    j["governments"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < registry.size(); ++i) {
      const Government& g = registry[i];
      const Cohort& c = a.cohorts[static_cast<std::size_t>(a.cohort_of[i])];
      j["governments"].push_back({{"code", g.code},
                                  {"name_ko", g.name_ko},
                                  {"name_en", g.name_en},
                                  {"level", std::string(ToString(g.level))},
                                  {"type", std::string(ToString(g.type))},
                                  {"population", g.population},
                                  {"workers", g.workers},
                                  {"cohort", c.letter},
                                  {"cohort_id", c.id}});
    }
    j["shadow_notes"] = a.shadow_notes;
    j["provenance"] = ProvenanceJson(provenance);
    return j.dump(2) + "\n";
  }

  std::string out = "Cohorts of " + std::to_string(rules.year) + " by " + rules.file +
                    " (match: " + std::string(ToString(rules.match)) + ") for " + registry.file() +
                    "\nparameters: " + ParametersLine(rules, parameters) + "\n\n";
  out += RenderText(govs);
  out += "\n" + RenderText(sizes);
  for (const auto& note : a.shadow_notes) out += "note: " + note + "\n";
  return out;
}

std::string RenderExplanation(const CohortRules& rules, const std::vector<double>& parameters,
                              const Registry& registry, std::size_t index) {
  const Government& g = registry[index];
  const std::vector<RuleExplanation> explained = ExplainGovernment(rules, registry, index, [&] {
    std::map<std::string, double> values;
    for (std::size_t i = 0; i < rules.parameters.size(); ++i) {
      values[rules.parameters[i].name] = parameters[i];
    }
    return values;
  }());
  std::string out = g.code + " " + g.name_ko + " (" + g.name_en +
                    "): " + std::string(ToString(g.level)) + " " + std::string(ToString(g.type)) +
                    ", population " + FormatCount(g.population) + ", workers " +
                    FormatCount(g.workers) + (g.workers_estimated ? " (estimated)" : "") + "\n";
  std::vector<std::string> matched;
  for (const auto& e : explained) {
    if (e.matched) matched.push_back(Describe(e.cohort));
  }
  out += "rules: " + rules.file + " (match: " + std::string(ToString(rules.match)) +
         "); parameters: " + ParametersLine(rules, parameters) + "\n";
  if (matched.empty()) {
    out += "matches no rule\n";
  } else if (rules.match == MatchMode::kFirst || matched.size() == 1) {
    out += "cohort: " + matched.front();
    for (const auto& e : explained) {
      if (e.matched) {
        out += " " + e.cohort.name_en;
        break;
      }
    }
    out += "\n";
    if (matched.size() > 1) {
      out += "also matched (shadowed by the first match):";
      for (std::size_t k = 1; k < matched.size(); ++k) out += " " + matched[k];
      out += "\n";
    }
  } else {
    out += "matches " + std::to_string(matched.size()) + " rules (an error in exactly_one mode):";
    for (const auto& m : matched) out += " " + m;
    out += "\n";
  }
  for (const auto& e : explained) {
    out += "\nrule " + Describe(e.cohort) + " at " + e.where.ToString() + ": " +
           (e.matched ? "MATCH" : "no match") + "\n";
    Table t;
    t.header = {"sub-expression", "value"};
    for (const auto& n : e.nodes) {
      t.rows.push_back({std::string(static_cast<std::size_t>(2 * n.depth), ' ') + n.text,
                        n.value ? n.value->ToString() : "(not evaluated)"});
    }
    out += RenderText(t);
  }
  return out;
}

std::string RenderDiff(const CohortRules& before_rules, const CohortRules& after_rules,
                       const Registry& registry, const AssignmentDiff& diff, OutputFormat format,
                       const Provenance& provenance, bool bom) {
  Table changes;
  changes.header = {"code", "name_ko", "name_en", "from", "to"};
  for (const auto& c : diff.changes) {
    const Government& g = registry[c.index];
    changes.rows.push_back({g.code, g.name_ko, g.name_en, c.from.letter, c.to.letter});
  }
  if (format == OutputFormat::kCsv) return RenderCsv(changes, bom);
  Table sizes;
  sizes.header = {"cohort", "id", "before", "after", "change"};
  sizes.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight};
  for (const auto& s : diff.sizes) {
    const long change = static_cast<long>(s.after) - static_cast<long>(s.before);
    sizes.rows.push_back({s.letter, s.id, std::to_string(s.before), std::to_string(s.after),
                          (change > 0 ? "+" : "") + std::to_string(change)});
  }
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json j;
    j["from"] = before_rules.file;
    j["to"] = after_rules.file;
    j["changes"] = nlohmann::ordered_json::array();
    for (const auto& c : diff.changes) {
      const Government& g = registry[c.index];
      j["changes"].push_back({{"code", g.code},
                              {"name_ko", g.name_ko},
                              {"name_en", g.name_en},
                              {"from", c.from.letter},
                              {"from_id", c.from.id},
                              {"to", c.to.letter},
                              {"to_id", c.to.id}});
    }
    j["sizes"] = nlohmann::ordered_json::array();
    for (const auto& s : diff.sizes) {
      j["sizes"].push_back(
          {{"letter", s.letter}, {"id", s.id}, {"before", s.before}, {"after", s.after}});
    }
    j["provenance"] = ProvenanceJson(provenance);
    return j.dump(2) + "\n";
  }
  std::string out = "Cohort changes from " + before_rules.file + " to " + after_rules.file + ": " +
                    std::to_string(diff.changes.size()) + " government" +
                    (diff.changes.size() == 1 ? "" : "s") + "\n\n";
  if (!diff.changes.empty()) out += RenderText(changes) + "\n";
  out += RenderText(sizes);
  return out;
}

}  // namespace

int RunCohorts(const std::vector<std::string>& args) {
  po::options_description options("options");
  options.add_options()("rules", po::value<std::string>(),
                        "cohort rules YAML (default: cohorts/2020.yaml)")(
      "registry", po::value<std::string>(),
      "registry CSV (default: cohorts/governments-2020.csv, checked for 17 + 226 governments)")(
      "format", po::value<std::string>()->default_value("table"), "table, csv or json")(
      "out", po::value<std::string>()->default_value(""), "write to FILE instead of stdout")(
      "explain", po::value<std::string>(), "explain the rules for one government (code or name)")(
      "diff", po::value<std::string>(), "compare with the cohort rules in OTHER")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter, NAME=VALUE (repeatable)");
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;

  const OutputFormat format = ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json"});
  if (vm.count("explain") != 0U && vm.count("diff") != 0U) {
    throw UsageError("--explain and --diff cannot be combined");
  }
  if (vm.count("explain") != 0U && format != OutputFormat::kTable) {
    throw UsageError("--explain prints a table only; drop --format");
  }
  const std::map<std::string, double> settings =
      vm.count("set") != 0U ? ParseSettings(vm["set"].as<std::vector<std::string>>())
                            : std::map<std::string, double>{};

  const std::string rules_path =
      vm.count("rules") != 0U ? vm["rules"].as<std::string>() : DefaultPath("cohorts/2020.yaml");
  const bool default_registry = vm.count("registry") == 0U;
  const std::string registry_path = default_registry ? DefaultPath("cohorts/governments-2020.csv")
                                                     : vm["registry"].as<std::string>();
  const CohortRules rules = LoadCohortRules(rules_path);
  const Registry registry =
      ParseRegistry(ReadTextFile(registry_path), registry_path,
                    default_registry ? Registry2020Expectations() : RegistryExpectations{});
  const std::string out_path = vm["out"].as<std::string>();
  Provenance provenance = CommandProvenance("cohorts", vm, {"registry", "rules"});
  for (const auto& [name, value] : settings) {
    provenance.settings.emplace_back("set " + name, FormatFixed(value, 6));
  }

  if (vm.count("diff") != 0U) {
    const CohortRules other = LoadCohortRules(vm["diff"].as<std::string>());
    provenance.inputs.push_back(HashInputFile("rules", vm["diff"].as<std::string>()));
    const CohortAssignment before = AssignCohorts(rules, registry);
    const CohortAssignment after = AssignCohorts(other, registry, settings);
    Emit(RenderDiff(rules, other, registry, DiffAssignments(before, after, registry), format,
                    provenance, ExcelBom(vm)),
         out_path);
    WriteProvenanceSidecar(vm, provenance);
    return kExitSuccess;
  }
  const std::vector<double> parameters = ParameterValues(rules, settings);
  if (vm.count("explain") != 0U) {
    const std::size_t index = FindGovernment(registry, vm["explain"].as<std::string>());
    Emit(RenderExplanation(rules, parameters, registry, index), out_path);
    WriteProvenanceSidecar(vm, provenance);
    return kExitSuccess;
  }
  const CohortAssignment assignment = AssignCohorts(rules, registry, parameters);
  Emit(RenderAssignment(rules, parameters, registry, assignment, format, provenance, ExcelBom(vm)),
       out_path);
  WriteProvenanceSidecar(vm, provenance);
  return kExitSuccess;
}

}  // namespace jobaward::cli
