// The report template workbook (report_template.hpp); its layout constants are shared with the
// reader in report_template_layout.hpp.
#include <xlsxwriter.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_template.hpp"
#include "jobaward/render/text_table.hpp"
#include "src/io/files/xlsx_internal.hpp"
#include "src/io/reports/report_template_layout.hpp"

namespace jobaward {

namespace {

using namespace report_detail;

constexpr double kUnbounded = 1e15;  // validation bounds of a number without min or max

// libxlsxwriter takes 0-based rows and columns; the layout names them 1-based as Excel does.
lxw_row_t Row(int row) { return static_cast<lxw_row_t>(row - 1); }
lxw_col_t Col(int column) { return static_cast<lxw_col_t>(column - 1); }

std::string TypeText(FieldType type) {
  switch (type) {
    case FieldType::kNumber:
      return "숫자";
    case FieldType::kCount:
      return "정수 (0 이상)";
    case FieldType::kGrade:
      return "등급";
    case FieldType::kScores:
      return "심사위원별 점수";
    case FieldType::kBoolean:
      return "TRUE / FALSE";
  }
  return "";
}

std::string RangeText(const FieldSpec& spec) {
  if (spec.type == FieldType::kGrade) return "A, B, C, D, E";
  if (spec.type == FieldType::kBoolean) return "TRUE, FALSE";
  const double low = spec.type == FieldType::kCount ? std::max(spec.min.value_or(0), 0.0)
                                                    : spec.min.value_or(-kUnbounded);
  if (spec.max) return FormatShortest(low) + " ~ " + FormatShortest(*spec.max);
  if (spec.min || spec.type == FieldType::kCount) return FormatShortest(low) + " 이상";
  return "제한 없음";
}

struct Formats {
  lxw_format* title;
  lxw_format* header;
  lxw_format* label;
  lxw_format* input;
  lxw_format* fixed;  // computed or prefilled by the template, not typed
  lxw_format* wrap;
};

// One validation rule; the strings it points at live as long as the call that applies it.
struct Rule {
  lxw_data_validation v{};
  std::string message;
  std::string formula;
  std::vector<const char*> list;
};

void Apply(lxw_worksheet* ws, int row, int first_column, int last_column, Rule& rule) {
  rule.v.ignore_blank = LXW_VALIDATION_ON;
  rule.v.show_input = LXW_VALIDATION_ON;
  rule.v.show_error = LXW_VALIDATION_ON;
  rule.v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  static char title[] = "입력 오류";
  rule.v.error_title = title;
  rule.v.error_message = rule.message.data();
  rule.v.input_message = rule.message.data();
  if (!rule.list.empty()) {
    rule.list.push_back(nullptr);
    rule.v.value_list = const_cast<char**>(rule.list.data());
  }
  if (!rule.formula.empty()) rule.v.value_formula = rule.formula.data();
  worksheet_data_validation_range(ws, Row(row), Col(first_column), Row(row), Col(last_column),
                                  &rule.v);
}

Rule NumberRule(double low, double high, bool whole, std::string message) {
  Rule r;
  r.v.validate = whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
  r.v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  r.v.minimum_number = low;
  r.v.maximum_number = high;
  r.message = std::move(message);
  return r;
}

Rule FieldRule(const FieldSpec& spec) {
  Rule r;
  const std::string expected = TypeText(spec.type) + ", " + RangeText(spec);
  switch (spec.type) {
    case FieldType::kGrade:
      r.v.validate = LXW_VALIDATION_TYPE_LIST;
      r.list = {"A", "B", "C", "D", "E"};
      r.message = "등급 A, B, C, D, E 중 하나";
      return r;
    case FieldType::kBoolean:
      r.v.validate = LXW_VALIDATION_TYPE_LIST;
      r.list = {"TRUE", "FALSE"};
      r.message = "TRUE 또는 FALSE";
      return r;
    case FieldType::kCount:
      return NumberRule(std::max(spec.min.value_or(0), 0.0), spec.max.value_or(kUnbounded), true,
                        expected);
    case FieldType::kNumber:
    case FieldType::kScores:
      break;
  }
  return NumberRule(spec.min.value_or(-kUnbounded), spec.max.value_or(kUnbounded), false, expected);
}

// Writes a report's value of `spec` into the value cells of `row`.
void WriteValue(lxw_worksheet* ws, int row, const FieldSpec& spec, const FieldValue& value,
                const Formats& f) {
  if (const auto* scores = std::get_if<std::vector<double>>(&value)) {
    if (scores->size() > static_cast<std::size_t>(kReviewers)) {
      throw InputError(Diagnostic{{},
                                  "fields." + spec.name,
                                  "the template has room for " + std::to_string(kReviewers) +
                                      " reviewers' scores, got " + std::to_string(scores->size()),
                                  {}});
    }
    for (std::size_t i = 0; i < scores->size(); ++i) {
      worksheet_write_number(ws, Row(row), Col(kValueColumn + static_cast<int>(i)), (*scores)[i],
                             f.input);
    }
  } else if (const auto* number = std::get_if<double>(&value)) {
    worksheet_write_number(ws, Row(row), Col(kValueColumn), *number, f.input);
  } else if (const auto* flag = std::get_if<bool>(&value)) {
    worksheet_write_boolean(ws, Row(row), Col(kValueColumn), *flag ? 1 : 0, f.input);
  } else {
    worksheet_write_string(ws, Row(row), Col(kValueColumn), std::get<std::string>(value).c_str(),
                           f.input);
  }
}

class TemplateWriter {
 public:
  TemplateWriter(lxw_workbook* wb, const ReportSchema& schema, const Registry& registry,
                 const ReportTemplateOptions& options)
      : wb_(wb), schema_(schema), registry_(registry), options_(options) {
    f_.title = workbook_add_format(wb);
    format_set_bold(f_.title);
    format_set_font_size(f_.title, 14);
    f_.header = workbook_add_format(wb);
    format_set_bold(f_.header);
    format_set_bottom(f_.header, LXW_BORDER_THIN);
    format_set_bg_color(f_.header, 0xD9E1F2);
    f_.label = workbook_add_format(wb);
    format_set_text_wrap(f_.label);
    format_set_align(f_.label, LXW_ALIGN_VERTICAL_CENTER);
    f_.input = workbook_add_format(wb);
    format_set_bg_color(f_.input, 0xFFF2CC);
    format_set_border(f_.input, LXW_BORDER_THIN);
    format_set_unlocked(f_.input);
    f_.fixed = workbook_add_format(wb);
    format_set_bg_color(f_.fixed, 0xEDEDED);
    format_set_border(f_.fixed, LXW_BORDER_THIN);
    f_.wrap = workbook_add_format(wb);
    format_set_text_wrap(f_.wrap);
  }

