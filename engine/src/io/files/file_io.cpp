#include "jobaward/io/file_io.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>

#include "jobaward/error.hpp"

namespace jobaward {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void Fail(const fs::path& path, std::string message) {
  throw InputError(Diagnostic{{path.string()}, {}, std::move(message), {}});
}

std::string FileType(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string NotRegularInput(mode_t mode) {
  if (S_ISDIR(mode)) return "is a directory, expected a file";
  return "is " + FileType(mode) + ", expected a regular file";
}

// The reason a path could not be opened or examined, for the errno values a user can cause.
std::string PathProblem(const fs::path& path, int err) {
  switch (err) {
    case ELOOP:
      return "too many levels of symbolic links (a symbolic link loop?)";
    case ENAMETOOLONG:
      return "the path is longer than the system allows (" + std::to_string(PATH_MAX - 1) +
             " bytes, " + std::to_string(NAME_MAX) + " per name)";
    case ENOENT: {
      struct stat st {};
      if (::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
        return "a symbolic link to a file that does not exist";
      }
      break;
    }
    default:
      break;
  }
  return std::strerror(err);
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

// Opens a regular file for reading; refuses anything else. The path is examined first so that a
// device or FIFO is never opened (opening some devices has effects), then the descriptor itself
// decides (the path may have changed in between). O_NONBLOCK: even a FIFO swapped in at the last
// moment cannot block the open.
int OpenRegular(const fs::path& path, struct stat& st) {
  if (::stat(path.c_str(), &st) != 0) Fail(path, "cannot open: " + PathProblem(path, errno));
  if (!S_ISREG(st.st_mode)) Fail(path, NotRegularInput(st.st_mode));
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) Fail(path, "cannot open: " + PathProblem(path, errno));
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const int err = errno;
    const mode_t mode = st.st_mode;
    ::close(fd);
    if (!S_ISREG(mode)) Fail(path, NotRegularInput(mode));
    Fail(path, std::string("cannot read: ") + std::strerror(err));
  }
  return fd;
}

// Grows `s` to `n` bytes and lets `fill(begin, room)` write the new part, keeping what it reports
// written. With C++23's resize_and_overwrite the new bytes are never zero-filled first; C++20
// has no such call, so there the string is resized (one memset of the buffer).
template <class Fill>
void GrowAndFill(std::string& s, std::size_t n, Fill fill) {
  const std::size_t used = s.size();
#if defined(__cpp_lib_string_resize_and_overwrite)
  s.resize_and_overwrite(n, [&](char* p, std::size_t) { return used + fill(p + used, n - used); });
#else
  s.resize(n);
  s.resize(used + fill(s.data() + used, n - used));
#endif
}

// Reads `fd` to its end, at most `limit` bytes. The first buffer is the size fstat gave plus one
// byte (to see the end in one pass); a file that grows meanwhile is read in doubling steps.
std::string ReadAll(int fd, const fs::path& path, std::size_t limit, std::uint64_t size_hint,
                    const std::string& too_large) {
  if (size_hint > limit) Fail(path, too_large);
  std::string content;
  int err = 0;
  bool eof = false;
  std::size_t want = static_cast<std::size_t>(size_hint) + 1;
  while (!eof) {
    if (content.size() > limit) Fail(path, too_large);
    GrowAndFill(content, want, [&](char* p, std::size_t room) noexcept {
      std::size_t got = 0;
      while (got < room) {
        const ssize_t n = ::read(fd, p + got, room - got);
        if (n < 0) {
          if (errno == EINTR) continue;
          err = errno;
          eof = true;
          break;
        }
        if (n == 0) {
          eof = true;
          break;
        }
        got += static_cast<std::size_t>(n);
      }
      return got;
    });
    if (err != 0) Fail(path, std::string("read error: ") + std::strerror(err));
    want = std::min(std::max(content.size() * 2, std::size_t{1} << 16), limit + 1);
  }
  if (content.size() > limit) Fail(path, too_large);
  return content;
}

std::string LimitText(std::size_t bytes) {
  if (bytes % (std::size_t{1} << 20) == 0) {
    return std::to_string(bytes >> 20) + " MiB (" + std::to_string(bytes) + " bytes)";
  }
  return std::to_string(bytes) + " bytes";
}

const char* KindName(InputKind kind) {
  switch (kind) {
    case InputKind::kSpec:
      return "a YAML spec (rules, rubric, uncertainty, AHP, published facts, scenario)";
    case InputKind::kReport:
      return "a report";
    case InputKind::kTable:
      return "a CSV table (registry, reports)";
    case InputKind::kWorkbook:
      return "a workbook";
    case InputKind::kJson:
      return "a JSON input";
  }
  return "an input";
}

std::atomic<std::size_t> g_minimum_limit{0};

struct DigestLog {
  std::mutex mutex;
  std::map<std::string, InputDigest> by_path;
};

DigestLog& Log() {
  static DigestLog log;
  return log;
}

std::string LogKey(const fs::path& path) { return path.lexically_normal().string(); }

std::string HexDigest(const unsigned char* digest, unsigned int length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int i = 0; i < length; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0xF];
  }
  return out;
}

