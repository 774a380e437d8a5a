// The layout of the report template workbook, shared by its writer (template_workbook.cpp) and
// the reader of filled templates (report_xlsx.cpp), so the two cannot drift. Documented in
// examples/README.md ("Workbooks"). Internal to jobaward_io.
#pragma once

#include "jobaward/scoring/report.hpp"

namespace jobaward::report_detail {

inline constexpr const char* kGuideSheet = "안내";           // instructions
inline constexpr const char* kReportSheet = "보고서";        // the office fills it in
inline constexpr const char* kReviewSheet = "심사";          // the evaluators fill it in
inline constexpr const char* kGovernmentSheet = "자치단체";  // the list of codes and names

inline constexpr int kHeaderRow = 3;  // 1-based; rows below it hold one item each
inline constexpr int kIdColumn = 1;   // A: the stable English id (field name)
inline constexpr int kLabelColumn = 2;
inline constexpr int kUnitColumn = 3;
inline constexpr int kTypeColumn = 4;
inline constexpr int kRangeColumn = 5;
inline constexpr int kValueColumn = 6;  // F: the value (the first reviewer's score on 심사)
inline constexpr int kReviewers = 10;   // score columns F..O on 심사
inline constexpr const char* kIdHeader = "id";

/// Reviewers' judgments (grades and score lists) are on the 심사 sheet; the rest on 보고서.
inline bool OnReviewSheet(FieldType type) {
  return type == FieldType::kGrade || type == FieldType::kScores;
}

/// Value columns of a sheet: one on 보고서, one per reviewer on 심사.
inline int ValueColumns(bool review_sheet) { return review_sheet ? kReviewers : 1; }

}  // namespace jobaward::report_detail
