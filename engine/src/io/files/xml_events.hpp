// The XML of a workbook's parts as events, for the xlsx reader (xlsx_reader.cpp): element start
// (local name and attributes), text, element end, in document order. Internal to jobaward_io.
//
// Built on pugixml (Debian's libpugixml-dev), which parses a part in place: about six times fewer
// instructions per byte than expat's streaming parser, and the parts of a report workbook are
// tens of kilobytes (the zip reader bounds them). Element and attribute names are matched by
// their local part ("x:row" is "row"): other writers put a prefix on SpreadsheetML's default
// namespace. A document type declaration is refused, so no entity is ever expanded.
#pragma once

#include <string>
#include <string_view>

namespace jobaward::detail {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  /// `attributes`: name, value, name, value, ..., nullptr (names as written, prefix included).
  virtual void Start(std::string_view name, const char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  /// The text of an element (character data and CDATA), whole; whitespace-only text is passed
  /// when it is an element's only content (<t xml:space="preserve"> </t>).
  virtual void Text(std::string_view /*text*/) {}
};

/// The value of attribute `name` (by local name; namespace declarations never match), or null.
[[nodiscard]] const char* Attribute(const char** attributes, std::string_view name);

/// Passes the events of `xml` to `handler`. Malformed XML or a DTD throws InputError
/// "FILE: damaged workbook: PART line N: malformed XML (...)" / "FILE: PART line N: ..."; an
/// InputError from the handler becomes "FILE: PART line N: <its message>" (N: the line of the
/// element being handled). Nesting depth costs no stack (the walk is iterative).
void ParseXml(std::string_view xml, const std::string& file, const std::string& part,
              XmlHandler& handler);

}  // namespace jobaward::detail
