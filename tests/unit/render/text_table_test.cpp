// Text tables for people: thousands grouping of money, display width of Hangul, and column
// alignment with Korean names.
#include "jobaward/render/text_table.hpp"

#include <doctest/doctest.h>

#include <string>

namespace jobaward {

TEST_SUITE("text_table") {
  TEST_CASE("FormatThousands rounds to whole numbers and groups thousands with commas") {
    CHECK_EQ(FormatThousands(0), "0");
    CHECK_EQ(FormatThousands(999), "999");
    CHECK_EQ(FormatThousands(1000), "1,000");
    CHECK_EQ(FormatThousands(400000000), "400,000,000");
    CHECK_EQ(FormatThousands(1234567.6), "1,234,568");
    CHECK_EQ(FormatThousands(-1234.6), "-1,235");
    CHECK_EQ(FormatThousands(-999), "-999");
    CHECK_EQ(FormatThousands(-0.4), "0");
  }

  TEST_CASE("DisplayWidth counts a Hangul syllable as two terminal cells") {
    CHECK_EQ(DisplayWidth(""), 0U);
    CHECK_EQ(DisplayWidth("abc"), 3U);
    CHECK_EQ(DisplayWidth("구로구"), 6U);
    CHECK_EQ(DisplayWidth("서울 중구"), 9U);
    CHECK_EQ(DisplayWidth("Guro-gu 구로구"), 14U);
  }

  TEST_CASE("RenderText aligns columns with Korean names by display width") {
    Table t;
    t.header = {"코드", "자치단체", "상금(원)"};
    t.align = {Align::kLeft, Align::kLeft, Align::kRight};
    t.rows = {{"11530", "구로구", FormatThousands(100000000)},
              {"26110", "부산광역시 중구", FormatThousands(5000000)}};
    CHECK_EQ(RenderText(t),
             "코드   자치단체            상금(원)\n"
             "-----  ---------------  -----------\n"
             "11530  구로구           100,000,000\n"
             "26110  부산광역시 중구    5,000,000\n");
  }
}

}  // namespace jobaward
