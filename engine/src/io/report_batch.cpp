// Batch loading of report directories: parse files on a few threads, keep results in sorted
// file order, reject bad files one by one instead of failing the batch.
#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <variant>

#include "jobaward/file_io.hpp"
#include "jobaward/report_io.hpp"

namespace jobaward {

namespace {

// Report files are small; anything near this size is not a report (and would waste memory).
constexpr std::size_t kMaxReportBytes = std::size_t{1} << 20;

std::vector<std::filesystem::path> ListYamlFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    throw InputError(
        Diagnostic{{dir.string()}, {}, "cannot list the reports directory: " + ec.message(), {}});
  }
  for (const auto& entry : it) {
    if (entry.path().extension() == ".yaml" && entry.is_regular_file()) {
      files.push_back(entry.path());
    }
  }
  // Sorting by name makes the batch (and which duplicate is "the later file") independent of
  // the directory's storage order.
  std::sort(files.begin(), files.end());
  return files;
}

using Outcome = std::variant<Report, std::vector<Diagnostic>>;

Outcome LoadOne(const std::filesystem::path& file, const ReportSchema& schema,
                const Registry& registry, const ReportLoadOptions& options) {
  try {
    return ParseReportYaml(ReadTextFile(file, kMaxReportBytes), file.string(), schema, registry,
                           options);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
}

}  // namespace

ReportBatch LoadReportsDir(const std::filesystem::path& dir, const ReportSchema& schema,
                           const Registry& registry, const ReportLoadOptions& options) {
  const std::vector<std::filesystem::path> files = ListYamlFiles(dir);
  std::vector<std::optional<Outcome>> outcomes(files.size());

  // Workers take the next file index from a shared counter and write only their own slot, so
  // the merged result is in file order whatever the thread count or timing.
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  const auto work = [&] {
    try {
      for (std::size_t i = next++; i < files.size(); i = next++) {
        outcomes[i] = LoadOne(files[i], schema, registry, options);
      }
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = files.size();
    }
  };
  const std::size_t threads =
      std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.threads)), files.size());
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work);
  }
  if (failure) std::rethrow_exception(failure);

  ReportBatch batch;
  batch.reports.reserve(files.size());
  std::map<std::string, std::size_t> first_file;  // government -> index in `files`
  for (std::size_t i = 0; i < files.size(); ++i) {
    Outcome& outcome = *outcomes[i];
    if (auto* diagnostics = std::get_if<std::vector<Diagnostic>>(&outcome)) {
      batch.rejected.push_back({files[i].string(), 0, std::move(*diagnostics)});
      continue;
    }
    Report& report = std::get<Report>(outcome);
    const auto [it, inserted] = first_file.emplace(report.government_code, i);
    if (!inserted) {
      batch.rejected.push_back(
          {files[i].string(),
           0,
           {Diagnostic{report.origin,
                       "government",
                       "government " + report.government_code + " already has a report in " +
                           files[it->second].string() + "; this file is ignored",
                       {}}}});
      continue;
    }
    batch.reports.push_back(std::move(report));
  }
  return batch;
}

ReportBatch LoadReports(const std::filesystem::path& path, const ReportSchema& schema,
                        const Registry& registry, const ReportLoadOptions& options) {
  if (std::filesystem::is_directory(path)) return LoadReportsDir(path, schema, registry, options);
  if (path.extension() == ".csv") return LoadReportsCsvBatch(path, schema, registry, options);
  ReportBatch batch;
  try {
    batch.reports.push_back(ParseReportYaml(ReadTextFile(path, kMaxReportBytes), path.string(),
                                            schema, registry, options));
  } catch (const InputError& e) {
    batch.rejected.push_back({path.string(), 0, e.diagnostics()});
  }
  return batch;
}

}  // namespace jobaward
