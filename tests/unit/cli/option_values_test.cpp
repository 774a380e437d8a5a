// Numeric options with their range (engine/cli/option_values.hpp): the text is parsed by the
// option itself, so no value wraps, nothing outside the range reaches a command, the message
// names the option, the range and the value, and --help states the range. The command lines the
// real program refuses are the catalogue tests/errors/options/ (option_catalogue_test.cpp);
// here the parser on its own, and the commands' option parsing run in process without running
// the commands (SetParseOnly), for the values that must be accepted.
#include <doctest/doctest.h>

#include <cstdint>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "commands.hpp"
#include "option_values.hpp"

using namespace jobaward::cli;

namespace {

// The message ParseArgs gives for `args` against `options`, or "" when they parse.
std::string UsageMessage(const po::options_description& options,
                         const std::vector<std::string>& args) {
  po::variables_map vm;
  try {
    (void)ParseArgs(args, options, {}, "usage", vm);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

template <typename T>
bool Accepts(const RangedValue<T>& value, const std::string& text, T expected) {
  try {
    return value.Parse(text) == expected;
  } catch (const po::validation_error&) {
    return false;
  }
}

template <typename T>
bool Refuses(const RangedValue<T>& value, const std::string& text) {
  try {
    (void)value.Parse(text);
  } catch (const po::validation_error&) {
    return true;
  }
  return false;
}

// Runs `run` on `args` with ParseOnly: true when the command line parsed (ParsedOnly), false on
// a usage error; the command itself never runs.
bool ParsesOnly(int (*run)(const std::vector<std::string>&), const std::vector<std::string>& args) {
  SetParseOnly(true);
  bool parsed = false;
  try {
    (void)run(args);
  } catch (const ParsedOnly&) {
    parsed = true;
  } catch (const UsageError&) {
    parsed = false;
  }
  SetParseOnly(false);
  return parsed;
}

// What `command --help` prints (stdout), without running the command.
std::string Help(int (*run)(const std::vector<std::string>&), std::vector<std::string> args) {
  args.emplace_back("--help");
  std::ostringstream captured;
  std::streambuf* previous = std::cout.rdbuf(captured.rdbuf());
  (void)run(args);
  std::cout.rdbuf(previous);
  return captured.str();
}

}  // namespace

TEST_SUITE("option values") {
  TEST_CASE("whole numbers: no sign wraps, no fraction or exponent, nothing beyond the type") {
    const RangedValue<std::uint64_t> seed(nullptr, 0, std::numeric_limits<std::uint64_t>::max(),
                                          Ends::kClosed);
    CHECK(Accepts<std::uint64_t>(seed, "0", 0));
    CHECK(Accepts<std::uint64_t>(seed, "-0", 0));
    CHECK(Accepts<std::uint64_t>(seed, "+7", 7));
    CHECK(Accepts<std::uint64_t>(seed, "18446744073709551615",
                                 std::numeric_limits<std::uint64_t>::max()));
    for (const char* bad : {"-1", "-18446744073709551615", "18446744073709551616", "1e3", "2.0",
                            "0x10", " 5", "5 ", "", "+", "-", "+-5", "--5", "five", "5five"}) {
      INFO("text: '", bad, "'");
      CHECK(Refuses(seed, bad));
    }
    const RangedValue<int> threads(nullptr, 1, kMaxThreads, Ends::kClosed);
    CHECK(Accepts(threads, "1", 1));
    CHECK(Accepts(threads, "256", 256));
    for (const char* bad :
         {"0", "-1", "257", "2147483648", "-2147483649", "99999999999999999999"}) {
      INFO("text: '", bad, "'");
      CHECK(Refuses(threads, bad));
    }
    const RangedValue<std::int64_t> signed_range(nullptr, -5, 5, Ends::kClosed);
    CHECK(Accepts<std::int64_t>(signed_range, "-5", -5));
    CHECK(Refuses(signed_range, "-6"));
    CHECK(Refuses(signed_range, "+-5"));
  }

  TEST_CASE("real numbers: finite, inside the range with its open or closed ends") {
    const RangedValue<double> se(nullptr, 0.0, 0.5, Ends::kOpen);
    CHECK(Accepts(se, "0.25", 0.25));
    CHECK(Accepts(se, "1e-300", 1e-300));
    for (const char* bad :
         {"0", "0.5", "-0.1", "nan", "inf", "-inf", "1e400", "0.1x", "", "0x1p-2", " 0.1"}) {
      INFO("text: '", bad, "'");
      CHECK(Refuses(se, bad));
    }
    const RangedValue<double> step(nullptr, 0.0, 1.0, Ends::kOpenMin);
    CHECK(Refuses(step, "0"));
    CHECK(Accepts(step, "1", 1.0));
    const RangedValue<double> closed(nullptr, 0.0, 1.0, Ends::kClosed);
    CHECK(Accepts(closed, "0", 0.0));
    CHECK(Accepts(closed, "1", 1.0));
    CHECK(Refuses(closed, "1.0000001"));
  }

  TEST_CASE("the usage error names the option, the range and the value as given") {
    po::options_description options;
    options.add_options()("draws", Ranged<std::uint64_t>(1, kMaxDraws)->default_value(10000),
                          "draws")("until-se", Ranged(0.0, 0.5, Ends::kOpen), "se")(
        "name", po::value<std::string>(), "a word");
    CHECK_EQ(UsageMessage(options, {"--draws", "-1"}),
             "--draws: expected a whole number from 1 to 100000000, got -1");
    CHECK_EQ(UsageMessage(options, {"--draws=1e15"}),
             "--draws: expected a whole number from 1 to 100000000, got 1e15");
    CHECK_EQ(UsageMessage(options, {"--draws", "lots%"}),
             "--draws: expected a whole number from 1 to 100000000, got 'lots%'");
    CHECK_EQ(UsageMessage(options, {"--until-se", "nan"}),
             "--until-se: expected a number in (0, 0.5), got 'nan'");
    CHECK_EQ(UsageMessage(options, {"--until-se", "0.5"}),
             "--until-se: expected a number in (0, 0.5), got 0.5");
    CHECK_EQ(UsageMessage(options, {"--draws", "100000000", "--until-se", "0.01"}), "");
  }

  TEST_CASE("--help states the range and the default of a numeric option") {
    po::options_description options;
    options.add_options()("draws", Ranged<std::uint64_t>(1, kMaxDraws)->default_value(10000),
                          "number of draws")(
        "step", Ranged(0.0, 1.0, Ends::kOpenMin)->default_value(0.10), "relative step");
    std::ostringstream help;
    help << options;
    CHECK_NE(help.str().find("--draws N (1..100000000, default 10000)"), std::string::npos);
    CHECK_NE(help.str().find("--step X ((0, 1], default 0.1)"), std::string::npos);
  }

  TEST_CASE("every command's numeric options state their range in --help") {
    CHECK_NE(Help(RunSimulate, {}).find("--draws N (1..100000000, default 10000)"),
             std::string::npos);
    CHECK_NE(Help(RunSimulate, {}).find("--seed N (0..18446744073709551615, default 2020)"),
             std::string::npos);
    CHECK_NE(Help(RunSimulate, {}).find("-j [ --threads ] N (1..256, default "), std::string::npos);
    CHECK_NE(Help(RunSimulate, {}).find("--until-se X ((0, 0.5))"), std::string::npos);
    CHECK_NE(Help(RunReport, {}).find("--tornado-step X ([0, 1], default 0.1)"), std::string::npos);
    CHECK_NE(Help(RunSensitivity, {"sobol"}).find("--samples N (2..1048576, default 1024)"),
             std::string::npos);
    CHECK_NE(Help(RunServe, {}).find("--port N (0..65535, default 8080)"), std::string::npos);
    CHECK_NE(Help(RunSynth, {}).find("--year N (1990..2100, default 2020)"), std::string::npos);
    CHECK_NE(Help(RunCompare, {}).find("--simulate N (1..100000000)"), std::string::npos);
  }

  TEST_CASE("the ends of every range are accepted by the commands themselves") {
    CHECK(ParsesOnly(RunSimulate,
                     {"--draws", "100000000", "--seed", "18446744073709551615", "--threads", "256",
                      "--confidence-draws", "0", "--matrix-limit", "0"}));
    CHECK(ParsesOnly(RunSimulate, {"--draws", "1", "--seed", "0", "--threads", "1", "--until-se",
                                   "0.49", "--max-draws", "100000000"}));
    CHECK_FALSE(ParsesOnly(RunSimulate, {"--draws", "100000001"}));
    CHECK(ParsesOnly(RunReport,
                     {"--out", "r.html", "--draws", "0", "-j", "256", "--tornado-step", "0"}));
    CHECK(ParsesOnly(RunCompare, {"default", "default", "--simulate", "100000000"}));
    CHECK(ParsesOnly(RunGaps, {"--threads", "256"}));
    CHECK_FALSE(ParsesOnly(RunGaps, {"--threads", "257"}));
    CHECK(ParsesOnly(RunSensitivity, {"tornado", "--step", "1"}));
    CHECK(ParsesOnly(RunSensitivity, {"sobol", "--samples", "1048576", "--bootstrap", "0",
                                      "--bootstrap-units", "1024", "--confidence", "0.999"}));
    CHECK_FALSE(ParsesOnly(RunSensitivity, {"sobol", "--samples", "1048577"}));
    CHECK_FALSE(ParsesOnly(RunSensitivity, {"sobol", "--bootstrap", "10001"}));
    CHECK(ParsesOnly(RunServe, {"--port", "0", "--threads", "256"}));
    CHECK(ParsesOnly(RunSynth, {"--seed", "18446744073709551615", "--out", "d", "--year", "1990",
                                "--count", "1"}));
    CHECK_FALSE(ParsesOnly(RunSynth, {"--seed", "1", "--out", "d", "--year", "2101"}));
  }
}
