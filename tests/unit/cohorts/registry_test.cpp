#include <doctest/doctest.h>

#include "jobaward/io/csv.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "test_support.hpp"

using namespace jobaward;

namespace {

const char* kHeader =
    "code,name_ko,name_en,level,type,parent_code,population,population_year,population_source,"
    "workers,workers_year,workers_source,workers_estimated\n";

std::string Row(const std::string& code, const std::string& level, const std::string& type,
                const std::string& parent, const std::string& population = "1000",
                const std::string& workers = "500") {
  return code + ",이름,Name," + level + "," + type + "," + parent + "," + population +
         ",2023,MOIS," + workers + ",2024,KOSIS,false\n";
}

std::vector<std::string> Messages(const InputError& e) {
  std::vector<std::string> out;
  for (const auto& d : e.diagnostics()) out.push_back(d.ToString());
  return out;
}

}  // namespace

TEST_SUITE("registry") {
  TEST_CASE("the bundled 2020 registry holds 17 metropolitan and 226 basic governments") {
    const std::string path = test::SourcePath("cohorts/governments-2020.csv");
    const Registry registry =
        ParseRegistry(test::Slurp(path), "governments-2020.csv", Registry2020Expectations());
    REQUIRE(registry.size() == 243);
    const auto guro = registry.IndexOf("11530");
    REQUIRE(guro);
    const Government& g = registry[*guro];
    CHECK(g.name_ko == "구로구");
    CHECK(g.name_en == "Guro-gu");
    CHECK(g.level == Level::kBasic);
    CHECK(g.type == GovernmentType::kDistrict);
    CHECK(g.parent_code == "11000");
    CHECK(g.population == 393326);
    CHECK(g.workers == 227500);  // (227 + 228) / 2 thousand, KOSIS 2024
    CHECK_FALSE(g.workers_estimated);
    const Government& sejong = registry[*registry.IndexOf("36000")];
    CHECK(sejong.workers_estimated);
    CHECK(sejong.type == GovernmentType::kSpecialSelfGoverningCity);
    int estimated = 0;
    for (const auto& gov : registry.governments()) estimated += gov.workers_estimated ? 1 : 0;
    CHECK(estimated == 1);
  }

  TEST_CASE("every registry problem is reported with file and line, all at once") {
    const std::string csv =
        std::string(kHeader) + Row("11000", "metropolitan", "special_city", "") +
        Row("11530", "basic", "district", "11000") + Row("11530", "basic", "district", "11000") +
        Row("1153", "basic", "distrct", "99999", "-5", "x");
    try {
      (void)ParseRegistry(csv, "reg.csv");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      const auto m = Messages(e);
      REQUIRE(m.size() == 6);
      CHECK(m[0] == "reg.csv:4:1: code: duplicate code 11530 (first defined on line 3)");
      CHECK(m[1] == "reg.csv:5:1: code: expected a 5-digit administrative code, got '1153'");
      CHECK(m[2] ==
            "reg.csv:5:5: type: expected one of special_city, metropolitan_city, "
            "special_self_governing_city, province, special_self_governing_province, city, "
            "county, district, got 'distrct' (did you mean 'district'?)");
      CHECK(m[3] == "reg.csv:5:7: population: expected a non-negative number, got -5");
      CHECK(m[4] == "reg.csv:5:10: workers: expected a finite number, got 'x'");
      CHECK(m[5] == "reg.csv:5:6: parent_code: parent 99999 is not in the registry");
    }
  }

  TEST_CASE("the expected counts of metropolitan and basic governments are checked") {
    const std::string csv = std::string(kHeader) +
                            Row("11000", "metropolitan", "special_city", "") +
                            Row("11530", "basic", "district", "11000");
    CHECK_NOTHROW((void)ParseRegistry(csv, "reg.csv", {1, 1}));
    try {
      (void)ParseRegistry(csv, "reg.csv", Registry2020Expectations());
      FAIL("expected InputError");
    } catch (const InputError& e) {
      const auto m = Messages(e);
      REQUIRE(m.size() == 2);
      CHECK(m[0] == "reg.csv: level: expected 17 metropolitan governments, found 1");
      CHECK(m[1] == "reg.csv: level: expected 226 basic governments, found 1");
    }
  }

  TEST_CASE("a parent must be metropolitan, and a level must fit the type") {
    const std::string csv =
        std::string(kHeader) + Row("11000", "metropolitan", "special_city", "") +
        Row("11530", "basic", "district", "11000") + Row("11540", "basic", "province", "11530");
    try {
      (void)ParseRegistry(csv, "reg.csv");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      const auto m = Messages(e);
      REQUIRE(m.size() == 2);
      CHECK(m[0] == "reg.csv:4:5: type: type 'province' does not fit level 'basic'");
      CHECK(m[1] == "reg.csv:4:6: parent_code: parent 11530 is not a metropolitan government");
    }
  }

  TEST_CASE("unknown and missing columns are named, with a suggestion") {
    const std::string csv =
        "code,name_ko,name_en,levl,type,parent_code,population,population_year,"
        "population_source,workers,workers_year,workers_source,workers_estimated\n";
    try {
      (void)ParseRegistry(csv, "reg.csv");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      const auto m = Messages(e);
      REQUIRE(m.size() == 2);
      CHECK(m[0] == "reg.csv:1: level: missing required column 'level'");
      CHECK(m[1] == "reg.csv:1:4: levl: unknown column 'levl', did you mean 'level'?");
    }
  }
}

