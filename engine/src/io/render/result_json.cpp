// The JSON rendering of a Result (result_render.hpp).
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "jobaward/error.hpp"
#include "jobaward/render/result_render.hpp"
#include "src/io/render/result_json_internal.hpp"

namespace jobaward {

Json CellJson(const Column& column, const Cell& cell) {
  if (cell.empty()) return nullptr;
  const Cell::Value& v = cell.value();
  switch (column.type) {
    case ColumnType::kText:
    case ColumnType::kCode:
      return *cell.text();
    case ColumnType::kInteger:
      return std::get<std::int64_t>(v);
    case ColumnType::kNumber:
    case ColumnType::kProbability:
      return std::get<double>(v);
    case ColumnType::kMoney: {
      const double d = std::get<double>(v);
      if (d == std::round(d) && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
      return d;
    }
    case ColumnType::kBoolean:
      return std::get<bool>(v);
    case ColumnType::kValue:
      if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
      if (const auto* d = std::get_if<double>(&v)) return *d;
      if (const auto* b = std::get_if<bool>(&v)) return *b;
      return *cell.text();
  }
  return nullptr;
}

namespace {

Json RowJson(const ResultTable& table, const std::vector<Cell>& cells) {
  Json row = Json::object();
  for (std::size_t c = 0; c < table.columns().size(); ++c) {
    row[table.columns()[c].id] = CellJson(table.columns()[c], cells[c]);
  }
  return row;
}

void Put(Json& doc, const std::string& key, Json value) {
  if (doc.contains(key)) throw InternalError("JSON key '" + key + "' used twice in a result");
  doc[key] = std::move(value);
}

}  // namespace

std::string RenderResultJson(const Result& result, const Provenance* provenance) {
  Json doc = Json::object();
  if (!result.banners.empty()) {
    Json banners = Json::array();
    for (const Banner& b : result.banners) {
      banners.push_back(
          {{"id", b.column.id}, {"value", CellJson(b.column, b.value)}, {"text", b.text}});
    }
    Put(doc, "banners", std::move(banners));
  }
  for (const Fact& f : result.facts) Put(doc, f.column.id, CellJson(f.column, f.value));
  for (const ResultTable& table : result.tables) {
    const std::string& key = table.json_key.empty() ? table.id() : table.json_key;
    if (table.json_form == JsonForm::kGapsTree) {
      Put(doc, key, GapsTreeJson(table));
      continue;
    }
    Json rows = Json::array();
    for (const auto& row : table.rows()) rows.push_back(RowJson(table, row));
    Put(doc, key, std::move(rows));
    if (!table.totals().empty()) {
      Json totals = Json::array();
      for (const auto& total : table.totals()) totals.push_back(RowJson(table, total.cells));
      Put(doc, key + "_totals", std::move(totals));
    }
  }
  if (!result.notes.empty()) Put(doc, "notes", result.notes);
  if (provenance != nullptr) Put(doc, "provenance", ProvenanceJson(*provenance));
  return doc.dump(2) + "\n";
}

}  // namespace jobaward
