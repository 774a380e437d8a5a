// `jobaward template`: the fill-in workbook offices send back as their report.
#include <iostream>
#include <set>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/report_template.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "staged_outputs.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward template [--rubric FILE]... [--registry FILE] [--encoding auto|utf-8|cp949]\n"
    "                         --out FILE.xlsx\n"
    "\n"
    "Writes the report template an office fills in: one row per report field of the rubrics\n"
    "(Korean label, unit, type, allowed range; Excel data validation on every input cell), the\n"
    "government code (a list from the registry) and name, the year, and a sheet 심사 where the\n"
    "evaluators enter the reviewers' grades and scores. Filled templates are read back by\n"
    "`jobaward score --reports` (a directory of .xlsx and .yaml files, or one .xlsx file).\n"
    "Layout: examples/README.md (\"Workbooks\").\n"
    "\n"
    "examples:\n"
    "  jobaward template --out 보고서-양식-2020.xlsx\n"
    "  jobaward template --rubric rubrics/2020-disclosure.yaml --out disclosure-template.xlsx\n"
    "  jobaward score --reports received/            # the filled templates, as a batch";

}  // namespace

int RunTemplate(const std::vector<std::string>& args) {
  po::options_description options("template options");
  options.add_options()("rubric", po::value<std::vector<std::string>>()->composing(),
                        "rubric whose fields to ask for, repeatable (default: both 2020 rubrics)")(
      "registry", po::value<std::string>(),
      "registry CSV for the list of codes (default: cohorts/governments-2020.csv)")(
      "encoding", po::value<std::string>()->default_value("auto"),
      "auto, utf-8 or cp949: how the registry CSV is read")(
      "out", po::value<std::string>()->required(), "the workbook to write (.xlsx)");
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const std::string out = vm["out"].as<std::string>();
  if (std::filesystem::path(out).extension() != ".xlsx") {
    throw UsageError("--out: the template is an .xlsx workbook; give a FILE.xlsx");
  }
  CheckOutputFlags(vm, {"out"});
  const std::vector<std::string> rubric_paths =
      vm.count("rubric") != 0U
          ? vm["rubric"].as<std::vector<std::string>>()
          : std::vector<std::string>{DefaultPath("rubrics/2020-disclosure.yaml"),
                                     DefaultPath("rubrics/2020-best-program.yaml")};
  const bool bundled = vm.count("registry") == 0U;
  const std::string registry_path =
      bundled ? DefaultPath("cohorts/governments-2020.csv") : vm["registry"].as<std::string>();
  std::vector<Diagnostic> notes;
  const Registry registry = LoadRegistryFile(registry_path, bundled, EncodingOption(vm), notes);
  PrintNotes(notes);

  ReportSchema schema;
  std::set<int> years;
  for (const auto& path : rubric_paths) {
    const Rubric rubric = LoadRubric(path);
    schema = MergeSchemas(schema, SchemaOf(rubric));
    years.insert(rubric.year);
  }
  ReportTemplateOptions template_options;
  // The year cell accepts only the rubrics' year; rubrics of different years leave it open.
  if (years.size() == 1) template_options.year = *years.begin();
  StageOutputByName(out, "--out", [&](const std::string& temp) {
    WriteReportTemplate(temp, schema, registry, template_options);
  });
  std::cout << "wrote " << out << " (" << schema.fields.size() << " fields, " << registry.size()
            << " governments)\n";
  return kExitSuccess;
}

}  // namespace jobaward::cli