  void Write() {
    WriteGuide();
    lxw_worksheet* report = Sheet(kReportSheet, false);
    lxw_worksheet* review = Sheet(kReviewSheet, true);
    WriteGovernmentList();
    int row = kHeaderRow + 1;
    WriteHeaderItems(report, row);
    int review_row = kHeaderRow + 1;
    for (const FieldSpec& spec : schema_.fields) {
      if (OnReviewSheet(spec.type)) {
        WriteField(review, review_row++, spec, true);
      } else {
        WriteField(report, row++, spec, false);
      }
    }
    worksheet_activate(report);
  }

 private:
  void Text(lxw_worksheet* ws, int row, int column, const std::string& text, lxw_format* format) {
    worksheet_write_string(ws, Row(row), Col(column), text.c_str(), format);
  }

  void WriteGuide() {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, kGuideSheet);
    worksheet_set_column(ws, 0, 0, 110, f_.wrap);
    const std::vector<std::string> lines = {
        "일자리대상 제출 보고서 양식 (jobaward template)",
        "",
        "1. '보고서' 시트의 노란 칸(F열)에 값을 입력합니다. 자치단체 코드는 목록에서 고르면 "
        "자치단체명이 자동으로 표시됩니다('자치단체' 시트 참고).",
        "2. 각 칸에는 입력 규칙(데이터 유효성 검사)이 있습니다: 정수, 허용 범위, 목록(등급 A~E, "
        "TRUE/FALSE). 단위(C열)와 허용 범위(E열)를 확인하십시오.",
        "3. 값이 없는 항목은 빈칸으로 둡니다. 0은 '없음'이 아니라 0이라는 값입니다.",
        "4. '심사' 시트는 평가위원(심사기관)이 작성합니다: 등급은 F열, 점수는 심사위원 1부터 "
        "차례로 F~O열에 입력합니다. 자치단체는 비워 둡니다.",
        "5. A열의 id, 시트 이름, 머리글 행(3행)은 바꾸지 마십시오. 행을 지우거나 옮기지 "
        "마십시오.",
        "6. Excel 통합 문서(.xlsx)로 저장합니다. 매크로 사용 통합 문서(.xlsm), 암호가 걸린 "
        "파일, 다른 통합 문서에 연결된 파일은 받지 않습니다.",
        "7. 받은 파일은 `jobaward score --reports 폴더`로 한꺼번에 채점됩니다. 잘못된 칸은 "
        "'파일.xlsx:보고서!F7: 항목: 내용' 형식으로 알려 드립니다.",
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
      Text(ws, static_cast<int>(i) + 1, 1, lines[i], i == 0 ? f_.title : nullptr);
    }
  }

