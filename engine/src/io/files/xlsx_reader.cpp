#include "jobaward/io/xlsx_reader.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <exception>
#include <functional>
#include <map>

#include "jobaward/io/csv.hpp"
#include "src/io/files/xml_events.hpp"

namespace jobaward {

namespace {

using detail::Attribute;
using detail::ParseXml;
using detail::XmlHandler;

constexpr int kMaxRow = 1'048'576;  // Excel's sheet size
constexpr int kMaxColumn = 16'384;

[[noreturn]] void Fail(const std::string& file, const std::string& message) {
  throw InputError(Diagnostic{{file}, {}, message, {}});
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "xl/worksheets/../sharedStrings.xml" -> "xl/sharedStrings.xml"; nullopt when a segment climbs
// above the archive's root.
std::optional<std::string> NormalizePart(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto seg : parts) out += (out.empty() ? "" : "/") + std::string(seg);
  return out;
}

// An entry name that an archive tool could misuse (absolute, "..", backslashes, NUL): such
// entries are never read, so they cannot stand in for a part.
bool IsTrickName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos ||
      name.find('\0') != std::string_view::npos || name.find(':') != std::string_view::npos) {
    return true;
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

// --- parts ---------------------------------------------------------------------------------

struct Relationship {
  std::string type;  // last segment of the relationship type URI, e.g. "worksheet"
  std::string target;
  bool external = false;
};

class RelsHandler : public XmlHandler {
 public:
  std::map<std::string, Relationship> by_id;
  void Start(std::string_view name, const char** a) override {
    if (name != "Relationship") return;
    const char* id = Attribute(a, "Id");
    const char* type = Attribute(a, "Type");
    const char* target = Attribute(a, "Target");
    const char* mode = Attribute(a, "TargetMode");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    const std::string_view t(type);
    Relationship r{std::string(t.substr(t.rfind('/') + 1)), target,
                   mode != nullptr && std::string_view(mode) == "External"};
    by_id.emplace(id, std::move(r));
  }
  void End(std::string_view) override {}
};

class ContentTypesHandler : public XmlHandler {
 public:
  bool macro = false;
  void Start(std::string_view name, const char** a) override {
    if (name != "Default" && name != "Override") return;
    const char* type = Attribute(a, "ContentType");
    if (type == nullptr) return;
    const std::string lower = Lower(type);
    macro = macro || lower.find("macroenabled") != std::string::npos ||
            lower.find("vbaproject") != std::string::npos;
  }
  void End(std::string_view) override {}
};

struct SheetEntry {
  std::string name;
  std::string rel_id;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
  bool external_references = false;
  void Start(std::string_view name, const char** a) override {
    if (name == "sheet") {
      const char* n = Attribute(a, "name");
      const char* id = Attribute(a, "id");
      if (n != nullptr && id != nullptr) sheets.push_back({n, id});
    } else if (name == "workbookPr") {
      const char* d = Attribute(a, "date1904");
      date1904 = d != nullptr && (std::string_view(d) == "1" || std::string_view(d) == "true");
    } else if (name == "externalReference") {
      external_references = true;
    }
  }
  void End(std::string_view) override {}
};

// What the reader may keep of one workbook (XlsxLimits::kept_bytes), and what earlier parts (the
// shared strings) keep of it already.
struct KeptBudget {
  std::size_t limit = 0;
  std::size_t file_bytes = 0;
  XlsxLimits limits;
  std::size_t used = 0;

  KeptBudget() = default;
  KeptBudget(const XlsxLimits& l, std::size_t file_size) : file_bytes(file_size), limits(l) {
    // Saturating, and never past 4 GiB: a cell's text begins there at most (XlsxCell::text_begin).
    const std::size_t cap = UINT32_MAX;
    const std::size_t per_byte = l.kept_bytes_per_input_byte;
    const std::size_t scaled =
        per_byte != 0 && file_size > cap / per_byte ? cap : file_size * per_byte;
    limit = std::min(cap, std::min(l.kept_bytes, cap) + scaled);
  }

  /// Throws when a part that keeps `kept` bytes would take the workbook past the limit.
  void Check(std::size_t kept) const {
    if (used + kept <= limit) return;
    throw InputError(Diagnostic{
        {},
        {},
        "the workbook's cells and shared strings take more than " + std::to_string(limit) +
            " bytes, the limit for a file of " + std::to_string(file_bytes) + " bytes (" +
            std::to_string(limits.kept_bytes) + " plus " +
            std::to_string(limits.kept_bytes_per_input_byte) +
            " per byte of the file): a shared string repeated in many cells, or a part that "
            "deflates too well?",
        {}});
  }
};

// The shared-string table in one buffer: 8 bytes a string plus its text, where a vector of
// strings cost 32 (and an allocation each past 15 bytes).
struct SharedStrings {
  std::string text;
  std::vector<std::size_t> ends;  // string i is text[ends[i - 1] (0 for i = 0), ends[i])
  [[nodiscard]] std::size_t size() const { return ends.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t i) const {
    const std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
};

// Shared strings: <si> holds <t> or rich-text runs <r><t>; phonetic guides (<rPh>, furigana and
// Korean readings) are not part of the value.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(std::size_t max, const KeptBudget& budget) : max_(max), budget_(budget) {}
  SharedStrings strings;
  void Start(std::string_view name, const char**) override {
    if (name == "si") {
      budget_.Check(Kept() + sizeof(std::size_t));
      if (strings.size() >= max_) {
        throw InputError(Diagnostic{{}, {}, "more than " + std::to_string(max_) + " strings", {}});
      }
      in_si_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    } else if (name == "t" && in_si_ && phonetic_ == 0) {
      in_t_ = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "si" && in_si_) {
      strings.ends.push_back(strings.text.size());
      in_si_ = false;
    }
    if (name == "rPh") --phonetic_;
    if (name == "t") in_t_ = false;
  }
  void Text(std::string_view text) override {
    if (!in_t_) return;
    budget_.Check(Kept() + text.size());
    strings.text.append(text);
  }
  [[nodiscard]] std::size_t Kept() const {
    return strings.text.size() + strings.ends.size() * sizeof(std::size_t);
  }

 private:
  std::size_t max_;
  const KeptBudget& budget_;
  bool in_si_ = false;
  bool in_t_ = false;
  int phonetic_ = 0;
};

// Excel's built-in date and time formats (ECMA-376 18.8.30, with the East Asian ones).
bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom format shows a date or time when, outside quoted text, escapes and [..] sections
// (colours, locales; [h] elapsed hours aside), it uses y, m, d, h or s.
bool IsDateFormatCode(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      i = code.find('"', i + 1);
      if (i == std::string_view::npos) return false;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      const std::size_t end = code.find(']', i);
      if (end == std::string_view::npos) return false;
      const std::string section = Lower(code.substr(i + 1, end - i - 1));
      if (section == "h" || section == "hh" || section == "m" || section == "mm" ||
          section == "s" || section == "ss") {
        return true;
      }
      i = end;
    } else {
      const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      if (l == 'y' || l == 'm' || l == 'd' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

class StylesHandler : public XmlHandler {
 public:
  std::vector<bool> xf_is_date;
  void Start(std::string_view name, const char** a) override {
    if (name == "numFmt") {
      const char* id = Attribute(a, "numFmtId");
      const char* code = Attribute(a, "formatCode");
      if (id != nullptr && code != nullptr) custom_[std::atoi(id)] = IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attribute(a, "numFmtId");
      const int fmt = id != nullptr ? std::atoi(id) : 0;
      const auto it = custom_.find(fmt);
      xf_is_date.push_back(it != custom_.end() ? it->second : IsBuiltinDateFormat(fmt));
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  std::map<int, bool> custom_;
  bool in_cell_xfs_ = false;
};

// "C7" -> (7, 3); nullopt when it is not a cell reference inside Excel's grid.
std::optional<std::pair<int, int>> ParseCellRef(std::string_view ref) {
  std::size_t i = 0;
  long column = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; ++i) {
    column = column * 26 + (ref[i] - 'A' + 1);
  }
  if (i == 0 || i == ref.size() || column > kMaxColumn) return std::nullopt;
  long row = 0;
  for (std::size_t k = i; k < ref.size(); ++k) {
    if (ref[k] < '0' || ref[k] > '9' || k - i >= 8) return std::nullopt;
    row = row * 10 + (ref[k] - '0');
  }
  if (row < 1 || row > kMaxRow) return std::nullopt;
  return std::make_pair(static_cast<int>(row), static_cast<int>(column));
}

// Serial day number -> "2020-03-01" (and " hh:mm:ss" for a time of day). Excel's 1900 system
// counts the non-existent 1900-02-29 as day 60.
std::string DateText(double serial, bool date1904) {
  if (!(serial >= 0 && serial < 2958466)) return fmt::format("{}", serial);  // past 9999-12-31
  auto days = static_cast<long>(std::floor(serial));
  const long seconds = std::lround((serial - static_cast<double>(days)) * 86400.0);
  if (date1904) {
    days += 1462;
  } else if (days < 61) {
    if (days == 60) return "1900-02-29";
    days += 1;  // before the phantom day the serials run one ahead
  }
  // Days since 1899-12-30 -> civil date (H. Hinnant's algorithm).
  long z = days - 25569 + 719468;  // 1970-01-01 is serial 25569
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  std::string out = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  if (seconds > 0 && seconds < 86400) {
    out += fmt::format(" {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return out;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStrings& strings, const std::vector<bool>& xf_is_date, bool date1904,
               const XlsxLimits& limits, const KeptBudget& budget, std::string file,
               XlsxSheet& sheet)
      : strings_(strings),
        xf_is_date_(xf_is_date),
        date1904_(date1904),
        max_cells_(limits.max_cells),
        budget_(budget),
        file_(std::move(file)),
        sheet_(sheet) {}

  DiagnosticSink errors;

  void Start(std::string_view name, const char** a) override {
    if (name == "row") {
      const char* r = Attribute(a, "r");
      row_ = r != nullptr ? std::atoi(r) : row_ + 1;
      if (row_ < 1 || row_ > kMaxRow) throw InputError(Diagnostic{{}, {}, "bad row number", {}});
      next_column_ = 1;
    } else if (name == "c") {
      StartCell(a);
    } else if (in_cell_ && (name == "v" || (name == "t" && in_inline_ && phonetic_ == 0))) {
      collect_ = true;
      has_value_ = true;
    } else if (in_cell_ && name == "is") {
      in_inline_ = true;
      has_value_ = true;
    } else if (name == "rPh") {
      ++phonetic_;
    }
  }

  void End(std::string_view name) override {
    if (name == "v" || name == "t") collect_ = false;
    if (name == "rPh") --phonetic_;
    if (name == "is") in_inline_ = false;
    if (name == "c" && in_cell_) EndCell();
  }

  void Text(std::string_view text) override {
    if (!collect_) return;
    // Counted as it arrives: one <v> of a deflated part could otherwise be 32 MiB.
    budget_.Check(Kept() + value_.size() + text.size());
    value_.append(text);
  }

 private:
  void StartCell(const char** a) {
    in_cell_ = true;
    has_value_ = false;
    value_.clear();
    const char* r = Attribute(a, "r");
    if (r != nullptr) {
      const auto ref = ParseCellRef(r);
      if (!ref) {
        throw InputError(Diagnostic{{}, {}, "bad cell reference '" + std::string(r) + "'", {}});
      }
      row_ = std::max(row_, 1);
      cell_row_ = ref->first;
      cell_column_ = ref->second;
    } else {
      cell_row_ = std::max(row_, 1);
      cell_column_ = next_column_;
    }
    next_column_ = cell_column_ + 1;
    const char* t = Attribute(a, "t");
    type_ = t != nullptr ? t : "n";
    const char* s = Attribute(a, "s");
    style_ = s != nullptr ? std::atoi(s) : 0;
  }

  void Error(std::string message) {
    errors.Add(CellLocation(file_, sheet_.name, cell_row_, cell_column_), {}, std::move(message));
  }

  std::size_t Kept() const { return sheet_.cells.size() * sizeof(XlsxCell) + sheet_.text.size(); }
  // Limits first, so that nothing past them is ever stored.
  void AddCell(XlsxKind kind, std::string_view text) {
    if (sheet_.cells.size() >= max_cells_) {
      throw InputError(Diagnostic{
          {}, {}, "the sheet has more than " + std::to_string(max_cells_) + " filled cells", {}});
    }
    budget_.Check(Kept() + sizeof(XlsxCell) + text.size());
    XlsxCell cell;
    cell.row = static_cast<std::uint32_t>(cell_row_);
    cell.column = static_cast<std::uint16_t>(cell_column_);
    cell.kind = kind;
    cell.text_begin = static_cast<std::uint32_t>(sheet_.text.size());
    cell.text_size = static_cast<std::uint32_t>(text.size());
    sheet_.text.append(text);
    sheet_.cells.push_back(cell);
  }

  void EndCell() {
    in_cell_ = false;
    if (!has_value_) return;  // an empty (formatted) cell, or a formula never calculated
    if (type_ == "s") {
      const auto index = ParseFiniteNumber(value_);
      if (!index || *index < 0 || *index >= static_cast<double>(strings_.size()) ||
          std::floor(*index) != *index) {
        Error("damaged workbook: the cell refers to shared string " + QuoteForMessage(value_) +
              " of " + std::to_string(strings_.size()));
        return;
      }
      AddCell(XlsxKind::kText, strings_[static_cast<std::size_t>(*index)]);
    } else if (type_ == "str" || type_ == "inlineStr") {
      AddCell(XlsxKind::kText, value_);
    } else if (type_ == "b") {
      if (value_ != "0" && value_ != "1") {
        Error("damaged workbook: a boolean cell holds " + QuoteForMessage(value_));
        return;
      }
      AddCell(XlsxKind::kBoolean, value_ == "1" ? "TRUE" : "FALSE");
    } else if (type_ == "e") {
      AddCell(XlsxKind::kError, value_);
    } else if (type_ == "d") {
      std::replace(value_.begin(), value_.end(), 'T', ' ');
      AddCell(XlsxKind::kDate, value_);
    } else if (type_ == "n") {
      EndNumberCell();
    } else {
      Error("damaged workbook: unknown cell type " + QuoteForMessage(type_));
    }
  }

  void EndNumberCell() {
    const auto v = ParseFiniteNumber(value_);
    if (!v) {
      Error("damaged workbook: a number cell holds " + QuoteForMessage(value_));
      return;
    }
    const bool date = style_ >= 0 && static_cast<std::size_t>(style_) < xf_is_date_.size() &&
                      xf_is_date_[static_cast<std::size_t>(style_)];
    if (date) {
      AddCell(XlsxKind::kDate, DateText(*v, date1904_));
      return;
    }
    // The shortest decimal that reads back to the same double, without an allocation.
    std::array<char, 32> buffer;
    const auto written = fmt::format_to_n(buffer.data(), buffer.size(), "{}", *v);
    AddCell(XlsxKind::kNumber, std::string_view(buffer.data(), written.size));
  }

  const SharedStrings& strings_;
  const std::vector<bool>& xf_is_date_;
  bool date1904_;
  std::size_t max_cells_;
  const KeptBudget& budget_;
  std::string file_;
  XlsxSheet& sheet_;
  int row_ = 0;
  int next_column_ = 1;
  bool in_cell_ = false;
  bool in_inline_ = false;
  bool collect_ = false;
  bool has_value_ = false;
  int phonetic_ = 0;
  int cell_row_ = 0;
  int cell_column_ = 0;
  int style_ = 0;
  std::string type_;
  std::string value_;
};

// Owns a libzip archive opened on a memory buffer, and an entry opened in it.
struct ZipCloser {
  void operator()(zip_t* za) const { zip_discard(za); }
};
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

}  // namespace

struct XlsxWorkbook::Impl {
  std::string bytes;
  std::string file;
  XlsxLimits limits;
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::map<std::string, zip_uint64_t> entries;  // normalized (lower-case) name -> index
  std::size_t total_read = 0;
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_parts;
  SharedStrings strings;
  KeptBudget budget;
  std::vector<bool> xf_is_date;
  bool date1904 = false;

  void Open();
  void Index();
  /// Streams `part` into `handler`; false when the archive has no such part.
  bool Parse(const std::string& part, XmlHandler& handler);
  void Require(const std::string& part, XmlHandler& handler);
  std::map<std::string, Relationship> Rels(const std::string& part);
  void ReadWorkbook(const std::string& part);
};

void XlsxWorkbook::Impl::Open() {
  const std::string_view head = std::string_view(bytes).substr(0, 8);
  if (head == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
    Fail(file,
         "an Excel 97-2003 (.xls) or password-protected workbook; save it as an .xlsx workbook "
         "(Excel 통합 문서) without a password");
  }
  if (head.substr(0, 2) != "PK") Fail(file, "not an .xlsx workbook (not a zip archive)");
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) throw InternalError("libzip: cannot create a buffer source");
  zip_t* za = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (za == nullptr) {
    zip_source_free(source);
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    Fail(file, "not a readable .xlsx workbook (zip archive: " + why + ")");
  }
  zip_error_fini(&error);
  zip.reset(za);
}

void XlsxWorkbook::Impl::Index() {
  const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
  if (count < 0 || static_cast<std::size_t>(count) > limits.max_entries) {
    Fail(file, "the archive has " + std::to_string(count) + " entries; a workbook has at most " +
                   std::to_string(limits.max_entries));
  }
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    const char* raw = zip_get_name(zip.get(), i, ZIP_FL_ENC_RAW);
    if (raw == nullptr) continue;
    const std::string name = raw;
    const std::string lower = Lower(name);
    if (EndsWith(lower, "vbaproject.bin")) {
      Fail(file, "a macro-enabled workbook (it contains " + name +
                     "); macros are not accepted: save it as an .xlsx workbook (Excel 통합 문서)");
    }
    if (lower.rfind("xl/externallinks/", 0) == 0) {
      Fail(file, "the workbook links to another workbook (" + name +
                     "); external links are not accepted: break the links (데이터 > 연결 편집) "
                     "and save again");
    }
    if (IsTrickName(name)) continue;
    const auto normalized = NormalizePart(name);
    if (!normalized) continue;
    // Part names compare case-insensitively (OPC).
    if (!entries.emplace(Lower(*normalized), i).second) {
      Fail(file, "damaged workbook: the archive holds two entries named " + name);
    }
  }
}

bool XlsxWorkbook::Impl::Parse(const std::string& part, XmlHandler& handler) {
  const auto it = entries.find(Lower(part));
  if (it == entries.end()) return false;
  const std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(zip.get(), it->second, 0));
  if (!f) {
    const std::string why = zip_error_strerror(zip_get_error(zip.get()));
    Fail(file, "cannot read " + part + " from the archive (" + why + ")");
  }
  std::size_t inflated = 0;
  const auto read = [&](char* buffer, std::size_t size) -> std::size_t {
    const zip_int64_t n = zip_fread(f.get(), buffer, size);
    if (n < 0) {
      const std::string why = zip_error_strerror(zip_file_get_error(f.get()));
      Fail(file, "damaged workbook: cannot inflate " + part + " (" + why + ")");
    }
    // Counted as the data inflates, before the parser sees it: the sizes in the zip headers are
    // the archive's claim only.
    inflated += static_cast<std::size_t>(n);
    total_read += static_cast<std::size_t>(n);
    if (inflated > limits.max_part_bytes || total_read > limits.max_total_bytes) {
      Fail(file, part + " inflates to more than " +
                     std::to_string(std::min(limits.max_part_bytes, limits.max_total_bytes)) +
                     " bytes (a zip bomb?); a report workbook is far smaller");
    }
    return static_cast<std::size_t>(n);
  };
  ParseXml(read, file, part, handler);
  return true;
}

void XlsxWorkbook::Impl::Require(const std::string& part, XmlHandler& handler) {
  if (!Parse(part, handler)) Fail(file, "not an .xlsx workbook: it has no " + part);
}

std::map<std::string, Relationship> XlsxWorkbook::Impl::Rels(const std::string& part) {
  const std::size_t slash = part.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  const std::string rels_part =
      dir + "_rels/" + (slash == std::string::npos ? part : part.substr(slash + 1)) + ".rels";
  RelsHandler handler;
  Parse(rels_part, handler);
  // Targets relative to the part's folder ("/xl/..." from the root), normalised; a target that
  // climbs out of the archive resolves to nothing.
  for (auto& [id, rel] : handler.by_id) {
    if (rel.external) continue;
    const std::string joined = rel.target.rfind('/', 0) == 0 ? rel.target : dir + rel.target;
    rel.target = NormalizePart(joined).value_or("");
  }
  return handler.by_id;
}

void XlsxWorkbook::Impl::ReadWorkbook(const std::string& part) {
  WorkbookHandler workbook;
  Require(part, workbook);
  date1904 = workbook.date1904;
  const auto rels = Rels(part);
  bool external = workbook.external_references;
  std::string strings_part;
  std::string styles_part;
  for (const auto& [id, rel] : rels) {
    external = external || Lower(rel.type) == "externallink";
    if (rel.type == "sharedStrings") strings_part = rel.target;
    if (rel.type == "styles") styles_part = rel.target;
  }
  if (external) {
    Fail(file,
         "the workbook links to another workbook; external links are not accepted: break the "
         "links (데이터 > 연결 편집) and save again");
  }
  for (const auto& sheet : workbook.sheets) {
    const auto it = rels.find(sheet.rel_id);
    if (it == rels.end() || it->second.external || it->second.target.empty()) {
      Fail(file, "damaged workbook: sheet '" + sheet.name + "' has no part in the archive");
    }
    sheet_names.push_back(sheet.name);
    sheet_parts.push_back(it->second.target);
  }
  if (sheet_names.empty()) Fail(file, "the workbook has no sheets");
  if (!strings_part.empty()) {
    SharedStringsHandler handler(limits.max_cells, budget);
    if (Parse(strings_part, handler)) {
      budget.used = handler.Kept();
      strings = std::move(handler.strings);
    }
  }
  if (!styles_part.empty()) {
    StylesHandler handler;
    if (Parse(styles_part, handler)) xf_is_date = std::move(handler.xf_is_date);
  }
}

XlsxWorkbook::XlsxWorkbook(std::string bytes, std::string file_name, XlsxLimits limits)
    : impl_(std::make_unique<Impl>()) {
  impl_->bytes = std::move(bytes);
  impl_->file = std::move(file_name);
  impl_->limits = limits;
  impl_->budget = KeptBudget(limits, impl_->bytes.size());
  impl_->Open();
  impl_->Index();
  ContentTypesHandler types;
  impl_->Require("[Content_Types].xml", types);
  if (types.macro) {
    Fail(impl_->file,
         "a macro-enabled workbook (.xlsm content types); macros are not accepted: save it as "
         "an .xlsx workbook (Excel 통합 문서)");
  }
  std::string workbook_part = "xl/workbook.xml";
  for (const auto& [id, rel] : impl_->Rels("")) {
    if (rel.type == "officeDocument" && !rel.external && !rel.target.empty()) {
      workbook_part = rel.target;
    }
  }
  impl_->ReadWorkbook(workbook_part);
}

XlsxWorkbook::~XlsxWorkbook() = default;
XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;

const std::vector<std::string>& XlsxWorkbook::sheet_names() const { return impl_->sheet_names; }

std::optional<std::size_t> XlsxWorkbook::SheetIndex(std::string_view name) const {
  for (std::size_t i = 0; i < impl_->sheet_names.size(); ++i) {
    if (impl_->sheet_names[i] == name) return i;
  }
  return std::nullopt;
}

XlsxSheet XlsxWorkbook::ReadSheet(std::size_t index) {
  Require(index < impl_->sheet_names.size(), "ReadSheet: no such sheet");
  const std::string& part = impl_->sheet_parts[index];
  XlsxSheet sheet;
  sheet.name = impl_->sheet_names[index];
  SheetHandler handler(impl_->strings, impl_->xf_is_date, impl_->date1904, impl_->limits,
                       impl_->budget, impl_->file, sheet);
  impl_->Require(part, handler);
  handler.errors.ThrowIfAny();
  std::stable_sort(sheet.cells.begin(), sheet.cells.end(),
                   [](const XlsxCell& a, const XlsxCell& b) {
                     return a.row != b.row ? a.row < b.row : a.column < b.column;
                   });
  // A cell written twice happens only in a hand-made file; which value Excel would show is not
  // for us to guess.
  DiagnosticSink twice;
  for (std::size_t i = 1; i < sheet.cells.size(); ++i) {
    const XlsxCell& a = sheet.cells[i - 1];
    const XlsxCell& b = sheet.cells[i];
    if (a.row == b.row && a.column == b.column) {
      twice.Add(CellLocation(impl_->file, sheet.name, b.row, b.column), {},
                "damaged workbook: the cell is written twice");
    }
  }
  twice.ThrowIfAny();
  return sheet;
}

}  // namespace jobaward
