#include "cli_common.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/render/text_table.hpp"
#include "option_values.hpp"
#include "staged_outputs.hpp"

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

// `text` broken at spaces into lines of at most `width` display columns; a word wider than that
// (a long path) gets a line of its own rather than being cut.
std::vector<std::string> WrapAtSpaces(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    if (!lines.empty() && DisplayWidth(lines.back()) + 1 + DisplayWidth(word) <= width) {
      lines.back() += " " + word;
    } else {
      lines.push_back(word);
    }
  }
  return lines;
}

bool g_parse_only = false;

}  // namespace

void SetParseOnly(bool parse_only) { g_parse_only = parse_only; }

std::size_t HelpWidth() {
  // A terminal's width; piped or redirected, a wide default (nothing is cut either way).
  constexpr std::size_t kDefault = 100;
  constexpr std::size_t kNarrowest = 60;
  winsize size{};
  if (::isatty(STDOUT_FILENO) != 0 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0) {
    return std::max<std::size_t>(size.ws_col, kNarrowest);
  }
  return kDefault;
}

std::string OptionsCaption(const po::options_description& options) {
  // boost keeps the caption private; its printer starts with "caption:" when there is one.
  std::ostringstream printed;
  printed << options;
  const std::string first = printed.str().substr(0, printed.str().find('\n'));
  return !first.empty() && first.back() == ':' && first.front() != ' ' ? first : "";
}

std::string FormatOptionsHelp(const std::string& caption, const po::options_description& options,
                              std::size_t width) {
  // boost's own printer wraps at a fixed 80 columns and cuts a word longer than half a line
  // in two ("governments-202" / "0.csv"), counting bytes, not Hangul's double width.
  std::string out = caption.empty() ? "" : caption + "\n";
  std::vector<std::pair<std::string, std::string>> rows;
  std::size_t name_width = 0;
  for (const auto& o : options.options()) {
    std::string name = "  " + o->format_name();
    const std::string parameter = o->format_parameter();
    if (!parameter.empty()) name += " " + parameter;
    name_width = std::max(name_width, DisplayWidth(name));
    rows.emplace_back(std::move(name), o->description());
  }
  // Names longer than this start their description on the next line.
  constexpr std::size_t kMaxNameColumn = 34;
  constexpr std::size_t kNarrowestText = 30;
  const std::size_t column = std::min(name_width, kMaxNameColumn) + 2;
  const std::size_t text_width = std::max(width > column ? width - column : 0, kNarrowestText);
  for (const auto& [name, description] : rows) {
    out += name;
    std::size_t at = DisplayWidth(name);
    if (at + 2 > column) {
      out += "\n";
      at = 0;
    }
    const std::vector<std::string> lines = WrapAtSpaces(description, text_width);
    for (const std::string& line : lines) {
      out += std::string(column - at, ' ') + line + "\n";
      at = 0;
    }
    if (lines.empty()) out += "\n";
  }
  return out;
}

namespace {

// Boost's what() fills "%canonical_option%", "%value%", ... in its message with the user's words
// and loops until no placeholder is left, so an argument that holds one never returns
// (`--seed%canonical_option%`, found by fuzz_options). Such a message is written without them.
std::string OptionErrorText(const po::error& e, const std::vector<std::string>& args) {
  const bool placeholder = std::any_of(args.begin(), args.end(), [](const std::string& a) {
    const auto open = a.find('%');
    return open != std::string::npos && a.find('%', open + 1) != std::string::npos;
  });
  if (!placeholder) return e.what();
  const auto* named = dynamic_cast<const po::error_with_option_name*>(&e);
  if (named == nullptr) return "the command line cannot be read (an argument holds '%...%')";
  return "option " + QuoteForMessage(named->get_option_name()) +
         " cannot be read (an argument holds '%...%')";
}

}  // namespace

bool ParseArgs(const std::vector<std::string>& args, const po::options_description& options,
               const po::positional_options_description& positional, const std::string& usage,
               po::variables_map& vm) {
  po::options_description all;
  all.add(options);
  all.add_options()("help,h", "show this help")(
      "max-input-mb", Ranged<long long>(1, 4096),
      "raise the size limit of every input file to N MiB (defaults: 1 MiB for YAML "
      "specs and reports, 16 MiB for CSV tables and workbooks, 64 MiB for JSON)");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help") != 0U) {
      std::cout << usage << "\n\n"
                << FormatOptionsHelp(OptionsCaption(options), all, HelpWidth()) << '\n';
      return false;
    }
    po::notify(vm);
    if (vm.count("max-input-mb") != 0U) {
      SetMinimumInputLimit(static_cast<std::size_t>(vm["max-input-mb"].as<long long>()) << 20);
    }
    if (g_parse_only) throw ParsedOnly{};
  } catch (const po::unknown_option& e) {
    throw UsageError(OptionErrorText(e, args) + OptionHint(e.get_option_name(), all));
  } catch (const po::error& e) {
    throw UsageError(OptionErrorText(e, args));
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
    StageOutput(out_path, "--out", content);
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
