// `jobaward simulate`: Monte Carlo simulation of the award (simulation.hpp) over the bundled or
// given rubrics, reports and uncertainty spec; a progress bar on a terminal, Ctrl-C stops at a
// block boundary and prints what was completed (exit 130).
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/provenance.hpp"
#include "jobaward/scoring.hpp"
#include "jobaward/simulation.hpp"
#include "jobaward/text_table.hpp"
#include "jobaward/uncertainty_yaml.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward simulate [--draws N] [--seed S] [--threads T] [--until-se X --max-draws M]\n"
    "                         [--uncertainty FILE] [--rubric FILE]... [--rules FILE]\n"
    "                         [--registry FILE] [--reports DIR|FILE] [--confidence-draws N]\n"
    "                         [--format table|csv|json|xlsx] [--out FILE] [--excel-bom]\n"
    "                         [--provenance FILE]\n"
    "\n"
    "Runs the whole award (cohorts, scoring, stages, awards) once per random draw of the\n"
    "uncertain inputs described by the uncertainty spec, and reports per government the\n"
    "probability of each award, of any award and of advancing to stage 2, and its rank\n"
    "distribution in its cohort; per cohort the probability that the baseline winner still wins\n"
    "(JSON adds the rank-acceptability and pairwise matrices). Every probability comes with its\n"
    "Monte Carlo standard error. The same seed gives the same bytes for any --threads.\n"
    "  --until-se X     after --draws, keep doubling the draws until every standard error is\n"
    "                   <= X; an error if --max-draws is reached first\n"
    "Ctrl-C stops at the next block of draws and prints the results so far (exit code 130).\n"
    "Exit codes: 0 success, 1 invalid input or --until-se not reached, 2 usage error,\n"
    "            4 internal error, 130 interrupted.";

volatile std::sig_atomic_t g_interrupted = 0;  // Set by SIGINT; read by the stop callback.

extern "C" void OnInterrupt(int /*signal*/) { g_interrupted = 1; }

/// Installs the SIGINT handler for the lifetime of the object.
class InterruptGuard {
 public:
  InterruptGuard() {
    g_interrupted = 0;
    previous_ = std::signal(SIGINT, OnInterrupt);
  }
  ~InterruptGuard() { std::signal(SIGINT, previous_); }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  void (*previous_)(int) = SIG_DFL;
};

/// "[#####.....]  45%  45,056 / 100,000 draws  52,311 draws/s  ETA 1s" on one terminal line.
class ProgressBar {
 public:
  ProgressBar() : start_(std::chrono::steady_clock::now()) {}
  void Update(std::uint64_t done, std::uint64_t planned) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double fraction = planned == 0 ? 1.0 : static_cast<double>(done) / planned;
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
    const double eta = rate > 0 ? static_cast<double>(planned - std::min(done, planned)) / rate : 0;
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(std::clamp(filled, 0, width)), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r[%s] %3d%%  %llu / %llu draws  %.0f draws/s  ETA %.0fs   ", bar.c_str(),
                 static_cast<int>(fraction * 100), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(planned), rate, eta);
    std::fflush(stderr);
    shown_ = true;
  }
  void Finish() {
    if (shown_) std::fputs("\r\033[K", stderr);
  }

 private:
  std::chrono::steady_clock::time_point start_;
  bool shown_ = false;
};

std::string P(const Estimate& e) { return FormatFixed(e.p, 4); }
std::string Se(const Estimate& e) { return FormatFixed(e.se, 4); }

std::string PlaceName(const CategorySimulation& c, int place) {
  return place < 0 ? "" : c.places[static_cast<std::size_t>(place)];
}

struct Names {
  std::vector<std::vector<std::string>> name_ko;  // Per category, per row.
};

