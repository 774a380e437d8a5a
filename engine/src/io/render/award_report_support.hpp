// Helpers shared by the award report's sections (award_report.cpp, award_report_summary.cpp).
// Internal to jobaward_io.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "jobaward/render/award_report.hpp"
#include "jobaward/render/svg_chart.hpp"

namespace jobaward::report_detail {

/// The rubric's Korean name of `category`, or the id when no result has it.
[[nodiscard]] std::string CategoryName(const AwardReportInput& in, const std::string& category);

/// The name shown for a government: display_names (with its parent) or name_ko.
[[nodiscard]] const std::string& DisplayName(const AwardReportInput& in, const std::string& code,
                                             const std::string& name_ko);

/// Cohort letters in the order of the report's cohort list, then any others in first-seen order.
[[nodiscard]] std::vector<std::string> CohortOrder(const AwardReportInput& in,
                                                   const std::vector<std::string>& seen);

/// "prefix-suffix" with every character but ASCII letters and digits of the suffix as '-'.
[[nodiscard]] std::string SectionId(std::string_view prefix, std::string_view suffix);

/// "42%"; "42% ± 1.1" (standard error in percentage points).
[[nodiscard]] std::string Percent(double p);
[[nodiscard]] std::string PercentWithError(double p, double se);

/// A weight's largest own effect (the total when the own effect is unknown).
[[nodiscard]] double Impact(const SensitivitySummary::Row& row);

/// The weight's name, with its award changes when there are any.
[[nodiscard]] std::string WeightLabel(const SensitivitySummary::Row& row);

/// A tornado of `rows` (of `sens`): bars of the own effect, marks of the total.
[[nodiscard]] TornadoChart WeightTornado(const std::string& title, const SensitivitySummary& sens,
                                         const std::vector<const SensitivitySummary::Row*>& rows,
                                         const std::vector<std::string>& labels);

/// Appends the "what it takes" blocks of `code` to its page (award_report_gaps.cpp).
void AddGapsBlocks(const AwardReportInput& in, const std::string& code, HtmlSection& page);

/// The summary section (award_report_summary.cpp).
[[nodiscard]] HtmlSection SummarySection(const AwardReportInput& in);

}  // namespace jobaward::report_detail
