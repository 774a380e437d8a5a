// The XML of a workbook's parts as events, for the xlsx reader (xlsx_reader.cpp): element start
// (local name and attributes), text, element end, in document order. Internal to jobaward_io.
//
// Built on expat (Debian's libexpat1-dev), fed chunk by chunk as a part inflates, so memory does
// not grow with the part: a deflated sheet of a million cells is never held whole, as bytes or as
// a tree (pugixml's tree cost ~360 bytes a cell). Element and attribute names are matched by their
// local part ("x:row" is "row"): other writers put a prefix on SpreadsheetML's default namespace;
// expat's namespace processing is off (it costs a third of its time and we would drop it). A
// document type declaration is refused, so no entity is ever expanded. Nesting is limited, and so
// is all the memory expat takes for a part (its buffer holds a tag or comment whole, its tables
// keep every distinct name, its stack every open element), so a small deflated part cannot make
// the parser itself large.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace jobaward::detail {

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  /// `attributes`: name, value, name, value, ..., nullptr (names as written, prefix included).
  virtual void Start(std::string_view name, const char** attributes) = 0;
  virtual void End(std::string_view name) = 0;
  /// Character data and CDATA, in pieces (a handler that wants an element's text appends them);
  /// whitespace between elements is passed too.
  virtual void Text(std::string_view /*text*/) {}
};

/// The value of attribute `name` (by local name; namespace declarations never match), or null.
[[nodiscard]] const char* Attribute(const char** attributes, std::string_view name);

/// Fills `buffer` with the next at most `size` bytes of a part and returns how many; 0 at its
/// end. It may throw (a limit, a damaged archive): ParseXml lets that through.
using XmlSource = std::function<std::size_t(char* buffer, std::size_t size)>;

/// Elements nested deeper than this are refused: SpreadsheetML nests 7 deep.
inline constexpr std::size_t kMaxXmlDepth = 256;
/// What expat may allocate for one part: a report sheet takes ~200 KB (its 64 KiB buffer, a few
/// dozen names).
inline constexpr std::size_t kMaxXmlParserBytes = std::size_t{8} << 20;

/// Passes the events of the part read from `source` to `handler`. Malformed XML (invalid UTF-8
/// included), nesting past kMaxXmlDepth or a parser past kMaxXmlParserBytes throw InputError
/// "FILE: damaged workbook: PART line N: malformed XML (...)"; a DTD "FILE: PART line N: ...";
/// an InputError from the handler becomes "FILE: PART line N: <its message>" (N: the line of
/// the event being handled).
void ParseXml(const XmlSource& source, const std::string& file, const std::string& part,
              XmlHandler& handler);

}  // namespace jobaward::detail
