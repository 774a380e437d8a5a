// The output files of one command run (--out, --provenance, --write-rubric, the report and the
// template), staged and committed together: each is written to a temporary file beside its
// target as soon as its content is known (PendingOutput, file_io.hpp), and main.cpp renames them
// all over their targets only when the command has succeeded — exit 0, 3 (partial batch), 5
// (facts not met) or 130 (interrupted, partial results). Any other ending (invalid input, a
// usage error, an internal error, a failing --provenance) removes them all, so a failed run
// leaves no output file and no temporary file. Documented in engine/docs/errors.md ("Nothing
// half-written"); tested in tests/unit/cli/output_policy_test.cpp.
//
// Not thread-safe: commands stage their outputs from the main thread.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli_common.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"

namespace jobaward::cli {

/// Starts the output file `path`, given by the flag `flag` (e.g. "--out"): checks the target
/// (InputError for a directory, FIFO or device) and creates its temporary file. Throws
/// UsageError when another output of this run already names the same file.
PendingOutput& StageOutput(const std::string& path, const std::string& flag);

/// StageOutput, then writes all of `content`.
void StageOutput(const std::string& path, const std::string& flag, std::string_view content);

/// Stages `path` for a writer that creates files by name (libxlsxwriter): calls `write(temp)`
/// with the temporary file's path; its errors name `path`, not the temporary.
template <class Write>
void StageOutputByName(const std::string& path, const std::string& flag, Write write) {
  PendingOutput& out = StageOutput(path, flag);
  out.CloseForNamedWriter();
  try {
    write(out.temp_path());
  } catch (const InputError& e) {
    std::vector<Diagnostic> diagnostics = e.diagnostics();
    for (Diagnostic& d : diagnostics) {
      if (d.where.file == out.temp_path()) d.where.file = path;
    }
    throw InputError(std::move(diagnostics));
  }
}

/// Renames every staged output over its target, in the order they were staged; the first
/// failure throws InputError (the outputs not yet renamed are removed).
void CommitOutputs();

/// Removes the temporary file of every staged output not committed.
void DiscardOutputs() noexcept;

/// Before the computation, so a long run does not end in a refusal: each of `flags` (option
/// names without "--", e.g. "out") given in `vm` with a file (not "" or "-") must name a
/// possible output target (CheckOutputTarget), and no two of them the same file (UsageError:
/// "--out and --provenance name the same file").
void CheckOutputFlags(const po::variables_map& vm, std::initializer_list<const char*> flags);

}  // namespace jobaward::cli
