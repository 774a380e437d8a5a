// Reading inputs with a size limit and writing outputs atomically (file_io.hpp), and the CLI's
// promise built on them: a failed run leaves the old output file untouched and no temporary file.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "test_support.hpp"

using namespace jobaward;
namespace fs = std::filesystem;
using test::Listing;

namespace {

// A fresh directory under /tmp, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "jobaward-file-io-XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void WritePlain(const fs::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

std::string OnlyMessage(const InputError& e) {
  REQUIRE(e.diagnostics().size() == 1);
  return e.diagnostics().front().ToString();
}

}  // namespace

TEST_SUITE("file io") {
  TEST_CASE("ReadTextFile reads a file of exactly the limit and rejects one byte more") {
    TempDir dir;
    const fs::path file = dir.path() / "ten.txt";
    WritePlain(file, "0123456789");
    CHECK_EQ(ReadTextFile(file, 10), "0123456789");
    try {
      (void)ReadTextFile(file, 9);
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e), file.string() + ": file is larger than the limit of 9 bytes");
    }
  }

  TEST_CASE("ReadTextFile's limit holds for a file larger than its read buffer") {
    TempDir dir;
    const fs::path file = dir.path() / "big.txt";
    WritePlain(file, std::string(200000, 'x'));
    CHECK_THROWS_AS((void)ReadTextFile(file, 150000), InputError);
    CHECK_EQ(ReadTextFile(file, 200000).size(), 200000U);
  }

  TEST_CASE("ReadTextFile names a missing file and a directory") {
    TempDir dir;
    try {
      (void)ReadTextFile(dir.path() / "absent.yaml");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e),
               (dir.path() / "absent.yaml").string() + ": cannot open: No such file or directory");
    }
    try {
      (void)ReadTextFile(dir.path());
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e), dir.path().string() + ": is a directory, expected a file");
    }
  }

  TEST_CASE("the default input limit is 64 MiB") { CHECK_EQ(kMaxInputBytes, 64U * 1024 * 1024); }

  TEST_CASE("WriteFileAtomic writes a new file and replaces an existing one") {
    TempDir dir;
    const fs::path file = dir.path() / "out.csv";
    WriteFileAtomic(file, "first\n");
    CHECK_EQ(test::Slurp(file.string()), "first\n");
    WriteFileAtomic(file, "second\n");
    CHECK_EQ(test::Slurp(file.string()), "second\n");
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"out.csv"});
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK_EQ(st.st_mode & 0777, 0644);
  }

  TEST_CASE("WriteFileAtomic into a missing directory fails with a clear InputError") {
    TempDir dir;
    const fs::path file = dir.path() / "no-such-dir" / "out.csv";
    try {
      WriteFileAtomic(file, "x");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e),
               file.string() + ": cannot create output file: No such file or directory");
    }
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("WriteFileAtomic below a regular file fails with a clear InputError") {
    TempDir dir;
    WritePlain(dir.path() / "plain", "keep");
    const fs::path file = dir.path() / "plain" / "out.csv";
    try {
      WriteFileAtomic(file, "x");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e), file.string() + ": cannot create output file: Not a directory");
    }
    CHECK_EQ(test::Slurp((dir.path() / "plain").string()), "keep");
  }

  TEST_CASE("WriteFileAtomic into a read-only directory fails and leaves no temporary file") {
    if (::geteuid() == 0) return;  // root writes through permission bits; nothing to test
    TempDir dir;
    const fs::path locked = dir.path() / "locked";
    fs::create_directory(locked);
    WritePlain(locked / "out.csv", "old\n");
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    try {
      WriteFileAtomic(locked / "out.csv", "new\n");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e),
               (locked / "out.csv").string() + ": cannot create output file: Permission denied");
    }
    fs::permissions(locked, fs::perms::owner_all);
    CHECK_EQ(test::Slurp((locked / "out.csv").string()), "old\n");
    CHECK_EQ(Listing(locked), std::vector<std::string>{"out.csv"});
  }

  TEST_CASE("a directory as the target is refused and left as it was") {
    // Refused before a temporary file exists (output_policy_test.cpp has the other special
    // files). Neither the directory nor its content may change, and no temporary file is left.
    TempDir dir;
    const fs::path target = dir.path() / "out.csv";
    fs::create_directory(target);
    WritePlain(target / "inside", "keep");
    try {
      WriteFileAtomic(target, "new\n");
      FAIL("expected InputError");
    } catch (const InputError& e) {
      CHECK_EQ(OnlyMessage(e), target.string() +
                                   ": cannot write output file: it is a directory, not a regular "
                                   "file (an output replaces only a regular file)");
    }
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"out.csv"});
    CHECK_EQ(test::Slurp((target / "inside").string()), "keep");
  }

  TEST_CASE("Sha256Hex matches the published test vector") {
    CHECK_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}

TEST_SUITE("nothing half-written") {
  TEST_CASE("cohorts with invalid rules leaves an existing --out file untouched") {
    TempDir dir;
    const fs::path out = dir.path() / "existing.csv";
    WritePlain(out, "old content\n");
    const fs::path rules = dir.path() / "bad.yaml";
    WritePlain(rules,
               "year: 2020\ncohorts:\n  - letter: 가\n    id: ga\n    name_en: All\n"
               "    rule: workers >= = 3\n");
    const auto result = test::RunCli(
        {"cohorts", "--rules", rules.string(), "--format", "csv", "--out", out.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(test::Slurp(out.string()), "old content\n");
    CHECK_EQ(Listing(dir.path()), (std::vector<std::string>{"bad.yaml", "existing.csv"}));
  }

  TEST_CASE("cohorts with a registry that fails late leaves an existing --out file untouched") {
    // The last row is the bad one: the loader has read everything before it fails.
    TempDir dir;
    const fs::path out = dir.path() / "existing.csv";
    WritePlain(out, "old content\n");
    std::string registry = test::Slurp(test::SourcePath("cohorts/governments-2020.csv"));
    registry += "99999,가상군,Nowhere,basic,county,11000,-1,2023,MOIS,1,2024,KOSIS,false\n";
    WritePlain(dir.path() / "registry.csv", registry);
    const auto result =
        test::RunCli({"cohorts", "--registry", (dir.path() / "registry.csv").string(), "--format",
                      "csv", "--out", out.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(test::Slurp(out.string()), "old content\n");
    CHECK_EQ(Listing(dir.path()), (std::vector<std::string>{"existing.csv", "registry.csv"}));
  }

  TEST_CASE("cohorts --out into a missing directory fails with exit code 1 and a clear message") {
    TempDir dir;
    const fs::path out = dir.path() / "missing" / "cohorts.csv";
    const auto result = test::RunCli({"cohorts", "--format", "csv", "--out", out.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err,
             "error: " + out.string() + ": cannot create output file: No such file or directory\n");
    CHECK(Listing(dir.path()).empty());
  }

  TEST_CASE("cohorts --out replaces an existing file on success, with no leftovers") {
    TempDir dir;
    const fs::path out = dir.path() / "cohorts.csv";
    WritePlain(out, "old content\n");
    const auto result = test::RunCli({"cohorts", "--format", "csv", "--out", out.string()});
    CHECK_EQ(result.exit_code, 0);
    CHECK_EQ(test::Slurp(out.string()), test::RunCli({"cohorts", "--format", "csv"}).out);
    CHECK_EQ(Listing(dir.path()), std::vector<std::string>{"cohorts.csv"});
  }
}
