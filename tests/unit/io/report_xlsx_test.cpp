// Reports as offices send them: the template workbook (`jobaward template`), filled templates and
// consolidated workbooks read back (ParseReportXlsx, VisitReportsXlsx), with the same reports and
// scores as the YAML and CSV routes. Bad cells and bad workbooks are in the error catalogue
// (tests/errors/report-xlsx/).
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>

#include "bundled_inputs.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/report_template.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/io/xlsx_reader.hpp"
#include "jobaward/render/result_render.hpp"
#include "test_support.hpp"
#include "xlsx_read.hpp"

using namespace jobaward;
namespace fs = std::filesystem;

namespace {

const ScoringSetup& Bundled() {
  static const ScoringSetup setup = [] {
    AwardPaths paths = test::BundledAwardPaths();
    return LoadScoringSetup(paths);
  }();
  return setup;
}

// The reports CSV `csv` as a consolidated workbook (one row per government) written by the
// library's typed writer: the numeric columns as numbers, the others as text, the government
// code as a number (what Excel makes of a column of codes) or, with `codes_as_text`, as text.
void WriteConsolidatedWorkbook(const fs::path& path, const std::string& csv, bool codes_as_text) {
  const CsvTable parsed = ParseCsv(csv, "reports.csv");
  std::vector<Column> columns;
  for (std::size_t c = 0; c < parsed.header.size(); ++c) {
    const std::string& id = parsed.header[c];
    bool numeric = true;
    for (const CsvRow& row : parsed.rows) {
      numeric = numeric && (row.fields[c].empty() || ParseFiniteNumber(row.fields[c]).has_value());
    }
    const ColumnType type = id == "government"
                                ? (codes_as_text ? ColumnType::kCode : ColumnType::kInteger)
                            : numeric ? ColumnType::kNumber
                                      : ColumnType::kText;
    columns.emplace_back(id, id, type, 6);
  }
  ResultTable table("reports", "보고서 취합", columns);
  for (const CsvRow& row : parsed.rows) {
    std::vector<Cell> cells;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string& field = row.fields[c];
      if (field.empty()) {
        cells.emplace_back();
      } else if (columns[c].type == ColumnType::kInteger) {
        cells.emplace_back(static_cast<std::int64_t>(std::stoll(field)));
      } else if (columns[c].type == ColumnType::kNumber) {
        cells.emplace_back(*ParseFiniteNumber(field));
      } else {
        cells.emplace_back(field);
      }
    }
    table.AddRow(std::move(cells));
  }
  Result result;
  result.tables.push_back(std::move(table));
  WriteResultXlsx(path, result);
}

const ReportBatch& YamlReports() {
  static const ReportBatch batch =
      LoadReports(test::SourcePath("examples/2020/reports"), Bundled().schema, Bundled().registry);
  return batch;
}

// Same governments, years, flags, provenance and values (locations differ by design).
void CheckSameReports(const std::vector<Report>& a, const std::vector<Report>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("report ", i, " government ", a[i].government_code);
    CHECK(a[i].government_code == b[i].government_code);
    CHECK(a[i].year == b[i].year);
    CHECK(a[i].synthetic == b[i].synthetic);
    CHECK(a[i].provenance == b[i].provenance);
    CHECK(a[i].fields == b[i].fields);
  }
}

std::string Messages(const InputError& e) {
  std::string out;
  for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
  return out;
}

}  // namespace

