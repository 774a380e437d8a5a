#include "jobaward/io/text_encoding.hpp"

#include <iconv.h>

#include <cerrno>

#include "jobaward/io/csv.hpp"

namespace jobaward {

namespace {

// Owns an iconv descriptor.
class Converter {
 public:
  Converter() : cd_(::iconv_open("UTF-8", "CP949")) {
    if (cd_ == reinterpret_cast<iconv_t>(-1)) {
      throw InternalError("iconv cannot convert from CP949 (glibc gconv module missing)");
    }
  }
  ~Converter() { ::iconv_close(cd_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  [[nodiscard]] iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

struct Cp949Result {
  std::string text;                // UTF-8, complete when `bad` is unset
  std::optional<std::size_t> bad;  // offset of the first byte that is not CP949
};

Cp949Result FromCp949(std::string_view bytes) {
  const Converter converter;
  Cp949Result result;
  // Every CP949 character is one or two bytes and becomes at most three UTF-8 bytes.
  result.text.resize(bytes.size() * 3 / 2 + 4);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write the input
  std::size_t in_left = bytes.size();
  char* out = result.text.data();
  std::size_t out_left = result.text.size();
  if (::iconv(converter.get(), &in, &in_left, &out, &out_left) == static_cast<std::size_t>(-1)) {
    if (errno != EILSEQ && errno != EINVAL) throw InternalError("iconv failed on CP949 input");
    result.bad = bytes.size() - in_left;
  }
  result.text.resize(result.text.size() - out_left);
  return result;
}

// Line and character column of the character after `decoded` (the text before a bad byte).
SourceLocation EndOf(std::string_view decoded, std::string_view file_name) {
  int line = 1;
  int column = 1;
  for (const char c : decoded) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {std::string(file_name), line, column};
}

bool IsUtf8(std::string_view text, std::string_view file_name) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return !FindInvalidUtf8(text, file_name);
}

}  // namespace

std::optional<TextEncoding> ParseTextEncoding(std::string_view name) {
  if (name == "auto") return TextEncoding::kAuto;
  if (name == "utf-8" || name == "utf8" || name == "UTF-8") return TextEncoding::kUtf8;
  if (name == "cp949" || name == "CP949" || name == "euc-kr" || name == "EUC-KR") {
    return TextEncoding::kCp949;
  }
  return std::nullopt;
}

DecodedText DecodeText(std::string bytes, TextEncoding encoding, std::string_view file_name) {
  if (encoding == TextEncoding::kUtf8 ||
      (encoding == TextEncoding::kAuto && IsUtf8(bytes, file_name))) {
    return {std::move(bytes), std::nullopt};
  }
  Cp949Result decoded = FromCp949(bytes);
  if (decoded.bad) {
    if (encoding == TextEncoding::kAuto) return {std::move(bytes), std::nullopt};
    const auto byte = static_cast<unsigned char>(bytes[*decoded.bad]);
    static constexpr char kHex[] = "0123456789ABCDEF";
    const std::string hex = {kHex[byte >> 4], kHex[byte & 0xF]};
    throw InputError(Diagnostic{EndOf(decoded.text, file_name),
                                {},
                                "invalid CP949 byte 0x" + hex +
                                    " (--encoding cp949); save the file as UTF-8 or "
                                    "try --encoding auto",
                                {}});
  }
  std::optional<Diagnostic> note;
  if (encoding == TextEncoding::kAuto) {
    note = Diagnostic{{std::string(file_name)},
                      {},
                      "not UTF-8; read as CP949 (the encoding of Korean Excel's plain CSV)",
                      {}};
  }
  return {std::move(decoded.text), std::move(note)};
}

}  // namespace jobaward
