// XML parts as events on pugixml (see xml_events.hpp).
#include "src/io/files/xml_events.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <memory>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/io/csv.hpp"

namespace jobaward::detail {

namespace {

std::string_view LocalName(const char* name) {
  const std::string_view n(name);
  const std::size_t sep = n.rfind(':');
  return sep == std::string_view::npos ? n : n.substr(sep + 1);
}

bool IsNamespaceDeclaration(std::string_view name) {
  return name == "xmlns" || name.rfind("xmlns:", 0) == 0;
}

// 1-based line of byte `offset` of `xml` (counted only when an error is reported).
std::size_t LineAt(std::string_view xml, std::ptrdiff_t offset) {
  const auto end = static_cast<std::size_t>(
      std::clamp<std::ptrdiff_t>(offset, 0, static_cast<std::ptrdiff_t>(xml.size())));
  return 1 + static_cast<std::size_t>(std::count(xml.begin(), xml.begin() + end, '\n'));
}

[[noreturn]] void Fail(const std::string& file, const std::string& message) {
  throw InputError(Diagnostic{{file}, {}, message, {}});
}

// Depth-first, without recursion: a hostile part nested a million deep costs no stack.
void Walk(const pugi::xml_document& doc, XmlHandler& handler, pugi::xml_node& current) {
  std::vector<const char*> attributes;
  pugi::xml_node node = doc.first_child();
  while (node) {
    current = node;
    bool descend = false;
    switch (node.type()) {
      case pugi::node_element:
        attributes.clear();
        for (const pugi::xml_attribute a : node.attributes()) {
          attributes.push_back(a.name());
          attributes.push_back(a.value());
        }
        attributes.push_back(nullptr);
        handler.Start(LocalName(node.name()), attributes.data());
        descend = static_cast<bool>(node.first_child());
        if (!descend) handler.End(LocalName(node.name()));
        break;
      case pugi::node_pcdata:
      case pugi::node_cdata:
        handler.Text(node.value());
        break;
      default:  // Declarations, comments, processing instructions: nothing a workbook means.
        break;
    }
    if (descend) {
      node = node.first_child();
      continue;
    }
    while (node && !node.next_sibling()) {
      node = node.parent();
      if (!node || node.type() == pugi::node_document) return;
      current = node;
      handler.End(LocalName(node.name()));
    }
    node = node.next_sibling();
  }
}

}  // namespace

const char* Attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; *a != nullptr; a += 2) {
    if (LocalName(a[0]) == name && !IsNamespaceDeclaration(a[0])) return a[1];
  }
  return nullptr;
}

void ParseXml(std::string_view xml, const std::string& file, const std::string& part,
              XmlHandler& handler) {
  // pugixml takes bytes as they are; SpreadsheetML is UTF-8, and nothing invalid may reach a
  // report's text (expat, before it, refused it too).
  if (const auto bad = FindInvalidUtf8(xml, part)) {
    Fail(file, "damaged workbook: " + part + " line " + std::to_string(bad->line) +
                   ": malformed XML (invalid UTF-8)");
  }
  // In place: pugixml keeps names and values inside this copy instead of allocating each.
  const std::unique_ptr<char[]> buffer(new char[xml.size() + 1]);
  std::copy(xml.begin(), xml.end(), buffer.get());
  buffer[xml.size()] = '\0';
  pugi::xml_document doc;
  const unsigned flags = pugi::parse_default | pugi::parse_doctype | pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result parsed =
      doc.load_buffer_inplace(buffer.get(), xml.size(), flags, pugi::encoding_utf8);
  if (!parsed) {
    Fail(file, "damaged workbook: " + part + " line " + std::to_string(LineAt(xml, parsed.offset)) +
                   ": malformed XML (" + parsed.description() + ")");
  }
  int roots = 0;
  for (const pugi::xml_node n : doc.children()) {
    if (n.type() == pugi::node_doctype) {
      Fail(file, part + " line " + std::to_string(LineAt(xml, n.offset_debug())) +
                     ": a document type declaration (DTD), which workbooks never need");
    }
    // pugixml reads fragments; a document has exactly one root element.
    if (n.type() == pugi::node_element && ++roots > 1) {
      Fail(file, "damaged workbook: " + part + " line " +
                     std::to_string(LineAt(xml, n.offset_debug())) +
                     ": malformed XML (junk after the document element)");
    }
  }
  if (roots == 0) {
    Fail(file, "damaged workbook: " + part + " line " + std::to_string(LineAt(xml, xml.size())) +
                   ": malformed XML (no element found)");
  }
  pugi::xml_node current;
  try {
    Walk(doc, handler, current);
  } catch (const InputError& e) {
    const std::string message =
        e.diagnostics().empty() ? "bad cell" : e.diagnostics().front().message;
    Fail(file,
         part + " line " + std::to_string(LineAt(xml, current.offset_debug())) + ": " + message);
  }
}

}  // namespace jobaward::detail
