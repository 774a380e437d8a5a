// The commands' workbooks (--format xlsx), read back: the .xlsx is unzipped with the `unzip`
// command and its sheet XML and shared strings are parsed, so the test checks what Excel will
// read, not what we meant to write. The writer's own cases are in result_render_test.cpp.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/io/csv.hpp"
#include "jobaward/render/result_render.hpp"
#include "test_support.hpp"
#include "xlsx_read.hpp"

namespace jobaward {
namespace {

namespace fs = std::filesystem;

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
    Result result;
    result.tables.emplace_back("scores", "점수",
                               std::vector<Column>{{"code", "코드", ColumnType::kCode}});
    try {
      WriteResultXlsx(file, result);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 1U);
      CHECK_EQ(e.diagnostics()[0].ToString(),
               file.string() + ": cannot create output file: No such file or directory");
    }
  }
}

}  // namespace jobaward
