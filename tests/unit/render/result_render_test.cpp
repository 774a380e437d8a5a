// Typed result tables (result_table.hpp) and their four renderers (result_render.hpp): what each
// column type looks like in the terminal, in CSV, in JSON and in a workbook — the workbook read
// back from the zip, so the test checks the cells Excel will see (numbers as numbers at full
// precision with a display format, booleans as booleans, codes as text, totals as formulas below
// the filter range).
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/results/result_table.hpp"
#include "test_support.hpp"
#include "xlsx_read.hpp"

namespace jobaward {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "jobaward-result-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

// An award-like table with one column of every type, grouped by category, with totals.
ResultTable Awards() {
  ResultTable t("awards", "수상 내역",
                {{"category", "부문", ColumnType::kCode},
                 {"code", "코드", ColumnType::kCode},
                 {"name_ko", "자치단체", ColumnType::kText},
                 {"final_score", "최종 점수", ColumnType::kNumber, 2, "점"},
                 {"rank", "순위", ColumnType::kInteger},
                 {"p_award", "수상 확률", ColumnType::kProbability, 1},
                 {"prize_money_krw", "상금", ColumnType::kMoney},
                 {"tied", "동점", ColumnType::kBoolean},
                 Column("award", "상", ColumnType::kCode).NotInText()});
  t.AddRow({"disclosure", "11530", "구로구", 91.123456789, 1, 0.8125, 100000000.0, false, "top"});
  t.AddRow({"disclosure", "31140", "울산 남구", 77.5, 2, 0.05, 80000000.0, true, "excellent"});
  t.AddRow({"best_program", "11110", "종로구", 80.0, 1, Cell(), 50000000.0, false, "top"});
  t.AddTotal({"disclosure", Cell(), "계", Cell(), Cell(), Cell(), 180000000.0, Cell(), Cell()}, 0);
  t.AddTotal({Cell(), Cell(), "전체", Cell(), Cell(), Cell(), 230000000.0, Cell(), Cell()});
  t.group_by = 0;
  t.group_titles = {{"disclosure", "지역일자리 목표공시제"}, {"best_program", "일자리 우수사업"}};
  t.notes = {"동점 = 모든 순위 기준이 같아 함께 수상"};
  return t;
}

Result AwardResult() {
  Result r;
  r.command = "award";
  r.title = "수상 결과 (2020)";
  r.AddFact({"award_count", "수상 건수", ColumnType::kInteger}, 3);
  r.AddFact({"prize_money_krw", "상금 합계", ColumnType::kMoney}, 230000000.0);
  r.tables.push_back(Awards());
  return r;
}

}  // namespace

TEST_SUITE("result_table") {
  TEST_CASE("a row is checked against the column types; integers widen to numbers") {
    ResultTable t("t", "표",
                  {{"code", "코드", ColumnType::kCode},
                   {"score", "점수", ColumnType::kNumber},
                   {"rank", "순위", ColumnType::kInteger},
                   {"ok", "통과", ColumnType::kBoolean}});
    t.AddRow({"11530", 3, 1, true});  // 3 in a number column becomes 3.0
    CHECK_EQ(t.rows()[0][1], Cell(3.0));
    t.AddRow({"11530", std::nan(""), 2, Cell()});  // NaN is an empty cell
    CHECK(t.rows()[1][1].empty());
    CHECK_THROWS_WITH_AS(t.AddRow({"11530", 1.0, 1.5, true}),
                         "table 't': column 'rank' (integer) given a value of another type",
                         InternalError);
    CHECK_THROWS_WITH_AS(t.AddRow({11530, 1.0, 1, true}),
                         "table 't': column 'code' (code) given a value of another type",
                         InternalError);
    CHECK_THROWS_WITH_AS(t.AddRow({"11530", 1.0, 1}), "table 't': row of 3 cells, expected 4",
                         InternalError);
    CHECK_THROWS_AS(ResultTable("Table", "표", {{"score", "점수"}}), InternalError);
    CHECK_THROWS_AS(ResultTable("t", "표", {{"a,b", "점수"}}), InternalError);
    CHECK_THROWS_AS(ResultTable("t", "표", {{"a", "가"}, {"a", "나"}}), InternalError);
    CHECK_EQ(t.ColumnIndex("rank"), 2U);
    CHECK_THROWS_AS((void)t.ColumnIndex("nope"), InternalError);
  }

  TEST_CASE("headings carry the unit: 점, 원 for money, % for probabilities") {
    CHECK_EQ(Column("final_score", "최종 점수", ColumnType::kNumber, 2, "점").Heading(),
             "최종 점수 (점)");
    CHECK_EQ(Column("m", "상금", ColumnType::kMoney).Heading(), "상금 (원)");
    CHECK_EQ(Column("p", "수상 확률", ColumnType::kProbability).Heading(), "수상 확률 (%)");
    CHECK_EQ(Column("n", "이름").Heading(), "이름");
  }
}

