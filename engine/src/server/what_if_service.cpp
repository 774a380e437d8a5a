// The request handler: checks, routing and the handlers of each route (see
// what_if_service.hpp). Every refusal is a RequestError thrown below and turned into a 4xx here.
#include "jobaward/server/what_if_service.hpp"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "api_json.hpp"
#include "compute_gate.hpp"
#include "evaluation.hpp"
#include "jobaward/cohorts/government_names.hpp"
#include "jobaward/error.hpp"
#include "jobaward/io/scenario_yaml.hpp"
#include "jobaward/render/result_render.hpp"
#include "jobaward/results/award_result.hpp"
#include "jobaward/results/compare_result.hpp"
#include "jobaward/scoring/scenario_compare.hpp"
#include "jobaward/simulation/paired_simulation.hpp"
#include "jobaward/simulation/simulation.hpp"
#include "jobaward/simulation/uncertainty_subset.hpp"
#include "json_body.hpp"
#include "page_assets.hpp"
#include "request_error.hpp"
#include "request_guard.hpp"
#include "request_overrides.hpp"

namespace jobaward {

using server_detail::ComputeGate;
using server_detail::DumpJson;
using server_detail::Evaluation;
using server_detail::Json;
using server_detail::ObjectReader;
using server_detail::RequestError;

const std::string* HttpRequest::Header(std::string_view name) const {
  const std::string wanted = server_detail::Lower(name);
  for (const auto& [key, value] : headers) {
    if (server_detail::Lower(key) == wanted) return &value;
  }
  return nullptr;
}

struct WhatIfService::State {
  State(WhatIfBase b, ServiceLimits l, std::string h, int p)
      : base(std::move(b)),
        limits(l),
        host(std::move(h)),
        port(p),
        evaluations(l.evaluation_slots, l.queue_limit, l.queue_wait),
        simulations(l.simulation_slots, l.queue_limit, l.queue_wait),
        cache(l.cached_evaluations),
        base_awards(l.cached_base_awards) {}

  WhatIfBase base;
  ServiceLimits limits;
  std::string host;
  int port;
  ComputeGate evaluations;
  ComputeGate simulations;
  server_detail::EvaluationCache cache;
  server_detail::LruCache<std::uint64_t, BaseAwardRecord> base_awards;  // By seed.
  std::shared_ptr<const Evaluation> baseline;
  std::string model_json;
  std::atomic<bool> stopping{false};
};

namespace {

// Sent with every response: the page may load only its own script and style and talk only to
// this server; nothing is cached, framed or sniffed.
void AddSecurityHeaders(HttpResponse& r) {
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; script-src 'self'; style-src 'self'; "
                         "img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; "
                         "form-action 'none'; frame-ancestors 'none'");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("Cross-Origin-Resource-Policy", "same-origin");
  r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
  r.headers.emplace_back("Cache-Control", "no-store");
}

HttpResponse JsonResponse(int status, const Json& body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json; charset=utf-8";
  r.body = DumpJson(body) + "\n";
  return r;
}

HttpResponse ErrorResponse(int status, const std::string& key, const std::string& message,
                           const std::vector<std::string>& details = {}) {
  Json error = {{"status", status}, {"key", key}, {"message", message}, {"details", details}};
  HttpResponse r = JsonResponse(status, Json{{"error", error}});
  if (status == 429) r.headers.emplace_back("Retry-After", "1");
  return r;
}

std::string DescribeDiagnostics(const InputError& e, std::vector<std::string>& details) {
  for (const Diagnostic& d : e.diagnostics()) details.push_back(d.ToString());
  return details.empty() ? std::string("invalid input") : details.front();
}

}  // namespace

