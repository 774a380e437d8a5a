#include "jobaward/xlsx_writer.hpp"

#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <regex>

#include "jobaward/csv.hpp"
#include "jobaward/error.hpp"
#include "xlsx_internal.hpp"

namespace jobaward {

namespace {

namespace fs = std::filesystem;

constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 60;
// 2020-01-01T00:00:00Z: a fixed creation time so identical runs write identical sheets.
constexpr time_t kFixedCreationTime = 1577836800;

// "1,234,567" (thousands grouped as Korean tables print prize money) -> "1234567"; other text
// unchanged.
std::string Ungrouped(std::string_view s) {
  static const std::regex kGrouped("-?[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?");
  std::string out(s);
  if (std::regex_match(out, kGrouped))
    out.erase(std::remove(out.begin(), out.end(), ','), out.end());
  return out;
}

// The number a cell shows, if it is one (grouped thousands allowed).
std::optional<double> CellNumber(std::string_view s) { return ParseFiniteNumber(Ungrouped(s)); }

bool IsInteger(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return !s.empty() && s.size() <= 15 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Decimals(std::string_view s) {
  const auto dot = s.find('.');
  if (dot == std::string_view::npos || s.find_first_of("eE") != std::string_view::npos) return 0;
  return static_cast<int>(s.size() - dot - 1);
}

bool Contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsIdentifierHeader(const std::string& header) {
  return header == "code" || header == "id" || EndsWith(header, "_code") || EndsWith(header, "_id");
}

SheetColumn InferColumn(const std::string& header,
                        const std::vector<std::vector<std::string>>& rows, std::size_t col) {
  bool any = false;
  bool all_integer = true;
  bool all_number = true;
  bool all_unit = true;
  int decimals = 0;
  for (const auto& row : rows) {
    if (col >= row.size() || row[col].empty()) continue;
    any = true;
    const std::string text = Ungrouped(row[col]);
    const auto value = ParseFiniteNumber(text);
    if (!value) {
      all_number = all_integer = false;
      break;
    }
    all_integer = all_integer && IsInteger(text);
    all_unit = all_unit && *value >= 0 && *value <= 1;
    decimals = std::max(decimals, Decimals(text));
  }
  SheetColumn c{header, CellKind::kText, ""};
  if (!any || !all_number || IsIdentifierHeader(header)) return c;
  if (Contains(header, "money") || Contains(header, "krw") || Contains(header, "prize") ||
      Contains(header, "상금") || Contains(header, "(원)")) {
    c.kind = CellKind::kMoney;
  } else if ((header.rfind("p_", 0) == 0 || header.rfind("prob", 0) == 0) && all_unit) {
    c.kind = CellKind::kPercent;
  } else if (all_integer) {
    c.kind = CellKind::kInteger;
  } else {
    c.kind = CellKind::kNumber;
    c.number_format = "0." + std::string(static_cast<std::size_t>(std::clamp(decimals, 1, 6)), '0');
  }
  return c;
}

std::string DefaultFormat(CellKind kind) {
  switch (kind) {
    case CellKind::kInteger:
      return "0";
    case CellKind::kNumber:
      return "0.00";
    case CellKind::kMoney:
      return "#,##0";
    case CellKind::kPercent:
      return "0.00%";
    case CellKind::kText:
      break;
  }
  return "";
}

// Display width of a cell as Excel shows it: Hangul two, thousands separators for money.
double CellWidth(const std::string& text, CellKind kind) {
  auto width = static_cast<double>(DisplayWidth(text));
  if (kind == CellKind::kMoney) width += width / 3;
  if (kind == CellKind::kPercent) width += 2;
  return width;
}

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

// `banner` (SyntheticNotice: the figures are synthetic) takes the first row when not empty, above
// the header, so no sheet of a synthetic run can be copied out without it.
void WriteSheet(lxw_workbook* wb, const Sheet& sheet, std::map<std::string, lxw_format*>& formats,
                lxw_format* header_format, const std::string& banner, lxw_format* banner_format) {
  const lxw_error name_error = workbook_validate_sheet_name(wb, sheet.name.c_str());
  if (name_error != LXW_NO_ERROR) {
    throw InternalError("invalid sheet name '" + sheet.name + "': " + lxw_strerror(name_error));
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
  if (ws == nullptr) throw InternalError("cannot add sheet '" + sheet.name + "'");
  const lxw_row_t top = banner.empty() ? 0 : 1;  // The header row.
  if (!banner.empty()) worksheet_write_string(ws, 0, 0, banner.c_str(), banner_format);

  std::vector<lxw_format*> column_format(sheet.columns.size(), nullptr);
  std::vector<double> width(sheet.columns.size(), kMinWidth);
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const SheetColumn& col = sheet.columns[c];
    std::string code = col.number_format.empty() ? DefaultFormat(col.kind) : col.number_format;
    if (col.kind != CellKind::kText && !code.empty()) {
      auto [it, inserted] = formats.try_emplace(code, nullptr);
      if (inserted) {
        it->second = workbook_add_format(wb);
        format_set_num_format(it->second, code.c_str());
      }
      column_format[c] = it->second;
    }
    worksheet_write_string(ws, top, static_cast<lxw_col_t>(c), col.header.c_str(), header_format);
    width[c] = std::max(width[c], static_cast<double>(DisplayWidth(col.header)) + 3);  // + filter
  }

  for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
    const auto& row = sheet.rows[r];
    if (row.size() != sheet.columns.size()) {
      throw InternalError("sheet '" + sheet.name + "' row " + std::to_string(r + 1) + " has " +
                          std::to_string(row.size()) + " cells, expected " +
                          std::to_string(sheet.columns.size()));
    }
    const auto xr = static_cast<lxw_row_t>(r + 1 + top);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto xc = static_cast<lxw_col_t>(c);
      const CellKind kind = sheet.columns[c].kind;
      const std::string& text = row[c];
      width[c] = std::max(width[c], CellWidth(text, kind) + 2);
      if (text.empty()) continue;
      if (kind != CellKind::kText) {
        if (const auto value = CellNumber(text)) {
          worksheet_write_number(ws, xr, xc, *value, column_format[c]);
          continue;
        }
      }
      worksheet_write_string(ws, xr, xc, text.c_str(), nullptr);
    }
  }
  for (std::size_t c = 0; c < sheet.columns.size(); ++c) {
    const auto xc = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, xc, xc, std::min(width[c], kMaxWidth), nullptr);
  }
  worksheet_freeze_panes(ws, top + 1, 0);
  if (!sheet.columns.empty()) {
    worksheet_autofilter(ws, top, 0, static_cast<lxw_row_t>(sheet.rows.size() + top),
                         static_cast<lxw_col_t>(sheet.columns.size() - 1));
  }
}

}  // namespace

