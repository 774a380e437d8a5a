// `jobaward serve`: the what-if page and its JSON API on a local port (what_if_service.hpp,
// server.hpp). Loads the inputs once, binds, prints the URL, and serves until Ctrl-C or
// SIGTERM: both signals are taken by a waiting thread (sigwait), never by a handler, so that
// the stop runs as ordinary code — running simulations stop at their next block, the listener
// closes, the workers finish their requests — and the command returns 0.
#include <pthread.h>

#include <algorithm>
#include <csignal>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "award_inputs.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "jobaward/server/server.hpp"
#include "jobaward/server/what_if_service.hpp"
#include "option_values.hpp"
#include "output_support.hpp"

namespace jobaward::cli {

namespace {

constexpr const char* kUsage =
    "usage: jobaward serve [--port N] [--host H] [--scenario FILE] [--set KEY=VALUE]...\n"
    "                      [--uncertainty FILE] [--rubric FILE]... [--rules FILE]\n"
    "                      [--registry FILE] [--reports DIR|FILE] [--threads T]\n"
    "\n"
    "Starts the what-if page on this machine: open the printed URL in a browser. Move a weight,\n"
    "a quota or a cohort cut-off and the award table of each category and cohort is recomputed\n"
    "at once, with the differences from the baseline (the inputs with --scenario and --set) as\n"
    "`jobaward compare` gives them; click a government for its explanation; the award\n"
    "probabilities under the uncertainty spec are refined while you watch; export the scenario\n"
    "as a file `jobaward compare` reads. A JSON API serves the same answers to\n"
    "scripts (engine/docs/serve.md). The inputs are read once, at start; no request can name a\n"
    "file. Listens on 127.0.0.1 only, unless --host says otherwise (then it warns: anyone who\n"
    "can reach the address can use the page). Stops cleanly on Ctrl-C or SIGTERM (exit 0).\n"
    "\n"
    "examples:\n"
    "  jobaward serve                      # http://127.0.0.1:8080/\n"
    "  jobaward serve --port 0             # any free port (printed)\n"
    "  jobaward serve --scenario examples/2020/scenarios/outcome-60.yaml\n"
    "  curl -s http://127.0.0.1:8080/api/model\n"
    "  curl -s -H 'Content-Type: application/json' -d '{}' http://127.0.0.1:8080/api/award";

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

/// SIGINT and SIGTERM blocked in this thread and every thread started after it (the server's
/// workers), so that only sigwait() receives them; restored on destruction.
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

  /// Waits for one of them; returns its number.
  int Wait() const {
    int signal = 0;
    sigwait(&set_, &signal);
    return signal;
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

}  // namespace

int RunServe(const std::vector<std::string>& args) {
  po::options_description options("options");
  const int hardware = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  options.add_options()("port", Ranged(0, 65535)->default_value(8080),
                        "port to listen on (0 = any free port)")(
      "host", po::value<std::string>()->default_value("127.0.0.1"),
      "address to listen on (default: this machine only)")(
      "uncertainty", po::value<std::string>(),
      "uncertainty spec for the probabilities (default: examples/2020/uncertainty.yaml)");
  // Several requests simulate at once (ServiceLimits): two threads each, not the whole machine.
  AddThreadsOption(options, "of one simulation", std::min(2, hardware));
  AddAwardInputOptions(options);
  po::variables_map vm;
  if (!ParseArgs(args, options, {}, kUsage, vm)) return kExitSuccess;
  const int port = vm["port"].as<int>();
  const std::string host = vm["host"].as<std::string>();
  const int threads = ThreadsOption(vm);

  // The baseline: the inputs with --scenario and --set, loaded as every award-level command does.
  const Scenario scenario = ScenarioOption(vm);
  const InputPaths inputs = ResolveInputPaths(vm, scenario);
  WhatIfPaths paths;
  paths.registry = inputs.award.registry;
  paths.registry_is_2020 = inputs.award.registry_is_2020;
  paths.rules = inputs.award.rules;
  paths.rubrics = inputs.award.rubrics;
  paths.reports = inputs.reports;
  paths.uncertainty = vm.count("uncertainty") != 0U ? vm["uncertainty"].as<std::string>()
                                                    : DefaultPath("examples/2020/uncertainty.yaml");
  WhatIfBase base = LoadWhatIfBase(paths);
  base.scenario = scenario;
  base.provenance =
      CommandProvenance("serve", vm, {"registry", "rules", "rubric", "reports", "uncertainty"});

  const BlockedStopSignals signals;  // Before any thread starts.
  HttpServer server;
  const int bound = server.Bind(host, port);
  ServiceLimits limits;
  limits.simulation_threads = threads;
  const WhatIfService service(std::move(base), limits, host, bound);
  if (!IsLoopback(host)) {
    std::cerr << "jobaward serve: warning: listening on " << host
              << ", not only on this machine: anyone who can reach this address can use the page "
                 "and the API (there is no login)\n";
  }
  std::cout << "jobaward serve: " << ServerUrl(host, bound) << "  (Ctrl-C stops)" << std::endl;
  std::thread serving([&] { server.Serve(service); });
  const int signal = signals.Wait();
  std::cerr << "jobaward serve: " << (signal == SIGINT ? "interrupted" : "terminated")
            << ", stopping\n";
  service.Stop();
  server.Stop();
  serving.join();
  std::cerr << "jobaward serve: stopped\n";
  return kExitSuccess;
}

}  // namespace jobaward::cli
