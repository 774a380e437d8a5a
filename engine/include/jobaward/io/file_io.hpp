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
// Outputs: PendingOutput writes to a temporary file beside the target with a short name
// (".jw-XXXXXX", so it fits whatever the target's name is) and renames it over the target only
// on Commit(); a target that exists and is not a regular file (a device such as /dev/null, a
// FIFO, a directory) is refused before anything is written. Uncommitted temporaries are removed
// by the destructor and, on SIGINT or SIGTERM, by a signal handler: while temporaries exist and
// the signal's disposition is the default, a handler is installed that unlinks them and then
// lets the signal take its default action (a program's own handler is left alone).
//
// ReadInput, FindReadDigest and PendingOutput are thread-safe. Tests:
// tests/unit/io/file_io_test.cpp, tests/unit/io/input_paths_test.cpp,
// tests/unit/cli/output_policy_test.cpp.
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

/// Throws InputError naming `target` when it exists and is not a regular file (a directory, a
/// FIFO, a device, a socket), or cannot be examined (a symbolic-link loop, a path too long).
void CheckOutputTarget(const std::filesystem::path& target);

/// One output file being written. Construction checks the target (CheckOutputTarget) and creates
/// the temporary file ".jw-XXXXXX" in the target's directory; Commit() flushes it to disk and
/// renames it over the target. Until then the target is untouched, and the temporary is removed
/// by the destructor or on SIGINT/SIGTERM. Not copyable or movable (the signal handler holds its
/// path). Throws InputError naming the target when the directory is missing or not writable.
class PendingOutput {
 public:
  explicit PendingOutput(std::filesystem::path target);
  ~PendingOutput();
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;

  [[nodiscard]] const std::filesystem::path& target() const { return target_; }
  /// The temporary file, for a writer that opens files by name (libxlsxwriter): call
  /// CloseForNamedWriter() first.
  [[nodiscard]] const std::string& temp_path() const { return temp_; }

  /// Appends `content` to the temporary file. Throws InputError on a write error (disk full).
  void Write(std::string_view content);
  /// Closes the descriptor so another writer can replace the temporary file by name.
  void CloseForNamedWriter();
  /// fsync, mode 0644, rename over the target. Throws InputError when any step fails (the
  /// temporary is then removed). At most once.
  void Commit();
  /// Removes the temporary file (idempotent; also done by the destructor).
  void Discard() noexcept;

 private:
  std::filesystem::path target_;
  std::string temp_;
  int fd_ = -1;
  int slot_ = -1;  // In the registry of temporaries the signal handler removes; -1: none.
  bool done_ = false;
};

/// Writes `content` to `path` atomically (a PendingOutput committed at once).
void WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

/// Unlinks every temporary file of a PendingOutput not yet committed or discarded.
/// Async-signal-safe: called from the SIGINT/SIGTERM handler.
void RemovePendingTemporaries() noexcept;

/// SHA-256 of `content` as 64 lowercase hex digits (for provenance records).
[[nodiscard]] std::string Sha256Hex(std::string_view content);

}  // namespace jobaward
