// Benchmark of cohort assignment for new parameter values (issues 4 and 5): the Monte Carlo and
// Sobol draws re-assign the 243 governments of the 2020 registry to the 7 cohorts of
// cohorts/2020.yaml for every drawn (city_split, district_split). Times AssignCohorts (prepares
// the rules for the registry on every call), PreparedCohortRules::Assign (the full assignment)
// and PreparedCohortRules::CohortOf (what ApplyDraw calls), over a grid of parameter values in
// the ranges of examples/2020/uncertainty.yaml. Prints one line per path: calls and µs per call.
//
//   cohorts_bench [--calls N]
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/cohort_rules_prepared.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/cohort_rules_yaml.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"

namespace {

using jobaward::bench::Source;

// Runs `call` with `calls` parameter vectors spread over [0.45, 0.55]^2; returns µs per call.
// `sink` keeps the results observable so the calls are not optimised away.
template <typename Call>
double MicrosPerCall(int calls, long& sink, Call&& call) {
  std::vector<double> parameters{0.5, 0.5};
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < calls; ++i) {
    parameters[0] = 0.45 + 0.1 * static_cast<double>(i % 101) / 100.0;
    parameters[1] = 0.45 + 0.1 * static_cast<double>((i * 37) % 103) / 102.0;
    sink += call(parameters);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return seconds * 1e6 / calls;
}

int Run(int argc, char** argv) {
  using namespace jobaward;
  int calls = 20000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--calls") {
      calls = std::stoi(argv[i + 1]);
    } else {
      std::fprintf(stderr, "cohorts_bench: unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  const std::string registry_path = Source("cohorts/governments-2020.csv");
  const Registry registry =
      ParseRegistry(ReadTextFile(registry_path), registry_path, Registry2020Expectations());
  const CohortRules rules = LoadCohortRules(Source("cohorts/2020.yaml"));

  long sink = 0;
  const int reference_calls = calls / 10 > 0 ? calls / 10 : 1;
  const double reference =
      MicrosPerCall(reference_calls, sink, [&](const std::vector<double>& parameters) {
        return AssignCohorts(rules, registry, std::span<const double>(parameters)).cohort_of[7];
      });
  std::printf("cohorts: AssignCohorts calls=%d us/call=%.2f\n", reference_calls, reference);

  const PreparedCohortRules prepared(rules, registry);
  const double full = MicrosPerCall(calls, sink, [&](const std::vector<double>& parameters) {
    return prepared.Assign(parameters).cohort_of[7];
  });
  std::printf("cohorts: PreparedCohortRules::Assign calls=%d us/call=%.2f\n", calls, full);

  CohortWorkspace workspace;
  const double lean = MicrosPerCall(calls, sink, [&](const std::vector<double>& parameters) {
    return prepared.CohortOf(parameters, workspace)[7];
  });
  std::printf("cohorts: PreparedCohortRules::CohortOf calls=%d us/call=%.2f (checksum %ld)\n",
              calls, lean, sink);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return jobaward::bench::Main(argc, argv, Run); }
