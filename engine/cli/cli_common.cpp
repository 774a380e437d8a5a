#include "cli_common.hpp"

#include <filesystem>
#include <iostream>

#include "jobaward/error.hpp"
#include "jobaward/file_io.hpp"

namespace jobaward::cli {

namespace {

// ", did you mean '--format'?" for a misspelt long option (e.g. --fromat), or "".
std::string OptionHint(const std::string& given, const po::options_description& options) {
  const std::size_t start = given.find_first_not_of('-');
  if (start == std::string::npos || start < 2) return "";  // not a long option
  std::vector<std::string> names;
  for (const auto& o : options.options()) names.push_back(o->long_name());
  const std::string hint = ClosestMatch(given.substr(start), names);
  return hint.empty() ? "" : ", did you mean '--" + hint + "'?";
}

}  // namespace

bool ParseArgs(const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional, const std::string& usage,
               po::variables_map& vm) {
  po::options_description all;
  all.add(options);
  all.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help") != 0U) {
      std::cout << usage << "\n\n" << all << '\n';
      return false;
    }
    po::notify(vm);
  } catch (const po::unknown_option& e) {
    throw UsageError(e.what() + OptionHint(e.get_option_name(), all));
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return true;
}

std::string DefaultPath(const std::string& relative) {
  if (std::filesystem::exists(relative)) return relative;
  return std::string(JOBAWARD_SOURCE_DIR) + "/" + relative;
}

OutputFormat ParseFormat(const std::string& name, const std::vector<std::string>& allowed) {
  bool ok = false;
  std::string list;
  for (const auto& a : allowed) {
    ok = ok || a == name;
    list += (list.empty() ? "" : ", ") + a;
  }
  if (!ok) throw UsageError("--format: expected one of " + list + ", got '" + name + "'");
  if (name == "csv") return OutputFormat::kCsv;
  if (name == "json") return OutputFormat::kJson;
  if (name == "xlsx") return OutputFormat::kXlsx;
  return OutputFormat::kTable;
}

void Emit(const std::string& content, const std::string& out_path) {
  if (out_path.empty() || out_path == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    WriteFileAtomic(out_path, content);
  }
}

namespace {
std::string& CommandLineStorage() {
  static std::string command_line;
  return command_line;
}
}  // namespace

std::string CommandLine() { return CommandLineStorage(); }

void SetCommandLine(int argc, char** argv) {
  std::string& s = CommandLineStorage();
  s.clear();
  for (int i = 0; i < argc; ++i) {
    if (i > 0) s += ' ';
    s += argv[i];
  }
}

}  // namespace jobaward::cli
