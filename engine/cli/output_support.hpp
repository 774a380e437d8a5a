// What every result-producing command needs to write analyst-facing outputs the same way: the
// provenance record of its inputs (provenance.hpp), the typed result rendered as a table, CSV,
// JSON or a workbook (result_render.hpp), `--excel-bom` for CSV and the `--provenance FILE` JSON
// sidecar (CSV has no room for it: comment lines break Excel's import). Documented in
// engine/docs/outputs.md.
//
// Typical use in a command:
//   AddFormatOptions(options);                      // --format, --out
//   AddOutputOptions(options);                      // --excel-bom, --provenance
//   ...
//   Provenance p = CommandProvenance("award", vm, {"registry", "rules", "rubric", "reports"});
//   EmitResult(vm, format, MakeAwardResult(...), p, out);   // also the --provenance sidecar
#pragma once

#include <string>
#include <vector>

#include "cli_common.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/results/result_table.hpp"
#include "jobaward/scoring/scenario.hpp"

namespace jobaward::cli {

/// Adds --excel-bom (CSV starts with a UTF-8 byte-order mark) and --provenance FILE.
void AddOutputOptions(po::options_description& options);

/// True when --excel-bom was given.
[[nodiscard]] bool ExcelBom(const po::variables_map& vm);

/// `csv` with a UTF-8 byte-order mark in front when --excel-bom was given (for commands that
/// join several RenderCsv blocks; a single table can use RenderCsv(table, ExcelBom(vm))).
[[nodiscard]] std::string WithExcelBom(const po::variables_map& vm, std::string csv);

/// Throws UsageError when `format` is xlsx and `out_path` is empty or "-". Call it before the
/// computation, so a long run does not end in a usage error.
void CheckXlsxOut(OutputFormat format, const std::string& out_path);

/// Appends the award inputs named in `roles` (see CommandProvenance) as `scenario` resolves them
/// (ResolveInputPaths), each role prefixed with `prefix` (e.g. "before "), to `p`.
void AddInputProvenance(const po::variables_map& vm, const Scenario& scenario,
                        const std::vector<std::string>& roles, const std::string& prefix,
                        Provenance& p);

/// Appends the scenario file (hashed) and id, and every override as a setting "set <key>", each
/// prefixed with `prefix`, to `p`. Nothing for the default scenario.
void AddScenarioProvenance(const Scenario& scenario, const std::string& prefix, Provenance& p);

/// The provenance of a command that reads the award inputs named in `roles` — any of
/// "registry", "rules", "rubric", "reports", "uncertainty" — from the flags of the same names,
/// with the same defaults as award_inputs.hpp / DefaultPath (bundled 2020 data). Each file is
/// hashed (a reports directory as HashInputPath describes). The command line is
/// cli::CommandLine(), normalised by ReproducibleCommandLine.
[[nodiscard]] Provenance CommandProvenance(std::string command, const po::variables_map& vm,
                                           const std::vector<std::string>& roles);

/// Adds --format (table, csv, json or xlsx; default table) and --out FILE (default "": stdout),
/// as every command with a result has them; read them with ReadFormatOptions.
void AddFormatOptions(po::options_description& options);

/// What --format and --out ask for.
struct OutputRequest {
  OutputFormat format = OutputFormat::kTable;
  std::string out;  ///< "" or "-": stdout.
};

/// Reads --format (one of `formats`) and --out as AddFormatOptions declares them, and refuses a
/// workbook without --out (CheckXlsxOut), an --out or --provenance that cannot be written
/// and the two naming one file (CheckOutputFlags). Call it before the computation, so a long run
/// does not end in a usage error.
[[nodiscard]] OutputRequest ReadFormatOptions(const po::variables_map& vm,
                                              const std::vector<std::string>& formats = {
                                                  "table", "csv", "json", "xlsx"});

/// Adds --threads T (-j T), 1..kMaxThreads (option_values.hpp): worker threads (default: the
/// machine's hardware threads, or `default_threads` when > 0); `what` says what they run when not
/// the whole command (e.g. "for --simulate"). No output depends on it.
void AddThreadsOption(po::options_description& options, const std::string& what = "",
                      int default_threads = 0);

/// --threads as AddThreadsOption (or another Ranged(1, kMaxThreads) option) declares it; the
/// range was checked when the command line was parsed.
[[nodiscard]] int ThreadsOption(const po::variables_map& vm);

/// Adds --table ID (which table of the result CSV prints; default the first).
void AddTableOption(po::options_description& options);

/// Renders `result` in `format` and writes it to `out_path` (stdout when empty or "-"): the
/// text table; the CSV of the --table ID (or the first table), with --excel-bom; the JSON with
/// `provenance`; or the workbook (--out required) with its 출처 sheet. A result derived from
/// synthetic reports (provenance.reports) gets their banner first (WithSyntheticBanner). Then
/// writes the --provenance sidecar. Throws UsageError for an unknown --table (with
/// did-you-mean). `csv_table`: the table CSV prints without --table (empty: the first).
void EmitResult(const po::variables_map& vm, OutputFormat format, Result result,
                const Provenance& provenance, const std::string& out_path,
                const std::string& csv_table = {});

/// With --provenance FILE: stages ProvenanceJson(provenance) for FILE (StageOutput, written
/// with the run's other outputs when it succeeds). Otherwise does nothing.
void WriteProvenanceSidecar(const po::variables_map& vm, const Provenance& provenance);

}  // namespace jobaward::cli
