// libFuzzer harness: the option parser of every command (engine/cli/), without running the
// command. The input is a command line, one argument per line as in tests/errors/options/*.args:
// the first line names the command (any name: unknown ones are part of the test), the rest are
// its arguments. ParseArgs runs with SetParseOnly, so a valid command line ends in ParsedOnly and
// nothing is read or written; a usage error (UsageError) is the normal refusal. Anything else
// escaping (a boost exception ParseArgs did not turn into a usage error, an InternalError, a
// crash or sanitizer report) is a finding.
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"

namespace {

using Run = int (*)(const std::vector<std::string>&);

struct Command {
  const char* name;
  Run run;
};

// The commands of engine/cli/main.cpp, by name.
constexpr Command kCommands[] = {
    {"cohorts", jobaward::cli::RunCohorts},
    {"score", jobaward::cli::RunScore},
    {"template", jobaward::cli::RunTemplate},
    {"award", jobaward::cli::RunAward},
    {"explain", jobaward::cli::RunExplain},
    {"check", jobaward::cli::RunCheck},
    {"compare", jobaward::cli::RunCompare},
    {"gaps", jobaward::cli::RunGaps},
    {"synth", jobaward::cli::RunSynth},
    {"simulate", jobaward::cli::RunSimulate},
    {"sensitivity", jobaward::cli::RunSensitivity},
    {"weights", jobaward::cli::RunWeights},
    {"report", jobaward::cli::RunReport},
    {"serve", jobaward::cli::RunServe},
};

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) out.emplace_back(text.substr(start));
      break;
    }
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// --help prints every option of a command; the fuzzer needs none of it on its output.
std::ostringstream g_help;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  jobaward::cli::SetParseOnly(true);
  std::cout.rdbuf(g_help.rdbuf());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> words =
      SplitLines(std::string_view(reinterpret_cast<const char*>(data), size));
  if (words.empty()) return 0;
  const std::string name = words.front();
  words.erase(words.begin());
  for (const Command& c : kCommands) {
    if (name != c.name) continue;
    std::cerr.setstate(std::ios::badbit);  // the commands' usage text for an empty line
    try {
      (void)c.run(words);
    } catch (const jobaward::cli::ParsedOnly&) {
    } catch (const jobaward::cli::UsageError& e) {
      if (std::string(e.what()).empty()) throw;  // a refusal must say why
    }
    std::cerr.clear();
    g_help.str("");
    return 0;
  }
  return 0;
}