WhatIfService::WhatIfService(WhatIfBase base, ServiceLimits limits, std::string bound_host,
                             int port)
    : state_(std::make_unique<State>(std::move(base), limits, std::move(bound_host), port)) {
  State& s = *state_;
  // The baseline's scenario must apply: an InputError here stops `jobaward serve` at start.
  s.baseline = server_detail::EvaluateScenario(s.base, s.base.scenario.overrides);
  // Every export says when the reports are synthetic, as the command line's outputs do.
  s.base.provenance.reports = CountReports(s.baseline->models);
  s.model_json = DumpJson(server_detail::ModelJson(s.base, s.limits, *s.baseline)) + "\n";
}

WhatIfService::~WhatIfService() = default;

const ServiceLimits& WhatIfService::limits() const { return state_->limits; }

void WhatIfService::Stop() const {
  state_->stopping = true;
  state_->evaluations.Close();
  state_->simulations.Close();
}

namespace {

struct Context {
  const WhatIfBase& base;
  const ServiceLimits& limits;
  ComputeGate& evaluations;
  ComputeGate& simulations;
  server_detail::EvaluationCache& cache;
  server_detail::LruCache<std::uint64_t, BaseAwardRecord>& base_awards;
  const std::shared_ptr<const Evaluation>& baseline;
  const std::atomic<bool>& stopping;
};

// The request's own overrides ({"overrides": {...}}), without the baseline's.
std::vector<Override> OverridesOf(const Context& c, const ObjectReader& body) {
  return server_detail::RequestOverrides(body.Find("overrides"), c.limits.max_overrides);
}

// The evaluation of the baseline with `overrides` after its own: from the cache, or computed.
// REQUIRES: the caller holds an evaluation or simulation ticket.
std::shared_ptr<const Evaluation> EvaluationOf(const Context& c,
                                               const std::vector<Override>& overrides) {
  if (overrides.empty()) return c.baseline;
  const std::string key = DumpJson(server_detail::OverridesJson(overrides));
  if (auto cached = c.cache.Find(key)) return cached;
  std::vector<Override> all = c.base.scenario.overrides;
  all.insert(all.end(), overrides.begin(), overrides.end());
  auto evaluation = server_detail::EvaluateScenario(c.base, std::move(all));
  c.cache.Put(key, evaluation);
  return evaluation;
}

// The differences of `evaluation` from the baseline, as `jobaward compare` tabulates them.
Result ComparisonOf(const Context& c, const Evaluation& evaluation) {
  ScenarioComparison comparison = CompareResults(c.baseline->results, evaluation.results);
  // Names as every output shows them: "울산 중구", not a bare "중구" that six governments share.
  const DisplayNames names = MakeDisplayNames(c.base.registry);
  for (auto* list : {&comparison.awards, &comparison.movers}) {
    for (GovernmentChange& change : *list) {
      if (const auto index = c.base.registry.IndexOf(change.code)) {
        change.name_ko = names.ko[*index];
      }
    }
  }
  CompareLabels labels;
  labels.before = c.base.scenario.id;
  labels.after = "what-if";
  for (const Rubric& r : evaluation.rubrics) labels.category_names.emplace(r.category, r.name_ko);
  return BuildCompareResult(comparison, labels);
}

HttpResponse PostAward(const Context& c, const nlohmann::json& body) {
  const auto start = std::chrono::steady_clock::now();
  const ObjectReader reader(body, "", {"overrides"});
  const std::vector<Override> overrides = OverridesOf(c, reader);
  const ComputeGate::Ticket ticket = c.evaluations.Enter("recomputation");
  const double queue_ms = server_detail::MillisecondsSince(start);
  const auto evaluation = EvaluationOf(c, overrides);
  Json j = server_detail::AwardsJson(*evaluation);
  j["overrides"] = server_detail::OverridesJson(overrides);
  j["rules"] = server_detail::RulesJson(*evaluation);
  j["comparison"] = Json::parse(RenderResultJson(ComparisonOf(c, *evaluation), &c.base.provenance));
  j["server_ms"] = server_detail::MillisecondsSince(start);
  j["queue_ms"] = queue_ms;
  return JsonResponse(200, j);
}

HttpResponse PostExplain(const Context& c, const nlohmann::json& body) {
  const ObjectReader reader(body, "", {"category", "code", "overrides"});
  const auto category = reader.Text("category");
  const auto code = reader.Text("code", 16);
  if (!category) throw RequestError(400, "category", "missing 'category' (e.g. \"disclosure\")");
  if (!code) throw RequestError(400, "code", "missing 'code' (a government code, e.g. \"11530\")");
  const std::vector<Override> overrides = OverridesOf(c, reader);
  const ComputeGate::Ticket ticket = c.evaluations.Enter("recomputation");
  const auto evaluation = EvaluationOf(c, overrides);
  const std::size_t k = server_detail::CategoryIndex(evaluation->rubrics, *category, "category");
  const int row = evaluation->models[k].RowOf(*code);
  if (row < 0) {
    const bool known = c.base.registry.IndexOf(*code).has_value();
    const std::string hint = ClosestMatch(*code, evaluation->models[k].row_code);
    throw RequestError(404, "code",
                       known ? "government " + *code + " has no report in category " + *category
                             : "unknown government code '" + *code + "'" +
                                   (hint.empty() ? "" : ", did you mean '" + hint + "'?"));
  }
  Json j = server_detail::ExplainJson(*evaluation, k, static_cast<std::size_t>(row));
  server_detail::AddToNextJson(j, *evaluation, c.base.registry, k, static_cast<std::size_t>(row));
  return JsonResponse(200, j);
}

UncertaintyModel UncertaintyOf(const Context& c, const Evaluation& evaluation) {
  std::vector<std::string> skipped;  // Entries naming what these rules do not have: left out.
  return CompileUncertaintyInUse(c.base.uncertainty, evaluation.models, &evaluation.rules,
                                 &c.base.registry, skipped);
}

// The baseline's awards in draws 0 .. config.draws-1 of config.seed: kept per seed, extended
// when a request asks for more draws, so that each control change simulates only the scenario.
// Null when the recording was stopped (deadline, shutdown): the paired run then stops as well.
std::shared_ptr<const BaseAwardRecord> BaseAwardsOf(const Context& c,
                                                    const UncertaintyModel& base_uncertainty,
                                                    const SimulationConfig& config) {
  const auto known = c.base_awards.Find(config.seed);
  if (known != nullptr && known->draws() >= config.draws) return known;
  auto record = std::make_shared<const BaseAwardRecord>(
      RecordBaseAwards(c.baseline->models, base_uncertainty, config, known.get()));
  if (record->draws() < config.draws) return nullptr;
  c.base_awards.Put(config.seed, record);
  return record;
}

// Without overrides: Simulate on the baseline. With overrides: SimulatePaired, the baseline and
// the scenario on the same draws, for the differences with their paired standard errors (the
// baseline side read from its record, BaseAwardsOf).
HttpResponse PostSimulate(const Context& c, const nlohmann::json& body) {
  const auto start = std::chrono::steady_clock::now();
  const ObjectReader reader(body, "", {"draws", "seed", "overrides"});
  SimulationConfig config;
  config.draws = reader.Whole("draws", 1, c.limits.max_draws).value_or(c.limits.default_draws);
  config.seed = reader.Whole("seed", 0, UINT64_MAX).value_or(2020);
  config.threads = c.limits.simulation_threads;
  config.confidence_draws = 0;
  const std::vector<Override> overrides = OverridesOf(c, reader);
  const ComputeGate::Ticket ticket = c.simulations.Enter("simulation");
  const auto deadline = std::chrono::steady_clock::now() + c.limits.simulation_time;
  config.stop_requested = [&c, deadline] {
    return c.stopping.load() || std::chrono::steady_clock::now() >= deadline;
  };
  const auto evaluation = EvaluationOf(c, overrides);
  const UncertaintyModel uncertainty = UncertaintyOf(c, *evaluation);
  Json j;
  if (overrides.empty()) {
    j = server_detail::SimulationJson(*evaluation,
                                      Simulate(evaluation->models, uncertainty, config));
  } else {
    const UncertaintyModel base_uncertainty = UncertaintyOf(c, *c.baseline);
    const auto base_awards = BaseAwardsOf(c, base_uncertainty, config);
    const PairedSimulationResult paired =
        SimulatePaired(c.baseline->models, base_uncertainty, evaluation->models, uncertainty,
                       config, base_awards.get());
    j = server_detail::PairedSimulationJson(*evaluation, paired, config.draws,
                                            uncertainty.groups().size());
  }
  j["server_ms"] = server_detail::MillisecondsSince(start);
  return JsonResponse(200, j);
}

// The scenario file of the baseline's overrides and the request's: what `jobaward compare`
// reads. Evaluated first, so that a scenario that does not apply is a 400, not a file.
HttpResponse PostScenario(const Context& c, const nlohmann::json& body) {
  const ObjectReader reader(body, "", {"overrides", "id", "name_ko"});
  Scenario s;
  s.id = reader.Text("id", 64).value_or("what-if");
  s.name_ko = reader.Text("name_ko").value_or("");
  s.description =
      "Exported from the what-if page of `jobaward serve` (baseline: " + c.base.scenario.id + ").";
  s.base = c.base.scenario.base;
  for (std::string* path : {&s.base.registry, &s.base.rules, &s.base.reports}) {
    if (!path->empty()) *path = std::filesystem::absolute(*path).lexically_normal().string();
  }
  for (std::string& path : s.base.rubrics) {
    path = std::filesystem::absolute(path).lexically_normal().string();
  }
  const std::vector<Override> overrides = OverridesOf(c, reader);
  {
    const ComputeGate::Ticket ticket = c.evaluations.Enter("recomputation");
    (void)EvaluationOf(c, overrides);
  }
  s.overrides = c.base.scenario.overrides;
  s.overrides.insert(s.overrides.end(), overrides.begin(), overrides.end());
  HttpResponse r;
  r.content_type = "application/yaml; charset=utf-8";
  r.body = FormatScenarioYaml(s);
  (void)ParseScenario(r.body, "id");  // An id the loader refuses is refused here (400).
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + s.id + ".yaml\"");
  return r;
}

