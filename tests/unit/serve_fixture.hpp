// The what-if service on the bundled 2020 inputs, built once for the serve tests
// (serve_api_test.cpp, serve_socket_test.cpp), and requests to it without a socket.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "jobaward/server/what_if_service.hpp"

namespace jobaward::test {

/// The port the fixture's service believes it listens on (checked in Host headers).
inline constexpr int kServePort = 18080;

/// The bundled 2020 base (registry, rules, both rubrics, the 243 reports, the uncertainty
/// spec), loaded once.
const WhatIfBase& BundledWhatIfBase();

/// A service on BundledWhatIfBase() with the default limits, built once.
const WhatIfService& BundledService();

/// A request as the page sends it: Host 127.0.0.1:kServePort, Origin of the page for POST,
/// Content-Type application/json when there is a body.
HttpRequest PageRequest(const std::string& method, const std::string& path,
                        const std::string& body = "");

/// The response's body as JSON (fails the test when it is not JSON).
nlohmann::json BodyJson(const HttpResponse& response);

}  // namespace jobaward::test