// ---- Temporaries of pending outputs, removed by the SIGINT/SIGTERM handler ----------------------
// A fixed table of lock-free atomics and path buffers: the handler may only read memory and call
// unlink(). A slot is 0 free, 1 being filled, 2 live (path complete); more pending outputs than
// slots are still removed on every other path, only not from a signal handler.
constexpr int kSlots = 64;
constexpr std::size_t kSlotPath = PATH_MAX;

struct Slot {
  std::atomic<int> state{0};
  std::array<char, kSlotPath> path{};
};

std::array<Slot, kSlots> g_slots;
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler needs lock-free atomics");

int ClaimSlot(const std::string& path) {
  if (path.size() >= kSlotPath) return -1;
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    Slot& slot = g_slots[static_cast<std::size_t>(i)];
    if (slot.state.compare_exchange_strong(expected, 1, std::memory_order_acquire)) {
      std::memcpy(slot.path.data(), path.c_str(), path.size() + 1);
      slot.state.store(2, std::memory_order_release);
      return i;
    }
  }
  return -1;
}

void ReleaseSlot(int& slot) {
  if (slot >= 0) g_slots[static_cast<std::size_t>(slot)].state.store(0, std::memory_order_release);
  slot = -1;
}

extern "C" void OnStopSignal(int number) {
  const int saved = errno;
  RemovePendingTemporaries();
  // Then the signal's default action, as if this handler had never been installed: it is
  // blocked while the handler runs, so it is delivered (and ends the process) on return.
  ::signal(number, SIG_DFL);
  ::raise(number);
  errno = saved;
}

// Installs OnStopSignal for SIGINT and SIGTERM where their disposition is still the default; a
// handler of the program's own (simulate's Ctrl-C, a test framework's) or SIG_IGN is kept.
void InstallStopHandlers() {
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  for (const int number : {SIGINT, SIGTERM}) {
    struct sigaction current {};
    if (::sigaction(number, nullptr, &current) != 0) continue;
    if ((current.sa_flags & SA_SIGINFO) != 0 || current.sa_handler != SIG_DFL) continue;
    struct sigaction ours {};
    ours.sa_handler = OnStopSignal;
    sigemptyset(&ours.sa_mask);
    sigaddset(&ours.sa_mask, SIGINT);
    sigaddset(&ours.sa_mask, SIGTERM);
    ::sigaction(number, &ours, nullptr);
  }
}

// SIGINT and SIGTERM held back in this thread while a temporary is created and registered, so
// no signal can fall between the two.
class StopSignalsHeld {
 public:
  StopSignalsHeld() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~StopSignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  StopSignalsHeld(const StopSignalsHeld&) = delete;
  StopSignalsHeld& operator=(const StopSignalsHeld&) = delete;

 private:
  sigset_t previous_{};
};

[[noreturn]] void FailWrite(const fs::path& target, const char* what, int err) {
  Fail(target, std::string(what) + PathProblem(target, err));
}

}  // namespace

std::size_t DefaultInputLimit(InputKind kind) {
  switch (kind) {
    case InputKind::kSpec:
    case InputKind::kReport:
      return std::size_t{1} << 20;
    case InputKind::kTable:
    case InputKind::kWorkbook:
      return std::size_t{16} << 20;
    case InputKind::kJson:
      return kMaxInputBytes;
  }
  return kMaxInputBytes;
}

std::size_t InputLimit(InputKind kind) {
  return std::max(DefaultInputLimit(kind), g_minimum_limit.load(std::memory_order_relaxed));
}

void SetMinimumInputLimit(std::size_t bytes) {
  g_minimum_limit.store(bytes, std::memory_order_relaxed);
}

std::string ReadInput(const fs::path& path, InputKind kind) {
  struct stat st {};
  const Fd fd(OpenRegular(path, st));
  const std::size_t limit = InputLimit(kind);
  std::string content = ReadAll(fd.get(), path, limit, static_cast<std::uint64_t>(st.st_size),
                                "file is larger than the limit of " + LimitText(limit) + " for " +
                                    KindName(kind) + "; --max-input-mb N raises it");
  InputDigest digest{content.size(), Sha256Hex(content)};
  DigestLog& log = Log();
  const std::lock_guard lock(log.mutex);
  log.by_path[LogKey(path)] = std::move(digest);
  return content;
}