// What /api/export can give: the differences (`jobaward compare`'s tables) or the award
// table of the current scenario (`jobaward award`'s), each from the library's own result.
Result ExportedResult(const Context& c, const std::string& what, const Evaluation& evaluation) {
  if (what == "comparison") return ComparisonOf(c, evaluation);
  if (what == "awards") {
    return MakeAwardResult(evaluation.rubrics, evaluation.awards, evaluation.membership,
                           c.base.registry);
  }
  throw RequestError(400, "what", UnknownNameMessage("what", what, {"comparison", "awards"}));
}

// The differences or the awards as CSV (one table) or XLSX (every table), with the synthetic
// banner of the baseline's reports as on the command line (engine/docs/outputs.md).
HttpResponse PostExport(const Context& c, const nlohmann::json& body) {
  const ObjectReader reader(body, "", {"overrides", "format", "table", "what"});
  const std::string format = reader.Text("format", 8).value_or("csv");
  const std::string what = reader.Text("what", 16).value_or("comparison");
  if (format != "csv" && format != "xlsx") {
    throw RequestError(400, "format", "format: expected csv or xlsx, got '" + format + "'");
  }
  const std::vector<Override> overrides = OverridesOf(c, reader);
  const ComputeGate::Ticket ticket = c.evaluations.Enter("recomputation");
  const Result result =
      WithSyntheticBanner(ExportedResult(c, what, *EvaluationOf(c, overrides)), c.base.provenance);
  const std::string stem = what == "awards" ? "awards" : "what-if";
  HttpResponse r;
  if (format == "csv") {
    const std::string table =
        reader.Text("table", 32).value_or(what == "awards" ? "awards" : "award_changes");
    if (result.Find(table) == nullptr) {
      std::vector<std::string> ids;
      for (const ResultTable& t : result.tables) ids.push_back(t.id());
      throw RequestError(400, "table", UnknownNameMessage("table", table, ids));
    }
    r.content_type = "text/csv; charset=utf-8";
    r.body = RenderResultCsv(result, table, true);  // With a BOM: Excel shows the Korean names.
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + table + ".csv\"");
    return r;
  }
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = RenderResultXlsx(result, &c.base.provenance);  // In memory: no file to leave behind.
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + stem + ".xlsx\"");
  return r;
}

