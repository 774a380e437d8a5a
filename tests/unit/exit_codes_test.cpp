// The CLI's exit codes (README "Exit codes", engine/docs/errors.md), each triggered through the
// real program: 0 success, 1 invalid input, 2 usage error. Partial batch (3) and interrupted (130)
// belong to commands that are tested where they are implemented; internal error (4) is a bug and
// cannot be triggered from outside by design.
#include <doctest/doctest.h>

#include <string>

#include "test_support.hpp"

using jobaward::test::RunCli;

TEST_SUITE("exit codes") {
  TEST_CASE("exit code 0: a successful run, --help and --version") {
    CHECK_EQ(RunCli({"cohorts", "--format", "csv"}).exit_code, 0);
    CHECK_EQ(RunCli({"--help"}).exit_code, 0);
    CHECK_EQ(RunCli({"--version"}).exit_code, 0);
    CHECK_EQ(RunCli({"cohorts", "--help"}).exit_code, 0);
  }

  TEST_CASE("--help lists every exit code") {
    const auto result = RunCli({"--help"});
    CHECK_NE(result.out.find("exit codes: 0 success, 1 invalid input, 2 usage error, 3 some "
                             "reports rejected,\n            4 internal error, 130 interrupted\n"),
             std::string::npos);
  }

  TEST_CASE("exit code 2: no command prints the usage on stderr") {
    const auto result = RunCli({});
    CHECK_EQ(result.exit_code, 2);
    CHECK(result.out.empty());
    CHECK_NE(result.err.find("usage: jobaward <command> [options]"), std::string::npos);
  }

  TEST_CASE("exit code 2: an unknown command gets a did-you-mean") {
    const auto result = RunCli({"cohort"});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err,
             "jobaward: unknown command 'cohort', did you mean 'cohorts'?\n"
             "(run 'jobaward --help' for the list)\n");
  }

  TEST_CASE("exit code 2: an unknown command with no close match lists nothing wrong") {
    const auto result = RunCli({"frobnicate"});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err,
             "jobaward: unknown command 'frobnicate'\n(run 'jobaward --help' for the list)\n");
  }

  TEST_CASE("exit code 2: an unknown flag names the flag and the command") {
    const auto result = RunCli({"cohorts", "--bogus"});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err,
             "jobaward cohorts: unrecognised option '--bogus'\n"
             "(run 'jobaward cohorts --help' for usage)\n");
  }

  TEST_CASE("exit code 2: a bad --format value lists the accepted ones") {
    const auto result = RunCli({"cohorts", "--format", "xml"});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err,
             "jobaward cohorts: --format: expected one of table, csv, json, got 'xml'\n"
             "(run 'jobaward cohorts --help' for usage)\n");
  }

  TEST_CASE("exit code 2: a flag without its value") {
    const auto result = RunCli({"cohorts", "--rules"});
    CHECK_EQ(result.exit_code, 2);
    CHECK(result.out.empty());
  }

  TEST_CASE("exit code 1: a missing input file, named in file:line:column form") {
    const auto result = RunCli({"cohorts", "--rules", "no/such/rules.yaml"});
    CHECK_EQ(result.exit_code, 1);
    CHECK(result.out.empty());
    CHECK_EQ(result.err, "error: no/such/rules.yaml: cannot open: No such file or directory\n");
  }

  TEST_CASE("exit code 1: every diagnostic of an invalid file is printed, one per line") {
    const auto result =
        RunCli({"cohorts", "--rules", "tests/errors/cohort-rules/misspelt-top-level-key.yaml"});
    CHECK_EQ(result.exit_code, 1);
    CHECK(result.out.empty());
    CHECK_EQ(result.err,
             "error: tests/errors/cohort-rules/misspelt-top-level-key.yaml:3:1: cohort: unknown "
             "key 'cohort', did you mean 'cohorts'?\n"
             "error: tests/errors/cohort-rules/misspelt-top-level-key.yaml:1:1: cohorts: missing "
             "required key 'cohorts'\n");
  }
}
