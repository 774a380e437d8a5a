// jobaward synth: seeded synthetic reports (and, for benchmarks, a larger synthetic registry).
#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/published_yaml.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "jobaward/io/report_io.hpp"
#include "jobaward/io/rubric_yaml.hpp"
#include "jobaward/scoring/calibrate.hpp"
#include "jobaward/scoring/synth.hpp"
#include "option_values.hpp"
#include "progress.hpp"

namespace jobaward::cli {

namespace {

// Far above any registry plus kMaxSyntheticClones; the bound that depends on the registry is
// checked once it is read.
constexpr std::size_t kMaxSynthCount = 1'000'000;

constexpr const char* kUsage =
    "usage: jobaward synth --seed N --out DIR [--registry FILE] [--count N] [--csv FILE]\n"
    "                      [--real FILE] [--year Y] [--rubric FILE]...\n"
    "                      [--published FILE [--rules FILE]]\n\n"
    "Writes one synthetic report YAML per government (DIR/<code>.yaml), generated from each\n"
    "government's registry size with a seeded model (examples/README.md). The same seed gives\n"
    "byte-identical files. --real puts published figures (with their sources) into the reports.\n"
    "--count N larger than the registry also writes DIR/registry.csv: the real governments plus\n"
    "clones with perturbed sizes and synthetic codes 60000.., for batch benchmarks.\n"
    "The report fields are those of the rubrics (default: the two 2020 rubrics).\n\n"
    "--published FILE calibrates the reports to published results: the engine scores every\n"
    "candidate set with the rubrics and the cohort rules (--rules, default cohorts/2020.yaml)\n"
    "and the draws of the governments in the way are conditioned until every fact of FILE\n"
    "holds (method: examples/README.md); a fact that cannot be met stops it with its name.\n\n"
    "examples:\n"
    "  jobaward synth --seed 2020 --out examples/2020/reports --csv examples/2020/reports.csv \\\n"
    "    --real examples/2020/real-figures.yaml --published examples/2020/published.yaml\n"
    "  jobaward synth --seed 7 --out /tmp/batch --count 10000";

ReportSchema SchemaOfRubrics(const std::vector<std::string>& paths) {
  ReportSchema schema;
  for (const auto& path : paths) schema = MergeSchemas(schema, SchemaOf(LoadRubric(path)));
  return schema;
}

// Each atomic write waits for an fsync; a few writers in parallel overlap those waits, so
// 10,000 files take seconds instead of a minute. Every file is complete or absent. The calling
// thread is one of the writers and alone draws `bar` (ProgressBar is single-threaded), from the
// count of files all writers have finished.
void WriteReports(const std::filesystem::path& dir, const std::vector<Report>& reports,
                  const ReportSchema& schema, const Registry& registry, ProgressBar& bar) {
  constexpr std::size_t kWriters = 8;
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> written{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&](bool draws_bar) {
    try {
      for (std::size_t i = next++; i < reports.size(); i = next++) {
        WriteFileAtomic(dir / (reports[i].government_code + ".yaml"),
                        FormatReportYaml(reports[i], schema, registry));
        const std::size_t done = ++written;
        if (draws_bar) bar.Update(done, reports.size());
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = reports.size();
    }
  };
  if (bar.enabled()) bar.Phase("보고서 쓰기", "건");
  {
    std::vector<std::jthread> writers;
    for (std::size_t t = 1; t < std::min(kWriters, reports.size()); ++t) {
      writers.emplace_back(work, false);
    }
    work(bar.enabled());
  }
  if (failure) std::rethrow_exception(failure);
  bar.Update(reports.size(), reports.size());  // The last file may have been another writer's.
}

// The flags of `synth`, defaults filled in.
struct SynthFlags {
  std::string registry_path;
  std::string out_dir;
  std::string csv_path;
  std::string real_path;
  std::string published_path;
  std::string rules_path;
  std::vector<std::string> rubric_paths;
  std::uint64_t seed = 0;
  std::optional<std::size_t> count;  ///< --count; the registry's size when absent.
  int year = 2020;
};

// The flags of `args`; nullopt when --help was asked for. UsageError for flags that do not go
// together.
std::optional<SynthFlags> ParseSynthFlags(const std::vector<std::string>& args) {
  SynthFlags f;
  std::size_t count = 0;
  po::options_description options("synth options");
  options.add_options()("registry", po::value(&f.registry_path),
                        "registry CSV (default: cohorts/governments-2020.csv)")(
      "seed", NonNegative(&f.seed)->required(), "random seed (the same seed gives the same files)")(
      "out", po::value(&f.out_dir)->required(),
      "directory for the report files (created if needed)")(
      "count", Ranged(&count, std::size_t{1}, kMaxSynthCount),
      "number of governments (default: the registry's)")(
      "csv", po::value(&f.csv_path), "also write all reports as one CSV to this file")(
      "real", po::value(&f.real_path),
      "real figures to use (e.g. examples/2020/real-figures.yaml)")(
      "year", Ranged(&f.year, 1990, 2100)->default_value(2020),
      "assessment year written into the reports (the years rubrics and rules accept)")(
      "rubric", po::value(&f.rubric_paths)->composing(),
      "rubric whose fields to generate (repeatable; default: rubrics/2020-*.yaml)")(
      "published", po::value(&f.published_path),
      "calibrate to the published facts of FILE (e.g. examples/2020/published.yaml)")(
      "rules", po::value(&f.rules_path),
      "cohort rules for --published (default: cohorts/2020.yaml)");
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return std::nullopt;
  if (vm.count("count") != 0U) f.count = count;
  if (f.registry_path.empty()) f.registry_path = DefaultPath("cohorts/governments-2020.csv");
  if (f.rubric_paths.empty()) {
    f.rubric_paths = {DefaultPath("rubrics/2020-disclosure.yaml"),
                      DefaultPath("rubrics/2020-best-program.yaml")};
  }
  if (!f.published_path.empty() && f.count) {
    throw UsageError("--published calibrates the registry's governments; it cannot add --count");
  }
  if (f.published_path.empty() && !f.rules_path.empty()) {
    throw UsageError("--rules is only used with --published");
  }
  if (f.rules_path.empty()) f.rules_path = DefaultPath("cohorts/2020.yaml");
  return f;
}

// Reports drawn from the seeded model alone.
std::vector<Report> GenerateReports(const Registry& registry, const ReportSchema& schema,
                                    SynthOptions synth, ProgressBar& bar) {
  if (bar.enabled()) {
    bar.Phase("보고서 생성", "건");
    synth.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.Update(done, planned);
    };
  }
  return SynthesizeReports(registry, schema, synth);
}

// Reports calibrated to the published facts of --published; `summary` says how far it went.
// The same inputs as `jobaward check` reads, so that check agrees with what was calibrated.
std::vector<Report> CalibrateReports(const SynthFlags& f, const Registry& registry,
                                     const ReportSchema& schema, SynthOptions synth,
                                     ProgressBar& bar, std::string& summary) {
  const CohortRules rules = LoadCohortRules(f.rules_path);
  const CohortMembership membership = MembershipOf(AssignCohorts(rules, registry));
  std::vector<Rubric> rubrics;
  for (const auto& path : f.rubric_paths) rubrics.push_back(LoadRubric(path));
  const PublishedFacts facts = LoadPublishedFacts(f.published_path, registry);
  synth.provenance = "jobaward synth --seed " + std::to_string(f.seed) +
                     " --published (synthetic, calibrated to " +
                     std::to_string(facts.facts.size()) + " published " +
                     std::to_string(facts.year) + " facts; model in examples/README.md)";
  CalibrationOptions calibration;
  if (bar.enabled()) {
    bar.Phase("발표 결과에 맞춘 보정 (채점 라운드)", "회");
    calibration.progress = [&bar](std::uint64_t done, std::uint64_t) { bar.Update(done, 0); };
  }
  CalibrationResult result =
      Calibrate(registry, membership, rubrics, schema, facts, synth, calibration);
  summary = ", calibrated to " + std::to_string(facts.facts.size()) + " published facts in " +
            std::to_string(result.rounds) + " scoring rounds (" +
            std::to_string(result.conditioned) + " governments conditioned or redrawn)";
  return std::move(result.reports);
}

// The report files, the registry when clones were added, and the CSV of --csv; what was written
// on stdout.
void WriteSynthOutputs(const SynthFlags& f, const std::vector<Report>& reports,
                       const ReportSchema& schema, const Registry& registry,
                       std::size_t real_governments, const std::string& summary, ProgressBar& bar) {
  const std::filesystem::path dir(f.out_dir);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    throw InputError(
        Diagnostic{{f.out_dir}, "--out", "cannot create directory: " + ec.message(), {}});
  }
  const bool clones = registry.size() > real_governments;
  WriteReports(dir, reports, schema, registry, bar);
  if (clones) WriteFileAtomic(dir / "registry.csv", FormatRegistryCsv(registry));
  if (!f.csv_path.empty()) {
    bar.Status("CSV 쓰는 중");
    WriteFileAtomic(f.csv_path, FormatReportsCsv(reports, schema, registry));
  }
  bar.Finish();  // The summary lines below go to stdout on a clean line.