TEST_SUITE("report workbooks") {
  TEST_CASE("the blank template asks for every field with validation on every input cell") {
    const test::TempDir dir;
    const fs::path path = dir.path() / "template.xlsx";
    ReportTemplateOptions options;
    options.year = 2020;
    WriteReportTemplate(path, Bundled().schema, Bundled().registry, options);
    const test::Xlsx book = test::ReadXlsx(path.string());
    CHECK(book.sheet_names == std::vector<std::string>{"안내", "보고서", "심사", "자치단체"});

    // Column A lists the items in schema order: the office's on 보고서, reviewers' on 심사.
    std::vector<std::string> office = {"government", "name_ko", "year", "synthetic", "provenance"};
    std::vector<std::string> review;
    for (const FieldSpec& f : Bundled().schema.fields) {
      (f.type == FieldType::kGrade || f.type == FieldType::kScores ? review : office)
          .push_back(f.name);
    }
    const auto ids = [](const std::map<std::string, test::XlsxCell>& sheet) {
      std::vector<std::string> out;
      for (int row = 4;; ++row) {
        const auto it = sheet.find("A" + std::to_string(row));
        if (it == sheet.end()) return out;
        out.push_back(it->second.text);
      }
    };
    CHECK(ids(book.sheets[1]) == office);
    CHECK(ids(book.sheets[2]) == review);
    CHECK(book.sheets[1].at("A3").text == "id");
    CHECK(book.sheets[1].at("F3").text == "값");
    CHECK(book.sheets[2].at("O3").text == "심사위원 10");
    CHECK(book.sheets[1].at("A12").text == "employment_rate");
    CHECK(book.sheets[1].at("B12").text == "고용률");  // its Korean label, unit and range
    CHECK(book.sheets[1].at("C12").text == "%");
    CHECK(book.sheets[1].at("E12").text == "0 ~ 100");
    CHECK(book.sheets[3].at("A2").text == "11000");  // the list of codes
    CHECK(book.sheets[3].at("B2").text == "서울특별시");

    // One data validation per input cell (range), typed as the field is.
    const std::string report_xml = test::UnzipEntry(path.string(), "xl/worksheets/sheet2.xml");
    const std::string review_xml = test::UnzipEntry(path.string(), "xl/worksheets/sheet3.xml");
    const auto rule = [](const std::string& xml, const std::string& sqref) {
      const std::regex re("<dataValidation [^>]*sqref=\"" + sqref + "\"[^>]*>");
      std::smatch m;
      return std::regex_search(xml, m, re) ? m.str() : std::string();
    };
    CHECK(rule(report_xml, "F4").find("type=\"list\"") != std::string::npos);   // code list
    CHECK(rule(report_xml, "F6").find("type=\"whole\"") != std::string::npos);  // year
    CHECK(rule(report_xml, "F7").find("type=\"list\"") != std::string::npos);   // synthetic
    CHECK(rule(report_xml, "F8").find("type=\"textLength\"") != std::string::npos);
    for (std::size_t i = 5; i < office.size(); ++i) {
      const FieldSpec* spec = Bundled().schema.Find(office[i]);
      const std::string r = rule(report_xml, "F" + std::to_string(i + 4));
      INFO("field ", office[i], ": ", r);
      const char* type = spec->type == FieldType::kCount     ? "type=\"whole\""
                         : spec->type == FieldType::kBoolean ? "type=\"list\""
                                                             : "type=\"decimal\"";
      CHECK(r.find(type) != std::string::npos);
    }
    for (std::size_t i = 0; i < review.size(); ++i) {
      const FieldSpec* spec = Bundled().schema.Find(review[i]);
      const std::string row = std::to_string(i + 4);
      const std::string r =
          rule(review_xml, spec->type == FieldType::kScores ? "F" + row + ":O" + row : "F" + row);
      INFO("field ", review[i], ": ", r);
      CHECK(r.find(spec->type == FieldType::kScores ? "type=\"decimal\"" : "type=\"list\"") !=
            std::string::npos);
    }
    CHECK(review_xml.find("<formula1>\"A,B,C,D,E\"</formula1>") != std::string::npos);

    // Read back blank, it names the cells the office must fill in.
    try {
      (void)ParseReportXlsx(test::Slurp(path.string()), "template.xlsx", Bundled().schema,
                            Bundled().registry);
      FAIL("a blank template was accepted");
    } catch (const InputError& e) {
      CHECK(Messages(e) == "template.xlsx:보고서!F4: government: missing government code\n");
    }
  }

  TEST_CASE("filled templates beside YAML files give the YAML route's reports and scores") {
    // Every fourth government's report as a filled template (as its office returns it), the
    // others as YAML: one directory, as the staff collect them. (The benchmark reads all 243
    // as workbooks.)
    const test::TempDir dir;
    std::size_t i = 0;
    for (const Report& report : YamlReports().reports) {
      const std::string& code = report.government_code;
      if (i++ % 4 != 0) {
        fs::copy_file(test::SourcePath("examples/2020/reports/" + code + ".yaml"),
                      dir.path() / (code + ".yaml"));
        continue;
      }
      ReportTemplateOptions options;
      options.year = 2020;
      options.values = &report;
      WriteReportTemplate(dir.path() / (code + ".xlsx"), Bundled().schema, Bundled().registry,
                          options);
    }
    const ReportBatch batch = LoadReports(dir.path(), Bundled().schema, Bundled().registry);
    CHECK(batch.rejected.empty());
    CheckSameReports(YamlReports().reports, batch.reports);

    const auto yaml = test::RunCli({"score", "--format", "csv"});
    const auto mixed = test::RunCli({"score", "--reports", dir.path().string(), "--format", "csv"});
    REQUIRE(yaml.exit_code == 0);
    CHECK(mixed.exit_code == 0);
    CHECK(mixed.err == "");
    CHECK(mixed.out == yaml.out);

    // A batch keeps going past a bad workbook, naming its cell.
    fs::copy_file(test::SourcePath("tests/errors/report-xlsx/fractional-count.xlsx"),
                  dir.path() / "zz-bad.xlsx");
    const auto partial =
        test::RunCli({"score", "--reports", dir.path().string(), "--format", "csv"});
    CHECK(partial.exit_code == 3);
    CHECK(partial.err.find("zz-bad.xlsx:보고서!F10: jobs_created: count must be a whole number, "
                           "got 12.5") != std::string::npos);
    CHECK(partial.err.find("1 report(s) rejected, 243 scored") != std::string::npos);
  }

  TEST_CASE("a consolidated workbook gives the CSV's reports, codes as numbers or as text") {
    const test::TempDir dir;
    const std::string csv = test::SourcePath("examples/2020/reports.csv");
    const ReportBatch from_csv = LoadReports(csv, Bundled().schema, Bundled().registry);
    REQUIRE(from_csv.reports.size() == 243);
    for (const bool codes_as_text : {false, true}) {
      INFO("codes as text: ", codes_as_text);
      const fs::path path = dir.path() / "consolidated.xlsx";
      WriteConsolidatedWorkbook(path, test::Slurp(csv), codes_as_text);
      const test::Xlsx x = test::ReadXlsx(path.string());
      REQUIRE(x.sheets[0].at("A1").text == "government");
      CHECK(x.sheets[0].at("A2").is_string == codes_as_text);
      const ReportBatch from_xlsx = LoadReports(path, Bundled().schema, Bundled().registry);
      CHECK(from_xlsx.rejected.empty());
      CheckSameReports(from_csv.reports, from_xlsx.reports);
    }
  }

  TEST_CASE("consolidated rows are rejected one by one, naming the cell") {
    ReportBatch batch;
    VisitReportsXlsx(test::SourcePath("tests/errors/report-xlsx/consolidated-bad-rows.xlsx"),
                     Bundled().schema, Bundled().registry,
                     {[&](Report&& r) { batch.reports.push_back(std::move(r)); },
                      [&](RejectedFile&& f) { batch.rejected.push_back(std::move(f)); }});
    // Catalogue schema fields are unknown to the bundled rubrics: the header rejects the file.
    REQUIRE(batch.rejected.size() == 1);
    CHECK(batch.rejected[0].line == 0);
    CHECK(batch.rejected[0].diagnostics[0].ToString().find(
              "consolidated-bad-rows.xlsx:Sheet1!H1:") != std::string::npos);
  }

  TEST_CASE("cells are read as Excel shows them") {
    const test::TempDir dir;
    ResultTable sheet("sheet1", "Sheet1",
                      {{"government", "government", ColumnType::kText},
                       {"year", "year", ColumnType::kInteger},
                       {"synthetic", "synthetic", ColumnType::kText},
                       {"jobs_target", "jobs_target", ColumnType::kText},
                       {"employment_rate", "employment_rate", ColumnType::kNumber, 1},
                       {"regular_worker_ratio", "regular_worker_ratio", ColumnType::kText}});
    sheet.AddRow({"11530", 2020, "FALSE", " 13300 ", 59.4, "64"});
    sheet.AddRow({"11545", 2020, "True", Cell(), 61.5, "0.30000000000000004"});
    Result result;
    result.tables.push_back(std::move(sheet));
    const fs::path path = dir.path() / "cells.xlsx";
    WriteResultXlsx(path, result);
    const auto reports = ParseReportsXlsx(test::Slurp(path.string()), "cells.xlsx",
                                          Bundled().schema, Bundled().registry);
    REQUIRE(reports.size() == 2);
    CHECK(reports[0].fields.at("jobs_target") == FieldValue(13300.0));  // a number stored as text
    CHECK(reports[0].fields.at("employment_rate") == FieldValue(59.4));
    CHECK(reports[1].fields.at("regular_worker_ratio") == FieldValue(0.1 + 0.2));  // every bit
    CHECK(reports[1].fields.count("jobs_target") == 0);  // an empty cell is a missing value
    CHECK(reports[1].synthetic);
    CHECK(reports[1].origin.ToString() == "cells.xlsx:Sheet1!3:3");
  }
}
