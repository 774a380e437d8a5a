// The bundled what-if service for the serve tests (see serve_fixture.hpp).
#include "serve_fixture.hpp"

#include <doctest/doctest.h>

#include "test_support.hpp"

namespace jobaward::test {

const WhatIfBase& BundledWhatIfBase() {
  static const WhatIfBase base = [] {
    WhatIfPaths paths;
    paths.registry = SourcePath("cohorts/governments-2020.csv");
    paths.registry_is_2020 = true;
    paths.rules = SourcePath("cohorts/2020.yaml");
    paths.rubrics = {SourcePath("rubrics/2020-disclosure.yaml"),
                     SourcePath("rubrics/2020-best-program.yaml")};
    paths.reports = SourcePath("examples/2020/reports");
    paths.uncertainty = SourcePath("examples/2020/uncertainty.yaml");
    return LoadWhatIfBase(paths);
  }();
  return base;
}

const WhatIfService& BundledService() {
  static const WhatIfService service(BundledWhatIfBase(), ServiceLimits{}, "127.0.0.1", kServePort);
  return service;
}

HttpRequest PageRequest(const std::string& method, const std::string& path,
                        const std::string& body) {
  HttpRequest r;
  r.method = method;
  r.path = path;
  const std::string host = "127.0.0.1:" + std::to_string(kServePort);
  r.headers.emplace_back("Host", host);
  if (method == "POST") {
    r.headers.emplace_back("Origin", "http://" + host);
    r.headers.emplace_back("Content-Type", "application/json");
  }
  r.body = body;
  return r;
}

nlohmann::json BodyJson(const HttpResponse& response) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(response.body);
  } catch (const nlohmann::json::parse_error& e) {
    FAIL("the response is not JSON: " << e.what() << "\n" << response.body.substr(0, 200));
  }
  return j;
}

}  // namespace jobaward::test
