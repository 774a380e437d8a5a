// Batch loading of report directories: parse files on a few threads a bounded window ahead of the
// visitor, hand results over in sorted file order, reject bad files one by one instead of failing
// the batch. The Load* functions collect what the Visit* ones hand over.
#include <algorithm>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_io.hpp"

namespace jobaward {

namespace {

bool IsWorkbook(const std::filesystem::path& file) { return file.extension() == ".xlsx"; }

}  // namespace

bool IsReportFileName(const std::filesystem::path& path) {
  // Excel's lock files (~$name.xlsx) of a workbook open on a shared folder are not reports.
  const bool lock_file = path.filename().string().rfind("~$", 0) == 0;
  return path.extension() == ".yaml" || (IsWorkbook(path) && !lock_file);
}

namespace {

// Names of the files a reports directory is read from; said in the "no report file" error.
constexpr const char* kReportNames = "*.yaml and *.xlsx";

// Every entry of `dir` named like a report, whatever it is: a FIFO, a device, a subdirectory, a
// dangling link or a link loop named *.yaml is not skipped silently but rejected by name when it
// is read (ReadInput says what it is). Entry types are never asked for here, so no entry can
// make the listing itself fail.
std::vector<std::filesystem::path> ListReportFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  std::size_t others = 0;
  std::string other_example;
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    const std::filesystem::path& path = it->path();
    if (IsReportFileName(path)) {
      files.push_back(path);
    } else {
      ++others;
      const std::string name = path.filename().string();
      if (other_example.empty() || name < other_example) other_example = name;
    }
  }
  if (ec) {
    throw InputError(
        Diagnostic{{dir.string()}, {}, "cannot list the reports directory: " + ec.message(), {}});
  }
  if (files.empty()) {
    std::string message = std::string("no report file in the directory: reports are read from ") +
                          kReportNames + " (not *.yml, *.YAML or *.XLSX)";
    message += others == 0 ? "; the directory is empty"
                           : "; it holds " + std::to_string(others) + " other file(s), e.g. '" +
                                 other_example + "'";
    throw InputError(Diagnostic{{dir.string()}, {}, message, {}});
  }
  // Sorting by name makes the batch (and which duplicate is "the later file") independent of
  // the directory's storage order.
  std::sort(files.begin(), files.end());
  return files;
}

// Files parsed ahead of the visitor, per worker: enough to keep the workers busy while the visitor
// works, few enough that memory stays flat (a parsed report is ~15 KB).
constexpr std::size_t kWindowPerWorker = 32;

using Parsed = std::variant<Report, std::vector<Diagnostic>>;

Parsed LoadOne(const std::filesystem::path& file, const ReportSchema& schema,
               const Registry& registry, const ReportLoadOptions& options) {
  try {
    if (IsWorkbook(file)) {
      return ParseReportXlsx(ReadInput(file, InputKind::kWorkbook), file.string(), schema, registry,
                             options);
    }
    return ParseReportYaml(ReadInput(file, InputKind::kReport), file.string(), schema, registry,
                           options);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
}

// Parses files 0..count-1 on `workers` threads, at most a window ahead of the consumer, and calls
// `consume(i, parsed)` on the calling thread in file order. Workers take the next file index
// from a shared counter and write only their own slot of a ring, so the order does not depend
// on the thread count or timing.
void ParseInOrder(std::size_t count, std::size_t workers,
                  const std::function<Parsed(std::size_t)>& parse,
                  const std::function<void(std::size_t, Parsed&&)>& consume) {
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) consume(i, parse(i));
    return;
  }
  const std::size_t window = workers * kWindowPerWorker;
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::optional<Parsed>> ring(window);
  std::size_t next = 0;      // Next file a worker takes.
  std::size_t consumed = 0;  // Files handed to `consume`; slots below it are free.
  bool stop = false;
  std::exception_ptr failure;
  const auto work = [&] {
    std::unique_lock lock(mutex);
    while (true) {
      changed.wait(lock, [&] { return stop || next >= count || next < consumed + window; });
      if (stop || next >= count) return;
      const std::size_t i = next++;
      lock.unlock();
      std::optional<Parsed> parsed;
      std::exception_ptr error;
      try {
        parsed = parse(i);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      if (error) {
        if (!failure) failure = error;
        stop = true;
      } else {
        ring[i % window] = std::move(parsed);
      }
      changed.notify_all();
    }
  };
  {
    std::vector<std::jthread> pool;
    // Declared after the pool, so it runs first on every exit (a visitor's exception included):
    // workers must be told to stop before the pool joins them.
    struct Stopper {
      std::mutex& mutex;
      std::condition_variable& changed;
      bool& stop;
      ~Stopper() {
        const std::lock_guard lock(mutex);
        stop = true;
        changed.notify_all();
      }
    } stopper{mutex, changed, stop};
    for (std::size_t t = 0; t < workers; ++t) pool.emplace_back(work);
    for (std::size_t i = 0; i < count; ++i) {
      Parsed parsed;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return failure || ring[i % window].has_value(); });
        if (failure) break;
        parsed = std::move(*ring[i % window]);
        ring[i % window].reset();
        consumed = i + 1;
      }
      changed.notify_all();
      consume(i, std::move(parsed));
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

