// The one way a request is refused: an HTTP status of the 4xx family and a message that says
// what was wrong and what is expected, sent to the client as {"error": {...}} (api.md). Thrown
// anywhere below the request handler (what_if_service.cpp), which turns it into the response;
// anything else that escapes a handler is a bug and becomes a 500 (never expected; the fuzz
// harness treats it as a finding).
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace jobaward::server_detail {

class RequestError : public std::runtime_error {
 public:
  /// `status` in [400, 499] (503 only while the server stops); `key` names the offending part of
  /// the request ("draws", "set.disclosure.domains.outcome.points", "Host"), or "" for the request
  /// as a whole.
  RequestError(int status, std::string key, const std::string& message,
               std::vector<std::string> details = {})
      : std::runtime_error(message),
        status_(status),
        key_(std::move(key)),
        details_(std::move(details)) {}

  [[nodiscard]] int status() const noexcept { return status_; }
  [[nodiscard]] const std::string& key() const noexcept { return key_; }
  /// Further lines, e.g. every diagnostic of a scenario that does not apply.
  [[nodiscard]] const std::vector<std::string>& details() const noexcept { return details_; }

 private:
  int status_;
  std::string key_;
  std::vector<std::string> details_;
};

}  // namespace jobaward::server_detail
