// Memory and output bounded by the input (issue 14, "Done when": peak memory of any loader within
// 64 MB plus 20 times the input's size). Each loader gets the costliest shape that fits its size
// limit: a 900 KB YAML list of 450,000 values for the rules, a rubric, an uncertainty spec, an AHP
// matrix and a report (refused at the value limit before a tree is built), 40,000 values under
// that limit each a problem, a CSV header of 8 MB of commas, 2,000,000 empty cells (one byte of
// the file each) in the registry and a reports CSV, a reports CSV of a million bad rows, a 5 MB
// column name, and JSON inputs of 8 MB of empty objects (the costliest nlohmann value per byte) or
// zeros. Each is refused by the real CLI within the bound, with at most kMaxDiagnosticsPerFile + 2
// lines of errors and a few kilobytes of stderr. The child's peak RSS comes from wait4 (RunCli).
// Under the sanitizers the shadow memory makes RSS meaningless, so only the output is checked
// there. Workbooks have their own suite at the end (deflated sheets, shared strings, zip bombs).
#include <doctest/doctest.h>
#include <zip.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "test_support.hpp"

using namespace jobaward;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

std::string Repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// 450,000 values in 900 KB, under the 1 MiB size limit of a YAML input (ReadInput): "0,0,...,0".
std::string ManyZeros() { return Repeat("0,", 449999) + "0"; }

std::size_t Lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::size_t ErrorLines(const std::string& text) {
  std::size_t n = 0;
  for (std::size_t at = text.find("error: "); at != std::string::npos;
       at = text.find("error: ", at + 1)) {
    ++n;
  }
  return n;
}

// Writes `content` to DIR/name, runs the CLI with `args` (where "@" stands for that file) and
// checks the bounds; returns the run for more specific checks.
test::CliResult RunOnHostile(const test::TempDir& dir, const std::string& name,
                             const std::string& content, std::vector<std::string> args,
                             int expected_exit = 1) {
  const auto path = dir.path() / name;
  test::WriteBytes(path, content);
  for (auto& a : args) {
    if (a == "@") a = path.string();
  }
  const test::CliResult r = test::RunCli(args);
  INFO("input: ", name, " (", content.size(), " bytes)");
  INFO("stderr starts: ", r.err.substr(0, 600));
  CHECK_EQ(r.exit_code, expected_exit);
  CHECK_LE(ErrorLines(r.err), kMaxDiagnosticsPerFile + 2);
  // Each listed problem is short (echoed values are cut), so the whole of stderr is too.
  CHECK_LE(r.err.size(), (kMaxDiagnosticsPerFile + 10) * 400);
  if (!kSanitized) {
    const long bound_kb = 64 * 1024 + static_cast<long>(20 * content.size() / 1024);
    CHECK_LE(r.peak_rss_kb, bound_kb);
  }
  return r;
}

}  // namespace

