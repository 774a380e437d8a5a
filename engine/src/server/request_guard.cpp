// Host, Origin and content-type checks (see request_guard.hpp).
#include "request_guard.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "request_error.hpp"

namespace jobaward::server_detail {

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

namespace {

bool IsIpLiteral(const std::string& name) {
  unsigned char buffer[16];
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    return inet_pton(AF_INET6, name.substr(1, name.size() - 2).c_str(), buffer) == 1;
  }
  return inet_pton(AF_INET, name.c_str(), buffer) == 1;
}

// Splits "name:port" ("[v6]:port"); a missing port is 80. False when malformed.
bool SplitHost(std::string_view header, std::string& name, int& port) {
  const std::string text = Lower(header);
  const auto colon = text.rfind(':');
  const bool has_port = colon != std::string::npos && text.find(']', colon) == std::string::npos;
  name = has_port ? text.substr(0, colon) : text;
  port = 80;
  if (has_port) {
    const std::string digits = text.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    port = std::stoi(digits);
  }
  return !name.empty();
}

std::string Bare(std::string_view host) {
  std::string h = Lower(host);
  if (h.find(':') != std::string::npos && h.front() != '[') h = "[" + h + "]";  // "::1"
  return h;
}

}  // namespace

bool HostIsAllowed(std::string_view host_header, std::string_view bound_host, int port) {
  std::string name;
  int header_port = 0;
  if (!SplitHost(host_header, name, header_port) || header_port != port) return false;
  return IsIpLiteral(name) || name == "localhost" || name == Bare(bound_host);
}

void CheckRequest(const HttpRequest& request, std::string_view bound_host, int port) {
  const std::string* host = request.Header("Host");
  if (host == nullptr || host->empty()) {
    throw RequestError(400, "Host", "the request has no Host header");
  }
  if (!HostIsAllowed(*host, bound_host, port)) {
    throw RequestError(403, "Host",
                       "Host '" + *host + "' is not this server (expected 127.0.0.1:" +
                           std::to_string(port) + " or localhost:" + std::to_string(port) +
                           "); requests through other host names are refused to prevent DNS "
                           "rebinding");
  }
  if (const std::string* origin = request.Header("Origin")) {
    if (Lower(*origin) != "http://" + Lower(*host)) {
      throw RequestError(
          403, "Origin",
          "Origin '" + *origin + "' is not this server's page; cross-origin requests are refused");
    }
  }
  if (const std::string* site = request.Header("Sec-Fetch-Site")) {
    if (Lower(*site) == "cross-site") {
      throw RequestError(403, "Sec-Fetch-Site", "cross-site requests are refused");
    }
  }
  if (request.method == "POST") {
    const std::string* type = request.Header("Content-Type");
    std::string media = type == nullptr ? "" : Lower(type->substr(0, type->find(';')));
    media.erase(0, media.find_first_not_of(' '));
    media.erase(media.find_last_not_of(' ') + 1);
    if (media != "application/json") {
      throw RequestError(
          415, "Content-Type",
          "a POST body must be sent as Content-Type: application/json" +
              (type == nullptr ? std::string(" (none was given)") : ", got '" + *type + "'"));
    }
  }
}

}  // namespace jobaward::server_detail
