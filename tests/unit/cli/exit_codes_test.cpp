// The CLI's exit codes (README "Exit codes", engine/docs/errors.md), each triggered through the
// real program: 0 success, 1 invalid input, 2 usage error, 3 partial batch, 130 interrupted
// (5, facts not met, is tested with `check` in cli_check_test.cpp).
// Internal error (4) is a bug and cannot be triggered from outside by design.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "test_support.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

// True once process `pid` catches SIGINT (its handler is installed), from /proc/PID/status.
bool CatchesSigint(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigCgt:", 0) == 0) {
      const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
      return (mask & (1ULL << (SIGINT - 1))) != 0;
    }
  }
  return false;
}

}  // namespace

using jobaward::test::CliPath;
using jobaward::test::RunCli;
using jobaward::test::SourcePath;

TEST_SUITE("exit codes") {
  TEST_CASE("exit code 0: a successful run, --help and --version") {
    CHECK_EQ(RunCli({"cohorts", "--format", "csv"}).exit_code, 0);
    CHECK_EQ(RunCli({"--help"}).exit_code, 0);
    CHECK_EQ(RunCli({"--version"}).exit_code, 0);
    CHECK_EQ(RunCli({"cohorts", "--help"}).exit_code, 0);
  }

  TEST_CASE("--help lists every exit code") {
    const auto result = RunCli({"--help"});
    CHECK_NE(result.out.find(
                 "exit codes: 0 success, 1 invalid input, 2 usage error, 3 some "
                 "reports rejected,\n            4 internal error, 5 published facts not met "
                 "(check), 130 interrupted\n"),
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

  TEST_CASE("exit code 2: a misspelt flag gets the closest one") {
    const auto result = RunCli({"score", "--fromat", "csv"});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err,
             "jobaward score: unrecognised option '--fromat', did you mean '--format'?\n"
             "(run 'jobaward score --help' for usage)\n");
  }

  TEST_CASE("exit code 2: a bad --format value lists the accepted ones") {
    const auto result = RunCli({"cohorts", "--format", "xml"});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err,
             "jobaward cohorts: --format: expected one of table, csv, json, xlsx, got 'xml'\n"
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

  TEST_CASE("exit code 3: a batch with one bad report scores the rest and lists the rejected one") {
    const fs::path dir =
        fs::temp_directory_path() / ("jobaward-exit3-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    fs::copy(jobaward::test::SourcePath("examples/2020/reports"), dir / "reports");
    {
      std::ofstream bad(dir / "reports" / "11530.yaml", std::ios::app);
      bad << "unexpected_key: 1\n";
    }
    const auto result = RunCli({"score", "--reports", (dir / "reports").string(), "--format", "csv",
                                "--out", (dir / "scores.csv").string()});
    CHECK_EQ(result.exit_code, 3);
    CHECK_NE(result.err.find("rejected: " + (dir / "reports" / "11530.yaml").string() + "\n"),
             std::string::npos);
    CHECK_NE(result.err.find("1 report(s) rejected, 242 scored\n"), std::string::npos);
    CHECK(fs::exists(dir / "scores.csv"));
    fs::remove_all(dir);
  }

  TEST_CASE("exit code 130: simulate stopped by SIGINT reports its partial result") {
    const fs::path out =
        fs::temp_directory_path() / ("jobaward-exit130-" + std::to_string(::getpid()) + ".csv");
    char err_name[] = "/tmp/jobaward-test-err-XXXXXX";
    const int err_fd = ::mkstemp(err_name);
    REQUIRE(err_fd >= 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, err_fd, 2);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, SourcePath("").c_str());
    std::vector<std::string> args = {CliPath(),  "simulate", "--draws", "100000000",
                                     "--format", "csv",      "--out",   out.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, CliPath(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    // Wait (up to a minute, for slow sanitizer builds) until the handler is installed, so the
    // signal tests the handler and not the default action.
    for (int i = 0; i < 600 && !CatchesSigint(pid); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(CatchesSigint(pid));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(pid, SIGINT);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(err_fd);
    const std::string err = jobaward::test::Slurp(err_name);
    ::unlink(err_name);
    REQUIRE(WIFEXITED(status));
    CHECK_EQ(WEXITSTATUS(status), 130);
    CHECK_NE(err.find("jobaward simulate: interrupted; "), std::string::npos);
    CHECK_NE(err.find(" of 100000000 draws completed and reported\n"), std::string::npos);
    CHECK(fs::exists(out));
    fs::remove(out);
  }
}
