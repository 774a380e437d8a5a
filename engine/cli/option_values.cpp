#include "option_values.hpp"

#include <array>

namespace jobaward::cli {

std::string FormatOptionNumber(double v) {
  std::array<char, 32> buffer{};
  const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v);
  return ec == std::errc() ? std::string(buffer.data(), ptr) : std::to_string(v);
}

std::string DescribeRange(double min, double max, Ends ends) {
  const bool open_min = ends == Ends::kOpenMin || ends == Ends::kOpen;
  const bool open_max = ends == Ends::kOpenMax || ends == Ends::kOpen;
  return std::string(open_min ? "(" : "[") + FormatOptionNumber(min) + ", " +
         FormatOptionNumber(max) + (open_max ? ")" : "]");
}

std::string DescribeRange(std::int64_t min, std::int64_t max) {
  return std::to_string(min) + ".." + std::to_string(max);
}

std::string DescribeRange(std::uint64_t min, std::uint64_t max) {
  return std::to_string(min) + ".." + std::to_string(max);
}

namespace {

// True when `text` reads as a number, even one no option takes ("-1", "1e15", "1e400"), so the
// message shows it as a number rather than as a word in quotes.
bool ReadsAsNumber(const std::string& text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+' && (begin + 1 == end || begin[1] != '-')) ++begin;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(begin, end, value);
  return ptr == end && ptr != begin &&
         (ec == std::errc() || ec == std::errc::result_out_of_range) &&
         (ec != std::errc() || std::isfinite(value));
}

}  // namespace

void ThrowOptionValueError(const std::string& expected, const std::string& text) {
  po::validation_error error(po::validation_error::invalid_option_value);
  // boost substitutes %canonical_option% ("--draws") when the error passes through po::store.
  // The value goes in as a substitution, not into the template, so a '%' in it stays as typed.
  error.m_error_template = "%canonical_option%: expected " + expected + ", got %given%";
  error.set_substitute("given", ReadsAsNumber(text) ? text : "'" + text + "'");
  throw error;
}

}  // namespace jobaward::cli
