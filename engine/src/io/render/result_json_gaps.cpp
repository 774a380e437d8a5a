// The nested JSON of "what it takes" (result_json_internal.hpp GapsTreeJson): the rows of the
// long table, one per government, input and goal, grouped back into categories, governments,
// levers and answers (gaps.schema.json). Only regroups typed cells; computes nothing.
#include <string>

#include "src/io/render/result_json_internal.hpp"

namespace jobaward {

namespace {

// The cells of one row by column id.
class Row {
 public:
  Row(const ResultTable& table, const std::vector<Cell>& cells) : table_(table), cells_(cells) {}
  [[nodiscard]] Json operator[](const char* id) const {
    const std::size_t c = table_.ColumnIndex(id);
    return CellJson(table_.columns()[c], cells_[c]);
  }
  [[nodiscard]] std::string Text(const char* id) const {
    const std::string* text = cells_[table_.ColumnIndex(id)].text();
    return text == nullptr ? std::string() : *text;
  }

 private:
  const ResultTable& table_;
  const std::vector<Cell>& cells_;
};

Json Now(const Row& r) {
  return {{"rank", r["rank"]},
          {"advanced", r["advanced"]},
          {"final_score", r["final_score"]},
          {"award", r["award"]},
          {"tied", r["tied"]}};
}

Json At(const Row& r) {
  return {{"rank", r["new_rank"]},
          {"advanced", r["new_advanced"]},
          {"final_score", r["new_final_score"]},
          {"award", r["new_award"]},
          {"tied", r["new_tied"]}};
}

Json Answer(const Row& r) {
  Json j;
  const std::string status = r.Text("status");
  j["status"] = status;
  if (status == "reached") {
    for (const char* key : {"value", "change", "before", "tolerance"}) j[key] = r[key];
  } else if (status == "not_reachable") {
    for (const char* key : {"limit", "limit_value"}) j[key] = r[key];
  }
  if (status == "reached" || status == "not_reachable") j["at"] = At(r);
  return j;
}

Json Government(const Row& r) {
  return {{"code", r["code"]}, {"name_ko", r["name_ko"]},  {"cohort", r["cohort"]},
          {"now", Now(r)},     {"above", r["above_code"]}, {"levers", Json::array()}};
}

Json Lever(const Row& r) {
  Json j;
  j["kind"] = r["lever_kind"];
  j["id"] = r["lever"];
  j["name_ko"] = r["lever_ko"];
  for (const char* key : {"field", "unit", "direction", "baseline", "raw"}) j[key] = r[key];
  j["answers"] = Json::object();
  return j;
}

}  // namespace

Json GapsTreeJson(const ResultTable& table) {
  Json categories = Json::array();
  std::string category;
  std::string code;
  std::string lever;
  for (const auto& cells : table.rows()) {
    const Row r(table, cells);
    const bool new_category = categories.empty() || r.Text("category") != category;
    if (new_category) {
      category = r.Text("category");
      categories.push_back(
          {{"rubric", r["rubric"]}, {"category", r["category"]}, {"governments", Json::array()}});
    }
    Json& governments = categories.back()["governments"];
    const bool new_government = new_category || r.Text("code") != code;
    if (new_government) {
      code = r.Text("code");
      governments.push_back(Government(r));
    }
    Json& levers = governments.back()["levers"];
    if (new_government || r.Text("lever") != lever) {
      lever = r.Text("lever");
      levers.push_back(Lever(r));
    }
    levers.back()["answers"][r.Text("goal")] = Answer(r);
  }
  return categories;
}

}  // namespace jobaward
