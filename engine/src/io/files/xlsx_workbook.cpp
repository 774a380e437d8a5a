// Writing a libxlsxwriter workbook atomically or to memory (xlsx_internal.hpp), for the result
// workbooks (result_xlsx.cpp) and the template.
#include <sys/mman.h>
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

[[noreturn]] void ThrowWriteError(const std::string& shown, const std::string& why) {
  throw InputError(Diagnostic{{shown}, {}, "cannot write workbook: " + why, {}});
}

// Writes the workbook that `fill` makes to the file named `file` (`shown` in messages), with a
// fixed creation time so identical runs give identical bytes. `tmpdir` is where libxlsxwriter
// keeps its own scratch files (unlinked as soon as they are created); empty: the system's.
void BuildWorkbook(const std::string& file, const std::string& shown, std::string tmpdir,
                   const std::function<void(lxw_workbook*)>& fill, const std::string& title) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = tmpdir.empty() ? nullptr : tmpdir.data();
  WorkbookHandle wb(workbook_new_opt(file.c_str(), &options));
  if (wb.get() == nullptr) ThrowWriteError(shown, "libxlsxwriter could not create it");

  lxw_doc_properties properties{};
  std::string title_text = title;  // libxlsxwriter takes a char*
  properties.title = title_text.data();
  properties.created = kFixedCreationTime;
  workbook_set_properties(wb.get(), &properties);

  fill(wb.get());

  const lxw_error error = wb.Close();
  if (error != LXW_NO_ERROR) ThrowWriteError(shown, lxw_strerror(error));
}

// An anonymous file in memory (memfd) that a writer opening files by name can fill through
// /proc/self/fd: libxlsxwriter 1.1.4 has no output to memory, and a file that has no name in any
// directory cannot be left behind by a signal, kill -9 included.
class MemoryFile {
 public:
  MemoryFile() : fd_(::memfd_create("jobaward-workbook", MFD_CLOEXEC)) {
    if (fd_ < 0) {
      throw InternalError(std::string("memfd_create failed: ") + std::strerror(errno));
    }
  }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  ~MemoryFile() { ::close(fd_); }

  [[nodiscard]] std::string name() const { return "/proc/self/fd/" + std::to_string(fd_); }

  // What was written to the file by any descriptor.
  [[nodiscard]] std::string Contents() const {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
      throw InternalError(std::string("fstat of a memory file failed: ") + std::strerror(errno));
    }
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n =
          ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(done));
      if (n <= 0) {
        if (n < 0 && errno == EINTR) continue;
        throw InternalError(std::string("reading a memory file failed: ") + std::strerror(errno));
      }
      done += static_cast<std::size_t>(n);
    }
    return bytes;
  }

 private:
  int fd_;
};

}  // namespace

namespace detail {

void WriteWorkbookAtomically(const fs::path& path, const std::function<void(lxw_workbook*)>& fill,
                             const std::string& title) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  PendingOutput temp(path);  // the output policy of file_io.hpp: target checked, short name
  temp.CloseForNamedWriter();
  // libxlsxwriter's scratch files go beside the output too.
  BuildWorkbook(temp.temp_path(), path.string(), dir.string(), fill, title);
  temp.Commit();
}

std::string WorkbookBytes(const std::function<void(lxw_workbook*)>& fill,
                          const std::string& title) {
  MemoryFile file;
  BuildWorkbook(file.name(), "workbook in memory", {}, fill, title);
  return file.Contents();
}

}  // namespace detail

}  // namespace jobaward
