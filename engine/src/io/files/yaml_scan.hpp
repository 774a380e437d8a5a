// Limits every YAML input is held to before a tree is built, checked in one pass of libyaml's
// event parser (no tree): the number of values in the file and a single document. yaml-cpp builds
// about half a kilobyte of tree per value, so a 4 MB file of `[0,0,...]` (two million values) took
// 1.9 GB (with its diagnostics) before it was refused; the count stops it at the limit. Shared by
// the yaml-cpp loaders (yaml_support.cpp) and the report loader, which has its own event parser
// (report_yaml.cpp). Internal to jobaward_io. Thread-safe (no state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "jobaward/error.hpp"

namespace jobaward::yaml {

/// Values (scalars, lists, mappings, aliases) one YAML input may hold: the largest bundled one,
/// rubrics/2020-disclosure.yaml (11 KB), holds about 700; a yaml-cpp tree of this many values
/// takes about 25 MB.
inline constexpr std::size_t kMaxNodes = 50000;

/// "the file holds more than 50000 YAML values ...", at the value that passed the limit.
[[nodiscard]] Diagnostic TooManyNodes(SourceLocation where);

/// "a second YAML document starts here ...", at its start ('---').
[[nodiscard]] Diagnostic SecondDocument(SourceLocation where);

/// Reads `text` with libyaml's event parser and throws InputError when it holds more than
/// kMaxNodes values or a second document. A syntax error ends the scan quietly when `text` is
/// short enough that no tree of it can be large (the tree parser then reports the error in its
/// own words, as the error catalogue pins them), and throws libyaml's message otherwise.
void ScanLimits(std::string_view text, const std::string& file);

/// `text` with every lone CR (classic Mac OS line ends) turned into LF: libyaml and editors read a
/// lone CR as a line end, yaml-cpp does not (it read such a file as one comment line, "empty").
/// CRLF is kept.
[[nodiscard]] std::string WithLfLineEnds(std::string_view text);

}  // namespace jobaward::yaml
