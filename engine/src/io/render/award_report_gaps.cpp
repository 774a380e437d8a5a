// The "what it takes" blocks of a government page of the award report (award_report.hpp,
// gaps.hpp): one table per category, after everything else on the page.
#include "src/io/render/award_report_support.hpp"

namespace jobaward::report_detail {

void AddGapsBlocks(const AwardReportInput& in, const std::string& code, HtmlSection& page) {
  bool any = false;
  for (const GapsBlock& block : in.gaps) {
    if (block.code != code) continue;
    std::string caption = CategoryName(in, block.category) + ": 무엇이 필요한가";
    if (!block.above.empty()) caption += " (윗순위 " + block.above + ")";
    page.blocks.emplace_back(HtmlTable{caption, block.table});
    any = true;
  }
  if (any) {
    page.blocks.emplace_back(
        HtmlParagraph{"입력 하나씩, 나머지는 그대로 두고 구한 가장 작은 변화와 그때의 순위·상. 두 "
                      "입력을 함께 바꾸는 경우는 다루지 않음 (jobaward gaps).",
                      "note"});
  }
}

}  // namespace jobaward::report_detail
