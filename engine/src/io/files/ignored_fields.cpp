// The one summary note of a load that skipped the fields no rubric in use declares (see
// ReportLoadOptions::ignore_undeclared_fields).
#include <algorithm>
#include <string>
#include <vector>

#include "jobaward/io/report_io.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

void IgnoredFields::Add(const Report& report) {
  if (report.ignored_fields.empty()) return;
  fields += report.ignored_fields.size();
  ++reports;
  for (const auto& name : report.ignored_fields) ++names[name];
}

std::string IgnoredFields::Note(const std::vector<std::string>& rubric_ids) const {
  if (fields == 0) return {};
  // The names most reports carry first: those are another category's fields; a name only one
  // report carries is more likely a field nobody reads, so it is worth seeing too.
  std::vector<std::pair<std::string, std::size_t>> by_count(names.begin(), names.end());
  std::stable_sort(by_count.begin(), by_count.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  constexpr std::size_t kShown = 8;
  std::string list;
  for (std::size_t i = 0; i < by_count.size() && i < kShown; ++i) {
    list += (list.empty() ? "" : ", ") + by_count[i].first;
  }
  if (by_count.size() > kShown) list += ", ...";
  std::string ids;
  for (const auto& id : rubric_ids) ids += (ids.empty() ? "" : ", ") + id;
  const bool one = fields == 1;
  return FormatThousands(static_cast<double>(fields)) + (one ? " field" : " fields") + " of " +
         FormatThousands(static_cast<double>(reports)) + (reports == 1 ? " report" : " reports") +
         (one ? " is" : " are") + " not read by the " +
         (rubric_ids.size() == 1 ? "rubric" : "rubrics") + " in use (" + ids + ") and " +
         (one ? "was" : "were") + " ignored: " + list + " (" + std::to_string(names.size()) +
         " field name" + (names.size() == 1 ? "" : "s") + ")";
}

}  // namespace jobaward
