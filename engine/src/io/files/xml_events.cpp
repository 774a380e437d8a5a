// XML parts as events on expat, fed in chunks (see xml_events.hpp).
#include "src/io/files/xml_events.hpp"

#include <expat.h>

#include <algorithm>
#include <exception>
#include <memory>

#include "jobaward/error.hpp"
#include "jobaward/io/csv.hpp"

namespace jobaward::detail {

namespace {

// What zip_fread inflates at a time: large enough that expat's per-call cost is noise, small
// enough to stay in cache.
constexpr std::size_t kChunkBytes = std::size_t{64} << 10;

std::string_view LocalName(const char* name) {
  const std::string_view n(name);
  const std::size_t sep = n.rfind(':');
  return sep == std::string_view::npos ? n : n.substr(sep + 1);
}

bool IsNamespaceDeclaration(std::string_view name) {
  return name == "xmlns" || name.rfind("xmlns:", 0) == 0;
}

[[noreturn]] void Fail(const std::string& file, const std::string& message) {
  throw InputError(Diagnostic{{file}, {}, message, {}});
}

struct ParserFree {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

struct State {
  XML_Parser parser;
  XmlHandler* handler;
  std::string error;     // set when a handler or a limit stops the parse (no exception crosses C)
  bool damaged = false;  // the error is malformed XML, not a message about the content
  std::exception_ptr failure;  // anything else a handler threw (out of memory), rethrown after
  std::size_t depth = 0;
  std::size_t events = 0;  // counts callbacks, so that a token buffered whole is noticed
};

void StopWith(State* st, std::string message, bool damaged = false) {
  if (st->error.empty()) {
    st->error = std::move(message);
    st->damaged = damaged;
  }
  XML_StopParser(st->parser, XML_FALSE);
}

template <typename F>
void Guarded(void* data, F&& f) {
  auto* st = static_cast<State*>(data);
  ++st->events;
  if (!st->error.empty()) return;
  try {
    f(st);
  } catch (const InputError& e) {
    StopWith(st, e.diagnostics().empty() ? "bad cell" : e.diagnostics().front().message);
  } catch (...) {
    st->failure = std::current_exception();
    StopWith(st, "stopped");
  }
}

void OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  Guarded(data, [&](State* st) {
    if (++st->depth > kMaxXmlDepth) {
      StopWith(
          st, "malformed XML (elements nested more than " + std::to_string(kMaxXmlDepth) + " deep)",
          true);
      return;
    }
    st->handler->Start(LocalName(name), attributes);
  });
}

void OnEnd(void* data, const XML_Char* name) {
  Guarded(data, [&](State* st) {
    --st->depth;
    st->handler->End(LocalName(name));
  });
}

void OnText(void* data, const XML_Char* text, int length) {
  Guarded(data, [&](State* st) {
    st->handler->Text(std::string_view(text, static_cast<std::size_t>(length)));
  });
}

// Whatever no other handler takes (the XML declaration, whitespace around the root, comments):
// nothing a workbook means, but it is progress, not a token buffered whole.
void OnOther(void* data, const XML_Char*, int) { ++static_cast<State*>(data)->events; }

void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  StopWith(static_cast<State*>(data),
           "a document type declaration (DTD), which workbooks never need");
}

// expat's message, or a plainer one where expat's says too little: "invalid UTF-8" when the
// byte it stopped at starts no valid sequence (expat says "not well-formed (invalid token)" for
// any bad byte), and a part cut off inside an element (expat: "no element found").
std::string ExpatError(XML_Parser parser, std::size_t depth) {
  const XML_Error code = XML_GetErrorCode(parser);
  if (code == XML_ERROR_NO_ELEMENTS && depth > 0) return "the part ends inside an element";
  if (code == XML_ERROR_INVALID_TOKEN) {
    int offset = 0;
    int size = 0;
    const char* context = XML_GetInputContext(parser, &offset, &size);
    if (context != nullptr && offset >= 0 && offset < size) {
      const auto at = static_cast<std::size_t>(offset);
      const std::string_view next(context + at,
                                  std::min<std::size_t>(4, static_cast<std::size_t>(size) - at));
      const auto bad = FindInvalidUtf8(next, "");
      if (bad && bad->column == 1) return "invalid UTF-8";
    }
  }
  return XML_ErrorString(code);
}

std::unique_ptr<XML_ParserStruct, ParserFree> MakeParser(State& st) {
  // UTF-8 whatever the declaration says: SpreadsheetML is UTF-8, and a part declaring another
  // encoding must not be converted into valid text behind the UTF-8 check.
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate("UTF-8"));
  if (!parser) throw InternalError("expat: out of memory");
  st.parser = parser.get();
  XML_SetUserData(parser.get(), &st);
  XML_SetElementHandler(parser.get(), OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser.get(), OnText);
  XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
  // The Expand variant: the plain one would also turn off the expansion of &amp; and the like.
  XML_SetDefaultHandlerExpand(parser.get(), OnOther);
  return parser;
}

}  // namespace

const char* Attribute(const char** attributes, std::string_view name) {
  for (const char** a = attributes; *a != nullptr; a += 2) {
    if (LocalName(a[0]) == name && !IsNamespaceDeclaration(a[0])) return a[1];
  }
  return nullptr;
}

void ParseXml(const XmlSource& source, const std::string& file, const std::string& part,
              XmlHandler& handler) {
  State st{nullptr, &handler, {}, false, nullptr, 0, 0};
  const auto parser = MakeParser(st);
  bool ok = true;
  std::size_t silent = 0;  // bytes fed since the last event: what expat may be buffering
  while (ok && st.error.empty()) {
    // Inflated straight into expat's buffer: no copy of the part is ever made.
    void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kChunkBytes));
    if (buffer == nullptr) throw InternalError("expat: out of memory");
    const std::size_t n = source(static_cast<char*>(buffer), kChunkBytes);
    const std::size_t events = st.events;
    ok = XML_ParseBuffer(parser.get(), static_cast<int>(n), n == 0 ? XML_TRUE : XML_FALSE) ==
         XML_STATUS_OK;
    silent = st.events == events ? silent + n : n;
    if (silent > kMaxXmlTokenBytes) {
      StopWith(&st,
               "malformed XML (a tag, comment or instruction longer than " +
                   std::to_string(kMaxXmlTokenBytes) + " bytes)",
               true);
    }
    if (n == 0) break;
  }
  if (st.failure) std::rethrow_exception(st.failure);
  // Only now: expat finds the line by counting what it parsed.
  const std::string line = std::to_string(XML_GetCurrentLineNumber(parser.get()));
  if (!st.error.empty()) {
    Fail(file, (st.damaged ? "damaged workbook: " : "") + part + " line " + line + ": " + st.error);
  }
  if (!ok) {
    Fail(file, "damaged workbook: " + part + " line " + line + ": malformed XML (" +
                   ExpatError(parser.get(), st.depth) + ")");
  }
}

}  // namespace jobaward::detail
