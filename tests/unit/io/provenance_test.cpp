#include <doctest/doctest.h>

#include <string>

#include "jobaward/io/provenance.hpp"
#include "test_support.hpp"

namespace jobaward {

TEST_SUITE("provenance") {
  TEST_CASE("the command line drops the program directory and options that cannot change output") {
    CHECK_EQ(ReproducibleCommandLine(
                 "/work/build/engine/jobaward simulate --draws 1000 --seed 7 --threads 2 "
                 "--out sim.json --format json --progress"),
             "jobaward simulate --draws 1000 --seed 7 --format json");
    CHECK_EQ(ReproducibleCommandLine("jobaward award --out=a.csv -j 4 -o b.csv --quiet"),
             "jobaward award");
    CHECK_EQ(ReproducibleCommandLine(std::vector<std::string>{"jobaward", "score", "--reports",
                                                              "my reports/x.csv", "it's"}),
             "jobaward score --reports 'my reports/x.csv' 'it'\\''s'");
    CHECK_EQ(ReproducibleCommandLine(""), "jobaward");
  }

  TEST_CASE("an input is described by its size and SHA-256") {
    const InputFile f = DescribeInput("rubric", "rubrics/x.yaml", "abc");
    CHECK_EQ(f.role, "rubric");
    CHECK_EQ(f.path, "rubrics/x.yaml");
    CHECK_EQ(f.bytes, 3U);
    CHECK_EQ(f.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  TEST_CASE("a reports directory is hashed over the files a batch reads: *.yaml and *.xlsx") {
    // A filled .xlsx template is a report as much as a .yaml file; it must be in the record.
    const test::TempDir dir;
    test::WriteBytes(dir.path() / "11530.yaml", "yaml report");
    test::WriteBytes(dir.path() / "11545.xlsx", "workbook report");
    test::WriteBytes(dir.path() / "~$11545.xlsx", "Excel lock file");
    test::WriteBytes(dir.path() / "notes.yml", "not read");
    const std::string listing = DescribeInput("", "", "yaml report").sha256 + "  11530.yaml\n" +
                                DescribeInput("", "", "workbook report").sha256 + "  11545.xlsx\n";
    const InputFile before = HashInputPath("reports", dir.path());
    CHECK_EQ(before.bytes,
             std::string("yaml report").size() + std::string("workbook report").size());
    CHECK_EQ(before.sha256, DescribeInput("", "", listing).sha256);
    test::WriteBytes(dir.path() / "11545.xlsx", "workbook report, changed");
    CHECK_NE(HashInputPath("reports", dir.path()).sha256, before.sha256);
  }

  TEST_CASE("the JSON record has its keys in documented order, seed and draws only when set") {
    Provenance p = MakeProvenance("award", "jobaward award --format json");
    p.version = "9.9.9";
    p.inputs.push_back(DescribeInput("rules", "cohorts/2020.yaml", ""));
    CHECK_EQ(ProvenanceJson(p).dump(),
             R"({"tool":"jobaward","version":"9.9.9","command":"award",)"
             R"("command_line":"jobaward award --format json","inputs":[{"role":"rules",)"
             R"("path":"cohorts/2020.yaml","bytes":0,"sha256":)"
             R"("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]})");
    p.seed = 2020;
    p.draws = 10000;
    p.settings = {{"method", "oat"}};
    const auto j = ProvenanceJson(p);
    CHECK_EQ(j["seed"], 2020);
    CHECK_EQ(j["draws"], 10000);
    CHECK_EQ(j["settings"]["method"], "oat");
    // Convertible into the sorted-key json type too, for commands that use it.
    const nlohmann::json sorted = j;
    CHECK_EQ(sorted["command"], "award");
  }

  TEST_CASE("the table form lists each field and input on a row") {
    Provenance p = MakeProvenance("simulate", "jobaward simulate --seed 1");
    p.version = "1.0";
    p.seed = 1;
    p.inputs.push_back(DescribeInput("rubric", "r.yaml", "abc"));
    const Table t = ProvenanceTable(p);
    REQUIRE_EQ(t.rows.size(), 5U);
    CHECK_EQ(t.rows[0], std::vector<std::string>{"tool", "jobaward 1.0"});
    CHECK_EQ(t.rows[3], std::vector<std::string>{"seed", "1"});
    CHECK_EQ(t.rows[4][0], "input: rubric");
    CHECK_EQ(t.rows[4][1],
             "r.yaml (3 bytes, sha256 "
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad)");
    const Table inputs = InputFilesTable(p);
    CHECK_EQ(inputs.header, std::vector<std::string>{"role", "path", "bytes", "sha256"});
    CHECK_EQ(inputs.rows.size(), 1U);
  }
}

}  // namespace jobaward
