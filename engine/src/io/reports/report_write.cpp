// Writers for reports (YAML, CSV), in exactly the formats the loaders read.
#include <fmt/format.h>

#include "jobaward/io/report_io.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

namespace {

std::string YamlQuoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string JoinScores(const std::vector<double>& scores, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (i > 0) out += separator;
    out += FormatShortest(scores[i]);
  }
  return out;
}

std::string YamlValue(const FieldValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          return FormatShortest(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return YamlQuoted(v);
        } else {
          return "[" + JoinScores(v, ", ") + "]";
        }
      },
      value);
}

std::string CsvValue(const FieldValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, double>) {
          return FormatShortest(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else {
          return JoinScores(v, ";");
        }
      },
      value);
}

const Government* Find(const Registry& registry, const std::string& code) {
  const auto i = registry.IndexOf(code);
  return i ? &registry[*i] : nullptr;
}

}  // namespace

std::string FormatReportYaml(const Report& report, const ReportSchema& schema,
                             const Registry& registry) {
  const Government* g = Find(registry, report.government_code);
  const std::string who = g == nullptr ? "government " + report.government_code
                                       : g->name_ko + " (" + g->name_en + ", " + g->code + ")";
  std::string out;
  if (report.synthetic) {
    out += "# SYNTHETIC REPORT: generated figures, not submitted by " + who + ".\n";
    if (!report.sources.empty()) {
      std::string real;
      for (const auto& [field, source] : report.sources) real += (real.empty() ? "" : ", ") + field;
      out += "# Partially synthetic: " + real +
             " are real, published figures (see `sources`); every other figure is generated.\n";
    }
  } else {
    out += "# Report of " + who + " for " + std::to_string(report.year) + ".\n";
  }
  out += "government: " + YamlQuoted(report.government_code) + "\n";
  if (g != nullptr) out += "name_ko: " + YamlQuoted(g->name_ko) + "\n";
  out += "year: " + std::to_string(report.year) + "\n";
  out += std::string("synthetic: ") + (report.synthetic ? "true" : "false") + "\n";
  if (!report.provenance.empty()) out += "provenance: " + YamlQuoted(report.provenance) + "\n";
  if (!report.sources.empty()) {
    out += "sources:\n";
    for (const auto& [field, source] : report.sources) {
      out += "  " + field + ": " + YamlQuoted(source) + "\n";
    }
  }
  out += "fields:";
  bool any = false;
  for (const auto& spec : schema.fields) {
    const auto it = report.fields.find(spec.name);
    if (it == report.fields.end()) continue;
    out += "\n  " + spec.name + ": " + YamlValue(it->second);
    any = true;
  }
  // An empty mapping must still be a mapping (a report with every value missing).
  out += any ? "\n" : " {}\n";
  return out;
}

std::string FormatReportsCsv(const std::vector<Report>& reports, const ReportSchema& schema,
                             const Registry& registry) {
  Table table;
  table.header = {"government", "name_ko", "year", "synthetic", "provenance"};
  for (const auto& spec : schema.fields) table.header.push_back(spec.name);
  table.rows.reserve(reports.size());
  for (const auto& report : reports) {
    const Government* g = Find(registry, report.government_code);
    std::vector<std::string> row = {report.government_code, g == nullptr ? "" : g->name_ko,
                                    std::to_string(report.year),
                                    report.synthetic ? "true" : "false", report.provenance};
    for (const auto& spec : schema.fields) {
      const auto it = report.fields.find(spec.name);
      row.push_back(it == report.fields.end() ? "" : CsvValue(it->second));
    }
    table.rows.push_back(std::move(row));
  }
  return RenderCsv(table);
}

}  // namespace jobaward