HttpResponse Route(const Context& c, const HttpRequest& request, const std::string& model_json) {
  const std::string& path = request.path;
  if (request.method == "GET" || request.method == "HEAD") {
    if (const server_detail::PageAsset* asset = server_detail::FindPageAsset(path)) {
      HttpResponse r;
      r.content_type = std::string(asset->content_type);
      r.body = std::string(asset->content);
      return r;
    }
    if (path == "/api/model") {
      HttpResponse r;
      r.content_type = "application/json; charset=utf-8";
      r.body = model_json;
      return r;
    }
  }
  using Handler = HttpResponse (*)(const Context&, const nlohmann::json&);
  static const std::pair<const char*, Handler> kPosts[] = {{"/api/award", PostAward},
                                                           {"/api/explain", PostExplain},
                                                           {"/api/simulate", PostSimulate},
                                                           {"/api/scenario", PostScenario},
                                                           {"/api/export", PostExport}};
  for (const auto& [route, handler] : kPosts) {
    if (path != route) continue;
    if (request.method != "POST") {
      throw RequestError(405, "", request.method + " " + path + " is not supported; use POST");
    }
    return handler(c, server_detail::ParseJsonObject(request.body, c.limits.max_json_depth));
  }
  if (path == "/api/model" || server_detail::FindPageAsset(path) != nullptr) {
    throw RequestError(405, "", request.method + " " + path + " is not supported; use GET");
  }
  throw RequestError(404, "",
                     "there is nothing at '" + path +
                         "' (the API is GET /api/model and POST /api/award, /api/explain, "
                         "/api/simulate, /api/scenario, /api/export; see engine/docs/serve.md)");
}

}  // namespace

