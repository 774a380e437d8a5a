// Numeric command-line options with their range, parsed from the text itself: every numeric
// option of every command is declared with Ranged(min, max) instead of po::value<T>(), so
// --help states the range ("--draws N (1..100000000, default 10000)") and a value outside it is
// a usage error (exit 2) naming the option and the range. boost's own conversion goes through
// lexical_cast, which wraps "-1" into 2^64-1 for an unsigned option; here "-1" is out of range,
// "1e15" for a whole-number option is not a whole number, and "1e400", "nan" and "inf" are not
// finite numbers. The limits shared by several commands are below; the catalogue of option
// cases is tests/errors/options/ (run by tests/unit/cli/option_catalogue_test.cpp), the parser's
// unit tests are in tests/unit/cli/option_values_test.cpp.
#pragma once

#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace jobaward::cli {

namespace po = boost::program_options;

/// Worker threads of one run: beyond this, threads only cost memory (each holds a workspace).
inline constexpr int kMaxThreads = 256;
/// Monte Carlo draws of one run (simulate --draws/--max-draws, report --draws, compare
/// --simulate): 1e8 draws of the 2020 award take hours; more is a typo, not a plan.
inline constexpr std::uint64_t kMaxDraws = 100'000'000;

/// Which ends of a range of real numbers belong to it.
enum class Ends { kClosed, kOpenMin, kOpenMax, kOpen };

/// "1..100000000" for whole numbers; "[0, 1]", "(0, 1]", "(0, 0.5)" for real numbers.
std::string DescribeRange(double min, double max, Ends ends);
std::string DescribeRange(std::int64_t min, std::int64_t max);
std::string DescribeRange(std::uint64_t min, std::uint64_t max);

/// The shortest text that reads back as `v` ("0.1", "1e+300").
std::string FormatOptionNumber(double v);

/// Throws the po::validation_error ParseArgs turns into the usage error
/// "--NAME: expected EXPECTED, got GIVEN" (boost fills in the option name). GIVEN is `text`
/// as typed, in quotes unless it reads as a number.
[[noreturn]] void ThrowOptionValueError(const std::string& expected, const std::string& text);

/// The value semantic Ranged() returns: a po::typed_value<T> (so vm["x"].as<T>() works as
/// before) that parses the token itself and refuses values outside [min, max].
template <typename T>
class RangedValue : public po::typed_value<T> {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);

 public:
  RangedValue(T* store, T min, T max, Ends ends)
      : po::typed_value<T>(store), min_(min), max_(max), ends_(ends) {}

  /// Hides typed_value::default_value so that --help shows the default as it is read back
  /// ("0.1", not lexical_cast's "0.10000000000000001").
  RangedValue* default_value(const T& v) {
    po::typed_value<T>::default_value(v, Format(v));
    default_text_ = Format(v);
    return this;
  }

  /// "N (1..100000000, default 10000)" in --help.
  [[nodiscard]] std::string name() const override {
    std::string text = std::is_integral_v<T> ? "N (" : "X (";
    text += Range();
    if (!default_text_.empty()) text += ", default " + default_text_;
    return text + ")";
  }

  void xparse(boost::any& value_store, const std::vector<std::string>& tokens) const override {
    po::validators::check_first_occurrence(value_store);
    const std::string& text = po::validators::get_single_string(tokens);
    value_store = boost::any(Parse(text));
  }

  /// `text` as a value of the range, or ThrowOptionValueError.
  [[nodiscard]] T Parse(const std::string& text) const {
    const char* begin = text.data();
    const char* end = begin + text.size();
    // lexical_cast accepted "+5", so do we; not "+-5".
    if (begin != end && *begin == '+' && (begin + 1 == end || begin[1] != '-')) ++begin;
    T value{};
    if constexpr (std::is_integral_v<T>) {
      // from_chars reads no sign for an unsigned T: "-1" ("-0" is 0) is below the range.
      const bool negative = begin != end && *begin == '-';
      const char* digits = std::is_unsigned_v<T> && negative ? begin + 1 : begin;
      const auto [ptr, ec] = std::from_chars(digits, end, value);
      if (ptr != end || ptr == digits || ec != std::errc() ||
          (std::is_unsigned_v<T> && negative && value != 0) || value < min_ || value > max_) {
        ThrowOptionValueError("a whole number from " + Format(min_) + " to " + Format(max_), text);
      }
    } else {
      const auto [ptr, ec] = std::from_chars(begin, end, value);
      const bool open_min = ends_ == Ends::kOpenMin || ends_ == Ends::kOpen;
      const bool open_max = ends_ == Ends::kOpenMax || ends_ == Ends::kOpen;
      const bool inside = (open_min ? value > min_ : value >= min_) &&
                          (open_max ? value < max_ : value <= max_);  // false for NaN
      if (ptr != end || ptr == begin || ec != std::errc() || !std::isfinite(value) || !inside) {
        ThrowOptionValueError("a number in " + Range(), text);
      }
    }
    return value;
  }

 private:
  [[nodiscard]] std::string Range() const {
    if constexpr (std::is_integral_v<T>) {
      return DescribeRange(static_cast<Wide>(min_), static_cast<Wide>(max_));
    } else {
      return DescribeRange(static_cast<double>(min_), static_cast<double>(max_), ends_);
    }
  }
  static std::string Format(T v) {
    if constexpr (std::is_integral_v<T>) {
      return std::to_string(v);
    } else {
      return FormatOptionNumber(static_cast<double>(v));
    }
  }
  using Wide = std::conditional_t<std::is_signed_v<T>, std::int64_t, std::uint64_t>;

  T min_;
  T max_;
  Ends ends_;
  std::string default_text_;
};

/// A numeric option with the values min..max (both included; for real numbers `ends` may leave
/// them out), e.g. Ranged<std::uint64_t>(1, kMaxDraws)->default_value(10000).
template <typename T>
RangedValue<T>* Ranged(T min, T max, Ends ends = Ends::kClosed) {
  return new RangedValue<T>(nullptr, min, max, ends);
}

/// The same, stored into `*store` as po::value(&x) does.
template <typename T>
RangedValue<T>* Ranged(T* store, T min, T max, Ends ends = Ends::kClosed) {
  return new RangedValue<T>(store, min, max, ends);
}

/// Every value of T that is >= 0 (seeds: the whole uint64 range, but "-1" is refused).
template <typename T>
RangedValue<T>* NonNegative(T* store = nullptr) {
  return Ranged<T>(store, T{0}, std::numeric_limits<T>::max());
}

}  // namespace jobaward::cli