void VisitReportsDir(const std::filesystem::path& dir, const ReportSchema& schema,
                     const Registry& registry, const ReportVisitor& visitor,
                     const ReportLoadOptions& options) {
  const std::vector<std::filesystem::path> files = ListReportFiles(dir);
  const std::size_t workers =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.threads)), files.size());
  std::map<std::string, std::size_t> first_file;  // government -> index in `files`
  ParseInOrder(
      files.size(), workers,
      [&](std::size_t i) { return LoadOne(files[i], schema, registry, options); },
      [&](std::size_t i, Parsed&& parsed) {
        if (auto* diagnostics = std::get_if<std::vector<Diagnostic>>(&parsed)) {
          visitor.on_rejected({files[i].string(), 0, std::move(*diagnostics)});
          return;
        }
        Report& report = std::get<Report>(parsed);
        const auto [it, inserted] = first_file.emplace(report.government_code, i);
        if (!inserted) {
          visitor.on_rejected(
              {files[i].string(),
               0,
               {Diagnostic{report.origin,
                           "government",
                           "government " + report.government_code + " already has a report in " +
                               files[it->second].string() + "; this file is ignored",
                           {}}}});
          return;
        }
        visitor.on_report(std::move(report));
      });
}

void VisitReports(const std::filesystem::path& path, const ReportSchema& schema,
                  const Registry& registry, const ReportVisitor& visitor,
                  const ReportLoadOptions& options) {
  std::error_code ec;  // a path that cannot be examined is named when it is read
  if (std::filesystem::is_directory(path, ec)) {
    VisitReportsDir(path, schema, registry, visitor, options);
  } else if (path.extension() == ".csv") {
    VisitReportsCsv(path, schema, registry, visitor, options);
  } else if (IsWorkbook(path)) {
    VisitReportsXlsx(path, schema, registry, visitor, options);
  } else {
    Parsed parsed = LoadOne(path, schema, registry, options);
    if (auto* diagnostics = std::get_if<std::vector<Diagnostic>>(&parsed)) {
      visitor.on_rejected({path.string(), 0, std::move(*diagnostics)});
    } else {
      visitor.on_report(std::get<Report>(std::move(parsed)));
    }
  }
}

namespace {

// A visitor that collects what it is given: the Load* functions in terms of the Visit* ones.
ReportVisitor Collector(ReportBatch& batch) {
  return {[&batch](Report&& report) { batch.reports.push_back(std::move(report)); },
          [&batch](RejectedFile&& rejected) { batch.rejected.push_back(std::move(rejected)); },
          [&batch](Diagnostic&& note) { batch.notes.push_back(std::move(note)); }};
}

}  // namespace

ReportBatch LoadReportsDir(const std::filesystem::path& dir, const ReportSchema& schema,
                           const Registry& registry, const ReportLoadOptions& options) {
  ReportBatch batch;
  VisitReportsDir(dir, schema, registry, Collector(batch), options);
  return batch;
}

ReportBatch LoadReportsCsvBatch(const std::filesystem::path& file, const ReportSchema& schema,
                                const Registry& registry, const ReportLoadOptions& options) {
  ReportBatch batch;
  VisitReportsCsv(file, schema, registry, Collector(batch), options);
  return batch;
}

ReportBatch LoadReports(const std::filesystem::path& path, const ReportSchema& schema,
                        const Registry& registry, const ReportLoadOptions& options) {
  ReportBatch batch;
  VisitReports(path, schema, registry, Collector(batch), options);
  return batch;
}

}  // namespace jobaward
