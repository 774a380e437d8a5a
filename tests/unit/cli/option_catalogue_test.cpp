// The option catalogue (tests/errors/options/): every NAME.args is one command line (one
// argument per line, the command first, no shell), and NAME.expected beside it holds what the
// real program must answer: "exit N" and then its stderr, byte for byte; stdout must stay empty.
// Every case is a bad option value, refused while the command line is parsed (exit 2), before
// any input is read. A new case is one .args file and no code: JOBAWARD_UPDATE_GOLDEN=1 writes
// the .expected files (read each message: does it name the option, the range and the value?).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> ArgsFiles() {
  std::vector<fs::path> files;
  for (const auto& entry :
       fs::directory_iterator(jobaward::test::SourcePath("tests/errors/options"))) {
    if (entry.path().extension() == ".args") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// One argument per line; a final newline ends the last one (an empty line is an empty
// argument).
std::vector<std::string> ReadArgs(const fs::path& file) {
  std::string text = jobaward::test::Slurp(file.string());
  if (!text.empty() && text.back() == '\n') text.pop_back();
  std::vector<std::string> args;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find('\n', start);
    args.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return args;
}

bool UpdateRequested() {
  const char* update = std::getenv("JOBAWARD_UPDATE_GOLDEN");
  return update != nullptr && std::string(update) == "1";
}

}  // namespace

TEST_SUITE("option catalogue") {
  TEST_CASE("every catalogued command line is refused with exactly its expected message") {
    for (const fs::path& file : ArgsFiles()) {
      INFO("case: tests/errors/options/", file.filename().string());
      const auto result = jobaward::test::RunCli(ReadArgs(file));
      CHECK(result.out.empty());
      CHECK_EQ(result.exit_code, 2);
      const std::string actual = "exit " + std::to_string(result.exit_code) + "\n" + result.err;
      fs::path expected = file;
      expected.replace_extension(".expected");
      if (UpdateRequested() && result.exit_code == 2) {
        std::ofstream(expected, std::ios::binary) << actual;
        continue;
      }
      if (!fs::exists(expected)) {
        FAIL_CHECK("missing ", expected.string());
        continue;
      }
      CHECK_EQ(actual, jobaward::test::Slurp(expected.string()));
    }
  }

  TEST_CASE("the option catalogue holds at least twenty cases, each with its expectation") {
    CHECK(ArgsFiles().size() >= 20);
    for (const auto& entry :
         fs::directory_iterator(jobaward::test::SourcePath("tests/errors/options"))) {
      INFO("file: ", entry.path().string());
      CHECK((entry.path().extension() == ".args" || entry.path().extension() == ".expected"));
    }
  }
}
