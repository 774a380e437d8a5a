// CSV encodings (--encoding auto|utf-8|cp949): CP949 files read through iconv give the same
// reports, registry and diagnostics (same line and column) as their UTF-8 originals.
#include "jobaward/io/text_encoding.hpp"

#include <doctest/doctest.h>
#include <iconv.h>

#include <stdexcept>

#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/csv.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "test_support.hpp"

using namespace jobaward;

namespace {

// What Korean Excel's plain "CSV" save writes: the text in CP949 (test-side conversion).
std::string ToCp949(const std::string& utf8) {
  iconv_t cd = ::iconv_open("CP949", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("no CP949 converter");
  std::string out(utf8.size() + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* o = out.data();
  std::size_t out_left = out.size();
  const std::size_t done = ::iconv(cd, &in, &in_left, &o, &out_left);
  ::iconv_close(cd);
  if (done == static_cast<std::size_t>(-1)) throw std::runtime_error("not convertible to CP949");
  out.resize(out.size() - out_left);
  return out;
}

std::string Messages(const InputError& e) {
  std::string out;
  for (const auto& d : e.diagnostics()) out += d.ToString() + "\n";
  return out;
}

ScoringSetup Setup(const std::string& registry, TextEncoding encoding) {
  AwardPaths paths;
  paths.registry = registry;
  paths.rules = test::SourcePath("cohorts/2020.yaml");
  paths.rubrics = {test::SourcePath("rubrics/2020-disclosure.yaml"),
                   test::SourcePath("rubrics/2020-best-program.yaml")};
  paths.registry_encoding = encoding;
  return LoadScoringSetup(paths);
}

}  // namespace

TEST_SUITE("CSV encodings") {
  TEST_CASE("encoding names") {
    CHECK(ParseTextEncoding("auto") == TextEncoding::kAuto);
    CHECK(ParseTextEncoding("utf-8") == TextEncoding::kUtf8);
    CHECK(ParseTextEncoding("cp949") == TextEncoding::kCp949);
    CHECK(ParseTextEncoding("euc-kr") == TextEncoding::kCp949);
    CHECK_FALSE(ParseTextEncoding("latin1"));
  }

  TEST_CASE("auto leaves UTF-8 alone and says nothing") {
    const DecodedText d = DecodeText("code,name_ko\n11530,구로구\n", TextEncoding::kAuto, "r.csv");
    CHECK(d.text == "code,name_ko\n11530,구로구\n");
    CHECK_FALSE(d.note);
  }

  TEST_CASE("auto reads CP949 as CP949, with one note naming the file") {
    const DecodedText d =
        DecodeText(ToCp949("11530,구로구,똠방각하\n"), TextEncoding::kAuto, "r.csv");
    CHECK(d.text == "11530,구로구,똠방각하\n");  // 똠 is outside EUC-KR, inside CP949
    REQUIRE(d.note);
    CHECK(d.note->ToString() ==
          "r.csv: not UTF-8; read as CP949 (the encoding of Korean Excel's plain CSV)");
  }

  TEST_CASE("auto passes on bytes that are neither, so the reader reports today's error") {
    const std::string bytes = "a,b\n1,\xFF\xFF\n";
    const DecodedText d = DecodeText(bytes, TextEncoding::kAuto, "r.csv");
    CHECK(d.text == bytes);
    CHECK_FALSE(d.note);
    try {
      (void)ParseCsv(d.text, "r.csv");
      FAIL("accepted invalid bytes");
    } catch (const InputError& e) {
      CHECK(Messages(e) == "r.csv:2:3: invalid UTF-8 byte; save the file as UTF-8\n");
    }
  }

  TEST_CASE("utf-8 refuses CP949 as before; cp949 names the line and column of a bad byte") {
    const std::string cp949 = ToCp949("a,b\n구로구,x") + "\xFF\n";
    const DecodedText utf8 = DecodeText(cp949, TextEncoding::kUtf8, "r.csv");
    CHECK(utf8.text == cp949);
    try {
      (void)DecodeText(cp949, TextEncoding::kCp949, "r.csv");
      FAIL("accepted a byte that is not CP949");
    } catch (const InputError& e) {
      // 구로구 is three characters: ',' is column 4, 'x' 5, the bad byte 6.
      CHECK(Messages(e) ==
            "r.csv:2:6: invalid CP949 byte 0xFF (--encoding cp949); save the file as UTF-8 or "
            "try --encoding auto\n");
    }
  }

  TEST_CASE("a CP949 reports CSV gives the reports of its UTF-8 original") {
    const ScoringSetup setup =
        Setup(test::SourcePath("cohorts/governments-2020.csv"), TextEncoding::kUtf8);
    const test::TempDir dir;
    const std::string utf8 = test::Slurp(test::SourcePath("examples/2020/reports.csv"));
    test::WriteBytes(dir.path() / "cp949.csv", ToCp949(utf8));
    ReportLoadOptions options;
    options.encoding = TextEncoding::kAuto;
    const ReportBatch a = LoadReports(test::SourcePath("examples/2020/reports.csv"), setup.schema,
                                      setup.registry, options);
    const ReportBatch b =
        LoadReports((dir.path() / "cp949.csv").string(), setup.schema, setup.registry, options);
    CHECK(a.notes.empty());
    REQUIRE(b.notes.size() == 1);
    CHECK(b.rejected.empty());
    REQUIRE(a.reports.size() == 243);
    REQUIRE(b.reports.size() == a.reports.size());
    for (std::size_t i = 0; i < a.reports.size(); ++i) {
      CHECK(a.reports[i].government_code == b.reports[i].government_code);
      CHECK(a.reports[i].provenance == b.reports[i].provenance);
      CHECK(a.reports[i].fields == b.reports[i].fields);
    }
    options.encoding = TextEncoding::kUtf8;
    const ReportBatch c =
        LoadReports((dir.path() / "cp949.csv").string(), setup.schema, setup.registry, options);
    CHECK(c.reports.empty());
    REQUIRE(c.rejected.size() == 1);
  }

  TEST_CASE("a CP949 registry loads as its UTF-8 original, with Korean names intact") {
    const test::TempDir dir;
    const std::string utf8 = test::Slurp(test::SourcePath("cohorts/governments-2020.csv"));
    test::WriteBytes(dir.path() / "registry.csv", ToCp949(utf8));
    const ScoringSetup a =
        Setup(test::SourcePath("cohorts/governments-2020.csv"), TextEncoding::kAuto);
    const ScoringSetup b = Setup((dir.path() / "registry.csv").string(), TextEncoding::kAuto);
    CHECK(a.notes.empty());
    CHECK(b.notes.size() == 1);
    REQUIRE(a.registry.size() == b.registry.size());
    for (std::size_t i = 0; i < a.registry.size(); ++i) {
      CHECK(a.registry[i].name_ko == b.registry[i].name_ko);
    }
    CHECK(a.membership.cohort_of == b.membership.cohort_of);
  }

  TEST_CASE("errors in a CP949 CSV point at the same line and column as in UTF-8") {
    const std::string utf8 =
        "government,name_ko,year,synthetic\n"
        "11530,구로구,2020,true\n"
        "11545,금천구,2020,maybe\n";
    const DecodedText decoded = DecodeText(ToCp949(utf8), TextEncoding::kAuto, "r.csv");
    const ReportSchema schema;
    const Registry registry = ParseRegistry(
        test::Slurp(test::SourcePath("cohorts/governments-2020.csv")), "governments-2020.csv");
    std::string from_utf8;
    std::string from_cp949;
    try {
      (void)ParseReportsCsv(utf8, "r.csv", schema, registry);
    } catch (const InputError& e) {
      from_utf8 = Messages(e);
    }
    try {
      (void)ParseReportsCsv(decoded.text, "r.csv", schema, registry);
    } catch (const InputError& e) {
      from_cp949 = Messages(e);
    }
    CHECK(from_utf8 == "r.csv:3:4: synthetic: expected true or false, got 'maybe'\n");
    CHECK(from_cp949 == from_utf8);
  }
}
