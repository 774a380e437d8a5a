// Reading inputs and writing outputs safely.
//
// Inputs: one way to open them (ReadInput). Only regular files are read — a FIFO, a device, a
// socket or a directory is refused with an InputError naming the path, and opening never blocks
// (O_NONBLOCK), so a FIFO given as an input cannot hang a run. Symbolic-link loops, over-long
// paths, missing and unreadable files each get a clear message, never a std::filesystem error.
// Each kind of input has its own size limit (InputLimit; engine/docs/errors.md, "Limits"), which
// the CLI's --max-input-mb raises. The file is read once, through the descriptor that was
// checked (no check-then-open race), and its size and SHA-256 are remembered (FindReadDigest) so
// that provenance records hash exactly the bytes that were read, without reading again.
//
// Outputs are written to a temporary file in the target directory and renamed into place on
// success, so a failed run leaves either the old file or none, never half a file.
//
// ReadInput and FindReadDigest are thread-safe. Tests: tests/unit/file_io_test.cpp,
// tests/unit/input_paths_test.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace jobaward {

/// Largest input file accepted by ReadTextFile by default (64 MiB), and the limit of JSON inputs.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// What an input is, for its size limit (InputLimit) and messages.
enum class InputKind {
  kSpec,      ///< A YAML spec: cohort rules, rubric, uncertainty, AHP matrix, published facts,
              ///< scenario, real figures (1 MiB).
  kReport,    ///< One report YAML file (1 MiB).
  kTable,     ///< A CSV table: the registry, a reports CSV (16 MiB).
  kWorkbook,  ///< An .xlsx workbook: a filled template or a consolidated workbook (16 MiB).
  kJson,      ///< A JSON result of another jobaward command (report --simulation) (64 MiB).
};

/// The default size limit of `kind`, in bytes (before SetMinimumInputLimit).
[[nodiscard]] std::size_t DefaultInputLimit(InputKind kind);

/// The size limit of `kind` in force: the larger of its default and SetMinimumInputLimit's.
[[nodiscard]] std::size_t InputLimit(InputKind kind);

/// Raises every kind's limit to at least `bytes` for the rest of the process (--max-input-mb).
void SetMinimumInputLimit(std::size_t bytes);

/// Reads the whole regular file at `path`, at most InputLimit(kind) bytes, and remembers its
/// size and SHA-256 (FindReadDigest). Throws InputError naming the path when it does not exist,
/// cannot be opened (permissions, a symbolic-link loop, a path longer than the system allows),
/// is not a regular file, or is larger than the limit.
[[nodiscard]] std::string ReadInput(const std::filesystem::path& path, InputKind kind);

/// Reads a whole regular file as ReadInput does, with an explicit limit and without remembering
/// its digest (for files jobaward wrote itself, e.g. scratch files).
[[nodiscard]] std::string ReadTextFile(const std::filesystem::path& path,
                                       std::size_t max_bytes = kMaxInputBytes);

/// Size and SHA-256 of an input as it was read.
struct InputDigest {
  std::uint64_t bytes = 0;
  std::string sha256;  ///< 64 lowercase hex digits.
};

/// The digest of the last successful ReadInput of `path` in this process (paths compared after
/// lexical normalisation), or nullopt when it was never read.
[[nodiscard]] std::optional<InputDigest> FindReadDigest(const std::filesystem::path& path);

/// Reads `path` in blocks (any size, nothing kept) and returns its digest; the same open rules
/// and errors as ReadInput. For inputs no loader has read.
[[nodiscard]] InputDigest DigestFile(const std::filesystem::path& path);

/// Writes `content` to `path` atomically (temporary file in the same directory, fsync, rename).
/// Throws InputError naming the path when the directory is missing or not writable.
void WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

/// SHA-256 of `content` as 64 lowercase hex digits (for provenance records).
[[nodiscard]] std::string Sha256Hex(std::string_view content);

}  // namespace jobaward
