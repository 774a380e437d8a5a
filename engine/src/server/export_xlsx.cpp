// A workbook for a response (see api_json.hpp, XlsxBytes). libxlsxwriter writes files only, so
// the workbook goes through a temporary file of the server's own (a name no request chooses),
// read back and removed; a request never names a path.
#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <string>

#include "api_json.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/render/result_render.hpp"

namespace jobaward::server_detail {

std::string XlsxBytes(const Result& result, const Provenance& provenance) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("jobaward-serve-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".xlsx");
  struct Remove {
    const std::filesystem::path& path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove{path};
  WriteResultXlsx(path, result, &provenance);
  return ReadTextFile(path);
}

}  // namespace jobaward::server_detail
