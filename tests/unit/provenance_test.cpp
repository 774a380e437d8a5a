#include <doctest/doctest.h>

#include <string>

#include "jobaward/provenance.hpp"

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
