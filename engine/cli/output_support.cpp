#include "output_support.hpp"

#include <algorithm>
#include <thread>
#include <utility>

#include "award_inputs.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/render/result_render.hpp"
#include "option_values.hpp"
#include "staged_outputs.hpp"

namespace jobaward::cli {

namespace {

// The path of an award input in use (award_inputs.hpp: flag, scenario base or bundled default).
std::string InputPath(const InputPaths& paths, const std::string& role) {
  if (role == "registry") return paths.award.registry;
  if (role == "rules") return paths.award.rules;
  if (role == "reports") return paths.reports;
  throw InternalError("CommandProvenance: unknown role '" + role + "'");
}

}  // namespace

void AddScenarioProvenance(const Scenario& scenario, const std::string& prefix, Provenance& p) {
  if (!scenario.file.empty()) {
    p.inputs.push_back(HashInputFile(prefix + "scenario", scenario.file));
    p.settings.emplace_back(prefix + "scenario", scenario.id);
  }
  for (const Override& o : scenario.overrides) {
    std::string value = o.value.text;
    if (o.value.is_list) {
      value = "[";
      for (std::size_t i = 0; i < o.value.items.size(); ++i) {
        value += (i > 0 ? ", " : "") + o.value.items[i];
      }
      value += "]";
    }
    p.settings.emplace_back(prefix + "set " + o.key, value);
  }
}

void AddInputProvenance(const po::variables_map& vm, const Scenario& scenario,
                        const std::vector<std::string>& roles, const std::string& prefix,
                        Provenance& p) {
  const InputPaths paths = ResolveInputPaths(vm, scenario);
  for (const auto& role : roles) {
    if (role == "rubric") {
      for (const auto& path : paths.award.rubrics) {
        p.inputs.push_back(HashInputFile(prefix + role, path));
      }
    } else if (role == "uncertainty") {
      p.inputs.push_back(HashInputPath(
          prefix + role, vm.count(role) != 0U ? vm[role].as<std::string>()
                                              : DefaultPath("examples/2020/uncertainty.yaml")));
    } else {
      p.inputs.push_back(HashInputPath(prefix + role, InputPath(paths, role)));
    }
  }
}

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
  // Only the award-level commands (those reading rubrics) take --scenario; `cohorts` has a
  // --set of its own (cohort parameters), recorded in its command line.
  const bool award_level = std::find(roles.begin(), roles.end(), "rubric") != roles.end();
  const Scenario scenario = award_level ? ScenarioOption(vm) : Scenario{};
  // Resolved only when there is something to hash: `weights ahp` has a --rubric of its own.
  if (!roles.empty()) AddInputProvenance(vm, scenario, roles, "", p);
  AddScenarioProvenance(scenario, "", p);
  return p;
}

void AddFormatOptions(po::options_description& options) {
  options.add_options()("format", po::value<std::string>()->default_value("table"),
                        "table, csv, json or xlsx (needs --out)")(
      "out", po::value<std::string>()->default_value(""), "write to FILE instead of stdout");
}

OutputRequest ReadFormatOptions(const po::variables_map& vm,
                                const std::vector<std::string>& formats) {
  OutputRequest request{ParseFormat(vm["format"].as<std::string>(), formats),
                        vm["out"].as<std::string>()};
  CheckXlsxOut(request.format, request.out);
  CheckOutputFlags(vm, {"out", "provenance"});
  return request;
}

void AddThreadsOption(po::options_description& options, const std::string& what,
                      int default_threads) {
  const int hardware =
      std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, kMaxThreads);
  const bool machine = default_threads <= 0;
  options.add_options()(
      "threads,j", Ranged(1, kMaxThreads)->default_value(machine ? hardware : default_threads),
      ("worker threads" + (what.empty() ? "" : " " + what) +
       (machine ? " (default: the machine's" : " (default " + std::to_string(default_threads)) +
       "; the output does not depend on it)")
          .c_str());
}

int ThreadsOption(const po::variables_map& vm) { return vm["threads"].as<int>(); }

void AddTableOption(po::options_description& options) {
  options.add_options()("table", po::value<std::string>(),
                        "with --format csv: the table to print, by id (default: the first; ids in "
                        "engine/docs/outputs.md)");
}

void EmitResult(const po::variables_map& vm, OutputFormat format, Result result,
                const Provenance& provenance, const std::string& out_path,
                const std::string& csv_table) {
  result = WithSyntheticBanner(std::move(result), provenance);
  std::string table = csv_table;
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
      StageOutputByName(out_path, "--out", [&](const std::string& temp) {
        WriteResultXlsx(temp, result, &provenance);
      });
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
  StageOutput(vm["provenance"].as<std::string>(), "--provenance",
              ProvenanceJson(provenance).dump(2) + "\n");
}

}  // namespace jobaward::cli
