// The what-if service behind `jobaward serve`: the page and the JSON API as a function from an
// HTTP request to an HTTP response, with no sockets (server.hpp puts it on a port). Tests and
// the fuzz harness call Handle() directly.
//
// What it serves (engine/docs/serve.md documents every route with curl examples; the JSON
// shapes are engine/docs/schema/serve-*.schema.json):
//   GET  /                    the what-if page (HTML, CSS and JS embedded in the binary)
//   GET  /api/model           the baseline as controls: categories, domains, indicators,
//                             stages, levels, cohorts, cohort parameters, limits
//   POST /api/award           the award table under {"overrides": {KEY: VALUE, ...}} per
//                             category and cohort, and its differences from the baseline
//   POST /api/explain         one government's explanation in one category
//   POST /api/simulate        Monte Carlo award probabilities with standard errors, and their
//                             differences from the baseline's on the same draws
//   POST /api/scenario        the overrides as a scenario YAML file that `jobaward compare` reads
//   POST /api/export          the differences as CSV or XLSX (the tables of `jobaward compare`)
// The baseline is the scenario the server was started with (--scenario and --set; the plain
// inputs without them); a request's overrides are applied after the baseline's, with the same
// keys as a scenario file (rubrics/README.md, "Scenarios").
//
// It is a front end to the library, never a second implementation: overrides go through
// ApplyOverrides (scenario.hpp), awards through ScoreAward and BuildAwardTable (award_plan.hpp,
// awards.hpp), differences through CompareResults and BuildCompareResult (scenario_compare.hpp,
// compare_result.hpp), probabilities through Simulate and SimulatePaired (simulation.hpp,
// paired_simulation.hpp: the differences on common random numbers). No request names a file
// or reaches the file system: the inputs are loaded once, at start (LoadWhatIfBase).
//
// Limits (ServiceLimits): body size and JSON depth, number of overrides, draws per request,
// computations running at once with a bounded queue (a full queue or a long wait is 429 with
// Retry-After), and a time limit per simulation (then the draws completed so far are returned,
// marked "interrupted"). Every bad request is a 4xx with {"error": {"status", "key",
// "message", "details"}}; a 5xx would be a bug.
//
// Thread safety: Handle() may be called from any number of threads at once; the base inputs
// are immutable and evaluations are cached (bounded) behind a mutex.
//
// Tests: tests/unit/server/serve_api_test.cpp (every route and every refusal, in process),
// tests/unit/server/serve_socket_test.cpp (the same over a real loopback socket), the browser test
// tests/browser/serve.test.mjs, the fuzz harness tests/fuzz/fuzz_serve.cpp.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobaward/cohorts/cohort_rules.hpp"
#include "jobaward/cohorts/registry.hpp"
#include "jobaward/io/provenance.hpp"
#include "jobaward/scoring/report.hpp"
#include "jobaward/scoring/rubric.hpp"
#include "jobaward/scoring/scenario.hpp"
#include "jobaward/scoring/scoring.hpp"
#include "jobaward/simulation/uncertainty.hpp"

namespace jobaward {

struct HttpRequest {
  std::string method;  ///< "GET", "POST", ...
  std::string path;    ///< Without the query string, e.g. "/api/award".
  /// In arrival order; names compared without regard to case.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  /// The first header called `name` (any case), or nullptr.
  [[nodiscard]] const std::string* Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  /// Besides Content-Type and Content-Length: security headers, Retry-After,
  /// Content-Disposition.
  std::vector<std::pair<std::string, std::string>> headers;
};

struct ServiceLimits {
  std::size_t max_body_bytes = 64 * 1024;      ///< Larger bodies: 413.
  int max_json_depth = 8;                      ///< Deeper bodies: 400.
  std::uint64_t default_draws = 1024;          ///< Draws of a simulate request that names none.
  std::uint64_t max_draws = 65536;             ///< Per simulate request; more is a 400.
  int simulation_threads = 2;                  ///< Worker threads of one simulation.
  int simulation_slots = 1;                    ///< Simulations running at once.
  int evaluation_slots = 2;                    ///< Award / explain computations running at once.
  int queue_limit = 64;                        ///< Requests waiting for a slot; beyond: 429.
  std::chrono::milliseconds queue_wait{5000};  ///< Waiting longer: 429.
  std::chrono::milliseconds simulation_time{8000};  ///< Then the completed draws are returned.
  std::size_t cached_evaluations = 16;              ///< Evaluated scenarios kept.
  /// Seeds whose baseline awards per draw are kept (RecordBaseAwards: a paired simulation then
  /// simulates only the scenario; 1 bit per government and draw, 4 MB at 65,536 draws).
  std::size_t cached_base_awards = 4;
  std::size_t max_overrides = 256;  ///< Per request; more is a 400.
};

/// What the server was started with: loaded and checked once, never re-read. `rules` and
/// `rubrics` are as read from their files; the baseline is them with `scenario`'s overrides.
struct WhatIfBase {
  Registry registry;
  CohortRules rules;
  std::vector<Rubric> rubrics;
  Scenario scenario;  ///< The baseline's scenario: id "default" and no overrides without one.
  std::vector<Report> reports;
  UncertaintySpec uncertainty;
  Provenance provenance;  ///< Every file read, with its SHA-256 (set by the caller).
};

/// Where the base inputs are.
struct WhatIfPaths {
  std::string registry;
  bool registry_is_2020 = false;  ///< Check against the published 2020 counts.
  std::string rules;
  std::vector<std::string> rubrics;
  std::string reports;  ///< Directory of YAML reports, a CSV or one YAML file.
  std::string uncertainty;
};

/// Loads and checks every input (InputError naming file:line:column on any problem, including
/// any rejected report: the server starts on complete inputs or not at all). The scenario is
/// left at "default"; the caller sets WhatIfBase::scenario (the service checks it applies).
[[nodiscard]] WhatIfBase LoadWhatIfBase(const WhatIfPaths& paths);

class WhatIfService {
 public:
  /// `bound_host` and `port` are what the server listens on: the Host header of every request
  /// must name them (what_if_service.cpp, "request_guard").
  WhatIfService(WhatIfBase base, ServiceLimits limits, std::string bound_host, int port);
  ~WhatIfService();
  WhatIfService(const WhatIfService&) = delete;
  WhatIfService& operator=(const WhatIfService&) = delete;

  /// Answers one request. Never throws; a bad request is a 4xx response.
  [[nodiscard]] HttpResponse Handle(const HttpRequest& request) const;

  /// From now on running simulations stop at their next block and new computations are refused
  /// (503): for a clean shutdown.
  void Stop() const;

  [[nodiscard]] const ServiceLimits& limits() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace jobaward