  std::cout << "wrote " << reports.size() << " synthetic reports (seed " << f.seed << ") to "
            << f.out_dir << summary << '\n';
  if (clones) {
    std::cout << "wrote " << (dir / "registry.csv").string() << " (" << registry.size()
              << " governments, " << registry.size() - real_governments << " synthetic clones)\n";
  }
  if (!f.csv_path.empty()) std::cout << "wrote " << f.csv_path << '\n';
}

}  // namespace

int RunSynth(const std::vector<std::string>& args) {
  const std::optional<SynthFlags> flags = ParseSynthFlags(args);
  if (!flags) return kExitSuccess;
  const SynthFlags& f = *flags;
  const Registry base =
      ParseRegistry(ReadInput(f.registry_path, InputKind::kTable), f.registry_path);
  const std::size_t count = f.count.value_or(base.size());
  if (count > base.size() && count - base.size() > kMaxSyntheticClones) {
    throw UsageError("--count: at most " + std::to_string(base.size() + kMaxSyntheticClones) +
                     " governments (synthetic codes run from 60000 to 99999)");
  }
  const ReportSchema schema = SchemaOfRubrics(f.rubric_paths);

  SynthOptions synth;
  synth.seed = f.seed;
  synth.year = f.year;
  // Only the seed goes into the files (not paths or the program's location), so that the same
  // seed gives the same bytes wherever the command runs.
  synth.provenance = "jobaward synth --seed " + std::to_string(f.seed) +
                     " (synthetic; model in examples/README.md)";
  if (!f.real_path.empty()) {
    synth.real_figures =
        ParseRealFigures(ReadInput(f.real_path, InputKind::kSpec), f.real_path, schema, base);
  }

  const Registry registry = SynthesizeRegistry(base, count, f.seed);
  // Labelled phases on a terminal: generating, calibrating (scoring rounds, usually far fewer
  // than the limit, so only counted) and writing, which takes longest (an fsync per file).
  ProgressBar bar;
  std::string summary;
  const std::vector<Report> reports =
      f.published_path.empty() ? GenerateReports(registry, schema, synth, bar)
                               : CalibrateReports(f, registry, schema, synth, bar, summary);
  WriteSynthOutputs(f, reports, schema, registry, base.size(), summary, bar);
  return kExitSuccess;
}

}  // namespace jobaward::cli
