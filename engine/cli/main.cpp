// jobaward: the command-line program. Dispatches to a command, maps errors to exit codes.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/error.hpp"
#include "staged_outputs.hpp"

namespace {

using jobaward::cli::ExitCode;

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};

// Keep in the order a new user meets them; `jobaward --help` prints this table.
constexpr Command kCommands[] = {
    {"cohorts", "assign every government to its peer cohort (가..사) and explain or diff rules",
     jobaward::cli::RunCohorts},
    {"score", "score every report, indicator by indicator (batch: bad reports are listed)",
     jobaward::cli::RunScore},
    {"template", "the report workbook offices fill in (Excel, with input validation)",
     jobaward::cli::RunTemplate},
    {"award", "the award table per category and cohort, national prizes, counts and money",
     jobaward::cli::RunAward},
    {"explain", "one government's score: every indicator, stage totals, rank and why",
     jobaward::cli::RunExplain},
    {"check", "does the model reproduce the published results? each fact, the model's value",
     jobaward::cli::RunCheck},
    {"compare", "what-if: who gains or loses which award between two scenarios",
     jobaward::cli::RunCompare},
    {"gaps", "what it takes: the smallest change of each input to pass, advance or win an award",
     jobaward::cli::RunGaps},
    {"synth", "generate seeded synthetic reports (and large registries for benchmarks)",
     jobaward::cli::RunSynth},
    {"simulate", "Monte Carlo award probabilities and rank distributions under uncertainty",
     jobaward::cli::RunSimulate},
    {"sensitivity", "which weights and inputs drive the award: tornado, reversal thresholds, Sobol",
     jobaward::cli::RunSensitivity},
    {"weights", "rubric weights from pairwise comparisons (AHP) with a consistency check",
     jobaward::cli::RunWeights},
    {"report", "write a self-contained HTML report (cohorts, awards, charts) for briefings",
     jobaward::cli::RunReport},
    {"serve",
     "the live what-if page and its JSON API on this machine (move a weight, see awards move)",
     jobaward::cli::RunServe},
};

void PrintUsage(std::ostream& os) {
  os << "jobaward " << JOBAWARD_VERSION
     << " - scoring engine for the national local-government job award\n\n"
        "usage: jobaward <command> [options]   (jobaward <command> --help for its options)\n\n"
        "commands:\n";
  for (const auto& c : kCommands) {
    std::string name = c.name;
    name.resize(13, ' ');
    os << "  " << name << c.summary << '\n';
  }
  os << "\nexit codes: 0 success, 1 invalid input, 2 usage error, 3 some reports rejected,\n"
        "            4 internal error, 5 published facts not met (check), 130 interrupted\n";
}

}  // namespace

int main(int argc, char** argv) {
  jobaward::cli::SetCommandLine(argc, argv);
  if (argc < 2) {
    PrintUsage(std::cerr);
    return jobaward::cli::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintUsage(std::cout);
    return jobaward::cli::kExitSuccess;
  }
  if (name == "--version") {
    std::cout << "jobaward " << JOBAWARD_VERSION << '\n';
    return jobaward::cli::kExitSuccess;
  }
  const Command* command = nullptr;
  std::vector<std::string> names;
  for (const auto& c : kCommands) {
    names.emplace_back(c.name);
    if (name == c.name) command = &c;
  }
  if (command == nullptr) {
    std::cerr << "jobaward: unknown command '" << name << "'";
    const std::string hint = jobaward::ClosestMatch(name, names);
    if (!hint.empty()) std::cerr << ", did you mean '" << hint << "'?";
    std::cerr << "\n(run 'jobaward --help' for the list)\n";
    return jobaward::cli::kExitUsage;
  }
  // The run's output files are renamed into place only when it succeeded (staged_outputs.hpp);
  // on every other ending, exceptions included, this removes their temporary files.
  struct DiscardOutputsOnExit {
    DiscardOutputsOnExit() = default;
    DiscardOutputsOnExit(const DiscardOutputsOnExit&) = delete;
    DiscardOutputsOnExit& operator=(const DiscardOutputsOnExit&) = delete;
    ~DiscardOutputsOnExit() { jobaward::cli::DiscardOutputs(); }
  } const discard;
  try {
    const int code = command->run(std::vector<std::string>(argv + 2, argv + argc));
    if (code != jobaward::cli::kExitInvalidInput && code != jobaward::cli::kExitUsage &&
        code != jobaward::cli::kExitInternal) {
      jobaward::cli::CommitOutputs();
    }
    return code;
  } catch (const jobaward::cli::UsageError& e) {
    std::cerr << "jobaward " << name << ": " << e.what() << "\n(run 'jobaward " << name
              << " --help' for usage)\n";
    return jobaward::cli::kExitUsage;
  } catch (const jobaward::InputError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << "error: " << d.ToString() << '\n';
    return jobaward::cli::kExitInvalidInput;
  } catch (const jobaward::InternalError& e) {
    std::cerr << "jobaward: internal error (a bug, please report it): " << e.what() << '\n';
    return jobaward::cli::kExitInternal;
  } catch (const std::exception& e) {
    std::cerr << "jobaward: internal error: " << e.what() << '\n';
    return jobaward::cli::kExitInternal;
  }
}