TEST_SUITE("loader memory") {
  TEST_CASE("a 900 KB rules file of 450,000 values is refused at the YAML value limit") {
    const test::TempDir dir;
    const auto r = RunOnHostile(dir, "rules.yaml", "year: 2020\ncohorts: [" + ManyZeros() + "]\n",
                                {"cohorts", "--rules", "@"});
    CHECK_NE(r.err.find("rules.yaml:2:"), std::string::npos);
    CHECK_NE(r.err.find("YAML values (scalars, lists and mappings), the limit"), std::string::npos);
    CHECK_EQ(Lines(r.err), 1U);
  }

  TEST_CASE("rubrics, uncertainty specs and AHP matrices are held to the same limit") {
    const test::TempDir dir;
    const std::string zeros = "[" + ManyZeros() + "]\n";
    const auto rubric =
        RunOnHostile(dir, "rubric.yaml", "id: x\nindicators: " + zeros, {"award", "--rubric", "@"});
    CHECK_NE(rubric.err.find(", the limit"), std::string::npos);
    const auto spec = RunOnHostile(dir, "uncertainty.yaml", "reviewer_noise: " + zeros,
                                   {"simulate", "--draws", "10", "--uncertainty", "@"});
    CHECK_NE(spec.err.find(", the limit"), std::string::npos);
    const auto ahp =
        RunOnHostile(dir, "ahp.yaml", "domain: plan\nmatrix: " + zeros, {"weights", "ahp", "@"});
    CHECK_NE(ahp.err.find(", the limit"), std::string::npos);
  }

  TEST_CASE("a rules file of 40,000 bad values lists the first problems and counts the rest") {
    const test::TempDir dir;
    const auto r =
        RunOnHostile(dir, "rules.yaml", "year: 2020\ncohorts: [" + Repeat("0,", 39999) + "0]\n",
                     {"cohorts", "--rules", "@"});
    CHECK_EQ(ErrorLines(r.err), kMaxDiagnosticsPerFile + 1);
    CHECK_NE(r.err.find("rules.yaml:2:11: cohorts[0]: expected a mapping (key: value), got '0'\n"),
             std::string::npos);
    CHECK_NE(r.err.find(": and 39900 more problems from here on (only the first 100 are listed)"),
             std::string::npos);
  }

  TEST_CASE("a CSV header of 8 MB of commas is refused at the column limit") {
    const test::TempDir dir;
    const auto r = RunOnHostile(dir, "registry.csv", Repeat(",", 8U << 20) + "\n1\n",
                                {"cohorts", "--registry", "@"});
    CHECK_NE(r.err.find("registry.csv:1: the header has 8388609 columns; the limit is 1000"),
             std::string::npos);
  }

  TEST_CASE("a reports CSV of a million bad rows is refused at the row limit") {
    const test::TempDir dir;
    const auto r =
        RunOnHostile(dir, "reports.csv", "government,year,synthetic\n" + Repeat("x,y,z\n", 1000000),
                     {"score", "--reports-csv", "@"}, 3);
    CHECK_NE(r.err.find("reports.csv:100002: more than 100000 data rows, the limit"),
             std::string::npos);
  }

  TEST_CASE("a batch CSV of 90,000 bad rows rejects them all and lists the first problems") {
    const test::TempDir dir;
    const auto r =
        RunOnHostile(dir, "reports.csv", "government,year,synthetic\n" + Repeat("x,y,z\n", 90000),
                     {"score", "--reports-csv", "@"}, 3);
    CHECK_NE(r.err.find("more rows are rejected"), std::string::npos);
    CHECK_LE(Lines(r.err), 2 * kMaxDiagnosticsPerFile + 10);
  }

  TEST_CASE("2,000,000 empty cells, the CSV cell limit, stay within the bound") {
    // An empty cell is one byte of the file and a string of the table: the costliest shape.
    const test::TempDir dir;
    std::string header = "c0";
    for (int i = 1; i < 1000; ++i) header += ",c" + std::to_string(i);
    const auto registry = RunOnHostile(dir, "registry.csv",
                                       header + "\n" + Repeat(std::string(999, ',') + "\n", 1999),
                                       {"cohorts", "--registry", "@"});
    CHECK_NE(registry.err.find("missing required column 'code'"), std::string::npos);
    const std::string reports_header =
        test::Slurp(test::SourcePath("examples/2020/reports.csv")).substr(0, 10000);
    const std::string first_line = reports_header.substr(0, reports_header.find('\n'));
    const auto columns =
        static_cast<std::size_t>(std::count(first_line.begin(), first_line.end(), ',')) + 1;
    const auto reports = RunOnHostile(
        dir, "reports.csv",
        first_line + "\n" + Repeat(std::string(columns - 1, ',') + "\n", 2000000 / columns - 1),
        {"score", "--reports-csv", "@"}, 3);
    CHECK_NE(reports.err.find("reports.csv:2:1: government: missing government code"),
             std::string::npos);
  }

  TEST_CASE("a report YAML of 1 MiB of values is rejected at the YAML value limit") {
    const test::TempDir dir;
    const std::filesystem::path reports = dir.path() / "reports";
    std::filesystem::create_directory(reports);
    const std::string report = test::Slurp(test::SourcePath("examples/2020/reports/11530.yaml"));
    const std::string list = "  plan_review: [79, 84, 97, 89]";
    const std::size_t at = report.find(list);
    REQUIRE_NE(at, std::string::npos);
    const std::string hostile = report.substr(0, at) + "  plan_review: [" + Repeat("7,", 500000) +
                                "1]" + report.substr(at + list.size());
    const auto r = RunOnHostile(dir, "reports/11530.yaml", hostile,
                                {"score", "--reports", reports.string()}, 3);
    CHECK_NE(r.err.find("YAML values (scalars, lists and mappings), the limit"), std::string::npos);
  }

  TEST_CASE("JSON inputs are held to a value count that keeps the tree within the bound") {
    // An empty object costs nlohmann ~130 bytes for 3 bytes of the file: the costliest shape.
    const test::TempDir dir;
    const auto objects =
        RunOnHostile(dir, "sim.json", "{\"draws\": [" + Repeat("{},", (8U << 20U) / 3) + "{}]}",
                     {"report", "--out", (dir.path() / "o.html").string(), "--simulation", "@"});
    CHECK_NE(objects.err.find("JSON values (300000 plus one per 8 bytes of the file), the limit"),
             std::string::npos);
    const auto zeros = RunOnHostile(
        dir, "sens.json", "{\"weights\": [" + Repeat("0,", (8U << 20U) / 2) + "0], \"step\": 0.1}",
        {"report", "--out", (dir.path() / "o.html").string(), "--sensitivity", "@"});
    CHECK_NE(zeros.err.find("JSON values"), std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "o.html"));
  }

  TEST_CASE("a 5 MB column name is refused at the field limit, not echoed") {
    const test::TempDir dir;
    const std::string name(5U << 20, 'x');
    const auto r = RunOnHostile(dir, "registry.csv", "code," + name + "\n11530,1\n",
                                {"cohorts", "--registry", "@"});
    CHECK_NE(r.err.find("registry.csv:1:2: the field is 5242880 bytes long; the limit is 65536"),
             std::string::npos);
    CHECK_LE(r.err.size(), 1000U);
  }

  TEST_CASE("a column name of 60,000 characters is echoed cut, not whole") {
    const test::TempDir dir;
    const std::string name(60000, 'x');
    const auto r = RunOnHostile(dir, "registry.csv", "code," + name + "\n11530,1\n",
                                {"cohorts", "--registry", "@"});
    CHECK_NE(r.err.find("unknown column '" + std::string(kMaxEchoCharacters, 'x') +
                        "…' (60000 characters)"),
             std::string::npos);
    CHECK_LE(r.err.size(), 8000U);
  }
}

