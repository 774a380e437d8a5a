// Helpers shared by the test files: paths to bundled data and running the CLI.
#pragma once

#include <string>
#include <vector>

namespace jobaward::test {

/// Absolute path of a file in the source tree, e.g. SourcePath("cohorts/2020.yaml").
std::string SourcePath(const std::string& relative);

/// Contents of a file (test helper; throws std::runtime_error when unreadable).
std::string Slurp(const std::string& path);

struct CliResult {
  int exit_code = -1;
  std::string out;  ///< stdout
  std::string err;  ///< stderr
};

/// Runs the jobaward CLI with `args` (each passed as one argument, no shell), from the source
/// directory, and captures its output.
CliResult RunCli(const std::vector<std::string>& args);

/// Compares `actual` with the golden file tests/golden/<name>; when the environment variable
/// JOBAWARD_UPDATE_GOLDEN=1 is set, rewrites the golden file instead. Returns true on match.
bool MatchesGolden(const std::string& name, const std::string& actual);

}  // namespace jobaward::test