std::string RenderTable(const SimulationResult& r, const Names& names) {
  std::string out =
      "jobaward simulate: " + std::to_string(r.draws) + " draws" +
      (r.interrupted ? " (interrupted; " + std::to_string(r.planned_draws) + " planned)" : "") +
      ", seed " + std::to_string(r.seed) + ", " + std::to_string(r.groups.size()) +
      " uncertainty groups, largest standard error " + FormatFixed(r.max_se, 4) + "\n";
  for (std::size_t ci = 0; ci < r.categories.size(); ++ci) {
    const auto& c = r.categories[ci];
    out += "\n" + c.name_ko + " (" + c.rubric_id + ")\n\n";
    Table cohorts;
    cohorts.header = {"cohort", "members", "baseline winner", "P(still first)", "se"};
    cohorts.align = {Align::kLeft, Align::kRight, Align::kLeft, Align::kRight, Align::kRight};
    for (const auto& co : c.cohorts) {
      std::string winners;
      for (const int w : co.baseline_winners)
        winners += (winners.empty() ? "" : ", ") + names.name_ko[ci][static_cast<std::size_t>(w)] +
                   " " + c.governments[static_cast<std::size_t>(w)].code;
      cohorts.rows.push_back({co.label, std::to_string(co.members.size()), winners,
                              P(co.baseline_winner_wins), Se(co.baseline_winner_wins)});
    }
    out += RenderText(cohorts) + "\n";
    Table t;
    t.header = {"cohort", "code", "name", "baseline", "P(any)", "se"};
    for (const auto& p : c.places) t.header.push_back("P(" + p + ")");
    for (const auto& h : {"P(advance)", "mean rank", "median", "5-95%"}) t.header.push_back(h);
    const bool confidence = r.confidence_draws > 0;
    if (confidence) t.header.push_back("confidence");
    t.align.assign(t.header.size(), Align::kRight);
    t.align[0] = t.align[1] = t.align[2] = t.align[3] = Align::kLeft;
    for (const auto& co : c.cohorts) {
      for (const int row : co.members) {
        const auto& g = c.governments[static_cast<std::size_t>(row)];
        std::vector<std::string> cells = {co.label,
                                          g.code,
                                          names.name_ko[ci][static_cast<std::size_t>(row)],
                                          PlaceName(c, g.baseline_place),
                                          P(g.any_award),
                                          Se(g.any_award)};
        for (const auto& p : g.place) cells.push_back(P(p));
        cells.push_back(P(g.advanced));
        cells.push_back(FormatFixed(g.mean_rank, 2));
        cells.push_back(std::to_string(g.median_rank));
        cells.push_back(std::to_string(g.rank_p5) + "-" + std::to_string(g.rank_p95));
        if (confidence) cells.push_back(g.confidence ? P(*g.confidence) : "");
        t.rows.push_back(std::move(cells));
      }
    }
    out += RenderText(t);
  }
  return out;
}

std::string RenderCsvTable(const SimulationResult& r, const Names& names) {
  Table t;
  std::string body;
  for (std::size_t ci = 0; ci < r.categories.size(); ++ci) {
    const auto& c = r.categories[ci];
    Table part;
    part.header = {"category",      "cohort",         "code",  "name_ko", "draws",
                   "baseline_rank", "baseline_award", "p_any", "se_any"};
    for (const auto& p : c.places) {
      part.header.push_back("p_" + p);
      part.header.push_back("se_" + p);
    }
    for (const auto& h : {"p_advance", "se_advance", "p_first", "se_first", "mean_rank",
                          "mean_rank_se", "median_rank", "rank_p5", "rank_p95"})
      part.header.push_back(h);
    for (const auto& w : c.weight_names) part.header.push_back("central_weight_" + w);
    if (!c.weight_names.empty()) {
      part.header.push_back("confidence");
      part.header.push_back("se_confidence");
    }
    for (const auto& co : c.cohorts) {
      for (const int row : co.members) {
        const auto& g = c.governments[static_cast<std::size_t>(row)];
        std::vector<std::string> cells = {c.category,
                                          co.id,
                                          g.code,
                                          names.name_ko[ci][static_cast<std::size_t>(row)],
                                          std::to_string(r.draws),
                                          std::to_string(g.baseline_rank),
                                          PlaceName(c, g.baseline_place),
                                          P(g.any_award),
                                          Se(g.any_award)};
        for (const auto& p : g.place) {
          cells.push_back(P(p));
          cells.push_back(Se(p));
        }
        for (const auto& e : {g.advanced, g.first}) {
          cells.push_back(P(e));
          cells.push_back(Se(e));
        }
        cells.push_back(FormatFixed(g.mean_rank, 4));
        cells.push_back(FormatFixed(g.mean_rank_se, 4));
        cells.push_back(std::to_string(g.median_rank));
        cells.push_back(std::to_string(g.rank_p5));
        cells.push_back(std::to_string(g.rank_p95));
        for (std::size_t w = 0; w < c.weight_names.size(); ++w)
          cells.push_back(g.central_weights.empty() ? "" : FormatFixed(g.central_weights[w], 4));
        if (!c.weight_names.empty()) {
          cells.push_back(g.confidence ? P(*g.confidence) : "");
          cells.push_back(g.confidence ? Se(*g.confidence) : "");
        }
        part.rows.push_back(std::move(cells));
      }
    }
    // Categories have different award places, so each gets its own header block.
    body += (ci == 0 ? "" : "\n") + RenderCsv(part);
  }
  return body;
}

