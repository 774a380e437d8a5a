#include "jobaward/io/registry_csv.hpp"

#include <cmath>
#include <map>

#include "jobaward/error.hpp"
#include "jobaward/io/csv.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

namespace {

constexpr const char* kColumns[] = {"code",
                                    "name_ko",
                                    "name_en",
                                    "level",
                                    "type",
                                    "parent_code",
                                    "population",
                                    "population_year",
                                    "population_source",
                                    "workers",
                                    "workers_year",
                                    "workers_source",
                                    "workers_estimated"};

bool IsMetropolitanType(GovernmentType t) {
  return t == GovernmentType::kSpecialCity || t == GovernmentType::kMetropolitanCity ||
         t == GovernmentType::kSpecialSelfGoverningCity || t == GovernmentType::kProvince ||
         t == GovernmentType::kSpecialSelfGoverningProvince;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

Registry ParseRegistry(std::string_view csv_text, std::string_view file_name,
                       const RegistryExpectations& expect) {
  const CsvTable table = ParseCsv(csv_text, file_name);
  DiagnosticSink sink;
  std::map<std::string, std::size_t> col;
  for (const char* name : kColumns) {
    if (auto i = table.ColumnIndex(name)) {
      col[name] = *i;
    } else {
      sink.Add({table.file, 1}, name, std::string("missing required column '") + name + "'");
    }
  }
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    bool known = false;
    for (const char* name : kColumns) known = known || table.header[i] == name;
    if (!known) {
      std::string message = "unknown column " + QuoteForMessage(table.header[i]);
      const std::string hint = ClosestMatch(
          table.header[i], std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
      if (!hint.empty()) message += ", did you mean '" + hint + "'?";
      sink.Add({table.file, 1, static_cast<int>(i) + 1}, table.header[i], message);
    }
  }
  sink.ThrowIfAny();

  std::vector<Government> governments;
  governments.reserve(table.rows.size());
  std::map<std::string, int> first_line;
  for (const CsvRow& row : table.rows) {
    auto cell = [&](const char* name) -> const std::string& { return row.fields[col[name]]; };
    auto where = [&](const char* name) { return table.Where(row, col[name]); };
    Government g;
    g.line = row.line;
    g.code = cell("code");
    if (g.code.size() != 5 || g.code.find_first_not_of("0123456789") != std::string::npos) {
      sink.Add(where("code"), "code",
               "expected a 5-digit administrative code, got " + QuoteForMessage(g.code));
    } else if (auto [it, fresh] = first_line.emplace(g.code, row.line); !fresh) {
      sink.Add(where("code"), "code",
               "duplicate code " + g.code + " (first defined on line " +
                   std::to_string(it->second) + ")");
    }
    g.name_ko = cell("name_ko");
    g.name_en = cell("name_en");
    if (g.name_ko.empty()) sink.Add(where("name_ko"), "name_ko", "expected a name, got nothing");
    if (g.name_en.empty()) sink.Add(where("name_en"), "name_en", "expected a name, got nothing");
    const auto level = ParseLevel(cell("level"));
    if (!level) {
      sink.Add(where("level"), "level",
               "expected 'metropolitan' or 'basic', got " + QuoteForMessage(cell("level")));
    }
    const auto type = ParseGovernmentType(cell("type"));
    if (!type) {
      std::string message = "expected one of " + JoinNames(GovernmentTypeNames()) + ", got " +
                            QuoteForMessage(cell("type"));
      const std::string hint = ClosestMatch(cell("type"), GovernmentTypeNames());
      if (!hint.empty()) message += " (did you mean '" + hint + "'?)";
      sink.Add(where("type"), "type", message);
    }
    if (level && type && (*level == Level::kMetropolitan) != IsMetropolitanType(*type)) {
      sink.Add(where("type"), "type",
               "type " + QuoteForMessage(cell("type")) + " does not fit level " +
                   QuoteForMessage(cell("level")));
    }
    if (level) g.level = *level;
    if (type) g.type = *type;
    g.parent_code = cell("parent_code");

    auto number = [&](const char* name, double& out) {
      const auto v = ParseFiniteNumber(cell(name));
      if (!v) {
        sink.Add(where(name), name, "expected a finite number, got " + QuoteForMessage(cell(name)));
      } else if (*v < 0) {
        sink.Add(where(name), name,
                 "expected a non-negative number, got " + CutForMessage(cell(name)));
      } else {
        out = *v;
      }
    };
    auto year = [&](const char* name, int& out) {
      const auto v = ParseFiniteNumber(cell(name));
      if (!v || *v != std::floor(*v) || *v < 1900 || *v > 2100) {
        sink.Add(where(name), name,
                 "expected a year between 1900 and 2100, got '" + cell(name) + "'");
      } else {
        out = static_cast<int>(*v);
      }
    };
    number("population", g.population);
    year("population_year", g.population_year);
    g.population_source = cell("population_source");
    number("workers", g.workers);
    year("workers_year", g.workers_year);
    g.workers_source = cell("workers_source");
    const std::string& est = cell("workers_estimated");
    // The reports CSV's spelling: Excel saves a boolean column as TRUE/FALSE.
    if (const auto estimated = ParseBoolean(est)) {
      g.workers_estimated = *estimated;
    } else {
      sink.Add(where("workers_estimated"), "workers_estimated",
               "expected true or false, got '" + est + "'");
    }
    if (g.population_source.empty()) {
      sink.Add(where("population_source"), "population_source", "expected a source, got nothing");
    }
    if (g.workers_source.empty()) {
      sink.Add(where("workers_source"), "workers_source", "expected a source, got nothing");
    }
    governments.push_back(std::move(g));
  }

  // Parents: a basic government names an existing metropolitan one; a metropolitan one none.
  std::map<std::string, const Government*> by_code;
  for (const auto& g : governments) by_code.emplace(g.code, &g);
  for (const auto& g : governments) {
    const SourceLocation at{table.file, g.line, static_cast<int>(col["parent_code"]) + 1};
    if (g.level == Level::kMetropolitan) {
      if (!g.parent_code.empty()) {
        sink.Add(at, "parent_code",
                 "a metropolitan government has no parent, got '" + g.parent_code + "'");
      }
      continue;
    }
    const auto it = by_code.find(g.parent_code);
    if (g.parent_code.empty()) {
      sink.Add(at, "parent_code", "a basic government needs the code of its province or city");
    } else if (it == by_code.end()) {
      sink.Add(at, "parent_code", "parent " + g.parent_code + " is not in the registry");
    } else if (it->second->level != Level::kMetropolitan) {
      sink.Add(at, "parent_code", "parent " + g.parent_code + " is not a metropolitan government");
    }
  }

  int metropolitan = 0;
  int basic = 0;
  for (const auto& g : governments) (g.level == Level::kMetropolitan ? metropolitan : basic)++;
  if (expect.metropolitan && metropolitan != *expect.metropolitan) {
    sink.Add({table.file}, "level",
             "expected " + std::to_string(*expect.metropolitan) +
                 " metropolitan governments, found " + std::to_string(metropolitan));
  }
  if (expect.basic && basic != *expect.basic) {
    sink.Add({table.file}, "level",
             "expected " + std::to_string(*expect.basic) + " basic governments, found " +
                 std::to_string(basic));
  }
  if (governments.empty()) sink.Add({table.file}, {}, "the registry has no governments");
  sink.ThrowIfAny();
  return Registry(table.file, std::move(governments));
}

std::string FormatRegistryCsv(const Registry& registry) {
  Table table;
  table.header.assign(std::begin(kColumns), std::end(kColumns));
  table.rows.reserve(registry.size());
  for (const auto& g : registry.governments()) {
    table.rows.push_back(
        {g.code, g.name_ko, g.name_en, std::string(ToString(g.level)),
         std::string(ToString(g.type)), g.parent_code, FormatShortest(g.population),
         std::to_string(g.population_year), g.population_source, FormatShortest(g.workers),
         std::to_string(g.workers_year), g.workers_source, g.workers_estimated ? "true" : "false"});
  }
  return RenderCsv(table);
}

}  // namespace jobaward