TEST_SUITE("csv") {
  TEST_CASE("a quoted field may hold commas, quotes and newlines; rows keep their start line") {
    const CsvTable t = ParseCsv("a,b\n1,\"x, \"\"y\"\"\nz\"\n\n2,3\n", "t.csv");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].line == 2);
    CHECK(t.rows[0].fields[1] == "x, \"y\"\nz");
    CHECK(t.rows[1].line == 5);
    CHECK(t.rows[1].fields[0] == "2");
  }

  TEST_CASE("a UTF-8 byte-order mark is skipped and CRLF line ends are accepted") {
    const CsvTable with = ParseCsv("\xEF\xBB\xBFgovernment,x\r\n11530,1\r\n", "t.csv");
    const CsvTable without = ParseCsv("government,x\n11530,1\n", "t.csv");
    CHECK(with.header == without.header);
    CHECK(with.rows[0].fields == without.rows[0].fields);
  }

  TEST_CASE("bad CSV is an InputError naming the line") {
    CHECK_THROWS_WITH_AS((void)ParseCsv("a,b\n1,2,3\n", "t.csv"),
                         "t.csv:2: expected 2 fields as in the header, got 3", InputError);
    CHECK_THROWS_WITH_AS((void)ParseCsv("a,b\n1,\"2\n", "t.csv"),
                         "t.csv:2: malformed CSV (a quote is misplaced or not closed)", InputError);
    CHECK_THROWS_WITH_AS((void)ParseCsv("", "t.csv"), "t.csv: file is empty; expected a header row",
                         InputError);
    CHECK_THROWS_WITH_AS((void)ParseCsv("a,b\n1,\xff\n", "t.csv"),
                         "t.csv:2:3: invalid UTF-8 byte; save the file as UTF-8", InputError);
    CHECK_THROWS_WITH_AS((void)ParseCsv("a,a\n", "t.csv"),
                         "t.csv:1:2: a: duplicate column name in the header", InputError);
  }

  TEST_CASE("workers_estimated is read as the reports CSV reads a boolean: TRUE/FALSE too") {
    // Excel saves a boolean column as TRUE/FALSE; the registry used to refuse every such row.
    std::string rows = kHeader;
    rows +=
        "11000,서울특별시,Seoul,metropolitan,special_city,,9350940,2023,MOIS,5034000,2024,KOSIS,"
        "TRUE\n";
    rows += "11530,구로구,Guro-gu,basic,district,11000,393326,2023,MOIS,227500,2024,KOSIS,FALSE\n";
    rows +=
        "11560,영등포구,Yeongdeungpo-gu,basic,district,11000,370000,2023,MOIS,210000,2024,KOSIS, "
        "True\n";
    const Registry registry = ParseRegistry(rows, "r.csv");
    REQUIRE(registry.size() == 3);
    CHECK(registry[0].workers_estimated);
    CHECK_FALSE(registry[1].workers_estimated);
    CHECK(registry[2].workers_estimated);
    CHECK_EQ(ParseBoolean("TRUE"), std::optional<bool>(true));
    CHECK_EQ(ParseBoolean("false"), std::optional<bool>(false));
    CHECK_FALSE(ParseBoolean("yes"));
    CHECK_FALSE(ParseBoolean("1"));
    CHECK_FALSE(ParseBoolean("tRUE"));
  }

  TEST_CASE("numbers must be finite and whole") {
    CHECK(ParseFiniteNumber(" 12.5 ") == 12.5);
    CHECK(ParseFiniteNumber("+3") == 3);
    CHECK(ParseFiniteNumber("-1e3") == -1000);
    CHECK_FALSE(ParseFiniteNumber("1e400"));
    CHECK_FALSE(ParseFiniteNumber("nan"));
    CHECK_FALSE(ParseFiniteNumber("inf"));
    CHECK_FALSE(ParseFiniteNumber("12abc"));
    CHECK_FALSE(ParseFiniteNumber(""));
    CHECK_FALSE(ParseFiniteNumber("0x10"));
  }
}