TEST_SUITE("result_render") {
  TEST_CASE("cells in the terminal: grouped thousands, fixed decimals, percent, 예/아니오") {
    CHECK_EQ(FormatCellText({"n", "수", ColumnType::kInteger}, 1234567), "1,234,567");
    CHECK_EQ(FormatCellText({"x", "값", ColumnType::kNumber, 3}, 2.0 / 3), "0.667");
    CHECK_EQ(FormatCellText({"p", "확률", ColumnType::kProbability, 1}, 0.8126), "81.3");
    CHECK_EQ(FormatCellText({"m", "상금", ColumnType::kMoney}, 400000000.0), "400,000,000");
    CHECK_EQ(FormatCellText({"b", "진출", ColumnType::kBoolean}, true), "예");
    CHECK_EQ(FormatCellText({"b", "진출", ColumnType::kBoolean}, false), "아니오");
    CHECK_EQ(FormatCellText(Column("t", "임계값", ColumnType::kNumber).ShowEmptyAs("안정"), Cell()),
             "안정");
  }

  TEST_CASE("cells in CSV: full precision, whole KRW, true/false, empty for missing") {
    CHECK_EQ(FormatCellCsv({"x", "값", ColumnType::kNumber, 2}, 0.1 + 0.2), "0.30000000000000004");
    CHECK_EQ(FormatCellCsv({"x", "값", ColumnType::kNumber, 2}, 96.44), "96.44");
    CHECK_EQ(FormatCellCsv({"x", "값", ColumnType::kNumber}, -0.0), "0");
    CHECK_EQ(FormatCellCsv({"p", "확률", ColumnType::kProbability}, 0.123046875), "0.123046875");
    CHECK_EQ(FormatCellCsv({"m", "상금", ColumnType::kMoney}, 400000000.0), "400000000");
    CHECK_EQ(FormatCellCsv({"n", "수", ColumnType::kInteger}, 1234567), "1234567");
    CHECK_EQ(FormatCellCsv({"b", "진출", ColumnType::kBoolean}, false), "false");
    CHECK_EQ(FormatCellCsv({"x", "값", ColumnType::kNumber}, Cell()), "");
  }

  TEST_CASE("a change column signs its gains in text, CSV and the workbook; JSON keeps numbers") {
    const Column change = Column("change", "변화", ColumnType::kInteger).Signed();
    CHECK_EQ(FormatCellText(change, 1), "+1");
    CHECK_EQ(FormatCellText(change, -1), "-1");
    CHECK_EQ(FormatCellText(change, 0), "0");
    CHECK_EQ(FormatCellText(change, Cell()), "");
    CHECK_EQ(FormatCellCsv(change, 12345), "+12345");
    CHECK_EQ(FormatCellCsv(change, -3), "-3");
    const Column money = Column("m", "상금 변화", ColumnType::kMoney).Signed();
    CHECK_EQ(FormatCellText(money, 20000000.0), "+20,000,000");
    const Column score = Column("s", "점수 변화", ColumnType::kNumber, 2, "점").Signed();
    CHECK_EQ(FormatCellText(score, 0.011), "+0.01");
    CHECK_EQ(FormatCellText(score, -2.5), "-2.50");
    CHECK_EQ(FormatCellText({"n", "수", ColumnType::kInteger}, 1), "1");  // a level: no sign
    Result r;
    r.command = "cohorts";
    ResultTable t("sizes", "크기", {{"cohort", "평가군", ColumnType::kCode}, change, score});
    t.AddRow({"사", 1, 0.5});
    t.AddRow({"바", -1, -0.5});
    r.tables.push_back(t);
    CHECK_EQ(RenderResultCsv(r), "cohort,change,s\n사,+1,+0.5\n바,-1,-0.5\n");
    const auto j = nlohmann::json::parse(RenderResultJson(r));
    CHECK(j["sizes"][0]["change"].is_number_integer());
    CHECK_EQ(j["sizes"][0]["change"], 1);
    CHECK_EQ(j["sizes"][1]["s"], -0.5);
    TempDir dir;
    const std::string file = (dir.path / "c.xlsx").string();
    WriteResultXlsx(file, r, nullptr);
    const test::Xlsx x = test::ReadXlsx(file);
    const auto& sheet = x.sheets[0];
    const auto cell = [&](const char* ref) { return sheet.at(ref); };
    // The header is row 1 (no banner): the values are numbers, their format shows the sign.
    CHECK_FALSE(cell("B2").is_string);
    CHECK_EQ(cell("B2").text, "1");
    CHECK_EQ(test::NumberFormatOfStyle(file, cell("B2").style), "+#,##0;-#,##0;#,##0");
    CHECK_EQ(test::NumberFormatOfStyle(file, cell("C3").style), "+0.00;-0.00;0.00");
  }

  TEST_CASE("a value column shows each cell as its own type says, in every renderer") {
    const Column value("value", "필요한 값", ColumnType::kValue, 2);
    CHECK_EQ(FormatCellText(value, 14303), "14,303");
    CHECK_EQ(FormatCellText(value, 60.030002), "60.03");
    CHECK_EQ(FormatCellText(value, "B"), "B");
    CHECK_EQ(FormatCellText(value, true), "예");
    CHECK_EQ(FormatCellCsv(value, 14303), "14303");
    CHECK_EQ(FormatCellCsv(value, 60.030002), "60.030002");
    CHECK_EQ(FormatCellCsv(value, false), "false");
    Result r;
    r.command = "gaps";
    ResultTable t("answers", "답", {{"unit", "단위", ColumnType::kCode}, value});
    t.AddRow({"count", 14303});
    t.AddRow({"grade", "B"});
    t.AddRow({"boolean", true});
    t.AddRow({"number", Cell()});
    r.tables.push_back(t);
    const auto j = nlohmann::json::parse(RenderResultJson(r));
    CHECK(j["answers"][0]["value"].is_number_integer());
    CHECK_EQ(j["answers"][1]["value"], "B");
    CHECK_EQ(j["answers"][2]["value"], true);
    CHECK(j["answers"][3]["value"].is_null());
  }

  TEST_CASE("text: one block per group with its own columns, totals under a rule, notes") {
    const std::string text = RenderResultText(AwardResult());
    CHECK_EQ(text,
             "수상 결과 (2020)\n"
             "수상 건수: 3\n"
             "상금 합계 (원): 230,000,000\n"
             "\n"
             "지역일자리 목표공시제 — 수상 내역\n"
             "                   최종        수상\n"
             "                   점수        확률\n"
             "코드   자치단체    (점)  순위   (%)    상금 (원)  동점\n"
             "-----  ---------  -----  ----  ----  -----------  ------\n"
             "11530  구로구     91.12     1  81.2  100,000,000  아니오\n"
             "31140  울산 남구  77.50     2   5.0   80,000,000  예\n"
             "-----  ---------  -----  ----  ----  -----------  ------\n"
             "       계                            180,000,000\n"
             "\n"
             "일자리 우수사업 — 수상 내역\n"  // no probability column: empty in this category
             "                  최종\n"
             "                  점수\n"
             "코드   자치단체   (점)  순위   상금 (원)  동점\n"
             "-----  --------  -----  ----  ----------  ------\n"
             "11110  종로구    80.00     1  50,000,000  아니오\n"
             "\n"
             "전체 — 수상 내역\n"
             "자치단체    상금 (원)\n"
             "--------  -----------\n"
             "전체      230,000,000\n"
             "동점 = 모든 순위 기준이 같아 함께 수상\n");
  }

  TEST_CASE("text: a header wider than its values wraps at spaces, never inside a word") {
    ResultTable t("t", "",
                  {{"code", "코드", ColumnType::kCode},
                   {"interview", "2차 면접심사 (성과·대표사업 발표)", ColumnType::kNumber}});
    t.AddRow({"11530", 12.5});
    const std::string text = RenderTableText(t);
    CHECK_EQ(text,
             "         2차 면접심사\n"
             "       (성과·대표사업\n"
             "코드            발표)\n"
             "-----  --------------\n"
             "11530           12.50\n");
    for (const std::string word : {"면접심사", "(성과·대표사업", "발표)"}) {
      CHECK_NE(text.find(word), std::string::npos);
    }
  }

  TEST_CASE("text: records layout shows one 'label  value' line per column") {
    ResultTable t("summary", "요약",
                  {{"stage1", "1차 점수", ColumnType::kNumber, 4},
                   {"advanced", "2차 진출", ColumnType::kBoolean}});
    t.layout = TextLayout::kRecords;
    t.AddRow({40.8618, false});
    CHECK_EQ(RenderTableText(t),
             "요약\n"
             "1차 점수  40.8618\n"
             "2차 진출  아니오\n");
  }

  TEST_CASE("text: a tree column is indented by its depth; CSV keeps the bare text and depth") {
    ResultTable t("expressions", "부분식 값",
                  {Column("depth", "깊이", ColumnType::kInteger).NotInText(),
                   {"expression", "부분식", ColumnType::kText},
                   {"value", "값", ColumnType::kValue}});
    t.AddRow({0, "a and b", false});
    t.AddRow({1, "a", false});
    t.AddRow({1, "b", Cell()});
    t.text_indent = std::make_pair(std::size_t{1}, std::size_t{0});
    CHECK_EQ(RenderTableText(t),
             "부분식 값\n"
             "부분식   값\n"
             "-------  ------\n"
             "a and b  아니오\n"
             "  a      아니오\n"
             "  b\n");
    Result r;
    r.tables.push_back(t);
    CHECK_EQ(RenderResultCsv(r), "depth,expression,value\n0,a and b,false\n1,a,false\n1,b,\n");
  }

  TEST_CASE("CSV: the first table by default, column ids as header, quoting, banner columns") {
    Result r = AwardResult();
    const std::string csv = RenderResultCsv(r);
    CHECK_EQ(csv,
             "category,code,name_ko,final_score,rank,p_award,prize_money_krw,tied,award\n"
             "disclosure,11530,구로구,91.123456789,1,0.8125,100000000,false,top\n"
             "disclosure,31140,울산 남구,77.5,2,0.05,80000000,true,excellent\n"
             "best_program,11110,종로구,80,1,,50000000,false,top\n");
    CHECK_EQ(RenderResultCsv(r, "awards", true), "\xEF\xBB\xBF" + csv);
    CHECK_THROWS_AS((void)RenderResultCsv(r, "counts"), InternalError);

    r.AddBanner({"synthetic_reports", "합성 보고서", ColumnType::kInteger}, 226,
                "※ 합성 보고서 226건으로 계산한 수치입니다");
    const std::string flagged = RenderResultCsv(r);
    CHECK_EQ(flagged.substr(0, flagged.find('\n')),
             "category,code,name_ko,final_score,rank,p_award,prize_money_krw,tied,award,"
             "synthetic_reports");
    CHECK_NE(flagged.find("false,top,226\n"), std::string::npos);
    // In the terminal the banner is the first line, above the title.
    CHECK_EQ(RenderResultText(r).substr(0, RenderResultText(r).find("수상 건수")),
             "※ 합성 보고서 226건으로 계산한 수치입니다\n수상 결과 (2020)\n");
  }

  TEST_CASE("JSON: facts, then each table as rows keyed by column id, totals, provenance last") {
    Result r = AwardResult();
    r.notes = {"참고"};
    Provenance p = MakeProvenance("award", "jobaward award");
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(RenderResultJson(r, &p));
    std::vector<std::string> keys;
    for (const auto& [key, value] : j.items()) keys.push_back(key);
    CHECK_EQ(keys, std::vector<std::string>{"award_count", "prize_money_krw", "awards",
                                            "awards_totals", "notes", "provenance"});
  }

  TEST_CASE("JSON: a fact and a table may not share a key") {
    Result r;
    r.AddFact({"awards", "수상 건수", ColumnType::kInteger}, 3);
    r.tables.push_back(Awards());
    CHECK_THROWS_WITH_AS((void)RenderResultJson(r), "JSON key 'awards' used twice in a result",
                         InternalError);
    Result ok;
    ok.tables.push_back(Awards());
    ok.AddFact({"award_count", "수상 건수", ColumnType::kInteger}, 3);
    const nlohmann::json j = nlohmann::json::parse(RenderResultJson(ok));
    CHECK_EQ(j["award_count"], 3);
    const auto& row = j["awards"][1];
    CHECK_EQ(row["code"], "31140");
    CHECK(row["code"].is_string());
    CHECK_EQ(row["final_score"], 77.5);
    CHECK(row["rank"].is_number_integer());
    CHECK(row["prize_money_krw"].is_number_integer());
    CHECK_EQ(row["prize_money_krw"], 80000000);
    CHECK_EQ(row["tied"], true);
    CHECK(j["awards"][2]["p_award"].is_null());
    CHECK_EQ(j["awards_totals"][0]["prize_money_krw"], 180000000);
    CHECK(j["awards_totals"][1]["category"].is_null());
  }

  TEST_CASE("XLSX: typed cells with display formats, totals as formulas below the filter") {
    TempDir dir;
    const std::string file = (dir.path / "r.xlsx").string();
    Provenance p = MakeProvenance("award", "jobaward award");
    p.inputs.push_back(DescribeInput("rubric", "rubrics/a.yaml", "abc"));
    p.seed = 2020;
    p.draws = 4096;
    WriteResultXlsx(file, AwardResult(), &p);

    const test::Xlsx x = test::ReadXlsx(file);
    REQUIRE_EQ(x.sheet_names, std::vector<std::string>{"수상 내역", "요약", "출처"});
    const auto& s = x.sheets[0];
    // Korean headings with units, every column (the in_text flag is for the terminal only).
    CHECK_EQ(test::SheetRows(s)[0],
             std::vector<std::string>{"부문", "코드", "자치단체", "최종 점수 (점)", "순위",
                                      "수상 확률 (%)", "상금 (원)", "동점", "상"});
    CHECK(s.at("B2").is_string);  // a code stays text
    CHECK_EQ(s.at("B2").text, "11530");
    CHECK_FALSE(s.at("D2").is_string);
    CHECK_EQ(s.at("D2").text, "91.123456789");  // full precision, shown with 2 decimals
    CHECK_EQ(test::NumberFormatOfStyle(file, s.at("D2").style), "0.00");
    CHECK_EQ(s.at("E2").text, "1");
    CHECK_EQ(test::NumberFormatOfStyle(file, s.at("E2").style), "#,##0");
    CHECK_EQ(s.at("F2").text, "0.8125");
    CHECK_EQ(test::NumberFormatOfStyle(file, s.at("F2").style), "0.0%");
    CHECK_EQ(s.at("G2").text, "100000000");
    CHECK_EQ(test::NumberFormatOfStyle(file, s.at("G2").style), "#,##0");
    CHECK(s.at("H2").is_boolean);
    CHECK_EQ(s.at("H2").text, "0");
    CHECK_EQ(s.at("H3").text, "1");
    CHECK_EQ(s.count("F4"), 0U);  // empty probability: blank

    // Totals: a blank row after the data (rows 2-4), then live formulas with cached values.
    CHECK_EQ(s.count("A5"), 0U);
    CHECK_EQ(s.at("G6").formula, "SUMIF($A$2:$A$4,A6,$G$2:$G$4)");
    CHECK_EQ(s.at("G6").text, "180000000");
    CHECK_EQ(s.at("G7").formula, "SUM($G$2:$G$4)");
    CHECK_EQ(s.at("G7").text, "230000000");
    CHECK_EQ(s.at("C7").text, "전체");
    CHECK_EQ(s.at("A9").text, "동점 = 모든 순위 기준이 같아 함께 수상");
    const std::string xml = test::UnzipEntry(file, "xl/worksheets/sheet1.xml");
    CHECK_NE(xml.find("<autoFilter ref=\"A1:I4\"/>"), std::string::npos);
    CHECK_NE(xml.find("state=\"frozen\""), std::string::npos);
    // Widths fit the longest value, a Hangul syllable counting two: "울산 남구" is 9 wide.
    const std::regex name_width("<col min=\"3\" max=\"3\" width=\"([0-9.]+)\"");
    std::smatch width;
    REQUIRE(std::regex_search(xml, width, name_width));
    CHECK_GE(std::stod(width[1]), 9.0);

    // 요약: the facts, typed; 출처: the provenance record.
    const auto& summary = x.sheets[1];
    CHECK_EQ(summary.at("A1").text, "수상 결과 (2020)");
    CHECK_EQ(summary.at("A3").text, "수상 건수");
    CHECK_FALSE(summary.at("B3").is_string);
    CHECK_EQ(summary.at("B4").text, "230000000");
    CHECK_EQ(summary.at("C4").text, "prize_money_krw");
    const auto inputs = test::SheetRows(x.sheets[2]);
    CHECK_EQ(inputs[0], std::vector<std::string>{"항목", "값", "크기 (바이트)", "SHA-256"});
    CHECK_EQ(inputs.back()[0], "input: rubric");
    CHECK_EQ(inputs.back()[2], "3");
    // The seed and the draw count are numbers, not text.
    const auto& sources = x.sheets[2];
    for (const char* row : {"6", "7"}) {
      CAPTURE(row);
      CHECK_FALSE(sources.at(std::string("B") + row).is_string);
    }
    CHECK_EQ(sources.at("A6").text, "seed");
    CHECK_EQ(sources.at("B6").text, "2020");
    CHECK_EQ(sources.at("B7").text, "4096");
  }

  TEST_CASE("XLSX: a wrong total is a bug, and the target file is left alone") {
    TempDir dir;
    const fs::path file = dir.path / "r.xlsx";
    Result r = AwardResult();
    ResultTable t = Awards();
    t.AddTotal({Cell(), Cell(), "틀림", Cell(), Cell(), Cell(), 1.0, Cell(), Cell()});
    r.tables = {t};
    CHECK_THROWS_AS(WriteResultXlsx(file, r), InternalError);
    CHECK_FALSE(fs::exists(file));
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
    CHECK_EQ(files, 0);
  }

  TEST_CASE("XLSX: banners are the first rows of every sheet, the header frozen below them") {
    TempDir dir;
    const std::string file = (dir.path / "b.xlsx").string();
    Result r = AwardResult();
    r.AddBanner({"synthetic_reports", "합성 보고서", ColumnType::kInteger}, 226,
                "※ 합성 보고서 226건으로 계산한 수치입니다");
    WriteResultXlsx(file, r);
    const test::Xlsx x = test::ReadXlsx(file);
    for (const auto& sheet : x.sheets) CHECK_EQ(sheet.at("A1").text, r.banners[0].text);
    CHECK_EQ(x.sheets[0].at("A3").text, "부문");
    const std::string xml = test::UnzipEntry(file, "xl/worksheets/sheet1.xml");
    CHECK_NE(xml.find("<autoFilter ref=\"A3:I6\"/>"), std::string::npos);
    CHECK_NE(xml.find("topLeftCell=\"A4\""), std::string::npos);
  }

  TEST_CASE("XLSX: RenderResultXlsx gives the bytes WriteResultXlsx writes, and no file") {
    TempDir dir;
    const Provenance p = MakeProvenance("award", "jobaward award");
    WriteResultXlsx(dir.path / "a.xlsx", AwardResult(), &p);
    const std::string bytes = RenderResultXlsx(AwardResult(), &p);
    CHECK_EQ(bytes, test::Slurp((dir.path / "a.xlsx").string()));
    CHECK_EQ(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator{}), 1);
  }

  TEST_CASE("XLSX: the same result written twice gives the same bytes") {
    TempDir dir;
    WriteResultXlsx(dir.path / "a.xlsx", AwardResult());
    WriteResultXlsx(dir.path / "b.xlsx", AwardResult());
    CHECK_EQ(test::Slurp((dir.path / "a.xlsx").string()),
             test::Slurp((dir.path / "b.xlsx").string()));
  }
}

}  // namespace jobaward
