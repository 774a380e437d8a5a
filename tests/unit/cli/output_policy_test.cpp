// The output policy (PendingOutput, file_io.hpp; the CLI's staged outputs, staged_outputs.hpp):
// an output replaces only a regular file (never a device such as /dev/null, a FIFO or a
// directory); its temporary file has a short name that fits beside any target name; --out and
// --provenance on one file are refused; the outputs of a run appear only when it succeeds (a
// failing --provenance leaves no --out file); no temporary file survives an error, SIGINT or
// SIGTERM.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "test_support.hpp"

extern char** environ;

using namespace jobaward;
namespace fs = std::filesystem;
using test::InputErrorOf;
using test::Listing;
using test::RunCli;
using test::TempDir;

namespace {

bool IsCharDevice(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0 && S_ISCHR(st.st_mode);
}

// Runs `child` in a forked process with SIGINT and SIGTERM at their default disposition (as in a
// freshly started program; the test framework has handlers of its own), sends `number` once the
// child has written a byte to the pipe, and returns its wait status.
template <class Child>
int RunAndSignal(int number, Child child) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    child();
    const char ready = 1;
    (void)!::write(pipe_fds[1], &ready, 1);
    while (true) ::pause();
  }
  ::close(pipe_fds[1]);
  char ready = 0;
  CHECK_EQ(::read(pipe_fds[0], &ready, 1), 1);
  ::close(pipe_fds[0]);
  ::kill(pid, number);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// True once process `pid` catches SIGINT (simulate's handler), from /proc/PID/status.
bool CatchesSigint(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("SigCgt:", 0) == 0) {
      return (std::stoull(line.substr(7), nullptr, 16) & (1ULL << (SIGINT - 1))) != 0;
    }
  }
  return false;
}

}  // namespace

