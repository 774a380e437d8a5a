#include "jobaward/file_io.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

#include "jobaward/error.hpp"

namespace jobaward {

namespace fs = std::filesystem;

std::string ReadTextFile(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    throw InputError(Diagnostic{{path.string()}, {}, "is a directory, expected a file", {}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(
        Diagnostic{{path.string()}, {}, std::string("cannot open: ") + std::strerror(errno), {}});
  }
  std::string content;
  std::array<char, 1 << 16> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (content.size() + got > max_bytes) {
      throw InputError(
          Diagnostic{{path.string()},
                     {},
                     "file is larger than the limit of " + std::to_string(max_bytes) + " bytes",
                     {}});
    }
    content.append(buffer.data(), got);
  }
  if (in.bad()) {
    throw InputError(Diagnostic{{path.string()}, {}, "read error", {}});
  }
  return content;
}

void WriteFileAtomic(const fs::path& path, std::string_view content) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    throw InputError(Diagnostic{{path.string()},
                                {},
                                std::string("cannot create output file: ") + std::strerror(errno),
                                {}});
  }
  const char* data = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      ok = false;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  const int saved_errno = errno;
  ok = ok && ::fsync(fd) == 0;
  ::fchmod(fd, 0644);
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int err = ok ? errno : saved_errno;
    ::unlink(tmpl.c_str());
    throw InputError(Diagnostic{
        {path.string()}, {}, std::string("cannot write output file: ") + std::strerror(err), {}});
  }
}

std::string Sha256Hex(std::string_view content) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(content.data(), content.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
      1) {
    throw InternalError("SHA-256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

}  // namespace jobaward
