// `jobaward serve`'s HTTP server on a real loopback socket: requests go over the wire through
// cpp-httplib to the service and back; the library's own limits answer with the API's error
// shape; a full connection queue is refused with 429 at once; Stop makes Serve return.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "jobaward/server/server.hpp"
#include "serve_fixture.hpp"

namespace jobaward {
namespace {

/// A raw HTTP/1.1 client: one connection to 127.0.0.1:port.
class Connection {
 public:
  /// `timeout_seconds` bounds each wait for a response.
  explicit Connection(int port, int timeout_seconds = 5) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    timeval timeout{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~Connection() { ::close(fd_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Send(const std::string& text) const {
    REQUIRE(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(text.size()));
  }

  /// Reads one response (headers, then Content-Length bytes): the status and the body.
  std::pair<int, std::string> Receive() {
    std::size_t header_end = std::string::npos;
    while ((header_end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return {0, ""};
    }
    const std::string head = buffer_.substr(0, header_end);
    const auto length_at = head.find("Content-Length: ");
    const std::size_t length =
        length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 16));
    while (buffer_.size() < header_end + 4 + length) {
      if (!Fill()) break;
    }
    const int status = std::stoi(head.substr(9, 3));
    std::string body = buffer_.substr(header_end + 4, length);
    buffer_.erase(0, header_end + 4 + length);
    return {status, body};
  }

 private:
  bool Fill() {
    char chunk[65536];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  int fd_;
  std::string buffer_;
};

std::string Request(const std::string& method, const std::string& path, int port,
                    const std::string& body = "", const std::string& host = "") {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: " +
                  (host.empty() ? "127.0.0.1:" + std::to_string(port) : host) + "\r\n";
  if (!body.empty() || method == "POST") {
    r +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return r + "\r\n" + body;
}

/// A server on a free loopback port, serving on its own thread until destroyed.
struct RunningServer {
  explicit RunningServer(HttpServerOptions options = {}, ServiceLimits limits = {})
      : server(options) {
    port = server.Bind("127.0.0.1", 0);
    service = std::make_unique<WhatIfService>(test::BundledWhatIfBase(), limits, "127.0.0.1", port);
    thread = std::thread([this] { server.Serve(*service); });
  }
  ~RunningServer() {
    service->Stop();
    server.Stop();
    thread.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  HttpServer server;
  int port = 0;
  std::unique_ptr<WhatIfService> service;
  std::thread thread;
};

TEST_CASE("serve socket: the API over loopback, several requests on one connection") {
  RunningServer s;
  Connection c(s.port);
  c.Send(Request("GET", "/api/model", s.port));
  auto [status, body] = c.Receive();
  CHECK(status == 200);
  CHECK(nlohmann::json::parse(body)["governments"].size() == 243);
  c.Send(Request("POST", "/api/award", s.port, "{}"));
  std::tie(status, body) = c.Receive();
  CHECK(status == 200);
  CHECK(nlohmann::json::parse(body)["total_count"] == 73);
  c.Send(Request("GET", "/", s.port));
  std::tie(status, body) = c.Receive();
  CHECK(status == 200);
  CHECK(body.find("일자리대상") != std::string::npos);
  // DNS rebinding: the same socket, another host name.
  c.Send(Request("GET", "/api/model", s.port, "", "rebound.example:" + std::to_string(s.port)));
  std::tie(status, body) = c.Receive();
  CHECK(status == 403);
}

TEST_CASE("serve socket: what the HTTP library refuses gets the API's error shape") {
  RunningServer s;
  {
    Connection c(s.port);
    c.Send("NONSENSE\r\n\r\n");
    const auto [status, body] = c.Receive();
    CHECK(status == 400);
    CHECK(nlohmann::json::parse(body)["error"]["status"] == 400);
  }
  {
    // Over the library's cap (1 MiB): refused from the Content-Length, before the body.
    Connection c(s.port);
    c.Send("POST /api/award HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(s.port) +
           "\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n");
    // The library reads (and drops) the announced body before it answers, or waits for its
    // read timeout (5 s) if the client stops short: send all of it, which takes milliseconds.
    c.Send(std::string(2000000, ' '));
    const auto [status, body] = c.Receive();
    CHECK(status == 413);
    CHECK(nlohmann::json::parse(body)["error"]["message"] == "the request body is too large");
  }
  {
    // Over the service's limit (64 KiB), under the library's: the service's message.
    Connection c(s.port);
    c.Send(Request("POST", "/api/award", s.port, std::string(70000, ' ')));
    const auto [status, body] = c.Receive();
    CHECK(status == 413);
    CHECK(nlohmann::json::parse(body)["error"]["message"].get<std::string>().find("at most") !=
          std::string::npos);
  }
  {
    // The longest path the library accepts still routes (and is not found).
    Connection c(s.port);
    c.Send(Request("GET", "/" + std::string(8000, 'a'), s.port));
    CHECK(c.Receive().first == 404);
  }
}

TEST_CASE("serve socket: a connection beyond the queue is answered 429 at once") {
  HttpServerOptions options;
  options.threads = 1;
  options.max_queued_connections = 0;
  RunningServer s(options);
  // The one worker serves this keep-alive connection and then waits on it for the next request.
  Connection first(s.port);
  first.Send(Request("GET", "/api/model", s.port));
  CHECK(first.Receive().first == 200);
  Connection second(s.port);
  second.Send(Request("GET", "/api/model", s.port));
  const auto [status, body] = second.Receive();
  CHECK(status == 429);
  CHECK(nlohmann::json::parse(body)["error"]["message"].get<std::string>().find("busy") !=
        std::string::npos);
}

TEST_CASE("serve socket: 50 concurrent clients get their own recomputations, without an error") {
  // Every client is served, however slow the machine (the sanitizer build is ~10x slower): the
  // queue (64) holds all 50, and neither the queue nor the clients give up early.
  ServiceLimits limits;
  limits.queue_wait = std::chrono::seconds(120);
  RunningServer s({}, limits);
  constexpr int kClients = 50;
  constexpr int kRequests = 1;
  std::vector<int> failures(kClients, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      Connection c(s.port, 120);
      for (int k = 0; k < kRequests; ++k) {
        // A scenario no other request asks about: a real recomputation, never a cache hit.
        const std::string weight = std::to_string(1 + (i * kRequests + k + 1) / 1000.0);
        c.Send(
            Request("POST", "/api/award", s.port,
                    R"({"overrides": {"2020-disclosure.stages.stage2_weight": )" + weight + "}}"));
        const auto [status, body] = c.Receive();
        const bool ok = status == 200 && nlohmann::json::parse(body)["overrides"].begin().value() ==
                                             std::stod(weight);
        failures[static_cast<std::size_t>(i)] += ok ? 0 : 1;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  int total = 0;
  for (const int f : failures) total += f;
  CHECK(total == 0);
}

}  // namespace
}  // namespace jobaward