std::string ReadTextFile(const fs::path& path, std::size_t max_bytes) {
  struct stat st {};
  const Fd fd(OpenRegular(path, st));
  return ReadAll(fd.get(), path, max_bytes, static_cast<std::uint64_t>(st.st_size),
                 "file is larger than the limit of " + std::to_string(max_bytes) + " bytes");
}

std::optional<InputDigest> FindReadDigest(const fs::path& path) {
  DigestLog& log = Log();
  const std::lock_guard lock(log.mutex);
  const auto it = log.by_path.find(LogKey(path));
  if (it == log.by_path.end()) return std::nullopt;
  return it->second;
}

InputDigest DigestFile(const fs::path& path) {
  struct stat st {};
  const Fd fd(OpenRegular(path, st));
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw InternalError("SHA-256 failed");
  }
  std::array<char, 1 << 16> buffer;  // filled by read() before use
  InputDigest digest;
  while (true) {
    const ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      Fail(path, std::string("read error: ") + std::strerror(errno));
    }
    if (n == 0) break;
    digest.bytes += static_cast<std::uint64_t>(n);
    if (EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(n)) != 1) {
      throw InternalError("SHA-256 failed");
    }
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), md.data(), &length) != 1) throw InternalError("SHA-256 failed");
  digest.sha256 = HexDigest(md.data(), length);
  return digest;
}

void CheckOutputTarget(const fs::path& target) {
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      Fail(target, "cannot write output file: it is " + FileType(st.st_mode) +
                       ", not a regular file (an output replaces only a regular file)");
    }
    return;
  }
  // A missing target is the usual case; a missing or unwritable directory is reported when the
  // temporary file cannot be created. Loops and over-long names are said as such here.
  if (errno == ELOOP || errno == ENAMETOOLONG) {
    FailWrite(target, "cannot write output file: ", errno);
  }
}

PendingOutput::PendingOutput(fs::path target) : target_(std::move(target)) {
  CheckOutputTarget(target_);
  const fs::path dir = target_.has_parent_path() ? target_.parent_path() : fs::path(".");
  // Short and fixed, so it fits wherever the target's name fits (a 255-byte name included).
  temp_ = (dir / ".jw-XXXXXX").string();
  InstallStopHandlers();
  const StopSignalsHeld held;
  fd_ = ::mkostemp(temp_.data(), O_CLOEXEC);
  if (fd_ < 0) FailWrite(target_, "cannot create output file: ", errno);
  slot_ = ClaimSlot(temp_);
}

PendingOutput::~PendingOutput() { Discard(); }

void PendingOutput::Write(std::string_view content) {
  if (fd_ < 0 || done_) throw InternalError("PendingOutput::Write after close");
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      FailWrite(target_, "cannot write output file: ", errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void PendingOutput::CloseForNamedWriter() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void PendingOutput::Commit() {
  if (done_) throw InternalError("PendingOutput committed twice");
  int err = 0;
  if (fd_ < 0) {
    fd_ = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) err = errno;
  }
  if (err == 0 && ::fsync(fd_) != 0) err = errno;
  if (fd_ >= 0) {
    (void)::fchmod(fd_, 0644);  // mkstemp's 0600 is for the temporary only; may fail on vfat
    if (::close(fd_) != 0 && err == 0) err = errno;
    fd_ = -1;
  }
  if (err != 0) {
    Discard();
    FailWrite(target_, "cannot write output file: ", err);
  }
  try {
    CheckOutputTarget(target_);  // again: it may have become a FIFO or device meanwhile
  } catch (...) {
    Discard();
    throw;
  }
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    err = errno;
    Discard();
    FailWrite(target_, "cannot write output file: ", err);
  }
  done_ = true;
  ReleaseSlot(slot_);
}

void PendingOutput::Discard() noexcept {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!done_ && !temp_.empty()) ::unlink(temp_.c_str());
  done_ = true;
  ReleaseSlot(slot_);
}

void WriteFileAtomic(const fs::path& path, std::string_view content) {
  PendingOutput out(path);
  out.Write(content);
  out.Commit();
}

void RemovePendingTemporaries() noexcept {
  for (Slot& slot : g_slots) {
    if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path.data());
  }
}

std::string Sha256Hex(std::string_view content) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(content.data(), content.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
      1) {
    throw InternalError("SHA-256 failed");
  }
  return HexDigest(digest.data(), length);
}

}  // namespace jobaward