// --- workbooks ---------------------------------------------------------------------------------
// A sheet is parsed as it inflates (expat) and kept at 16 bytes a cell plus its text, within a
// budget that grows with the file (XlsxLimits::kept_bytes). The hostile workbooks are built here
// with libzip, deflated at level 9 as an attacker would, from XML made piece by piece as libzip
// asks for it: the child's peak RSS (wait4) includes this process's peak, since posix_spawn
// shares its memory until exec, so the test never holds a large part itself.

namespace {

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Appends the next piece of a part to `out`; false when the part is done.
using Pieces = std::function<bool(std::string& out)>;

Pieces Once(std::string text) {
  return [text = std::move(text), done = false](std::string& out) mutable {
    if (done) return false;
    out += text;
    done = true;
    return true;
  };
}

// head, then make(i, out) for i in [0, n), then tail.
Pieces Generated(std::string head, std::size_t n,
                 std::function<void(std::size_t, std::string&)> make, std::string tail) {
  return [=, i = std::size_t{0}, stage = 0](std::string& out) mutable {
    if (stage == 0) {
      out += head;
      stage = 1;
    } else if (stage == 1 && i < n) {
      make(i++, out);
    } else if (stage == 1) {
      out += tail;
      stage = 2;
    } else {
      return false;
    }
    return true;
  };
}

Pieces Sheet(std::size_t n, std::function<void(std::size_t, std::string&)> make) {
  return Generated(std::string("<worksheet xmlns=\"") + kMain + "\"><sheetData>", n,
                   std::move(make), "</sheetData></worksheet>");
}

Pieces Sheet(std::string rows) {
  return Sheet(1, [rows = std::move(rows)](std::size_t, std::string& out) { out += rows; });
}

// A libzip source reading `Pieces`.
struct PieceSource {
  Pieces pieces;
  std::string pending;
  std::size_t at = 0;
};

zip_int64_t ReadPieces(void* user, void* data, zip_uint64_t length, zip_source_cmd_t command) {
  auto* source = static_cast<PieceSource*>(user);
  switch (command) {
    case ZIP_SOURCE_OPEN:
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_READ: {
      while (source->pending.size() - source->at < length) {
        source->pending.erase(0, source->at);
        source->at = 0;
        if (!source->pieces(source->pending)) break;
      }
      const std::size_t n = std::min<std::size_t>(length, source->pending.size() - source->at);
      std::copy_n(source->pending.data() + source->at, n, static_cast<char*>(data));
      source->at += n;
      return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_STAT:
      zip_stat_init(static_cast<zip_stat_t*>(data));  // the size is not known in advance
      return sizeof(zip_stat_t);
    case ZIP_SOURCE_ERROR:
      std::fill_n(static_cast<int*>(data), 2, 0);
      return 2 * sizeof(int);
    case ZIP_SOURCE_FREE:
      delete source;
      return 0;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                            ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
    default:
      return -1;
  }
}

// The bytes of a one-sheet workbook (Sheet1, no 보고서 sheet: read as a consolidated table) whose
// sheet XML is `sheet` and whose shared-string part, when given, is `strings`.
std::string Workbook(const test::TempDir& dir, Pieces sheet, Pieces strings = {}) {
  const std::string pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
  std::vector<std::pair<std::string, Pieces>> parts = {
      {"[Content_Types].xml",
       Once("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")},
      {"_rels/.rels",
       Once("<Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"rId1\" Type=\"" + kRel +
            "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")},
      {"xl/workbook.xml", Once(std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel +
                               "\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" "
                               "r:id=\"rId1\"/></sheets></workbook>")},
      {"xl/_rels/workbook.xml.rels",
       Once("<Relationships xmlns=\"" + pkg + "\"><Relationship Id=\"rId1\" Type=\"" + kRel +
            "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
            kRel + "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")},
      {"xl/worksheets/sheet1.xml", std::move(sheet)},
      {"xl/sharedStrings.xml", std::move(strings)}};
  const std::string path = (dir.path() / "built.xlsx").string();
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  for (auto& [name, pieces] : parts) {
    if (!pieces) continue;
    zip_source_t* source = zip_source_function(zip, ReadPieces, new PieceSource{pieces, {}, 0});
    REQUIRE(source != nullptr);
    const zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE);
    REQUIRE(index >= 0);
    REQUIRE(zip_set_file_compression(zip, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 9) ==
            0);
  }
  REQUIRE(zip_close(zip) == 0);  // makes and deflates the parts now
  return test::Slurp(path);
}

std::string ColumnLetters(std::size_t column) {  // 1 -> A
  std::string out;
  for (; column > 0; column = (column - 1) / 26) {
    out.insert(out.begin(), static_cast<char>('A' + (column - 1) % 26));
  }
  return out;
}

// The reports CSV's columns: the header row of a consolidated workbook.
std::vector<std::string> ReportColumns() {
  const std::string csv = test::Slurp(test::SourcePath("examples/2020/reports.csv"));
  std::vector<std::string> columns;
  std::size_t at = 0;
  const std::size_t end = csv.find('\n');
  while (at <= end) {
    const std::size_t comma = std::min(csv.find(',', at), end);
    columns.push_back(csv.substr(at, comma - at));
    at = comma + 1;
  }
  return columns;
}

std::vector<std::string> ScoreArgs() { return {"score", "--reports", "@"}; }

constexpr const char* kOverBudget = "the workbook's cells and shared strings take more than";

}  // namespace