Sheet SheetFromTable(std::string name, const Table& table) {
  Sheet sheet;
  sheet.name = std::move(name);
  for (std::size_t c = 0; c < table.header.size(); ++c) {
    sheet.columns.push_back(InferColumn(table.header[c], table.rows, c));
  }
  sheet.rows = table.rows;
  return sheet;
}

std::vector<Sheet> SheetsFromCsv(std::string_view csv, const std::vector<std::string>& names) {
  const std::vector<std::string_view> blocks = SplitCsvBlocks(csv);
  std::vector<Sheet> sheets;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    std::string name = b < names.size() ? names[b] : "Sheet" + std::to_string(b + 1);
    CsvTable parsed;
    try {
      parsed = ParseCsv(blocks[b], name);
    } catch (const InputError& e) {
      throw InternalError("CSV output of sheet '" + name + "' does not parse: " +
                          (e.diagnostics().empty() ? "" : e.diagnostics()[0].ToString()));
    }
    Table table;
    table.header = parsed.header;
    for (auto& row : parsed.rows) table.rows.push_back(std::move(row.fields));
    sheets.push_back(SheetFromTable(std::move(name), table));
  }
  return sheets;
}

Sheet ProvenanceSheet(const Provenance& provenance) {
  Sheet sheet;
  sheet.name = "Inputs";
  sheet.columns = {{"item", CellKind::kText, ""},
                   {"value", CellKind::kText, ""},
                   {"bytes", CellKind::kInteger, "#,##0"},
                   {"sha256", CellKind::kText, ""}};
  auto add = [&](std::string item, std::string value) {
    sheet.rows.push_back({std::move(item), std::move(value), "", ""});
  };
  add("tool", provenance.tool);
  add("version", provenance.version);
  add("command", provenance.command);
  add("command line", provenance.command_line);
  if (provenance.reports) {
    add("reports", std::to_string(provenance.reports->reports));
    add("synthetic reports", std::to_string(provenance.reports->synthetic));
  }
  if (provenance.seed) add("seed", std::to_string(*provenance.seed));
  if (provenance.draws) add("draws", std::to_string(*provenance.draws));
  for (const auto& [key, value] : provenance.settings) add(key, value);
  for (const auto& f : provenance.inputs) {
    sheet.rows.push_back({"input: " + f.role, f.path, std::to_string(f.bytes), f.sha256});
  }
  return sheet;
}

void WriteXlsx(const fs::path& path, const Workbook& workbook) {
  detail::WriteWorkbookAtomically(path, [&](lxw_workbook* wb) {
    lxw_format* header_format = workbook_add_format(wb);
    format_set_bold(header_format);
    format_set_bottom(header_format, LXW_BORDER_THIN);
    lxw_format* banner_format = workbook_add_format(wb);
    format_set_bold(banner_format);
    format_set_font_color(banner_format, LXW_COLOR_RED);
    const std::string banner = workbook.provenance ? SyntheticNotice(*workbook.provenance) : "";
    std::map<std::string, lxw_format*> formats;
    for (const Sheet& sheet : workbook.sheets) {
      WriteSheet(wb, sheet, formats, header_format, banner, banner_format);
    }
    if (workbook.provenance) {
      WriteSheet(wb, ProvenanceSheet(*workbook.provenance), formats, header_format, banner,
                 banner_format);
    }
  });
}

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
