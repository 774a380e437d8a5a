// The JSON input reader (src/io/render/json_input.hpp): every problem is located at the value it
// is about, whatever kind of token the value is and whatever comes before it.
#include <doctest/doctest.h>

#include <string>

#include "jobaward/error.hpp"
#include "src/io/render/json_input.hpp"

namespace jobaward::json_input {
namespace {

// The one diagnostic `read` throws for `text`, as "line:column: key: message".
template <class Read>
std::string Problem(const std::string& text, Read read) {
  try {
    const JsonDocument document(text, "in.json", "the JSON of a test");
    read(document.Root());
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const Diagnostic& d = e.diagnostics()[0];
    return std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + ": " + d.key +
           ": " + d.message;
  }
  return "no problem";
}

TEST_SUITE("JSON inputs") {
  TEST_CASE("a value of the wrong type is located at its first byte, for every kind of token") {
    const std::string text =
        "{\"a\": \"x\\\"y\\\\\", \"b\": [true, -1.5e3, null],\n \"c\": {\"d\": \"\\u00e9\"}, "
        "\"e\": false}";
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("a").Real(); }) ==
          "1:7: a: expected a number, got \"x\\\"y\\\\\"");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("b").Item(0).Real(); }) ==
          "1:23: b[0]: expected a number, got true");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("b").Item(1).Text(); }) ==
          "1:29: b[1]: expected a string, got -1500.0");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("b").Item(2).Real(); }) ==
          "1:37: b[2]: expected a number, got null");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("c").Member("d").Real(); }) ==
          "2:13: c.d: expected a number, got \"é\"");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("e").Real(); }) ==
          "2:29: e: expected a number, got false");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("c").Size(); }) ==
          "2:7: c: expected a list [...], got an object {...}");
  }

  TEST_CASE("a missing key is located at its object; a key given twice at the one that counts") {
    const std::string text = "[{\"k\": 1},\n  {\"k\": 2, \"k\": \"two\"}]";
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Item(1).Member("x"); }) ==
          "2:3: [1].x: missing required key 'x'");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Item(1).Member("k").Real(); }) ==
          "2:17: [1].k: expected a number, got \"two\"");
    CHECK(Problem(text, [](const JsonValue& v) { (void)v.Member("k"); }) ==
          "1:1: : expected the JSON of a test, an object {...}, got a list [...]");
  }

  TEST_CASE("a number that ends the text, and whole numbers out of range") {
    CHECK(Problem("  2.5", [](const JsonValue& v) { (void)v.Whole(0, 10); }) ==
          "1:3: : expected a whole number from 0 to 10, got 2.5");
    CHECK(Problem("[11]", [](const JsonValue& v) { (void)v.Item(0).Whole(0, 10); }) ==
          "1:2: [0]: expected a whole number from 0 to 10, got 11");
    CHECK(Problem("[-1]", [](const JsonValue& v) { (void)v.Item(0).Unsigned(); }) ==
          "1:2: [0]: expected a whole number >= 0, got -1");
    CHECK(Problem("[3]", [](const JsonValue& v) { CHECK(v.Item(0).Whole(0, 10) == 3); }) ==
          "no problem");
  }

  TEST_CASE("the value limit is located at the first value past it") {
    // The list is value 1 and its item i (from 0) value i + 2, at column 2 + 2i: value limit + 1
    // is item limit - 1, at column 2 * limit.
    std::string text = "[";
    for (int i = 0; i < 400000; ++i) text += "0,";
    text += "0]";
    const std::size_t limit = kJsonBaseValues + text.size() / kJsonBytesPerValue;
    const std::string column = std::to_string(2 * limit);
    CHECK(Problem(text, [](const JsonValue&) {}) ==
          "1:" + column + ": : the file holds more than " + std::to_string(limit) +
              " JSON values (300000 plus one per 8 bytes of the file), the limit; what "
              "jobaward writes holds one per ~23 bytes");
  }
}

}  // namespace
}  // namespace jobaward::json_input
