// One way to open an input (ReadInput, file_io.hpp): only regular files are read, never blocking;
// special files, link loops and over-long paths get a clear InputError (exit 1, never a
// filesystem error and exit 4); each kind of input has a size limit that --max-input-mb raises;
// provenance hashes the bytes that were read. And in a reports directory, every entry named
// like a report that cannot be read is rejected by name while the others are scored (exit 3).
//
// The tests run as root in CI, where permission bits do not stop a read: the chmod 000 case is
// skipped then, and /proc/self/mem (a regular file whose first bytes no process can read, root
// included: reading it at offset 0 fails with EIO) stands in for an unreadable report.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/provenance.hpp"
#include "test_support.hpp"

using namespace jobaward;
namespace fs = std::filesystem;
using test::InputErrorOf;
using test::RunCli;
using test::TempDir;

namespace {

std::string ReadError(const fs::path& path, InputKind kind = InputKind::kSpec) {
  return InputErrorOf([&] { (void)ReadInput(path, kind); });
}

void MakeFifo(const fs::path& path) { REQUIRE(::mkfifo(path.c_str(), 0644) == 0); }

// A copy of the bundled 2020 reports in `dir`/reports.
fs::path CopyReports(const TempDir& dir) {
  const fs::path reports = dir.path() / "reports";
  fs::copy(test::SourcePath("examples/2020/reports"), reports);
  return reports;
}

// Restores the default input limits when a test that raised them ends.
struct DefaultLimitsAfter {
  DefaultLimitsAfter() = default;
  DefaultLimitsAfter(const DefaultLimitsAfter&) = delete;
  DefaultLimitsAfter& operator=(const DefaultLimitsAfter&) = delete;
  ~DefaultLimitsAfter() { SetMinimumInputLimit(0); }
};

}  // namespace

TEST_SUITE("input paths") {
  TEST_CASE("a FIFO is refused at once, without waiting for a writer") {
    TempDir dir;
    const fs::path fifo = dir.path() / "rules.yaml";
    MakeFifo(fifo);
    CHECK_EQ(ReadError(fifo), fifo.string() + ": is a FIFO (named pipe), expected a regular file");
  }

  TEST_CASE("a device is refused: /dev/null is not an empty input") {
    CHECK_EQ(ReadError("/dev/null"), "/dev/null: is a character device, expected a regular file");
  }

  TEST_CASE("a directory is refused") {
    TempDir dir;
    CHECK_EQ(ReadError(dir.path()), dir.path().string() + ": is a directory, expected a file");
  }

  TEST_CASE("a symbolic-link loop is named as such") {
    TempDir dir;
    fs::create_symlink(dir.path() / "b.yaml", dir.path() / "a.yaml");
    fs::create_symlink(dir.path() / "a.yaml", dir.path() / "b.yaml");
    CHECK_EQ(ReadError(dir.path() / "a.yaml"),
             (dir.path() / "a.yaml").string() +
                 ": cannot open: too many levels of symbolic links (a symbolic link loop?)");
  }

  TEST_CASE("a dangling symbolic link is named as such") {
    TempDir dir;
    fs::create_symlink(dir.path() / "gone.yaml", dir.path() / "link.yaml");
    CHECK_EQ(ReadError(dir.path() / "link.yaml"),
             (dir.path() / "link.yaml").string() +
                 ": cannot open: a symbolic link to a file that does not exist");
  }

  TEST_CASE("a missing file keeps its plain message") {
    TempDir dir;
    CHECK_EQ(ReadError(dir.path() / "absent.yaml"),
             (dir.path() / "absent.yaml").string() + ": cannot open: No such file or directory");
  }

  TEST_CASE("a name or a path longer than the system allows is named as such") {
    TempDir dir;
    const std::string expected =
        ": cannot open: the path is longer than the system allows (4095 bytes, 255 per name)";
    const fs::path long_name = dir.path() / (std::string(256, 'n') + ".yaml");
    CHECK_EQ(ReadError(long_name), long_name.string() + expected);
    std::string long_path = dir.path().string();
    while (long_path.size() <= 4096) long_path += "/" + std::string(200, 'd');
    CHECK_EQ(ReadError(long_path), long_path + expected);
  }

  TEST_CASE("a file without read permission is named (skipped as root, who reads it anyway)") {
    if (::geteuid() == 0) return;
    TempDir dir;
    const fs::path file = dir.path() / "locked.yaml";
    test::WriteBytes(file, "year: 2020\n");
    fs::permissions(file, fs::perms::none);
    CHECK_EQ(ReadError(file), file.string() + ": cannot open: Permission denied");
  }

  TEST_CASE("a regular file that cannot be read is a read error") {
    CHECK_EQ(ReadError("/proc/self/mem"), "/proc/self/mem: read error: Input/output error");
  }

  TEST_CASE("each kind of input has its own limit, documented in engine/docs/errors.md") {
    CHECK_EQ(DefaultInputLimit(InputKind::kSpec), 1U << 20);
    CHECK_EQ(DefaultInputLimit(InputKind::kReport), 1U << 20);
    CHECK_EQ(DefaultInputLimit(InputKind::kTable), 16U << 20);
    CHECK_EQ(DefaultInputLimit(InputKind::kWorkbook), 16U << 20);
    CHECK_EQ(DefaultInputLimit(InputKind::kJson), 64U << 20);
  }

  TEST_CASE(
      "a spec of exactly its limit is read, one byte more is refused, --max-input-mb raises it") {
    const DefaultLimitsAfter restore;
    TempDir dir;
    const fs::path file = dir.path() / "big.yaml";
    test::WriteBytes(file, std::string(1U << 20, '#'));
    CHECK_EQ(ReadInput(file, InputKind::kSpec).size(), 1U << 20);
    test::WriteBytes(file, std::string((1U << 20) + 1, '#'));
    CHECK_EQ(ReadError(file), file.string() +
                                  ": file is larger than the limit of 1 MiB (1048576 bytes) for a "
                                  "YAML spec (rules, rubric, uncertainty, AHP, published facts, "
                                  "scenario); --max-input-mb N raises it");
    CHECK_EQ(ReadInput(file, InputKind::kTable).size(), (1U << 20) + 1);
    SetMinimumInputLimit(2U << 20);
    CHECK_EQ(InputLimit(InputKind::kSpec), 2U << 20);
    CHECK_EQ(InputLimit(InputKind::kJson), 64U << 20);  // never lowered
    CHECK_EQ(ReadInput(file, InputKind::kSpec).size(), (1U << 20) + 1);
  }

  TEST_CASE("provenance hashes the bytes that were read, not the file as it is later") {
    TempDir dir;
    const fs::path file = dir.path() / "rules.yaml";
    test::WriteBytes(file, "abc");
    CHECK_EQ(ReadInput(file, InputKind::kSpec), "abc");
    test::WriteBytes(file, "changed since");
    const InputFile described = HashInputFile("rules", file);
    CHECK_EQ(described.bytes, 3U);
    CHECK_EQ(described.sha256, Sha256Hex("abc"));
    // The same file under another spelling of its path is the same read.
    CHECK_EQ(HashInputFile("rules", dir.path() / "." / "rules.yaml").sha256, Sha256Hex("abc"));
  }

  TEST_CASE("a file no loader read is hashed as it is") {
    TempDir dir;
    const fs::path file = dir.path() / "never-read.yaml";
    test::WriteBytes(file, "abc");
    CHECK_EQ(HashInputFile("rules", file).sha256, Sha256Hex("abc"));
  }
}

