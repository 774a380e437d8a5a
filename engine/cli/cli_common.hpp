// What every jobaward command shares: exit codes, the usage-error type, default data paths,
// output formats and where output goes. Commands live in cmd_<name>.cpp, one file each.
#pragma once

#include <boost/program_options.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace jobaward::cli {

/// Documented in README.md ("Exit codes"); tested in tests/unit/cli/exit_codes_test.cpp.
enum ExitCode : int {
  kExitSuccess = 0,
  kExitInvalidInput = 1,   ///< A file, rule or report is invalid; nothing was produced.
  kExitUsage = 2,          ///< Bad command line.
  kExitPartialBatch = 3,   ///< Batch finished, but some reports were rejected (listed on stderr).
  kExitInternal = 4,       ///< A bug in jobaward; please report it.
  kExitFactsNotMet = 5,    ///< `check`: the model does not reproduce some published facts.
  kExitInterrupted = 130,  ///< Stopped by Ctrl-C; partial results were reported.
};

/// Thrown for a bad command line (unknown option value, missing argument, ...).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace po = boost::program_options;

/// Parses `args` (the words after the command name) against `options` and `positional`.
/// `--help` prints `usage` and the options, then returns false (the command returns 0).
/// Throws UsageError on bad flags.
bool ParseArgs(const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional, const std::string& usage,
               po::variables_map& vm);

/// The width --help wraps to: the terminal's (at least 60), or 100 when stdout is not a terminal.
std::size_t HelpWidth();

/// The caption of `options` with its colon ("options:"), or "" when it has none.
std::string OptionsCaption(const po::options_description& options);

/// The options of `options` as --help prints them: `caption`, then one "  --name arg (=default)"
/// per option with its description beside it in one column, wrapped at spaces to `width` display
/// columns (Hangul counts two); a word is never cut, a longer one gets a line of its own.
std::string FormatOptionsHelp(const std::string& caption, const po::options_description& options,
                              std::size_t width);

/// What ParseArgs throws, instead of returning true, while SetParseOnly(true) is in effect: the
/// command line was valid. tests/fuzz/fuzz_options.cpp runs every command's option parsing this
/// way without running the command (every command calls ParseArgs before it reads anything).
struct ParsedOnly {};
void SetParseOnly(bool parse_only);

/// The bundled default input, e.g. DefaultPath("cohorts/2020.yaml"): relative to the current
/// directory when it exists there (so outputs show short paths), otherwise in the source tree.
std::string DefaultPath(const std::string& relative);

enum class OutputFormat { kTable, kCsv, kJson, kXlsx };

/// Parses --format; `allowed` lists the names the command accepts (e.g. {"table","csv","json"}).
OutputFormat ParseFormat(const std::string& name, const std::vector<std::string>& allowed);

/// Writes `content` to stdout, or stages it for `out_path` when it is not empty or "-"
/// (StageOutput: written when the run succeeds).
void Emit(const std::string& content, const std::string& out_path);

/// The command line as one string, for provenance records.
std::string CommandLine();
void SetCommandLine(int argc, char** argv);

}  // namespace jobaward::cli
