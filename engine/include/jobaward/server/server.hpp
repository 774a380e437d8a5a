// `jobaward serve` on a socket: the what-if service (what_if_service.hpp) behind an HTTP/1.1
// server on one address and port.
//
// Library: cpp-httplib (Debian's libcpp-httplib-dev 0.11.4). The work behind a request is a few
// milliseconds of CPU (an award recomputation) up to a bounded simulation; a blocking server
// with a fixed pool of threads is all it needs, and cpp-httplib brings the limits a public-facing
// server must have — request line, header and body sizes, read/write and keep-alive timeouts —
// in a small, widely used library. Boost.Beast (also in Debian) would leave the accept loop,
// the sessions, their timers and their limits for us to write; its strength, many thousands of
// idle connections on a few threads, is not what a meeting-room tool needs.
//
// Bounds beyond the library's: connections wait for a worker in a queue of at most
// `max_queued_connections` — beyond that a connection is answered at once with 429 and closed
// on the accepting thread, so a flood costs no memory; the listen backlog is raised from the
// library's 5 to SOMAXCONN so that 50 clients connecting at once are not dropped; idle
// keep-alive connections are closed after `keep_alive_seconds`.
//
// Thread safety: Bind and Serve from one thread; Stop from any thread (a signal watcher).
// Tests: tests/unit/server/serve_socket_test.cpp (a real loopback socket: the API, the limits,
// Stop).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "jobaward/server/what_if_service.hpp"

namespace jobaward {

struct HttpServerOptions {
  int threads = 16;                          ///< Workers; each serves one connection at a time.
  std::size_t max_queued_connections = 256;  ///< Waiting for a busy worker; beyond: 429, close.
  int keep_alive_seconds = 2;
  int keep_alive_max_requests = 1000;
  int read_timeout_seconds = 5;  ///< A client that sends nothing for this long is dropped.
  int write_timeout_seconds = 5;
  std::size_t max_body_bytes = 1024 * 1024;  ///< The library's own cap, above the service's.
};

class HttpServer {
 public:
  explicit HttpServer(HttpServerOptions options = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds `host` (an address or a name) and `port` (0 = any free port) and returns the port.
  /// Throws InputError naming --host/--port when the address cannot be bound.
  int Bind(const std::string& host, int port);

  /// Serves `service` until Stop(); returns when every worker has finished. REQUIRES: Bind.
  void Serve(const WhatIfService& service);

  /// Stops accepting, lets the workers finish their requests, and returns when Serve has
  /// returned. REQUIRES: Serve has been called, or is being called, on another thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// "http://127.0.0.1:8080/" ("[::1]" for IPv6 literals).
[[nodiscard]] std::string ServerUrl(const std::string& host, int port);

}  // namespace jobaward
