#include "jobaward/io/provenance.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/report_io.hpp"

namespace jobaward {

namespace {

// Options that cannot change an output's content; each takes a value unless listed in
// kDroppedFlags.
constexpr std::array<std::string_view, 6> kDroppedWithValue = {
    "--threads", "-j", "--out", "-o", "--provenance", "--progress-every"};
constexpr std::array<std::string_view, 4> kDroppedFlags = {"--progress", "--no-progress", "--quiet",
                                                           "-q"};

template <std::size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

std::string Quote(const std::string& word) {
  if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?;&|<>()") == std::string::npos) {
    return word;
  }
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

std::string ToolVersion() { return JOBAWARD_VERSION; }

ReportOrigin CountReports(std::span<const ScoringModel> models) {
  std::map<std::size_t, bool> synthetic;
  for (const ScoringModel& m : models) {
    Require(m.row_synthetic.size() == m.row_government.size(), "CountReports: model rows");
    for (std::size_t r = 0; r < m.row_government.size(); ++r) {
      bool& is_synthetic = synthetic[m.row_government[r]];
      is_synthetic = is_synthetic || m.row_synthetic[r] != 0;
    }
  }
  ReportOrigin origin;
  origin.reports = static_cast<std::int64_t>(synthetic.size());
  for (const auto& [government, is_synthetic] : synthetic) origin.synthetic += is_synthetic;
  return origin;
}

bool IsSynthetic(const Provenance& provenance) {
  return provenance.reports && provenance.reports->synthetic > 0;
}

std::string SyntheticNotice(const Provenance& provenance) {
  if (!IsSynthetic(provenance)) return "";
  const std::string n = std::to_string(provenance.reports->synthetic);
  const std::string of = std::to_string(provenance.reports->reports);
  return "합성 자료: 보고서 " + of + "건 중 " + n +
         "건이 합성(가상) 수치입니다 — synthetic figures, not submitted reports (" + n + " of " +
         of + ")";
}

InputFile DescribeInput(std::string role, std::string path, std::string_view content) {
  return InputFile{std::move(role), std::move(path), content.size(), Sha256Hex(content)};
}

InputFile HashInputFile(std::string role, const std::filesystem::path& path) {
  // The bytes the loader read (no second read); a file no loader read is hashed now.
  std::optional<InputDigest> digest = FindReadDigest(path);
  if (!digest) digest = DigestFile(path);
  return InputFile{std::move(role), path.string(), digest->bytes, std::move(digest->sha256)};
}

InputFile HashInputPath(std::string role, const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return HashInputFile(std::move(role), path);
  std::vector<std::filesystem::path> files;
  std::filesystem::directory_iterator it(path, ec);
  for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (IsReportFileName(it->path())) files.push_back(it->path());
  }
  if (ec) {
    throw InputError(Diagnostic{{path.string()}, {}, "cannot list directory: " + ec.message(), {}});
  }
  std::sort(files.begin(), files.end());
  std::string listing;
  std::uint64_t bytes = 0;
  for (const auto& file : files) {
    std::optional<InputDigest> digest = FindReadDigest(file);
    if (!digest) {
      try {
        digest = DigestFile(file);
      } catch (const InputError&) {
        // Not readable (a FIFO, a dangling link, no permission): the batch names it among the
        // rejected reports; it contributed no bytes.
        continue;
      }
    }
    bytes += digest->bytes;
    listing += digest->sha256 + "  " + file.filename().string() + "\n";
  }
  return InputFile{std::move(role), path.string(), bytes, Sha256Hex(listing)};
}

std::string ReproducibleCommandLine(const std::vector<std::string>& argv) {
  std::string out = "jobaward";
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& word = argv[i];
    const std::string_view name = std::string_view(word).substr(0, word.find('='));
    if (Contains(kDroppedWithValue, name)) {
      // "--out FILE" drops the next word too; "--out=FILE" is one word.
      if (word.find('=') == std::string::npos) ++i;
      continue;
    }
    if (Contains(kDroppedFlags, word)) continue;
    out += ' ';
    out += Quote(word);
  }
  return out;
}

std::string ReproducibleCommandLine(std::string_view joined) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start <= joined.size()) {
    const std::size_t end = std::min(joined.find(' ', start), joined.size());
    if (end > start) words.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  if (words.empty()) return "jobaward";
  return ReproducibleCommandLine(words);
}

Provenance MakeProvenance(std::string command, std::string_view joined_command_line) {
  Provenance p;
  p.version = ToolVersion();
  p.command = std::move(command);
  p.command_line = ReproducibleCommandLine(joined_command_line);
  return p;
}

nlohmann::ordered_json ProvenanceJson(const Provenance& provenance) {
  nlohmann::ordered_json j;
  j["tool"] = provenance.tool;
  j["version"] = provenance.version;
  j["command"] = provenance.command;
  j["command_line"] = provenance.command_line;
  j["inputs"] = nlohmann::ordered_json::array();
  for (const auto& f : provenance.inputs) {
    j["inputs"].push_back(
        {{"role", f.role}, {"path", f.path}, {"bytes", f.bytes}, {"sha256", f.sha256}});
  }
  if (provenance.reports) {
    j["reports"] = {{"count", provenance.reports->reports},
                    {"synthetic", provenance.reports->synthetic}};
  }
  if (provenance.seed) j["seed"] = *provenance.seed;
  if (provenance.draws) j["draws"] = *provenance.draws;
  if (!provenance.settings.empty()) {
    nlohmann::ordered_json settings = nlohmann::ordered_json::object();
    for (const auto& [key, value] : provenance.settings) settings[key] = value;
    j["settings"] = settings;
  }
  return j;
}

Table ProvenanceTable(const Provenance& provenance) {
  Table t;
  t.header = {"item", "value"};
  t.rows.push_back({"tool", provenance.tool + " " + provenance.version});
  t.rows.push_back({"command", provenance.command});
  t.rows.push_back({"command line", provenance.command_line});
  if (provenance.reports) {
    t.rows.push_back({"reports", std::to_string(provenance.reports->reports) + " (synthetic: " +
                                     std::to_string(provenance.reports->synthetic) + ")"});
  }
  if (IsSynthetic(provenance)) t.rows.push_back({"합성 자료", SyntheticNotice(provenance)});
  if (provenance.seed) t.rows.push_back({"seed", std::to_string(*provenance.seed)});
  if (provenance.draws) t.rows.push_back({"draws", std::to_string(*provenance.draws)});
  for (const auto& [key, value] : provenance.settings) t.rows.push_back({key, value});
  for (const auto& f : provenance.inputs) {
    t.rows.push_back({"input: " + f.role, f.path + " (" + std::to_string(f.bytes) +
                                              " bytes, sha256 " + f.sha256 + ")"});
  }
  return t;
}

Table InputFilesTable(const Provenance& provenance) {
  Table t;
  t.header = {"role", "path", "bytes", "sha256"};
  t.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
  for (const auto& f : provenance.inputs) {
    t.rows.push_back({f.role, f.path, std::to_string(f.bytes), f.sha256});
  }
  return t;
}

}  // namespace jobaward
