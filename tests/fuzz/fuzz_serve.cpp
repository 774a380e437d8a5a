// libFuzzer harness: the what-if service's request handler (what_if_service.hpp) on the bundled
// 2020 inputs. The input is one request: a first line "METHOD PATH", header lines "Name: value"
// up to an empty line, then the body. Any status but 2xx and 4xx is a finding (a 5xx is a bug
// by the service's contract), and so is a response that is not JSON where JSON is promised.
// Simulations are capped at a few blocks of draws so that each input runs in milliseconds.
#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "jobaward/server/what_if_service.hpp"

namespace {

const jobaward::WhatIfService& Service() {
  static const jobaward::WhatIfService service = [] {
    const std::string dir = JOBAWARD_SOURCE_DIR;
    jobaward::WhatIfPaths paths;
    paths.registry = dir + "/cohorts/governments-2020.csv";
    paths.registry_is_2020 = true;
    paths.rules = dir + "/cohorts/2020.yaml";
    paths.rubrics = {dir + "/rubrics/2020-disclosure.yaml",
                     dir + "/rubrics/2020-best-program.yaml"};
    paths.reports = dir + "/examples/2020/reports";
    paths.uncertainty = dir + "/examples/2020/uncertainty.yaml";
    jobaward::ServiceLimits limits;
    limits.max_draws = 512;
    limits.default_draws = 256;
    limits.simulation_threads = 1;
    return jobaward::WhatIfService(jobaward::LoadWhatIfBase(paths), limits, "127.0.0.1", 8080);
  }();
  return service;
}

jobaward::HttpRequest ParseRequest(std::string_view text) {
  jobaward::HttpRequest r;
  auto line = [&]() {
    const auto end = text.find('\n');
    std::string_view l = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return std::string(l);
  };
  const std::string first = line();
  const auto space = first.find(' ');
  r.method = first.substr(0, space);
  r.path = space == std::string::npos ? "/" : first.substr(space + 1);
  bool has_host = false;
  for (std::string h = line(); !h.empty(); h = line()) {
    const auto colon = h.find(':');
    std::string name = h.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : h.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    has_host = has_host || name == "Host";
    r.headers.emplace_back(std::move(name), std::move(value));
  }
  // Most inputs should get past the Host check to exercise the handlers.
  if (!has_host) r.headers.emplace_back("Host", "127.0.0.1:8080");
  if (r.method == "POST" && r.Header("Content-Type") == nullptr) {
    r.headers.emplace_back("Content-Type", "application/json");
  }
  r.body = std::string(text);
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const jobaward::HttpRequest request = ParseRequest(jobaward::fuzz::AsText(data, size));
  const jobaward::HttpResponse response = Service().Handle(request);
  const bool ok = (response.status >= 200 && response.status < 300) ||
                  (response.status >= 400 && response.status < 500);
  if (!ok) {
    throw jobaward::InternalError("status " + std::to_string(response.status) + ": " +
                                  response.body.substr(0, 300));
  }
  if (response.content_type.rfind("application/json", 0) == 0) {
    (void)nlohmann::json::parse(response.body);  // Throws (a finding) when it is not JSON.
  }
  return 0;
}