  lxw_worksheet* Sheet(const char* name, bool review) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
    Text(ws, 1, 1,
         review ? "심사위원 입력 — 평가기관이 작성합니다 (자치단체는 비워 둡니다)"
                : "일자리대상 보고서 — 자치단체가 작성합니다",
         f_.title);
    Text(ws, 2, 1,
         review ? "등급은 F열, 점수는 심사위원 1부터 왼쪽부터 입력합니다. 작성 방법: '안내' 시트."
                : "노란 칸(F열)에 입력합니다. 작성 방법: '안내' 시트.",
         nullptr);
    const std::vector<std::string> header = {kIdHeader, "항목", "단위", "형식", "허용 범위"};
    for (std::size_t i = 0; i < header.size(); ++i) {
      Text(ws, kHeaderRow, static_cast<int>(i) + 1, header[i], f_.header);
    }
    const int values = ValueColumns(review);
    for (int i = 0; i < values; ++i) {
      Text(ws, kHeaderRow, kValueColumn + i, review ? "심사위원 " + std::to_string(i + 1) : "값",
           f_.header);
    }
    Text(ws, kHeaderRow, kValueColumn + values, "설명", f_.header);
    worksheet_set_column(ws, Col(kIdColumn), Col(kIdColumn), 24, nullptr);
    worksheet_set_column(ws, Col(kLabelColumn), Col(kLabelColumn), 26, f_.label);
    worksheet_set_column(ws, Col(kUnitColumn), Col(kUnitColumn), 8, nullptr);
    worksheet_set_column(ws, Col(kTypeColumn), Col(kTypeColumn), 16, nullptr);
    worksheet_set_column(ws, Col(kRangeColumn), Col(kRangeColumn), 18, nullptr);
    worksheet_set_column(ws, Col(kValueColumn), Col(kValueColumn + values - 1), review ? 11 : 18,
                         nullptr);
    worksheet_set_column(ws, Col(kValueColumn + values), Col(kValueColumn + values), 60, f_.wrap);
    worksheet_freeze_panes(ws, Row(kHeaderRow + 1), Col(kValueColumn));
    return ws;
  }

  void Describe(lxw_worksheet* ws, int row, const std::string& id, const std::string& label,
                const std::string& unit, const std::string& type, const std::string& range,
                const std::string& description, bool review) {
    Text(ws, row, kIdColumn, id, nullptr);
    Text(ws, row, kLabelColumn, label, f_.label);
    if (!unit.empty()) Text(ws, row, kUnitColumn, unit, nullptr);
    Text(ws, row, kTypeColumn, type, nullptr);
    Text(ws, row, kRangeColumn, range, nullptr);
    if (!description.empty()) {
      Text(ws, row, kValueColumn + ValueColumns(review), description, f_.wrap);
    }
  }

