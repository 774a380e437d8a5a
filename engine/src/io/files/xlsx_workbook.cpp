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
#include "jobaward/io/file_io.hpp"
#include "src/io/files/xlsx_internal.hpp"

namespace jobaward {

namespace {

namespace fs = std::filesystem;

// 2020-01-01T00:00:00Z: a fixed creation time so identical runs write identical workbooks.
constexpr time_t kFixedCreationTime = 1577836800;

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

void WriteWorkbookAtomically(const fs::path& path, const std::function<void(lxw_workbook*)>& fill,
                             const std::string& title) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  PendingOutput temp(path);  // the output policy of file_io.hpp: target checked, short name
  temp.CloseForNamedWriter();

  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  std::string tmpdir = dir.string();  // libxlsxwriter's scratch files go beside the output too.
  options.tmpdir = tmpdir.data();
  WorkbookHandle wb(workbook_new_opt(temp.temp_path().c_str(), &options));
  if (wb.get() == nullptr) ThrowWriteError(path, "libxlsxwriter could not create it");

  lxw_doc_properties properties{};
  std::string title_text = title;  // libxlsxwriter takes a char*
  properties.title = title_text.data();
  properties.created = kFixedCreationTime;
  workbook_set_properties(wb.get(), &properties);

  fill(wb.get());

  const lxw_error error = wb.Close();
  if (error != LXW_NO_ERROR) ThrowWriteError(path, lxw_strerror(error));
  temp.Commit();
}

}  // namespace detail

}  // namespace jobaward
