// Character encodings of CSV inputs. Korean Excel's plain "CSV" save writes CP949 (Microsoft's
// superset of EUC-KR), not UTF-8; rather than making the evaluation staff convert 243 files by
// hand, the CSV loaders can read CP949 through glibc's iconv. Every loader downstream still sees
// UTF-8 only. CP949 keeps ASCII (newlines, commas, quotes, digits) as single bytes and maps each
// other character to one character, so a diagnostic's line and character column in the decoded
// text are those of the original file. Thread-safe (each call opens its own iconv descriptor).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "jobaward/error.hpp"

namespace jobaward {

enum class TextEncoding {
  kAuto,   ///< Valid UTF-8 as UTF-8, otherwise valid CP949 (with a note), otherwise an error.
  kUtf8,   ///< UTF-8 only (an optional byte-order mark is skipped by the CSV reader).
  kCp949,  ///< CP949 only (Korean Windows; a superset of EUC-KR).
};

/// "auto", "utf-8" (also "utf8"), "cp949" (also "euc-kr", which CP949 extends); nullopt otherwise.
[[nodiscard]] std::optional<TextEncoding> ParseTextEncoding(std::string_view name);

struct DecodedText {
  std::string text;  ///< UTF-8, or, when nothing could decode it, the bytes as given.
  /// Set when `auto` read the file as CP949: one line for the user ("read as CP949").
  std::optional<Diagnostic> note;
};

/// Decodes `bytes` read from `file_name`. kUtf8 returns them unchanged (the CSV reader reports
/// invalid UTF-8 where it is). kAuto returns valid UTF-8 unchanged, converts text that is valid
/// CP949 but not UTF-8 (with a note), and otherwise returns the bytes unchanged so that the
/// reader reports today's "invalid UTF-8 byte" error. kCp949 converts, and throws InputError at
/// the line and character column of the first byte that is not CP949.
[[nodiscard]] DecodedText DecodeText(std::string bytes, TextEncoding encoding,
                                     std::string_view file_name);

}  // namespace jobaward
