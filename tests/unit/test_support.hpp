// Helpers shared by the test files: paths to bundled data and running the CLI.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "jobaward/error.hpp"

namespace jobaward::test {

/// Absolute path of a file in the source tree, e.g. SourcePath("cohorts/2020.yaml").
std::string SourcePath(const std::string& relative);

/// Absolute path of the jobaward CLI under test.
const char* CliPath();

/// Contents of a file (test helper; throws std::runtime_error when unreadable).
std::string Slurp(const std::string& path);

struct CliResult {
  int exit_code = -1;
  std::string out;       ///< stdout
  std::string err;       ///< stderr
  long peak_rss_kb = 0;  ///< The child's peak resident set size (getrusage's ru_maxrss), in KiB.
};

/// Runs the jobaward CLI with `args` (each passed as one argument, no shell), from the source
/// directory, and captures its output.
CliResult RunCli(const std::vector<std::string>& args);

/// The text of the one diagnostic `action` throws as an InputError; fails the test when it
/// throws nothing or more than one diagnostic.
template <class Action>
std::string InputErrorOf(Action action) {
  try {
    action();
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().front().ToString();
  }
  FAIL("expected InputError");
  return "";
}

/// Every file name in `dir`, sorted: what a failed write must leave unchanged.
std::vector<std::string> Listing(const std::filesystem::path& dir);

/// A fresh directory under the system's temporary directory, removed with everything in it when
/// the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Writes `content` to `path` as it is (test helper; throws std::runtime_error on failure).
void WriteBytes(const std::filesystem::path& path, const std::string& content);

/// Compares `actual` with the golden file tests/golden/<name>; when the environment variable
/// JOBAWARD_UPDATE_GOLDEN=1 is set, rewrites the golden file instead. Returns true on match.
bool MatchesGolden(const std::string& name, const std::string& actual);

}  // namespace jobaward::test
