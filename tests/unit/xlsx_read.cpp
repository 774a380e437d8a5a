#include "xlsx_read.hpp"

#include <cstdio>
#include <regex>
#include <stdexcept>

namespace jobaward::test {

namespace {

std::string XmlUnescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    const std::string entity = s.substr(i + 1, semi - i - 1);
    if (entity == "amp")
      out += '&';
    else if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos" || entity == "#39")
      out += '\'';
    else
      out += "&" + entity + ";";
    i = semi;
  }
  return out;
}

// "AB12" -> (row 12, column 28), both 1-based.
std::pair<int, int> CellIndex(const std::string& ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return {std::stoi(ref.substr(i)), col};
}

}  // namespace

std::string UnzipEntry(const std::string& xlsx_path, const std::string& entry) {
  const std::string command = "unzip -p '" + xlsx_path + "' '" + entry + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run unzip");
  std::string out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status != 0 || out.empty()) {
    throw std::runtime_error("no entry " + entry + " in " + xlsx_path);
  }
  return out;
}

Xlsx ReadXlsx(const std::string& xlsx_path) {
  Xlsx x;
  const std::string workbook = UnzipEntry(xlsx_path, "xl/workbook.xml");
  const std::regex sheet_re("<sheet name=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(workbook.begin(), workbook.end(), sheet_re);
       it != std::sregex_iterator(); ++it) {
    x.sheet_names.push_back(XmlUnescape((*it)[1]));
  }
  std::vector<std::string> shared;
  try {
    const std::string sst = UnzipEntry(xlsx_path, "xl/sharedStrings.xml");
    const std::regex si_re("<si><t(?: xml:space=\"preserve\")?>([^<]*)</t></si>");
    for (auto it = std::sregex_iterator(sst.begin(), sst.end(), si_re);
         it != std::sregex_iterator(); ++it) {
      shared.push_back(XmlUnescape((*it)[1]));
    }
  } catch (const std::runtime_error&) {
    // A workbook without text has no shared strings.
  }
  const std::regex cell_re(
      "<c r=\"([A-Z]+[0-9]+)\"([^>/]*)(?:/>|>(?:<f>([^<]*)</f>)?(?:<v>([^<]*)</v>)?</c>)");
  const std::regex style_re("s=\"([0-9]+)\"");
  for (std::size_t i = 0; i < x.sheet_names.size(); ++i) {
    const std::string xml =
        UnzipEntry(xlsx_path, "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    std::map<std::string, XlsxCell> cells;
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), cell_re);
         it != std::sregex_iterator(); ++it) {
      const std::string attributes = (*it)[2];
      if (!(*it)[4].matched) continue;  // blank, formatted cell
      XlsxCell cell;
      cell.is_string = attributes.find("t=\"s\"") != std::string::npos;
      cell.is_boolean = attributes.find("t=\"b\"") != std::string::npos;
      cell.formula = XmlUnescape((*it)[3]);
      std::smatch style;
      if (std::regex_search(attributes, style, style_re)) cell.style = std::stoi(style[1]);
      cell.text = cell.is_string ? shared.at(std::stoul((*it)[4])) : std::string((*it)[4]);
      cells[(*it)[1]] = cell;
    }
    x.sheets.push_back(std::move(cells));
  }
  return x;
}

std::string NumberFormatOfStyle(const std::string& xlsx_path, int style) {
  const std::string styles = UnzipEntry(xlsx_path, "xl/styles.xml");
  std::map<int, std::string> codes;
  const std::regex fmt_re("<numFmt numFmtId=\"([0-9]+)\" formatCode=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(styles.begin(), styles.end(), fmt_re);
       it != std::sregex_iterator(); ++it) {
    codes[std::stoi((*it)[1])] = XmlUnescape((*it)[2]);
  }
  const std::size_t xfs = styles.find("<cellXfs");
  if (xfs == std::string::npos) return "General";
  const std::regex xf_re("<xf numFmtId=\"([0-9]+)\"");
  int index = 0;
  for (auto it = std::sregex_iterator(styles.begin() + static_cast<std::ptrdiff_t>(xfs),
                                      styles.end(), xf_re);
       it != std::sregex_iterator(); ++it, ++index) {
    if (index != style) continue;
    const int id = std::stoi((*it)[1]);
    if (id == 0) return "General";
    if (id == 1) return "0";
    if (id == 2) return "0.00";
    if (id == 3) return "#,##0";
    if (id == 4) return "#,##0.00";
    if (id == 9) return "0%";
    if (id == 10) return "0.00%";
    return codes.count(id) != 0U ? codes[id] : "builtin " + std::to_string(id);
  }
  return "General";
}

std::vector<std::vector<std::string>> SheetRows(const std::map<std::string, XlsxCell>& sheet) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& [ref, cell] : sheet) {
    const auto [r, c] = CellIndex(ref);
    if (rows.size() < static_cast<std::size_t>(r)) rows.resize(static_cast<std::size_t>(r));
    auto& row = rows[static_cast<std::size_t>(r - 1)];
    if (row.size() < static_cast<std::size_t>(c)) row.resize(static_cast<std::size_t>(c));
    row[static_cast<std::size_t>(c - 1)] = cell.text;
  }
  return rows;
}

}  // namespace jobaward::test
