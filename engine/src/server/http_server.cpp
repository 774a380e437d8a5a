// The what-if service on a socket, with cpp-httplib (see server.hpp for the choice and the
// bounds).
// The jobaward headers (and Eigen through them) come before httplib.h: it includes <resolv.h>,
// whose `_res` macro breaks Eigen's headers.
#include "jobaward/server/server.hpp"
// clang-format off
#include <httplib.h>
// clang-format on
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "jobaward/error.hpp"

namespace jobaward {

namespace {

// Set on the accepting thread while it serves a connection the queue has no room for: every
// request on it is answered 429 without being looked at.
thread_local bool t_refuse_connection = false;

// cpp-httplib's ThreadPool queues without limit; this one lets at most `max_queued` connections
// wait beyond the idle workers. The accepting thread serves the rest itself, answering 429 to
// each request: a prompt client learns at once to retry, and a slow one holds up only the
// accepting, so that further connections wait in the kernel's backlog (bounded) instead of in
// memory.
class BoundedPool final : public httplib::TaskQueue {
 public:
  BoundedPool(int threads, std::size_t max_queued)
      : max_queued_(max_queued), idle_(static_cast<std::size_t>(threads)) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { Work(); });
  }
  ~BoundedPool() override { shutdown(); }
  BoundedPool(const BoundedPool&) = delete;
  BoundedPool& operator=(const BoundedPool&) = delete;

  void enqueue(std::function<void()> fn) override {
    {
      const std::lock_guard lock(mutex_);
      if (jobs_.size() < max_queued_ + idle_ && !shut_) {
        jobs_.push_back(std::move(fn));
        ready_.notify_one();
        return;
      }
    }
    t_refuse_connection = true;
    fn();
    t_refuse_connection = false;
  }

  void shutdown() override {
    {
      const std::lock_guard lock(mutex_);
      if (shut_) return;
      shut_ = true;
    }
    ready_.notify_all();
    for (auto& w : workers_) w.join();
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return shut_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // Shut down and drained.
        job = std::move(jobs_.front());
        jobs_.pop_front();
        --idle_;
      }
      job();
      const std::lock_guard lock(mutex_);
      ++idle_;
    }
  }

  std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  std::size_t idle_;  // Workers not running a job (waiting, or about to).
  bool shut_ = false;
};

std::string ErrorJson(int status, const std::string& message) {
  // The same shape as the service's errors (what_if_service.cpp), for what the library refuses
  // before a handler runs: a malformed request line (400), a URI or header too long (414, 431),
  // a body over the library's cap (413).
  std::string escaped;
  for (const char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return "{\"error\":{\"status\":" + std::to_string(status) + ",\"key\":\"\",\"message\":\"" +
         escaped + "\",\"details\":[]}}\n";
}

}  // namespace

struct HttpServer::Impl final : httplib::Server {
  explicit Impl(HttpServerOptions o) : options(o) {}

  void RaiseBacklog() {
    // cpp-httplib 0.11 listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into
    // Debian's library); on Linux a second listen() on the socket sets the new backlog.
    (void)::listen(svr_sock_, SOMAXCONN);
  }

  HttpServerOptions options;
  const WhatIfService* service = nullptr;
  std::string host;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> finished{false};
};

HttpServer::HttpServer(HttpServerOptions options) : impl_(std::make_unique<Impl>(options)) {
  Impl& s = *impl_;
  s.new_task_queue = [&s] {
    return new BoundedPool(s.options.threads, s.options.max_queued_connections);
  };
  s.set_keep_alive_timeout(s.options.keep_alive_seconds);
  s.set_keep_alive_max_count(static_cast<std::size_t>(s.options.keep_alive_max_requests));
  s.set_read_timeout(s.options.read_timeout_seconds, 0);
  s.set_write_timeout(s.options.write_timeout_seconds, 0);
  s.set_payload_max_length(s.options.max_body_bytes);
  const auto handle = [&s](const httplib::Request& req, httplib::Response& res) {
    if (t_refuse_connection) {
      res.status = 429;
      res.set_header("Retry-After", "1");
      res.set_content(ErrorJson(429,
                                "the server is busy: too many connections wait; retry "
                                "shortly"),
                      "application/json; charset=utf-8");
      return;
    }
    HttpRequest request;
    request.method = req.method;
    request.path = req.path;
    for (const auto& [name, value] : req.headers) request.headers.emplace_back(name, value);
    request.body = req.body;
    HttpResponse response = s.service->Handle(request);
    res.status = response.status;
    for (const auto& [name, value] : response.headers) res.set_header(name, value);
    res.set_content(std::move(response.body), response.content_type);
  };
  s.Get(".*", handle);
  s.Post(".*", handle);
  s.Put(".*", handle);
  s.Patch(".*", handle);
  s.Delete(".*", handle);
  s.Options(".*", handle);
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const char* what = res.status == 413   ? "the request body is too large"
                           : res.status == 414 ? "the request URI is too long"
                           : res.status == 431 ? "the request headers are too large"
                                               : "the request is malformed";
        res.set_content(ErrorJson(res.status, what), "application/json; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
      }));
}

HttpServer::~HttpServer() = default;

int HttpServer::Bind(const std::string& host, int port) {
  impl_->host = host;
  const bool bound =
      port == 0 ? (port = impl_->bind_to_any_port(host)) > 0 : impl_->bind_to_port(host, port);
  if (!bound) {
    throw InputError(Diagnostic{{},
                                "--port",
                                "cannot listen on " + host + ":" + std::to_string(port) +
                                    " (in use, or not an address of this machine)",
                                {}});
  }
  impl_->RaiseBacklog();
  return port;
}

void HttpServer::Serve(const WhatIfService& service) {
  impl_->service = &service;
  if (!impl_->stop_requested) impl_->listen_after_bind();
  impl_->finished = true;
}

void HttpServer::Stop() {
  // httplib's stop() does nothing until the listening loop has started; a stop that comes
  // earlier is repeated until Serve returns.
  impl_->stop_requested = true;
  while (!impl_->finished) {
    impl_->stop();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string ServerUrl(const std::string& host, int port) {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

}  // namespace jobaward
