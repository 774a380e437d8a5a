// XML parts as events on expat, fed in chunks (see xml_events.hpp).
#include "src/io/files/xml_events.hpp"

#include <expat.h>

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
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
  if (code == XML_ERROR_NO_MEMORY) {
    return "parsing it takes more than " + std::to_string(kMaxXmlParserBytes) +
           " bytes: a tag or comment that long, or too many different names";
  }
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

// expat's allocations, counted against kMaxXmlParserBytes: past it an allocation fails and expat
// stops with XML_ERROR_NO_MEMORY. Its memory functions take no context, so the count of the
// parser this thread is running is thread-local (a handler never starts another parse).
thread_local std::size_t t_parser_bytes = 0;
constexpr std::size_t kHeader = alignof(std::max_align_t);  // each block's size, before it

std::size_t BlockSize(const char* block) {
  std::size_t size = 0;
  if (block != nullptr) std::memcpy(&size, block, sizeof size);
  return size;
}

void* CountedRealloc(void* ptr, std::size_t size) {
  char* block = ptr == nullptr ? nullptr : static_cast<char*>(ptr) - kHeader;
  const std::size_t old = BlockSize(block);
  if (size > kMaxXmlParserBytes || t_parser_bytes - old + size > kMaxXmlParserBytes) {
    return nullptr;
  }
  auto* grown = static_cast<char*>(std::realloc(block, kHeader + size));
  if (grown == nullptr) return nullptr;
  t_parser_bytes = t_parser_bytes - old + size;
  std::memcpy(grown, &size, sizeof size);
  return grown + kHeader;
}

void* CountedMalloc(std::size_t size) { return CountedRealloc(nullptr, size); }

void CountedFree(void* ptr) {
  if (ptr == nullptr) return;
  char* block = static_cast<char*>(ptr) - kHeader;
  t_parser_bytes -= BlockSize(block);
  std::free(block);
}

const XML_Memory_Handling_Suite kCountedMemory{CountedMalloc, CountedRealloc, CountedFree};

std::unique_ptr<XML_ParserStruct, ParserFree> MakeParser(State& st) {
  // UTF-8 whatever the declaration says: SpreadsheetML is UTF-8, and a part declaring another
  // encoding must not be converted into valid text behind the UTF-8 check.
  std::unique_ptr<XML_ParserStruct, ParserFree> parser(
      XML_ParserCreate_MM("UTF-8", &kCountedMemory, nullptr));
  if (!parser) throw InternalError("expat: out of memory");
  st.parser = parser.get();
  XML_SetUserData(parser.get(), &st);
  XML_SetElementHandler(parser.get(), OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser.get(), OnText);
  XML_SetStartDoctypeDeclHandler(parser.get(), OnDoctype);
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
  State st{nullptr, &handler, {}, false, nullptr, 0};
  const auto parser = MakeParser(st);
  bool ok = true;
  while (ok && st.error.empty()) {
    // Inflated straight into expat's buffer: no copy of the part is ever made.
    void* buffer = XML_GetBuffer(parser.get(), static_cast<int>(kChunkBytes));
    if (buffer == nullptr) {  // XML_ERROR_NO_MEMORY: a token past kMaxXmlParserBytes
      ok = false;
      break;
    }
    const std::size_t n = source(static_cast<char*>(buffer), kChunkBytes);
    ok = XML_ParseBuffer(parser.get(), static_cast<int>(n), n == 0 ? XML_TRUE : XML_FALSE) ==
         XML_STATUS_OK;
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