nlohmann::ordered_json EstimateJson(const Estimate& e) {
  return nlohmann::ordered_json{{"p", e.p}, {"se", e.se}};
}

std::string RenderJson(const SimulationResult& r, const Names& names,
                       const Provenance& provenance) {
  nlohmann::ordered_json j;
  j["seed"] = r.seed;
  j["draws"] = r.draws;
  j["planned_draws"] = r.planned_draws;
  j["interrupted"] = r.interrupted;
  if (r.until_se) j["until_se"] = *r.until_se;
  j["max_se"] = r.max_se;
  j["confidence_draws"] = r.confidence_draws;
  j["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : r.groups)
    j["groups"].push_back({{"name", g.name}, {"kind", ToString(g.kind)}});
  j["categories"] = nlohmann::ordered_json::array();
  for (std::size_t ci = 0; ci < r.categories.size(); ++ci) {
    const auto& c = r.categories[ci];
    nlohmann::ordered_json cj;
    cj["rubric"] = c.rubric_id;
    cj["category"] = c.category;
    cj["name_ko"] = c.name_ko;
    cj["places"] = c.places;
    if (!c.weight_names.empty()) {
      cj["weight_units"] = c.weight_names;
      cj["nominal_weights"] = c.nominal_weights;
    }
    cj["cohorts"] = nlohmann::ordered_json::array();
    for (const auto& co : c.cohorts) {
      nlohmann::ordered_json k;
      k["id"] = co.id;
      k["label"] = co.label;
      std::vector<std::string> members;
      for (const int m : co.members)
        members.push_back(c.governments[static_cast<std::size_t>(m)].code);
      k["members"] = members;
      std::vector<std::string> winners;
      for (const int w : co.baseline_winners)
        winners.push_back(c.governments[static_cast<std::size_t>(w)].code);
      k["baseline_winners"] = winners;
      k["baseline_winner_wins"] = EstimateJson(co.baseline_winner_wins);
      auto matrix = [](const Eigen::MatrixXd& m) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (Eigen::Index i = 0; i < m.rows(); ++i) {
          std::vector<double> row(static_cast<std::size_t>(m.cols()));
          for (Eigen::Index jj = 0; jj < m.cols(); ++jj)
            row[static_cast<std::size_t>(jj)] = m(i, jj);
          rows.push_back(row);
        }
        return rows;
      };
      k["rank_acceptability"] = matrix(co.acceptability);
      k["pairwise_winning"] = matrix(co.pairwise);
      cj["cohorts"].push_back(std::move(k));
    }
    cj["governments"] = nlohmann::ordered_json::array();
    for (const auto& g : c.governments) {
      nlohmann::ordered_json gj;
      gj["code"] = g.code;
      gj["name_ko"] = names.name_ko[ci][static_cast<std::size_t>(g.row)];
      gj["cohort"] = c.cohorts[static_cast<std::size_t>(g.cohort)].id;
      gj["baseline_rank"] = g.baseline_rank;
      gj["baseline_award"] = PlaceName(c, g.baseline_place);
      nlohmann::ordered_json places;
      for (std::size_t p = 0; p < c.places.size(); ++p)
        places[c.places[p]] = EstimateJson(g.place[p]);
      gj["award"] = places;
      gj["any_award"] = EstimateJson(g.any_award);
      gj["advance"] = EstimateJson(g.advanced);
      gj["first"] = EstimateJson(g.first);
      gj["rank"] = {{"mean", g.mean_rank},
                    {"mean_se", g.mean_rank_se},
                    {"median", g.median_rank},
                    {"p5", g.rank_p5},
                    {"p95", g.rank_p95}};
      if (!g.central_weights.empty()) gj["central_weights"] = g.central_weights;
      if (g.confidence) gj["confidence"] = EstimateJson(*g.confidence);
      cj["governments"].push_back(std::move(gj));
    }
    j["categories"].push_back(std::move(cj));
  }
  j["provenance"] = ProvenanceJson(provenance);
  return j.dump(2) + "\n";
}

}  // namespace

