// The workbook writer, read back: the .xlsx is unzipped with the `unzip` command and its sheet XML
// and shared strings are parsed, so the test checks what Excel will read, not what we meant to
// write.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "jobaward/csv.hpp"
#include "jobaward/error.hpp"
#include "jobaward/xlsx_writer.hpp"
#include "test_support.hpp"
#include "xlsx_read.hpp"

namespace jobaward {
namespace {

namespace fs = std::filesystem;

Table GovernmentTable() {
  Table t;
  t.header = {"code", "name_ko", "final_score", "rank", "prize_money", "p_award", "note"};
  t.rows = {{"11530", "구로구", "91.25", "1", "100000000", "0.8125", "real figures"},
            {"26110", "부산광역시 중구", "77.5", "2", "0", "0.05", ""},
            {"11110", "종로구", "", "3", "0", "0", "n/a"}};
  return t;
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "jobaward-xlsx-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

// Runs `args` with --format csv and --format xlsx and checks that the first sheet of the
// workbook holds the CSV's table as typed cells: a Korean heading per CSV column, the same
// number of rows, numbers stored as numbers equal to the CSV's full-precision values (to the 16
// significant digits a workbook keeps), true/false as boolean cells, everything else as text.
// Returns the number of cells of each kind, for the test to check.
struct CellKinds {
  std::size_t rows = 0;  // data rows of the first sheet
  int numbers = 0;
  int booleans = 0;
  int strings = 0;
};

CellKinds CheckTypedWorkbookMatchesCsv(const std::vector<std::string>& args,
                                       const std::vector<std::string>& sheet_names,
                                       bool synthetic = true) {
  TempDir dir;
  const std::string file = (dir.path / "out.xlsx").string();
  std::vector<std::string> csv_args = args;
  csv_args.insert(csv_args.end(), {"--format", "csv"});
  const test::CliResult csv = test::RunCli(csv_args);
  REQUIRE_MESSAGE(csv.exit_code == 0, csv.err);
  std::vector<std::string> xlsx_args = args;
  xlsx_args.insert(xlsx_args.end(), {"--format", "xlsx", "--out", file});
  const test::CliResult xlsx = test::RunCli(xlsx_args);
  REQUIRE_MESSAGE(xlsx.exit_code == 0, xlsx.err);
  CHECK_EQ(xlsx.out, "");

  const test::Xlsx x = test::ReadXlsx(file);
  CHECK_EQ(x.sheet_names, sheet_names);
  CsvTable table = ParseCsv(csv.out, "out.csv");
  const auto& sheet = x.sheets.at(0);
  auto rows = test::SheetRows(sheet);
  // The bundled reports are synthetic: the banner is the sheet's first row (a blank row under
  // it), and the CSV's last column (synthetic_reports, or explain's synthetic_report) carries
  // its value.
  // Commands that read no reports (cohorts, weights ahp) have no banner.
  const std::size_t first_row = synthetic ? 4 : 2;
  if (synthetic) {
    REQUIRE_GE(rows.size(), 2U);
    CHECK(rows[0].at(0).rfind("※ 합성 자료: ", 0) == 0);
    CHECK(rows[1].empty());
    rows.erase(rows.begin(), rows.begin() + 2);
    REQUIRE(table.header.back().rfind("synthetic_report", 0) == 0);
    table.header.pop_back();
    for (auto& row : table.rows) row.fields.pop_back();
  }
  REQUIRE_EQ(rows.size(), table.rows.size() + 1);
  REQUIRE_EQ(rows[0].size(), table.header.size());
  CellKinds kinds;
  kinds.rows = table.rows.size();
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    for (std::size_t c = 0; c < table.header.size(); ++c) {
      const std::string& want = table.rows[r].fields[c];
      std::string ref;
      for (std::size_t n = c + 1; n > 0; n = (n - 1) / 26) {
        ref.insert(ref.begin(), static_cast<char>('A' + (n - 1) % 26));
      }
      ref += std::to_string(r + first_row);  // under the banner and a blank row, the header
      CAPTURE(table.header[c]);
      CAPTURE(ref);
      const auto it = sheet.find(ref);
      if (want.empty()) {
        CHECK(it == sheet.end());
        continue;
      }
      REQUIRE(it != sheet.end());
      const test::XlsxCell& got = it->second;
      if (want == "true" || want == "false") {
        CHECK(got.is_boolean);
        CHECK_EQ(got.text, want == "true" ? "1" : "0");
        ++kinds.booleans;
      } else if (!got.is_string) {
        const auto a = ParseFiniteNumber(want);
        REQUIRE(a.has_value());
        CHECK_EQ(*a, doctest::Approx(std::stod(got.text)).epsilon(1e-15));
        ++kinds.numbers;
      } else {
        CHECK_EQ(got.text, want);
        ++kinds.strings;
      }
    }
  }
  return kinds;
}

}  // namespace

TEST_SUITE("xlsx") {
  TEST_CASE("SheetFromTable infers text, integer, number, money and percent columns") {
    const Sheet s = SheetFromTable("Scores", GovernmentTable());
    REQUIRE_EQ(s.columns.size(), 7U);
    CHECK_EQ(s.columns[0].kind, CellKind::kText);  // "code" is an identifier, not a number
    CHECK_EQ(s.columns[1].kind, CellKind::kText);
    CHECK_EQ(s.columns[2].kind, CellKind::kNumber);
    CHECK_EQ(s.columns[2].number_format, "0.00");  // longest cell has two decimals
    CHECK_EQ(s.columns[3].kind, CellKind::kInteger);
    CHECK_EQ(s.columns[4].kind, CellKind::kMoney);
    CHECK_EQ(s.columns[5].kind, CellKind::kPercent);
    CHECK_EQ(s.columns[6].kind, CellKind::kText);
  }

  TEST_CASE("a workbook reads back with its sheet names, headers, typed cells and Inputs sheet") {
    TempDir dir;
    const fs::path file = dir.path / "out.xlsx";
    Workbook wb;
    wb.sheets.push_back(SheetFromTable("Scores", GovernmentTable()));
    wb.sheets.push_back(SheetFromTable("수상 Awards", GovernmentTable()));
    Provenance p = MakeProvenance("award", "/usr/bin/jobaward award --seed 7 --out x.xlsx");
    p.inputs.push_back(DescribeInput("rubric", "rubrics/a.yaml", "abc"));
    p.seed = 7;
    wb.provenance = p;
    WriteXlsx(file, wb);

    const test::Xlsx x = test::ReadXlsx(file.string());
    CHECK_EQ(x.sheet_names, std::vector<std::string>{"Scores", "수상 Awards", "Inputs"});
    const auto& cells = x.sheets.at(0);
    CHECK_EQ(cells.at("A1").text, "code");
    CHECK_EQ(cells.at("B1").text, "name_ko");
    CHECK_EQ(cells.at("A2").text, "11530");
    CHECK(cells.at("A2").is_string);  // the code stays text
    CHECK_EQ(cells.at("B2").text, "구로구");
    CHECK_EQ(cells.at("B3").text, "부산광역시 중구");
    CHECK_FALSE(cells.at("C2").is_string);
    CHECK_EQ(cells.at("C2").text, "91.25");
    CHECK_EQ(cells.at("D2").text, "1");
    CHECK_EQ(cells.at("E2").text, "100000000");
    CHECK_FALSE(cells.at("E2").is_string);
    CHECK_EQ(cells.count("C4"), 0U);  // empty number cell is blank
    CHECK_EQ(cells.at("G4").text, "n/a");

    const std::string xml = test::UnzipEntry(file.string(), "xl/worksheets/sheet1.xml");
    CHECK_NE(xml.find("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" "
                      "state=\"frozen\"/>"),
             std::string::npos);
    CHECK_NE(xml.find("<autoFilter ref=\"A1:G4\"/>"), std::string::npos);
    // "부산광역시 중구" is 15 cells wide (Hangul counts two): the column is at least 17 wide.
    const std::regex width_b("<col min=\"2\" max=\"2\" width=\"([0-9.]+)\"");
    std::smatch m;
    REQUIRE(std::regex_search(xml, m, width_b));
    CHECK_GE(std::stod(m[1]), 17.0);
    const std::string styles = test::UnzipEntry(file.string(), "xl/styles.xml");
    CHECK_NE(styles.find("formatCode=\"#,##0\""), std::string::npos);
    CHECK_NE(styles.find("formatCode=\"0.00%\""), std::string::npos);

    const auto& inputs = x.sheets.at(2);
    CHECK_EQ(inputs.at("A1").text, "item");
    CHECK_EQ(inputs.at("A4").text, "command");
    CHECK_EQ(inputs.at("B5").text, "jobaward award --seed 7");
    CHECK_EQ(inputs.at("A6").text, "seed");
    CHECK_EQ(inputs.at("A7").text, "input: rubric");
    CHECK_EQ(inputs.at("B7").text, "rubrics/a.yaml");
    CHECK_EQ(inputs.at("C7").text, "3");
    CHECK_EQ(inputs.at("D7").text,
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  TEST_CASE("the same workbook written twice has the same sheets and properties") {
    TempDir dir;
    Workbook wb;
    wb.sheets.push_back(SheetFromTable("Scores", GovernmentTable()));
    WriteXlsx(dir.path / "a.xlsx", wb);
    WriteXlsx(dir.path / "b.xlsx", wb);
    for (const char* entry : {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                              "docProps/core.xml", "xl/styles.xml"}) {
      CAPTURE(entry);
      CHECK_EQ(test::UnzipEntry((dir.path / "a.xlsx").string(), entry),
               test::UnzipEntry((dir.path / "b.xlsx").string(), entry));
    }
  }

  TEST_CASE("Korean money columns with grouped thousands become KRW numbers") {
    Table t;
    t.header = {"자치단체", "상금(원)", "코드"};
    t.rows = {{"구로구", "100,000,000", "11530"}, {"종로구", "0", "11110"}};
    const Sheet s = SheetFromTable("수상", t);
    CHECK_EQ(s.columns[1].kind, CellKind::kMoney);
    TempDir dir;
    Workbook wb;
    wb.sheets.push_back(s);
    WriteXlsx(dir.path / "m.xlsx", wb);
    const test::Xlsx x = test::ReadXlsx((dir.path / "m.xlsx").string());
    CHECK_EQ(x.sheets[0].at("B2").text, "100000000");
    CHECK_FALSE(x.sheets[0].at("B2").is_string);
  }

  TEST_CASE("CSV output becomes one sheet per block with typed columns") {
    const std::string csv = "\xEF\xBB\xBF" + RenderCsv(GovernmentTable()) + "\n" +
                            "category,note\ndisclosure,\"two\n\nlines\"\n";
    const std::vector<Sheet> sheets = SheetsFromCsv(csv, {"공시제"});
    REQUIRE_EQ(sheets.size(), 2U);
    CHECK_EQ(sheets[0].name, "공시제");
    CHECK_EQ(sheets[1].name, "Sheet2");
    CHECK_EQ(sheets[0].columns[0].header, "code");  // BOM dropped
    CHECK_EQ(sheets[0].columns[2].kind, CellKind::kNumber);
    CHECK_EQ(sheets[0].rows, GovernmentTable().rows);
    CHECK_EQ(sheets[1].rows[0][1], "two\n\nlines");  // a blank line inside quotes is data
  }

  TEST_CASE("a failed write leaves the previous file and no temporary file") {
    TempDir dir;
    const fs::path file = dir.path / "out.xlsx";
    Workbook good;
    good.sheets.push_back(SheetFromTable("Scores", GovernmentTable()));
    WriteXlsx(file, good);
    const std::string before = test::Slurp(file.string());

    Workbook bad = good;
    bad.sheets[0].rows[1].pop_back();  // ragged row: a bug in the caller
    CHECK_THROWS_WITH_AS(WriteXlsx(file, bad), "sheet 'Scores' row 2 has 6 cells, expected 7",
                         InternalError);
    Workbook bad_name = good;
    bad_name.sheets[0].name = "a/b";
    CHECK_THROWS_AS(WriteXlsx(file, bad_name), InternalError);

    CHECK_EQ(test::Slurp(file.string()), before);
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
    CHECK_EQ(files, 1);
  }

  TEST_CASE("simulate --format xlsx: probabilities and ranks as numbers, a sheet per table") {
    const CellKinds kinds =
        CheckTypedWorkbookMatchesCsv({"simulate", "--draws", "256", "--confidence-draws", "16"},
                                     {"자치단체별 확률", "평가군별 1위 유지", "순위 수용도",
                                      "쌍별 우위 확률", "불확실성 그룹", "요약", "출처"});
    // 243 governments in each of the two categories; no boolean column; the text cells are
    // the identifying columns and the baseline award (its id and Korean name).
    CHECK_EQ(kinds.booleans, 0);
    CHECK_GT(kinds.numbers, 2 * 243 * 10);
    CHECK_LE(kinds.strings, 2 * 243 * 9);
  }

  TEST_CASE("sensitivity sobol --format xlsx: every index a number, an undefined one blank") {
    const CellKinds kinds = CheckTypedWorkbookMatchesCsv(
        {"sensitivity", "sobol", "--samples", "64", "--bootstrap", "20"},
        {"소볼 지수", "그룹별 평균 지수", "기준 1위의 1위 유지", "요약", "출처"});
    REQUIRE_GT(kinds.rows, 0U);
    // Text: category, output, output_ko, code, name_ko, name_en, cohort, cohort_id, group.
    CHECK_EQ(kinds.strings, static_cast<int>(kinds.rows) * 9);
    CHECK_EQ(kinds.booleans, 0);
    CHECK_GT(kinds.numbers, static_cast<int>(kinds.rows) * 2);  // at least mean and variance
  }

  TEST_CASE("sensitivity tornado --format xlsx: scores and ranks as numbers, a sheet per table") {
    const CellKinds kinds = CheckTypedWorkbookMatchesCsv(
        {"sensitivity", "tornado", "--category", "disclosure"},
        {"가중치 변화별 점수", "가중치별 영향", "상이 바뀌는 경우", "요약", "출처"});
    REQUIRE_GT(kinds.rows, 0U);
    // nominal, new_weight, base/new score, delta, own_score, base/new rank: numbers.
    CHECK_GE(kinds.numbers, static_cast<int>(kinds.rows) * 8);
    CHECK_EQ(kinds.booleans, 0);
  }

  TEST_CASE("sensitivity reversal --format xlsx: stable a boolean, codes always text") {
    const CellKinds kinds =
        CheckTypedWorkbookMatchesCsv({"sensitivity", "reversal", "--category", "disclosure"},
                                     {"순위 역전 임계값", "요약", "출처"});
    CHECK_EQ(kinds.booleans, static_cast<int>(kinds.rows));  // one `stable` per row
    // category, cohort, cohort_id, weight, weight_ko, direction, direction_ko, winners_before,
    // winners_before_ko on every row (a one-code winners_before is text, not a number).
    CHECK_GE(kinds.strings, static_cast<int>(kinds.rows) * 9);
  }

  TEST_CASE(
      "award --format xlsx: typed cells, Korean headings, totals as formulas below the data") {
    const CellKinds kinds = CheckTypedWorkbookMatchesCsv(
        {"award"}, {"수상 내역", "수상 집계", "미해결 동점", "요약", "출처"});
    // 73 awards: final_score, rank, prize_money_krw numeric; tied boolean; 10 text columns.
    CHECK_EQ(kinds.numbers, 73 * 3);
    CHECK_EQ(kinds.booleans, 73);
    CHECK_EQ(kinds.strings, 73 * 10);

    TempDir dir;
    const std::string file = (dir.path / "award.xlsx").string();
    REQUIRE_EQ(test::RunCli({"award", "--format", "xlsx", "--out", file}).exit_code, 0);
    const test::Xlsx x = test::ReadXlsx(file);
    const auto& counts = x.sheets.at(1);
    // The banner in row 1, row 2 blank, the header in row 3; 9 award rows (6 + 3) in rows 4-12;
    // row 13 blank; totals in 14-16 as live formulas.
    CHECK_EQ(counts.at("A14").text, "disclosure");
    CHECK_EQ(counts.at("D14").formula, "SUMIF($A$4:$A$12,A14,$D$4:$D$12)");
    CHECK_EQ(counts.at("D14").text, "58");
    CHECK_EQ(counts.at("D16").formula, "SUM($D$4:$D$12)");
    CHECK_EQ(counts.at("D16").text, "73");
    CHECK_EQ(counts.at("E16").text, "6760000000");
    CHECK_NE(
        test::UnzipEntry(file, "xl/worksheets/sheet2.xml").find("<autoFilter ref=\"A3:E12\"/>"),
        std::string::npos);
  }

  TEST_CASE("explain --format xlsx: a sheet per table, the facts' 요약 sheet kept apart") {
    const CellKinds kinds = CheckTypedWorkbookMatchesCsv(
        {"explain", "11530"},
        // 요약: the note that a cross-category rule bars 11530 from the 우수사업 awards.
        {"점수 요약", "지표별 점수", "순위 기준", "바로 위와 아래 순위", "요약", "출처"});
    // Two categories: the stage scores, weights, points and money are numbers.
    CHECK_GT(kinds.numbers, 2 * 10);
    CHECK_EQ(kinds.booleans, 2 * 3);  // advanced, tied, excluded
  }

  TEST_CASE("cohorts --format xlsx: population and workers as numbers, codes as text") {
    const CellKinds kinds = CheckTypedWorkbookMatchesCsv(
        {"cohorts"}, {"자치단체별 평가군", "평가군 크기", "매개변수", "요약", "출처"}, false);
    CHECK_EQ(kinds.rows, 243U);
    CHECK_EQ(kinds.numbers, 243 * 2);  // population, workers
    CHECK_EQ(kinds.booleans, 243);     // workers_estimated
    CHECK_EQ(kinds.strings, 243 * 9);  // code, names, level, type (id and Korean), cohort
  }

  TEST_CASE("weights ahp --format xlsx: the weights as numbers, CR and λmax on 요약") {
    const CellKinds kinds = CheckTypedWorkbookMatchesCsv(
        {"weights", "ahp", "examples/2020/ahp-domains.yaml"}, {"가중치", "요약", "출처"}, false);
    CHECK_EQ(kinds.rows, 3U);
    CHECK_EQ(kinds.numbers, 3);
    CHECK_EQ(kinds.strings, 3);
  }

  TEST_CASE("a workbook needs --out: without it the command is a usage error") {
    const test::CliResult r = test::RunCli({"simulate", "--draws", "256", "--format", "xlsx"});
    CHECK_EQ(r.exit_code, 2);
    CHECK_EQ(r.err,
             "jobaward simulate: --format xlsx writes a workbook: give --out FILE.xlsx\n"
             "(run 'jobaward simulate --help' for usage)\n");
  }

  TEST_CASE("a workbook in a missing directory is an input error naming the path") {
    TempDir dir;
    const fs::path file = dir.path / "missing" / "out.xlsx";
    Workbook wb;
    wb.sheets.push_back(SheetFromTable("Scores", GovernmentTable()));
    try {
      WriteXlsx(file, wb);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 1U);
      CHECK_EQ(e.diagnostics()[0].ToString(),
               file.string() + ": cannot write workbook: No such file or directory");
    }
  }
}

}  // namespace jobaward
