// Creating and filling a libxlsxwriter workbook, renamed atomically over its target or kept in
// memory (xlsx_workbook.cpp), for the workbooks of typed results (result_xlsx.cpp) and the
// template. Internal to jobaward_io.
#pragma once

#include <xlsxwriter.h>

#include <filesystem>
#include <functional>
#include <string>

namespace jobaward::detail {

/// Creates a workbook in a temporary file beside `path` (fixed creation time, so identical
/// runs give identical files), lets `fill` add its sheets, closes it and renames it over
/// `path`. On any failure (including an exception from `fill`) the temporary file is removed
/// and `path` is untouched. Throws InputError naming `path` when it cannot be written.
/// `title` is the workbook's document property.
void WriteWorkbookAtomically(const std::filesystem::path& path,
                             const std::function<void(lxw_workbook*)>& fill,
                             const std::string& title = "jobaward");

/// The bytes of the workbook that `fill` makes, as WriteWorkbookAtomically would write them,
/// made without a file in any directory (for the server's exports: nothing to clean up when the
/// process is killed). Throws InputError when libxlsxwriter fails.
[[nodiscard]] std::string WorkbookBytes(const std::function<void(lxw_workbook*)>& fill,
                                        const std::string& title = "jobaward");

}  // namespace jobaward::detail
