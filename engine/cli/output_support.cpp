#include "output_support.hpp"

#include "jobaward/csv.hpp"
#include "jobaward/error.hpp"
#include "jobaward/file_io.hpp"
#include "jobaward/result_render.hpp"

namespace jobaward::cli {

namespace {

// The bundled defaults of the award inputs (as in award_inputs.cpp).
const char* DefaultOf(const std::string& role) {
  if (role == "registry") return "cohorts/governments-2020.csv";
  if (role == "rules") return "cohorts/2020.yaml";
  if (role == "reports") return "examples/2020/reports";
  if (role == "uncertainty") return "examples/2020/uncertainty.yaml";
  return nullptr;
}

}  // namespace

void AddOutputOptions(po::options_description& options) {
  options.add_options()("excel-bom", po::bool_switch(),
                        "CSV: start with a UTF-8 byte-order mark so Excel shows Korean text")(
      "provenance", po::value<std::string>(),
      "also write the provenance record (inputs with SHA-256, seed, version) as JSON to FILE");
}

bool ExcelBom(const po::variables_map& vm) {
  return vm.count("excel-bom") != 0U && vm["excel-bom"].as<bool>();
}

std::string WithExcelBom(const po::variables_map& vm, std::string csv) {
  return ExcelBom(vm) ? "\xEF\xBB\xBF" + csv : csv;
}

void CheckXlsxOut(OutputFormat format, const std::string& out_path) {
  if (format == OutputFormat::kXlsx && (out_path.empty() || out_path == "-")) {
    throw UsageError("--format xlsx writes a workbook: give --out FILE.xlsx");
  }
}

Provenance CommandProvenance(std::string command, const po::variables_map& vm,
                             const std::vector<std::string>& roles) {
  Provenance p = MakeProvenance(std::move(command), CommandLine());
  for (const auto& role : roles) {
    if (role == "rubric") {
      const std::vector<std::string> paths =
          vm.count("rubric") != 0U
              ? vm["rubric"].as<std::vector<std::string>>()
              : std::vector<std::string>{DefaultPath("rubrics/2020-disclosure.yaml"),
                                         DefaultPath("rubrics/2020-best-program.yaml")};
      for (const auto& path : paths) p.inputs.push_back(HashInputFile("rubric", path));
      continue;
    }
    const char* fallback = DefaultOf(role);
    if (fallback == nullptr) throw InternalError("CommandProvenance: unknown role '" + role + "'");
    const std::string path =
        vm.count(role) != 0U ? vm[role].as<std::string>() : DefaultPath(fallback);
    p.inputs.push_back(HashInputPath(role, path));
  }
  return p;
}

std::string WithSyntheticNotice(const Provenance& provenance, std::string text) {
  if (!IsSynthetic(provenance)) return text;
  return "※ " + SyntheticNotice(provenance) + "\n" + text;
}

std::string WithSyntheticColumn(const Provenance& provenance, std::string csv) {
  if (!IsSynthetic(provenance)) return csv;
  const std::string count = std::to_string(provenance.reports->synthetic);
  std::string out;
  for (const std::string_view block : SplitCsvBlocks(csv)) {
    CsvTable parsed;
    try {
      parsed = ParseCsv(block, "output");
    } catch (const InputError&) {
      throw InternalError("WithSyntheticColumn: the command's CSV does not parse");
    }
    Table table;
    table.header = parsed.header;
    table.header.push_back("synthetic_reports");
    for (auto& row : parsed.rows) {
      table.rows.push_back(std::move(row.fields));
      table.rows.back().push_back(count);
    }
    out += (out.empty() ? "" : "\n") + RenderCsv(table);
  }
  return out;
}

void WriteXlsxOutput(const std::string& out_path, std::vector<Sheet> sheets,
                     const Provenance& provenance) {
  CheckXlsxOut(OutputFormat::kXlsx, out_path);
  Workbook workbook;
  workbook.sheets = std::move(sheets);
  workbook.provenance = provenance;
  WriteXlsx(out_path, workbook);
}

void AddTableOption(po::options_description& options) {
  options.add_options()("table", po::value<std::string>(),
                        "with --format csv: the table to print, by id (default: the first; ids in "
                        "engine/docs/outputs.md)");
}

void EmitResult(const po::variables_map& vm, OutputFormat format, const Result& result,
                const Provenance& provenance, const std::string& out_path) {
  std::string table;
  if (vm.count("table") != 0U) {
    table = vm["table"].as<std::string>();
    if (format != OutputFormat::kCsv) throw UsageError("--table applies only to --format csv");
    if (result.Find(table) == nullptr) {
      std::vector<std::string> ids;
      for (const auto& t : result.tables) ids.push_back(t.id());
      throw UsageError("--table: " + UnknownNameMessage("table", table, ids));
    }
  }
  switch (format) {
    case OutputFormat::kXlsx:
      CheckXlsxOut(format, out_path);
      WriteResultXlsx(out_path, result, &provenance);
      break;
    case OutputFormat::kJson:
      Emit(RenderResultJson(result, &provenance), out_path);
      break;
    case OutputFormat::kCsv:
      Emit(RenderResultCsv(result, table, ExcelBom(vm)), out_path);
      break;
    case OutputFormat::kTable:
      Emit(RenderResultText(result), out_path);
      break;
  }
  WriteProvenanceSidecar(vm, provenance);
}

void WriteProvenanceSidecar(const po::variables_map& vm, const Provenance& provenance) {
  if (vm.count("provenance") == 0U) return;
  WriteFileAtomic(vm["provenance"].as<std::string>(), ProvenanceJson(provenance).dump(2) + "\n");
}

}  // namespace jobaward::cli