TEST_SUITE("output policy") {
  TEST_CASE("an output never replaces a device: /dev/null is refused and stays a device") {
    REQUIRE(IsCharDevice("/dev/null"));
    CHECK_EQ(InputErrorOf([] { PendingOutput out("/dev/null"); }),
             "/dev/null: cannot write output file: it is a character device, not a regular file "
             "(an output replaces only a regular file)");
    CHECK(IsCharDevice("/dev/null"));
  }

  TEST_CASE("an output never replaces a FIFO or a directory, and leaves no temporary file") {
    TempDir dir;
    const fs::path fifo = dir.path() / "out.csv";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    CHECK_EQ(InputErrorOf([&] { WriteFileAtomic(fifo, "x"); }),
             fifo.string() +
                 ": cannot write output file: it is a FIFO (named pipe), not a regular file (an "
                 "output replaces only a regular file)");
    const fs::path sub = dir.path() / "sub";
    fs::create_directory(sub);
    CHECK_EQ(InputErrorOf([&] { WriteFileAtomic(sub, "x"); }),
             sub.string() +
                 ": cannot write output file: it is a directory, not a regular file (an output "
                 "replaces only a regular file)");
    CHECK_EQ(Listing(dir.path()), (std::vector<std::string>{"out.csv", "sub"}));
    CHECK(fs::is_fifo(fifo));
  }

  TEST_CASE("a target that turns into a directory before the commit is refused then") {
    TempDir dir;
    const fs::path target = dir.path() / "out.csv";
    PendingOutput out(target);
    out.Write("new\n");
    fs::create_directory(target);
    CHECK_THROWS_AS(out.Commit(), InputError);
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"out.csv"});
    CHECK(fs::is_directory(target));
  }

  TEST_CASE("the temporary name is short: a 255-byte target name is written") {
    TempDir dir;
    const fs::path target = dir.path() / (std::string(251, 'n') + ".csv");
    WriteFileAtomic(target, "x\n");
    CHECK_EQ(test::Slurp(target.string()), "x\n");
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{target.filename().string()});
  }

  TEST_CASE("a target name longer than the system allows is named as such") {
    TempDir dir;
    const fs::path target = dir.path() / std::string(256, 'n');
    CHECK_EQ(InputErrorOf([&] { WriteFileAtomic(target, "x"); }),
             target.string() +
                 ": cannot write output file: the path is longer than the system allows (4095 "
                 "bytes, 255 per name)");
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("an uncommitted output leaves nothing: the target is untouched") {
    TempDir dir;
    const fs::path target = dir.path() / "out.csv";
    test::WriteBytes(target, "old\n");
    {
      PendingOutput out(target);
      out.Write("new\n");
      CHECK_EQ(Listing(dir.path()).size(), 2U);  // the target and the temporary
    }
    CHECK_EQ(test::Slurp(target.string()), "old\n");
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"out.csv"});
  }

  TEST_CASE("SIGTERM while an output is pending removes its temporary file") {
    TempDir dir;
    const int status = RunAndSignal(SIGTERM, [&] {
      static PendingOutput* out = new PendingOutput(dir.path() / "out.csv");
      out->Write("partial");
    });
    REQUIRE(WIFSIGNALED(status));
    CHECK_EQ(WTERMSIG(status), SIGTERM);
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("SIGINT while an output is pending removes its temporary file") {
    TempDir dir;
    const int status = RunAndSignal(SIGINT, [&] {
      static PendingOutput* out = new PendingOutput(dir.path() / "out.csv");
      out->Write("partial");
    });
    REQUIRE(WIFSIGNALED(status));
    CHECK_EQ(WTERMSIG(status), SIGINT);
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("a program's own SIGTERM handler is kept") {
    struct sigaction before {};
    REQUIRE(::sigaction(SIGTERM, nullptr, &before) == 0);
    struct sigaction own {};
    own.sa_handler = +[](int) {};
    sigemptyset(&own.sa_mask);
    REQUIRE(::sigaction(SIGTERM, &own, nullptr) == 0);
    TempDir dir;
    { const PendingOutput out(dir.path() / "out.csv"); }
    struct sigaction after {};
    REQUIRE(::sigaction(SIGTERM, &before, &after) == 0);
    const bool kept = after.sa_handler == own.sa_handler;
    CHECK(kept);
  }
}

TEST_SUITE("output policy (CLI)") {
  TEST_CASE("--out FIFO is refused before the run, and the FIFO stays") {
    TempDir dir;
    const fs::path fifo = dir.path() / "out.csv";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const auto result = RunCli({"award", "--format", "csv", "--out", fifo.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err, "error: " + fifo.string() +
                             ": cannot write output file: it is a FIFO (named pipe), not a regular "
                             "file (an output replaces only a regular file)\n");
    CHECK(fs::is_fifo(fifo));
  }

  TEST_CASE("template --out DIR.xlsx names the target, not a temporary file") {
    TempDir dir;
    const fs::path target = dir.path() / "t.xlsx";
    fs::create_directory(target);
    const auto result = RunCli({"template", "--out", target.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err, "error: " + target.string() +
                             ": cannot write output file: it is a directory, not a regular file "
                             "(an output replaces only a regular file)\n");
  }

  TEST_CASE("template writes only beside its target: it needs no TMPDIR, so none is left there") {
    // Its scratch file in TMPDIR was outside the SIGINT/SIGTERM cleanup; an unusable TMPDIR
    // made the command fail with "cannot create a scratch file".
    TempDir dir;
    const fs::path out = dir.path() / "template.xlsx";
    const char* saved = std::getenv("TMPDIR");
    const std::string previous = saved != nullptr ? saved : "";
    ::setenv("TMPDIR", (dir.path() / "missing").c_str(), 1);
    const auto result = RunCli({"template", "--out", out.string()});
    if (saved != nullptr) {
      ::setenv("TMPDIR", previous.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    CHECK_EQ(result.exit_code, 0);
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"template.xlsx"});
  }

  TEST_CASE("--out and --provenance on one file are a usage error, however spelt") {
    TempDir dir;
    const fs::path out = dir.path() / "same.json";
    const auto result = RunCli({"cohorts", "--format", "json", "--out", out.string(),
                                "--provenance", (dir.path() / "." / "same.json").string()});
    CHECK_EQ(result.exit_code, 2);
    CHECK_EQ(result.err, "jobaward cohorts: --out and --provenance name the same file (" +
                             (dir.path() / "." / "same.json").string() +
                             "); give each output its own file\n(run 'jobaward cohorts --help' "
                             "for usage)\n");
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("--out and --provenance through a dangling link to the other are a usage error") {
    TempDir dir;
    const fs::path out = dir.path() / "p.json";
    const fs::path link = dir.path() / "link.json";
    fs::create_symlink("p.json", link);  // p.json does not exist yet
    const auto result = RunCli(
        {"cohorts", "--format", "json", "--out", out.string(), "--provenance", link.string()});
    CHECK_EQ(result.exit_code, 2);
    CHECK_NE(result.err.find("--out and --provenance name the same file"), std::string::npos);
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"link.json"});
    CHECK(fs::is_symlink(link));
  }

  TEST_CASE("weights: --out and --write-rubric on one file are a usage error") {
    TempDir dir;
    const fs::path out = dir.path() / "rubric.yaml";
    const auto result = RunCli({"weights", "ahp", "examples/2020/ahp-domains.yaml", "--rubric",
                                "rubrics/2020-disclosure.yaml", "--write-rubric", out.string(),
                                "--out", out.string()});
    CHECK_EQ(result.exit_code, 2);
    CHECK_NE(result.err.find("--out and --write-rubric name the same file"), std::string::npos);
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("a failing --provenance leaves no --out file (nor any temporary file)") {
    TempDir dir;
    const fs::path out = dir.path() / "cohorts.csv";
    const fs::path provenance = dir.path() / "missing" / "provenance.json";
    const auto result = RunCli(
        {"cohorts", "--format", "csv", "--out", out.string(), "--provenance", provenance.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err, "error: " + provenance.string() +
                             ": cannot create output file: No such file or directory\n");
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("a failing --provenance keeps the previous --out file as it was") {
    TempDir dir;
    const fs::path out = dir.path() / "cohorts.csv";
    test::WriteBytes(out, "old\n");
    const auto result = RunCli({"cohorts", "--format", "csv", "--out", out.string(), "--provenance",
                                (dir.path() / "missing" / "p.json").string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(test::Slurp(out.string()), "old\n");
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"cohorts.csv"});
  }

  TEST_CASE("--out with a 255-byte name works and leaves only the output") {
    TempDir dir;
    const fs::path out = dir.path() / (std::string(251, 'c') + ".csv");
    const auto result = RunCli({"cohorts", "--format", "csv", "--out", out.string()});
    CHECK_EQ(result.exit_code, 0);
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{out.filename().string()});
  }

  TEST_CASE("a successful run writes --out and --provenance together") {
    TempDir dir;
    const auto result =
        RunCli({"cohorts", "--format", "csv", "--out", (dir.path() / "c.csv").string(),
                "--provenance", (dir.path() / "p.json").string()});
    CHECK_EQ(result.exit_code, 0);
    CHECK_EQ(Listing(dir.path()), (std::vector<std::string>{"c.csv", "p.json"}));
  }

  TEST_CASE("SIGTERM during simulate leaves no --out file and no temporary file") {
    TempDir dir;
    const fs::path out = dir.path() / "sim.csv";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addchdir_np(&actions, test::SourcePath("").c_str());
    std::vector<std::string> args = {test::CliPath(), "simulate",
                                     "--draws",       "100000000",
                                     "--format",      "csv",
                                     "--out",         out.string(),
                                     "--provenance",  (dir.path() / "p.json").string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    REQUIRE(::posix_spawn(&pid, test::CliPath(), &actions, nullptr, argv.data(), environ) == 0);
    posix_spawn_file_actions_destroy(&actions);
    // Once simulate catches SIGINT it is drawing (up to a minute for sanitizer builds).
    for (int i = 0; i < 600 && !CatchesSigint(pid); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE(CatchesSigint(pid));
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    CHECK_EQ(WTERMSIG(status), SIGTERM);
    CHECK(Listing(dir.path()).empty());
  }
}
