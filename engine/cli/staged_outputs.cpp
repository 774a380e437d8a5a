#include "staged_outputs.hpp"

#include <pthread.h>
#include <sys/stat.h>

#include <csignal>

#include <filesystem>
#include <memory>
#include <utility>
#include <vector>

namespace jobaward::cli {

namespace {

struct Staged {
  std::string flag;
  std::string identity;
  std::unique_ptr<PendingOutput> output;
};

std::vector<Staged>& Outputs() {
  static std::vector<Staged> outputs;
  return outputs;
}

// The file a chain of symbolic links ends at, when that file does not exist (yet): a dangling
// link names the file an output through it would create. Loops stop at the kernel's own limit.
std::filesystem::path FollowDanglingLinks(std::filesystem::path path) {
  constexpr int kMaxLinks = 40;  // Linux's MAXSYMLINKS
  std::error_code ec;
  for (int hops = 0; hops < kMaxLinks && std::filesystem::is_symlink(path, ec); ++hops) {
    const std::filesystem::path target = std::filesystem::read_symlink(path, ec);
    if (ec) break;
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  return path;
}

// What makes two paths the same file: device and inode when it exists (hard and symbolic links
// included), else the absolute path, through dangling links, with "." and ".." resolved as far as
// the directories exist.
std::string FileIdentity(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    return "inode " + std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  }
  std::error_code ec;
  std::filesystem::path resolved = std::filesystem::weakly_canonical(FollowDanglingLinks(path), ec);
  if (ec) resolved = std::filesystem::absolute(path, ec).lexically_normal();
  return "path " + resolved.string();
}

[[noreturn]] void ThrowSameFile(const std::string& first, const std::string& second,
                                const std::string& path) {
  throw UsageError(first + " and " + second + " name the same file (" + path +
                   "); give each output its own file");
}

// Holds SIGINT and SIGTERM back while it lives: they are delivered when it ends, as they would
// have been, only later.
class SignalsHeld {
 public:
  SignalsHeld() {
    sigset_t held;
    sigemptyset(&held);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGTERM);
    ::pthread_sigmask(SIG_BLOCK, &held, &previous_);
  }
  SignalsHeld(const SignalsHeld&) = delete;
  SignalsHeld& operator=(const SignalsHeld&) = delete;
  ~SignalsHeld() { ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

 private:
  sigset_t previous_{};
};

}  // namespace

PendingOutput& StageOutput(const std::string& path, const std::string& flag) {
  std::vector<Staged>& outputs = Outputs();
  std::string identity = FileIdentity(path);
  for (const Staged& s : outputs) {
    if (s.identity == identity) ThrowSameFile(s.flag, flag, path);
  }
  outputs.push_back({flag, std::move(identity), std::make_unique<PendingOutput>(path)});
  return *outputs.back().output;
}

void StageOutput(const std::string& path, const std::string& flag, std::string_view content) {
  StageOutput(path, flag).Write(content);
}

void CommitOutputs() {
  std::vector<Staged>& outputs = Outputs();
  // A signal between two renames would leave --out in place without its --provenance (the
  // cleanup removes only the temporaries not yet renamed): it waits until all are renamed.
  const SignalsHeld held;
  try {
    for (Staged& s : outputs) s.output->Commit();
  } catch (...) {
    DiscardOutputs();
    throw;
  }
  outputs.clear();
}

void DiscardOutputs() noexcept {
  std::vector<Staged>& outputs = Outputs();
  for (Staged& s : outputs) s.output->Discard();
  outputs.clear();
}

void CheckOutputFlags(const po::variables_map& vm, std::initializer_list<const char*> flags) {
  std::vector<std::pair<std::string, std::string>> seen;  // flag, identity
  for (const char* name : flags) {
    if (vm.count(name) == 0U) continue;
    const std::string path = vm[name].as<std::string>();
    if (path.empty() || path == "-") continue;
    CheckOutputTarget(path);
    std::string identity = FileIdentity(path);
    const std::string flag = std::string("--") + name;
    for (const auto& [other, other_identity] : seen) {
      if (other_identity == identity) ThrowSameFile(other, flag, path);
    }
    seen.emplace_back(flag, std::move(identity));
  }
}

}  // namespace jobaward::cli
