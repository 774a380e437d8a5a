// Reading inputs and writing outputs safely. Inputs are size-limited so a hostile file cannot
// exhaust memory; outputs are written to a temporary file in the target directory and renamed
// into place on success, so a failed run leaves either the old file or none, never half a file.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace jobaward {

/// Largest input file accepted by default (64 MiB); larger files get a clear InputError.
inline constexpr std::size_t kMaxInputBytes = std::size_t{64} << 20;

/// Reads a whole file. Throws InputError naming the file when it cannot be read or exceeds
/// `max_bytes`.
[[nodiscard]] std::string ReadTextFile(const std::filesystem::path& path,
                                       std::size_t max_bytes = kMaxInputBytes);

/// Writes `content` to `path` atomically (temporary file in the same directory, fsync, rename).
/// Throws InputError naming the path when the directory is missing or not writable.
void WriteFileAtomic(const std::filesystem::path& path, std::string_view content);

/// SHA-256 of `content` as 64 lowercase hex digits (for provenance records).
[[nodiscard]] std::string Sha256Hex(std::string_view content);

}  // namespace jobaward
