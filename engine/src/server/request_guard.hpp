// Who may talk to the server: the checks every request passes before any handler runs.
//
// DNS rebinding: a page on evil.example can make its own host name resolve to 127.0.0.1 and
// then read responses "from its own origin"; the browser still sends `Host: evil.example`. So
// the Host header must carry this server's port and a name that no outsider controls: an IP
// literal (a browser sends one only when the page's own URL has it, and an IP cannot be
// rebound), `localhost`, or the name given to --host. Cross-site requests: a browser sends
// `Origin` with every POST and every cross-origin request; it must be exactly this server's
// origin (`http://` + the Host header), and `Sec-Fetch-Site: cross-site` is refused too.
// Scripts such as curl send neither and pass. A POST body must be declared `application/json`,
// which a cross-site HTML form cannot send without a CORS preflight (never granted: the server
// answers no OPTIONS request and sends no Access-Control-* header).
#pragma once

#include <string>
#include <string_view>

#include "jobaward/server/what_if_service.hpp"

namespace jobaward::server_detail {

/// True when `host_header` ("127.0.0.1:8080", "[::1]:8080", "localhost:8080", "name:8080"; the
/// port may be left out when it is 80) names this server: port `port`, and an IP literal,
/// `localhost` or `bound_host`.
[[nodiscard]] bool HostIsAllowed(std::string_view host_header, std::string_view bound_host,
                                 int port);

/// Throws RequestError: 400 without a Host header, 403 for a Host or Origin that is not this
/// server or a cross-site fetch, 415 for a POST whose Content-Type is not application/json.
void CheckRequest(const HttpRequest& request, std::string_view bound_host, int port);

/// ASCII lower case.
[[nodiscard]] std::string Lower(std::string_view text);

}  // namespace jobaward::server_detail
