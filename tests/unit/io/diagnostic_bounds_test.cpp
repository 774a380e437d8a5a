// The bounded diagnostic list and the cut of echoed input (issue 14): a DiagnosticSink keeps the
// first kMaxDiagnosticsPerFile problems of each file and counts the rest, keys and messages stay
// short whatever a loader echoes, QuoteForMessage cuts at a UTF-8 character boundary, and a
// did-you-mean on an overlong word costs nothing. The CLI-level bounds (peak memory, stderr) are in
// loader_memory_test.cpp.
#include <doctest/doctest.h>

#include <string>

#include "jobaward/error.hpp"

using namespace jobaward;

TEST_SUITE("echoed values") {
  TEST_CASE("QuoteForMessage keeps short text and cuts long text at a character boundary") {
    CHECK_EQ(QuoteForMessage("panle"), "'panle'");
    CHECK_EQ(QuoteForMessage("13300", '"'), "\"13300\"");
    CHECK_EQ(QuoteForMessage(std::string(100, 'a'), '\'', 3), "'aaa…' (100 characters)");
    // Hangul syllables are three bytes each: the cut falls between characters, never inside one.
    CHECK_EQ(QuoteForMessage("구로구청장", '\'', 2), "'구로…' (5 characters)");
    CHECK_EQ(CutForMessage("구로구청장", 3), "구로구…");
    CHECK_EQ(CutForMessage("161.5"), "161.5");
  }

  TEST_CASE("a did-you-mean on an overlong word is skipped, not computed") {
    CHECK_EQ(ClosestMatch(std::string(5U << 20, 'x'), {"direction", "points"}), "");
    CHECK_EQ(ClosestMatch("direciton", {"direction", "points"}), "direction");
  }

  TEST_CASE("a sink lists the first problems of each file and counts the rest") {
    DiagnosticSink sink(2);
    for (int i = 1; i <= 5; ++i) sink.Add({"a.yaml", i, 1}, "k", "bad");
    sink.Add({"b.yaml", 7, 3}, "k", "bad");
    CHECK(sink.full());
    CHECK_EQ(sink.size(), 6U);
    try {
      sink.ThrowIfAny();
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 4U);
      CHECK_EQ(e.diagnostics()[2].ToString(),
               "a.yaml:3:1: and 3 more problems from here on (only the first 2 are listed)");
      CHECK_EQ(e.diagnostics()[3].ToString(),
               "b.yaml:7:3: and 1 more problem from here on (only the first 2 are listed)");
    }
    CHECK(sink.empty());
  }

  TEST_CASE("a sink cuts a key or message longer than any legitimate one") {
    DiagnosticSink sink;
    sink.Add({"a.csv", 1, 2}, std::string(1000, 'k'), std::string(10000, 'm'));
    try {
      sink.ThrowIfAny();
      FAIL("expected InputError");
    } catch (const InputError& e) {
      REQUIRE_EQ(e.diagnostics().size(), 1U);
      CHECK_LT(e.diagnostics()[0].key.size(), 300U);
      CHECK_LT(e.diagnostics()[0].message.size(), 5000U);
    }
  }
}