HttpResponse WhatIfService::Handle(const HttpRequest& request) const {
  const State& s = *state_;
  HttpResponse response;
  try {
    server_detail::CheckRequest(request, s.host, s.port);
    if (request.body.size() > s.limits.max_body_bytes) {
      throw RequestError(413, "",
                         "the body has " + std::to_string(request.body.size()) +
                             " bytes; at most " + std::to_string(s.limits.max_body_bytes) +
                             " are accepted");
    }
    const Context c{s.base,
                    s.limits,
                    state_->evaluations,
                    state_->simulations,
                    state_->cache,
                    state_->base_awards,
                    s.baseline,
                    s.stopping};
    response = Route(c, request, s.model_json);
  } catch (const RequestError& e) {
    response = ErrorResponse(e.status(), e.key(), e.what(), e.details());
  } catch (const InputError& e) {
    std::vector<std::string> details;
    const std::string first = DescribeDiagnostics(e, details);
    response = ErrorResponse(400, "", first, details);
  } catch (const std::bad_alloc&) {
    response = ErrorResponse(503, "", "the server ran out of memory for this request");
  } catch (const std::exception& e) {
    response =
        ErrorResponse(500, "", std::string("internal error (a bug in jobaward): ") + e.what());
  }
  AddSecurityHeaders(response);
  return response;
}

}  // namespace jobaward