TEST_SUITE("input paths (CLI)") {
  TEST_CASE("award --registry FIFO returns at once with exit 1 naming the FIFO") {
    TempDir dir;
    const fs::path fifo = dir.path() / "registry.csv";
    MakeFifo(fifo);
    const auto result = RunCli({"award", "--registry", fifo.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err,
             "error: " + fifo.string() + ": is a FIFO (named pipe), expected a regular file\n");
  }

  TEST_CASE("cohorts --rules through a symlink loop is exit 1, not an internal error") {
    TempDir dir;
    fs::create_symlink(dir.path() / "loop.yaml", dir.path() / "loop.yaml");
    const auto result = RunCli({"cohorts", "--rules", (dir.path() / "loop.yaml").string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err, "error: " + (dir.path() / "loop.yaml").string() +
                             ": cannot open: too many levels of symbolic links (a symbolic link "
                             "loop?)\n");
  }

  TEST_CASE("--max-input-mb is range-checked and raises the limit") {
    TempDir dir;
    const auto zero = RunCli({"cohorts", "--max-input-mb", "0"});
    CHECK_EQ(zero.exit_code, 2);
    CHECK_NE(zero.err.find("--max-input-mb: expected a whole number from 1 to 4096, got 0"),
             std::string::npos);
    // Rules padded with a comment past 1 MiB: refused, then read with the limit raised.
    std::string rules = test::Slurp(test::SourcePath("cohorts/2020.yaml"));
    rules += "#" + std::string(1U << 20, 'x') + "\n";
    const fs::path file = dir.path() / "rules.yaml";
    test::WriteBytes(file, rules);
    CHECK_EQ(RunCli({"cohorts", "--rules", file.string()}).exit_code, 1);
    CHECK_EQ(RunCli({"cohorts", "--rules", file.string(), "--max-input-mb", "2"}).exit_code, 0);
  }

  TEST_CASE("a reports directory with special entries names each and scores the rest (exit 3)") {
    TempDir dir;
    const fs::path reports = CopyReports(dir);
    MakeFifo(reports / "fifo.yaml");
    fs::create_directory(reports / "subdir.yaml");
    fs::create_symlink(reports / "gone.yaml", reports / "dangling.yaml");
    fs::create_symlink(reports / "loop.yaml", reports / "loop.yaml");
    fs::create_symlink("/dev/null", reports / "device.yaml");
    const fs::path out = dir.path() / "scores.csv";
    const fs::path provenance = dir.path() / "provenance.json";
    const auto result = RunCli({"score", "--reports", reports.string(), "--format", "csv", "--out",
                                out.string(), "--provenance", provenance.string()});
    CHECK_EQ(result.exit_code, 3);
    const std::string r = reports.string() + "/";
    for (const std::string& expected :
         {"rejected: " + r + "fifo.yaml\n  error: " + r +
              "fifo.yaml: is a FIFO (named pipe), expected a regular file\n",
          "rejected: " + r + "subdir.yaml\n  error: " + r +
              "subdir.yaml: is a directory, expected a file\n",
          "rejected: " + r + "dangling.yaml\n  error: " + r +
              "dangling.yaml: cannot open: a symbolic link to a file that does not exist\n",
          "rejected: " + r + "loop.yaml\n  error: " + r +
              "loop.yaml: cannot open: too many levels of symbolic links (a symbolic link "
              "loop?)\n",
          "rejected: " + r + "device.yaml\n  error: " + r +
              "device.yaml: is a character device, expected a regular file\n",
          std::string("5 report(s) rejected, 243 scored\n")}) {
      CHECK_MESSAGE(result.err.find(expected) != std::string::npos, expected);
    }
    CHECK(fs::exists(out));
    CHECK(fs::exists(provenance));
  }

  TEST_CASE(
      "one unreadable report is rejected and the rest scored: provenance does not read it "
      "again") {
    // /proc/self/mem is unreadable for root too (see the file comment).
    TempDir dir;
    const fs::path reports = CopyReports(dir);
    fs::create_symlink("/proc/self/mem", reports / "unreadable.yaml");
    const fs::path out = dir.path() / "scores.csv";
    const auto result = RunCli({"score", "--reports", reports.string(), "--format", "csv", "--out",
                                out.string(), "--provenance", (dir.path() / "p.json").string()});
    CHECK_EQ(result.exit_code, 3);
    CHECK_NE(result.err.find("unreadable.yaml: read error: Input/output error\n"),
             std::string::npos);
    CHECK_NE(result.err.find("1 report(s) rejected, 243 scored\n"), std::string::npos);
    CHECK(fs::exists(out));
  }

  TEST_CASE("one report without read permission: exit 3 (skipped as root, who can read it)") {
    if (::geteuid() == 0) return;
    TempDir dir;
    const fs::path reports = CopyReports(dir);
    fs::permissions(reports / "11530.yaml", fs::perms::none);
    const auto result = RunCli({"score", "--reports", reports.string(), "--format", "csv", "--out",
                                (dir.path() / "scores.csv").string(), "--provenance",
                                (dir.path() / "p.json").string()});
    CHECK_EQ(result.exit_code, 3);
    CHECK_NE(result.err.find("11530.yaml: cannot open: Permission denied\n"), std::string::npos);
    CHECK_NE(result.err.find("1 report(s) rejected, 242 scored\n"), std::string::npos);
  }

  TEST_CASE("an empty reports directory is an error, not an empty success") {
    TempDir dir;
    fs::create_directory(dir.path() / "reports");
    const auto result = RunCli({"score", "--reports", (dir.path() / "reports").string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err, "error: " + (dir.path() / "reports").string() +
                             ": no report file in the directory: reports are read from *.yaml and "
                             "*.xlsx (not *.yml, *.YAML or *.XLSX); the directory is empty\n");
  }

  TEST_CASE("a reports directory of .yml and .YAML files says which names are read") {
    TempDir dir;
    const fs::path reports = dir.path() / "reports";
    fs::create_directory(reports);
    fs::copy_file(test::SourcePath("examples/2020/reports/11530.yaml"), reports / "11530.yml");
    fs::copy_file(test::SourcePath("examples/2020/reports/11530.yaml"), reports / "11500.YAML");
    const auto result = RunCli({"score", "--reports", reports.string()});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err, "error: " + reports.string() +
                             ": no report file in the directory: reports are read from *.yaml and "
                             "*.xlsx (not *.yml, *.YAML or *.XLSX); it holds 2 other file(s), e.g. "
                             "'11500.YAML'\n");
  }

  TEST_CASE("--reports-csv DIR is refused, not read as a directory of YAML reports") {
    const auto result = RunCli({"score", "--reports-csv", "examples/2020/reports"});
    CHECK_EQ(result.exit_code, 1);
    CHECK_EQ(result.err,
             "error: examples/2020/reports: is a directory; --reports-csv reads one CSV file "
             "(--reports DIR reads a directory of reports)\n");
  }
}
