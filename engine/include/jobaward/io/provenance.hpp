// Provenance: what produced an output, so that a result can be reproduced and audited — the tool
// and its version, the command line, every input file with its size and SHA-256, and the random
// seed and draw count where there are any.
//
// Reproducibility is promised: the same inputs, options and seed give byte-identical output, for
// any --threads value and any --out path. So a record holds nothing that varies between such runs:
// no wall-clock time, no host name, no thread count, and a command line from which the options
// that cannot change the result (--threads, --out, --progress, --quiet) and the directory of the
// program are removed (see ReproducibleCommandLine). Where each output carries the record is
// documented in engine/docs/outputs.md: a "provenance" object in JSON, the "Inputs" sheet of a
// workbook, a section of the HTML report, and for CSV (whose consumers, Excel first, do not
// accept comment lines) a JSON sidecar written with --provenance FILE.
//
// Pure values; the hashes are those of the bytes the loaders read (ReadInput, FindReadDigest),
// so no input is read twice. Thread-compatible.
//
// Tests (tests/unit/io/provenance_test.cpp) prove the hashes, the command-line normalisation and
// the JSON and table layouts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobaward/render/text_table.hpp"
#include "jobaward/scoring/scoring.hpp"

namespace jobaward {

/// One input file as it was read.
struct InputFile {
  std::string role;  ///< What the file is to the command: "rubric", "rules", "registry", ...
  std::string path;  ///< As given on the command line (or the default path used).
  std::uint64_t bytes = 0;
  std::string sha256;  ///< 64 lowercase hex digits.
};

/// How many of the reports behind an output are synthetic (`synthetic: true`: generated, not
/// submitted figures), counted from the reports themselves (ScoringModel::row_synthetic).
struct ReportOrigin {
  std::int64_t reports = 0;    ///< Governments with a report.
  std::int64_t synthetic = 0;  ///< Of them, synthetic.
};

struct Provenance {
  std::string tool = "jobaward";
  std::string version;            ///< The tool's version (ToolVersion()).
  std::string command;            ///< The subcommand, e.g. "award".
  std::string command_line;       ///< ReproducibleCommandLine of the invocation.
  std::vector<InputFile> inputs;  ///< In the order the command read them.
  std::optional<std::uint64_t> seed;
  std::optional<std::int64_t> draws;
  /// Other settings that shape the result (e.g. {"method", "oat"}, {"step", "0.1"}), in order.
  std::vector<std::pair<std::string, std::string>> settings;
  /// Set by every command whose output derives from reports. Every renderer says so when
  /// `synthetic` > 0 (SyntheticNotice) and says nothing on real figures.
  std::optional<ReportOrigin> reports;
};

/// Counts the governments with a report in `models` (all categories of one run) and how many
/// of those reports are synthetic; a government is synthetic when any category's report is.
[[nodiscard]] ReportOrigin CountReports(std::span<const ScoringModel> models);

/// True when the output rests on at least one synthetic report.
[[nodiscard]] bool IsSynthetic(const Provenance& provenance);

/// The banner every output derived from synthetic figures carries, e.g. "합성 자료: 보고서 243건
/// 중 243건이 합성(가상) 수치입니다 — synthetic figures, not submitted reports (243 of 243)";
/// "" when no report is synthetic.
[[nodiscard]] std::string SyntheticNotice(const Provenance& provenance);

/// The version compiled into the library (CMake's PROJECT_VERSION).
[[nodiscard]] std::string ToolVersion();

/// Describes an input whose content the caller already holds (no second read).
[[nodiscard]] InputFile DescribeInput(std::string role, std::string path, std::string_view content);

/// Describes `path` with the digest of what ReadInput read there (FindReadDigest); a file no
/// loader read is hashed now (DigestFile). Throws InputError naming the file when it cannot be
/// read.
[[nodiscard]] InputFile HashInputFile(std::string role, const std::filesystem::path& path);

/// Describes a reports directory (one report per government) as one entry: `bytes` is the total
/// size of the files a batch reads from it (IsReportFileName: *.yaml and *.xlsx, not recursive),
/// `sha256` the SHA-256 of the lines "<sha256 of the file>  <file name>\n" in file-name order
/// (what `sha256sum *.xlsx *.yaml` prints, sorted by name),
/// so any added, removed, renamed or changed file changes it. Entries that cannot be read (a
/// FIFO, a dangling link: the batch lists them as rejected) add nothing. A regular file is
/// described as by HashInputFile. Throws InputError naming the path when it cannot be read.
[[nodiscard]] InputFile HashInputPath(std::string role, const std::filesystem::path& path);

/// The invocation as recorded: "jobaward" instead of the program's path, and without the options
/// that cannot change the output's content (--threads/-j, --out/-o, --progress, --quiet/-q,
/// --provenance, each with its value). Words containing spaces or quotes are single-quoted.
/// `argv` is the whole command line including the program name.
[[nodiscard]] std::string ReproducibleCommandLine(const std::vector<std::string>& argv);

/// Same, from a command line joined by single spaces (cli::CommandLine()).
[[nodiscard]] std::string ReproducibleCommandLine(std::string_view joined);

/// A provenance record for `command` run as `joined_command_line`, with the tool version set.
[[nodiscard]] Provenance MakeProvenance(std::string command, std::string_view joined_command_line);

/// {"tool", "version", "command", "command_line", "inputs": [{"role","path","bytes","sha256"}],
///  "reports"?: {"count", "synthetic"}, "seed"?, "draws"?, "settings"?: {...}} — keys in this
/// order; "reports", "seed", "draws" and "settings" only when set. Schema:
/// engine/docs/schema/provenance.schema.json.
[[nodiscard]] nlohmann::ordered_json ProvenanceJson(const Provenance& provenance);

/// The record as a two-column table (item, value): one row per field, then one row per input
/// ("input: <role>" → "<path> (<bytes> bytes, sha256 <hex>)"). For the text and HTML outputs.
[[nodiscard]] Table ProvenanceTable(const Provenance& provenance);

/// The inputs as a table with columns role, path, bytes, sha256 (for the workbook's Inputs sheet).
[[nodiscard]] Table InputFilesTable(const Provenance& provenance);

}  // namespace jobaward
