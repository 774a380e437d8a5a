// What every command's --help and shared flags promise (engine/cli/cli_common.cpp,
// output_support.cpp): an example in every help, descriptions wrapped at spaces and never
// inside a word or path, one --threads and one --category for every command that has them.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "jobaward/render/text_table.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

using test::RunCli;

const std::vector<std::vector<std::string>> kHelps = {{"cohorts"},
                                                      {"score"},
                                                      {"template"},
                                                      {"award"},
                                                      {"explain"},
                                                      {"check"},
                                                      {"compare"},
                                                      {"gaps"},
                                                      {"synth"},
                                                      {"simulate"},
                                                      {"sensitivity"},
                                                      {"sensitivity", "tornado"},
                                                      {"sensitivity", "reversal"},
                                                      {"sensitivity", "sobol"},
                                                      {"weights"},
                                                      {"weights", "ahp"},
                                                      {"report"},
                                                      {"serve"}};

std::string Help(std::vector<std::string> args) {
  args.emplace_back("--help");
  const test::CliResult r = RunCli(args);
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  return r.out;
}

}  // namespace

TEST_SUITE("cli_help") {
  TEST_CASE("every command's --help has examples that start with jobaward") {
    for (const auto& command : kHelps) {
      CAPTURE(command.back());
      const std::string help = Help(command);
      CHECK_NE(help.find("\nexamples:\n  jobaward "), std::string::npos);
    }
  }

  TEST_CASE("--help wraps descriptions at spaces to 100 columns; paths are never cut") {
    for (const auto& command : kHelps) {
      CAPTURE(command.back());
      std::istringstream lines(Help(command));
      std::string line;
      while (std::getline(lines, line)) {
        CAPTURE(line);
        CHECK_LE(DisplayWidth(line), 100U);
      }
    }
    // boost's own printer cut this one into "governments-202" and "0.csv".
    CHECK_NE(Help({"cohorts"}).find(" cohorts/governments-2020.csv, "), std::string::npos);
    CHECK_NE(Help({"simulate"}).find(" examples/2020/uncertainty.yaml)"), std::string::npos);
    // The description column: every option's text starts in the same column.
    const std::string help = Help({"cohorts"});
    const std::size_t rules = help.find("\n  --rules arg");
    const std::size_t registry = help.find("\n  --registry arg");
    REQUIRE_NE(rules, std::string::npos);
    REQUIRE_NE(registry, std::string::npos);
    CHECK_EQ(help.find("cohort rules YAML", rules) - rules,
             help.find("registry CSV", registry) - registry);
  }

  TEST_CASE("report and serve take the shared --threads (-j), checked the same way") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"report", "--out", "/tmp/jobaward-outputs-help.html"},
          std::vector<std::string>{"serve"}}) {
      CAPTURE(args[0]);
      CHECK_NE(Help({args[0]}).find("  -j [ --threads ] N (1..256, default "), std::string::npos);
      std::vector<std::string> zero = args;
      zero.insert(zero.end(), {"--threads", "0"});
      const test::CliResult r = RunCli(zero);
      CHECK_EQ(r.exit_code, 2);
      CHECK_EQ(r.err.substr(0, r.err.find('\n')),
               "jobaward " + args[0] + ": --threads: expected a whole number from 1 to 256, got 0");
    }
  }

  TEST_CASE("score, gaps and sensitivity refuse an unknown --category with one message") {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"score"}, std::vector<std::string>{"gaps"},
          std::vector<std::string>{"sensitivity", "tornado"}}) {
      CAPTURE(args[0]);
      std::vector<std::string> bad = args;
      bad.insert(bad.end(), {"--category", "disclosur"});
      const test::CliResult r = RunCli(bad);
      CHECK_EQ(r.exit_code, 2);
      CHECK_EQ(r.err.substr(0, r.err.find('\n')),
               "jobaward " + args[0] +
                   ": --category: unknown category 'disclosur', did you mean 'disclosure'?");
    }
  }
}

}  // namespace jobaward