  void WriteHeaderItems(lxw_worksheet* ws, int& row) {
    const Report* values = options_.values;
    const int last = static_cast<int>(registry_.size()) + 1;
    // government
    Describe(ws, row, "government", "자치단체 코드", "", "5자리 코드", "'자치단체' 시트의 코드",
             "행정표준코드 5자리 (예: 11530 구로구)", false);
    Rule code;
    code.v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    code.formula = "='" + std::string(kGovernmentSheet) + "'!$A$2:$A$" + std::to_string(last);
    code.message = "'자치단체' 시트의 5자리 코드";
    Apply(ws, row, kValueColumn, kValueColumn, code);
    if (values != nullptr) {
      worksheet_write_number(ws, Row(row), Col(kValueColumn),
                             std::strtod(values->government_code.c_str(), nullptr), f_.input);
    } else {
      worksheet_write_blank(ws, Row(row), Col(kValueColumn), f_.input);
    }
    const int code_row = row++;
    // name_ko: looked up from the code, so the office sees whether it picked its own.
    Describe(ws, row, "name_ko", "자치단체명", "", "자동 표시", "코드로 찾음",
             "코드를 고르면 표시됩니다. 다른 이름이 보이면 코드를 확인하십시오.", false);
    std::string name;
    if (values != nullptr) {
      if (const auto index = registry_.IndexOf(values->government_code)) {
        name = registry_[*index].name_ko;
      }
    }
    const std::string lookup = "=IFERROR(VLOOKUP(" + ColumnName(kValueColumn) +
                               std::to_string(code_row) + ",'" + kGovernmentSheet + "'!$A$2:$B$" +
                               std::to_string(last) + ",2,FALSE),\"\")";
    worksheet_write_formula_str(ws, Row(row), Col(kValueColumn), lookup.c_str(), f_.fixed,
                                name.c_str());
    ++row;
    // year
    const double year = values != nullptr ? values->year : options_.year.value_or(0);
    Describe(ws, row, "year", "평가 연도", "년", "정수",
             options_.year ? std::to_string(*options_.year) : "1900 ~ 2200", "평가(시상) 연도",
             false);
    Rule year_rule = options_.year ? NumberRule(*options_.year, *options_.year, true,
                                                "평가 연도 " + std::to_string(*options_.year))
                                   : NumberRule(1900, 2200, true, "1900 ~ 2200 정수");
    Apply(ws, row, kValueColumn, kValueColumn, year_rule);
    if (year > 0) {
      worksheet_write_number(ws, Row(row), Col(kValueColumn), year, f_.input);
    } else {
      worksheet_write_blank(ws, Row(row), Col(kValueColumn), f_.input);
    }
    ++row;
    // synthetic
    Describe(ws, row, "synthetic", "합성(가상) 자료 여부", "", "TRUE / FALSE", "TRUE, FALSE",
             "실제로 제출하는 자료는 FALSE", false);
    Rule flag;
    flag.v.validate = LXW_VALIDATION_TYPE_LIST;
    flag.list = {"TRUE", "FALSE"};
    flag.message = "TRUE 또는 FALSE";
    Apply(ws, row, kValueColumn, kValueColumn, flag);
    worksheet_write_boolean(ws, Row(row), Col(kValueColumn),
                            values != nullptr && values->synthetic ? 1 : 0, f_.input);
    ++row;
    // provenance
    Describe(ws, row, "provenance", "자료 출처·작성 부서", "", "글", "1000자 이내",
             "자료의 출처와 작성 부서, 담당자", false);
    Rule text;
    text.v.validate = LXW_VALIDATION_TYPE_LENGTH;
    text.v.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
    text.v.value_number = 1000;
    text.message = "1000자 이내의 글";
    Apply(ws, row, kValueColumn, kValueColumn, text);
    if (values != nullptr && !values->provenance.empty()) {
      worksheet_write_string(ws, Row(row), Col(kValueColumn), values->provenance.c_str(), f_.input);
    } else {
      worksheet_write_blank(ws, Row(row), Col(kValueColumn), f_.input);
    }
    ++row;
  }

  void WriteField(lxw_worksheet* ws, int row, const FieldSpec& spec, bool review) {
    Describe(ws, row, spec.name, spec.name_ko.empty() ? spec.name : spec.name_ko, spec.unit,
             TypeText(spec.type), RangeText(spec), spec.description, review);
    const int columns = spec.type == FieldType::kScores ? ValueColumns(review) : 1;
    Rule rule = FieldRule(spec);
    Apply(ws, row, kValueColumn, kValueColumn + columns - 1, rule);
    for (int c = 0; c < columns; ++c) {
      worksheet_write_blank(ws, Row(row), Col(kValueColumn + c), f_.input);
    }
    if (options_.values != nullptr) {
      const auto it = options_.values->fields.find(spec.name);
      if (it != options_.values->fields.end()) WriteValue(ws, row, spec, it->second, f_);
    }
  }

  void WriteGovernmentList() {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, kGovernmentSheet);
    Text(ws, 1, 1, "코드", f_.header);
    Text(ws, 1, 2, "자치단체명", f_.header);
    Text(ws, 1, 3, "상위 자치단체", f_.header);
    for (std::size_t i = 0; i < registry_.size(); ++i) {
      const Government& g = registry_[i];
      const int row = static_cast<int>(i) + 2;
      worksheet_write_number(ws, Row(row), Col(1), std::strtod(g.code.c_str(), nullptr), nullptr);
      Text(ws, row, 2, g.name_ko, nullptr);
      if (const auto parent = registry_.IndexOf(g.parent_code)) {
        Text(ws, row, 3, registry_[*parent].name_ko, nullptr);
      }
    }
    worksheet_set_column(ws, 0, 0, 8, nullptr);
    worksheet_set_column(ws, 1, 2, 18, nullptr);
    worksheet_freeze_panes(ws, 1, 0);
  }

  lxw_workbook* wb_;
  const ReportSchema& schema_;
  const Registry& registry_;
  const ReportTemplateOptions& options_;
  Formats f_{};
};

}  // namespace

void WriteReportTemplate(const std::filesystem::path& path, const ReportSchema& schema,
                         const Registry& registry, const ReportTemplateOptions& options) {
  // The one workbook writer: its temporary sits beside `path` and is removed on any failure and
  // on SIGINT/SIGTERM (the scratch file in /tmp this used before was not).
  detail::WriteWorkbookAtomically(
      path, [&](lxw_workbook* wb) { TemplateWriter(wb, schema, registry, options).Write(); },
      "jobaward report template");
}

}  // namespace jobaward