TEST_SUITE("loader memory: workbooks") {
  TEST_CASE(
      "a 3 MB sheet of a million numeric cells is read and its rows judged within the bound") {
    // As an office's consolidated workbook would be: the reports CSV's columns, every cell with
    // its reference and a digit. Measured: 65 MB peak for 3.1 MB (the bound is 125 MB).
    const test::TempDir dir;
    const auto columns = ReportColumns();
    const std::size_t rows = 1'000'000 / columns.size();
    std::uint32_t x = 2020;
    const std::string xlsx =
        Workbook(dir, Sheet(rows, [&](std::size_t i, std::string& out) {
                   const std::string r = std::to_string(i + 1);
                   out += "<row r=\"" + r + "\">";
                   for (std::size_t c = 1; c <= columns.size(); ++c) {
                     x = x * 1103515245U + 12345U;
                     out += "<c r=\"" + ColumnLetters(c) + r + "\"";
                     out += i == 0 ? " t=\"inlineStr\"><is><t>" + columns[c - 1] + "</t></is></c>"
                                   : "><v>" + std::to_string((x >> 16) % 10) + "</v></c>";
                   }
                   out += "</row>";
                 }));
    CHECK_GE(xlsx.size(), 2'500'000U);
    CHECK_LE(xlsx.size(), 3'500'000U);
    const auto r = RunOnHostile(dir, "numbers.xlsx", xlsx, ScoreArgs(), 3);
    CHECK_NE(r.err.find("numbers.xlsx:Sheet1!A2: government:"), std::string::npos);
    CHECK_NE(r.err.find("more rows are rejected"), std::string::npos);
  }

  TEST_CASE("a million cells that deflate 1000:1 are refused at the budget for so small a file") {
    const test::TempDir dir;
    const std::string row = "<row>" + Repeat("<c><v>12345</v></c>", 1000) + "</row>";
    const std::string xlsx =
        Workbook(dir, Sheet(1000, [&](std::size_t, std::string& out) { out += row; }));
    CHECK_LE(xlsx.size(), 100'000U);
    const auto r = RunOnHostile(dir, "flat.xlsx", xlsx, ScoreArgs(), 3);
    CHECK_NE(r.err.find(std::string("flat.xlsx: xl/worksheets/sheet1.xml line 1: ") + kOverBudget),
             std::string::npos);
  }

  TEST_CASE("30 MiB of shared strings in a 32 KB file are refused as the strings are read") {
    const test::TempDir dir;
    const std::string si = "<si><t>" + std::string(2U << 20, 'x') + "</t></si>";
    const std::string xlsx =
        Workbook(dir, Sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
                 Generated(
                     std::string("<sst xmlns=\"") + kMain + "\">", 15,
                     [&](std::size_t, std::string& out) { out += si; }, "</sst>"));
    CHECK_LE(xlsx.size(), 100'000U);
    const auto r = RunOnHostile(dir, "strings.xlsx", xlsx, ScoreArgs(), 3);
    CHECK_NE(r.err.find(std::string("strings.xlsx: xl/sharedStrings.xml line 1: ") + kOverBudget),
             std::string::npos);
  }

  TEST_CASE("a zip bomb part of deflated whitespace is refused as it inflates") {
    const test::TempDir dir;
    const std::string spaces(1U << 20, ' ');
    const std::string xlsx =
        Workbook(dir, Sheet(200, [&](std::size_t, std::string& out) { out += spaces; }));
    CHECK_LE(xlsx.size(), 300'000U);
    const auto r = RunOnHostile(dir, "bomb.xlsx", xlsx, ScoreArgs(), 3);
    CHECK_NE(r.err.find("bomb.xlsx: xl/worksheets/sheet1.xml inflates to more than 33554432 bytes "
                        "(a zip bomb?)"),
             std::string::npos);
  }

  TEST_CASE("a 30 MiB tag and 2.5 million different names are refused at the parser's memory cap") {
    // expat buffers a tag whole and keeps every distinct name it meets; both cost memory the
    // sheet's limits never see.
    const test::TempDir dir;
    const std::string expected = "malformed XML (parsing it takes more than 8388608 bytes";
    const std::string letters(1U << 20, 'a');
    const auto tag =
        RunOnHostile(dir, "tag.xlsx",
                     Workbook(dir, Generated(
                                       "<worksheet><sheetData><row r=\"1\" x=\"", 30,
                                       [&](std::size_t, std::string& out) { out += letters; },
                                       "\"/></sheetData></worksheet>")),
                     ScoreArgs(), 3);
    CHECK_NE(tag.err.find(expected), std::string::npos);
    const auto names =
        RunOnHostile(dir, "names.xlsx",
                     Workbook(dir, Sheet(2'500'000,
                                         [](std::size_t i, std::string& out) {
                                           out += "<x a" + std::to_string(i) + "=\"1\"/>";
                                         })),
                     ScoreArgs(), 3);
    CHECK_NE(names.err.find(expected), std::string::npos);
  }
}
