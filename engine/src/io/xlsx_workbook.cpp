// Writing a libxlsxwriter workbook atomically (xlsx_internal.hpp), for the result workbooks
// (result_xlsx.cpp).
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "jobaward/error.hpp"
#include "xlsx_internal.hpp"

namespace jobaward {

namespace {

namespace fs = std::filesystem;

// 2020-01-01T00:00:00Z: a fixed creation time so identical runs write identical workbooks.
constexpr time_t kFixedCreationTime = 1577836800;

// Removes the temporary file unless released (the workbook was renamed into place).
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  [[nodiscard]] const std::string& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

// Owns a libxlsxwriter workbook until it is closed.
class WorkbookHandle {
 public:
  explicit WorkbookHandle(lxw_workbook* workbook) : workbook_(workbook) {}
  WorkbookHandle(const WorkbookHandle&) = delete;
  WorkbookHandle& operator=(const WorkbookHandle&) = delete;
  ~WorkbookHandle() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);  // Abandoned: nothing is written.
  }
  [[nodiscard]] lxw_workbook* get() const { return workbook_; }
  lxw_error Close() {
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    return error;
  }

 private:
  lxw_workbook* workbook_;
};

[[noreturn]] void ThrowWriteError(const fs::path& path, const std::string& why) {
  throw InputError(Diagnostic{{path.string()}, {}, "cannot write workbook: " + why, {}});
}

}  // namespace

namespace detail {

void WriteWorkbookAtomically(const fs::path& path, const std::function<void(lxw_workbook*)>& fill) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) ThrowWriteError(path, std::strerror(errno));
  ::close(fd);
  TempFile temp(tmpl);

  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  std::string tmpdir = dir.string();  // libxlsxwriter's scratch files go beside the output too.
  options.tmpdir = tmpdir.data();
  WorkbookHandle wb(workbook_new_opt(temp.path().c_str(), &options));
  if (wb.get() == nullptr) ThrowWriteError(path, "libxlsxwriter could not create it");

  lxw_doc_properties properties{};
  std::string title = "jobaward";
  properties.title = title.data();
  properties.created = kFixedCreationTime;
  workbook_set_properties(wb.get(), &properties);

  fill(wb.get());

  const lxw_error error = wb.Close();
  if (error != LXW_NO_ERROR) ThrowWriteError(path, lxw_strerror(error));
  ::chmod(temp.path().c_str(), 0644);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) ThrowWriteError(path, std::strerror(errno));
  temp.Release();
}

}  // namespace detail

}  // namespace jobaward