int RunSimulate(const std::vector<std::string>& args) {
  po::options_description options("options");
  const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  options.add_options()("draws", po::value<std::uint64_t>()->default_value(10000),
                        "number of draws (with --until-se: the first round)")(
      "seed", po::value<std::uint64_t>()->default_value(2020), "random seed")(
      "threads", po::value<int>()->default_value(static_cast<int>(hardware)),
      "worker threads (the output does not depend on it)")(
      "until-se", po::value<double>(), "target standard error of every probability")(
      "max-draws", po::value<std::uint64_t>()->default_value(1000000), "cap for --until-se")(
      "confidence-draws", po::value<std::uint64_t>()->default_value(200),
      "draws per government for the SMAA-2 confidence factors (0 = skip)")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec (default: examples/2020/uncertainty.yaml)")(
      "format", po::value<std::string>()->default_value("table"),
      "table, csv, json or xlsx (needs --out)")("out", po::value<std::string>()->default_value(""),
                                                "write to FILE instead of stdout");
  AddAwardInputOptions(options);
  AddOutputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const OutputFormat format =
      ParseFormat(vm["format"].as<std::string>(), {"table", "csv", "json", "xlsx"});
  CheckXlsxOut(format, vm["out"].as<std::string>());

  SimulationConfig config;
  config.draws = vm["draws"].as<std::uint64_t>();
  config.seed = vm["seed"].as<std::uint64_t>();
  config.threads = vm["threads"].as<int>();
  config.max_draws = vm["max-draws"].as<std::uint64_t>();
  config.confidence_draws = vm["confidence-draws"].as<std::uint64_t>();
  if (vm.count("until-se") != 0U) config.until_se = vm["until-se"].as<double>();
  if (config.draws < 1) throw UsageError("--draws must be at least 1");
  if (config.threads < 1) throw UsageError("--threads must be at least 1");
  if (config.until_se && !(*config.until_se > 0 && *config.until_se < 0.5))
    throw UsageError("--until-se must be in (0, 0.5), got " + std::to_string(*config.until_se));
  if (config.until_se && config.max_draws < config.draws)
    throw UsageError("--max-draws (" + std::to_string(config.max_draws) +
                     ") must be at least --draws (" + std::to_string(config.draws) + ")");
  if (!config.until_se && vm["max-draws"].defaulted() == false)
    throw UsageError("--max-draws applies only with --until-se");

  const AwardInputs inputs = LoadAwardInputs(vm);
  const std::vector<ScoringModel>& models = inputs.models;
  Names names;
  for (const auto& model : models) {
    names.name_ko.emplace_back();
    for (int row = 0; row < static_cast<int>(model.row_code.size()); ++row)
      names.name_ko.back().push_back(RowName(inputs, model, row));
  }
  const UncertaintySpec spec = LoadUncertainty(vm.count("uncertainty") != 0U
                                                   ? vm["uncertainty"].as<std::string>()
                                                   : DefaultPath("examples/2020/uncertainty.yaml"));
  const UncertaintyModel uncertainty = CompileUncertaintyFor(spec, inputs);

  const InterruptGuard guard;
  ProgressBar bar;
  if (isatty(STDERR_FILENO) != 0) {
    config.progress = [&bar](std::uint64_t done, std::uint64_t planned) {
      bar.Update(done, planned);
    };
  }
  config.stop_requested = [] { return g_interrupted != 0; };
  const SimulationResult result = Simulate(models, uncertainty, config);
  bar.Finish();

  Provenance provenance =
      CommandProvenance("simulate", vm, {"registry", "rules", "rubric", "reports", "uncertainty"});
  provenance.seed = result.seed;
  provenance.draws = static_cast<std::int64_t>(result.draws);
  provenance.reports = CountReports(models);
  std::string content;
  switch (format) {
    case OutputFormat::kCsv:
      content = WithExcelBom(vm, WithSyntheticColumn(provenance, RenderCsvTable(result, names)));
      break;
    case OutputFormat::kJson:
      content = RenderJson(result, names, provenance);
      break;
    case OutputFormat::kXlsx:
      break;
    default:
      content = WithSyntheticNotice(provenance, RenderTable(result, names));
      break;
  }
  if (format == OutputFormat::kXlsx) {
    // One sheet per category, from the CSV text, so the workbook and the CSV agree.
    std::vector<std::string> sheet_names;
    for (const auto& c : result.categories) sheet_names.push_back(c.category);
    WriteXlsxOutput(vm["out"].as<std::string>(),
                    SheetsFromCsv(RenderCsvTable(result, names), sheet_names), provenance);
  } else {
    Emit(content, vm["out"].as<std::string>());
  }
  WriteProvenanceSidecar(vm, provenance);
  if (result.interrupted) {
    std::cerr << "jobaward simulate: interrupted; " << result.draws << " of "
              << result.planned_draws << " draws completed and reported\n";
    return kExitInterrupted;
  }
  return kExitSuccess;
}

}  // namespace jobaward::cli
