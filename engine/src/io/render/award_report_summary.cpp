// The award report's first page (award_report.hpp, "summary"): what a director reads when they
// read nothing else — who wins what, how sure that is, and which weight matters most.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "jobaward/render/award_report.hpp"
#include "jobaward/render/svg_chart.hpp"
#include "src/io/render/award_report_support.hpp"

namespace jobaward {

namespace {

using namespace report_detail;

// Changes below this probability are not worth a line on the first page.
constexpr double kMinChangeProbability = 0.01;
// Weights in the summary chart.
constexpr std::size_t kSummaryWeights = 6;

std::string LeadSentence(const AwardReportInput& in) {
  std::size_t governments = 0;
  for (const auto& c : in.cohorts) governments += c.members.size();
  std::string per_category;
  for (const auto& [category, count] : in.awards.category_counts) {
    per_category +=
        fmt::format("{}{} {}", per_category.empty() ? "" : ", ", CategoryName(in, category), count);
  }
  return fmt::format("{}개 자치단체, {}개 평가군. 상 {}개({}), 수상 자치단체 {}곳, 상금 합계 {}원.",
                     governments, in.cohorts.size(), in.awards.total_count, per_category,
                     in.awards.governments_awarded, FormatThousands(in.awards.total_money));
}

// Rows: the national prizes, then every cohort; columns: the categories; cells: who holds it.
Table WinnersTable(const AwardReportInput& in) {
  Table t;
  t.header = {"평가군"};
  t.align = {Align::kLeft};
  for (const auto& r : in.results) {
    t.header.push_back(r.rubric_name_ko + " 1위");
    t.align.push_back(Align::kLeft);
  }
  auto cell = [&](const std::string& category, auto&& match) {
    std::string names;
    for (const auto& e : in.awards.entries) {
      if (e.category == category && match(e)) {
        names += (names.empty() ? "" : ", ") + DisplayName(in, e.code, e.name_ko);
      }
    }
    return names.empty() ? std::string("-") : names;
  };
  std::vector<std::string> national;  // Prize names in first-seen order.
  for (const auto& e : in.awards.entries) {
    if (e.kind == "national" &&
        std::find(national.begin(), national.end(), e.award_name_ko) == national.end()) {
      national.push_back(e.award_name_ko);
    }
  }
  for (const auto& prize : national) {
    std::vector<std::string> row = {"전국 " + prize};
    for (const auto& r : in.results) {
      row.push_back(cell(r.category, [&](const AwardEntry& e) {
        return e.kind == "national" && e.award_name_ko == prize;
      }));
    }
    t.rows.push_back(std::move(row));
  }
  std::vector<std::string> seen;
  for (const auto& r : in.results) {
    for (const auto& g : r.governments) {
      if (std::find(seen.begin(), seen.end(), g.cohort_label) == seen.end()) {
        seen.push_back(g.cohort_label);
      }
    }
  }
  for (const auto& cohort : CohortOrder(in, seen)) {
    std::vector<std::string> row = {cohort + " 평가군"};
    for (const auto& r : in.results) {
      std::string names;
      for (const auto& g : r.governments) {
        if (g.cohort_label == cohort && g.rank == 1) {
          names += (names.empty() ? "" : ", ") + DisplayName(in, g.code, g.name_ko);
        }
      }
      row.push_back(names.empty() ? "-" : names);
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

HtmlBlock ChangesBlock(const AwardReportInput& in) {
  if (in.simulations.empty()) {
    return HtmlParagraph{
        "불확실성 분석이 없습니다: jobaward report --draws N 으로 함께 계산하거나 "
        "--simulation 으로 jobaward simulate 의 결과를 넣으십시오.",
        "note"};
  }
  Table t;
  t.header = {"바뀔 수 있는 것", "확률", "판단"};
  t.align = {Align::kLeft, Align::kRight, Align::kLeft};
  for (const auto& c : MostLikelyChanges(in, 5)) {
    t.rows.push_back({c.text, PercentWithError(c.p, c.se), LikelihoodWord(c.p)});
  }
  if (t.rows.empty()) t.rows.push_back({"1% 이상의 확률로 바뀌는 결과 없음", "", ""});
  const auto& sim = in.simulations.front();
  return HtmlTable{fmt::format("불확실성 아래 가장 가능성 높은 변화 ({}회 추출)", sim.draws),
                   std::move(t)};
}

// The last word of the category's name ("목표공시제" of "지역일자리 목표공시제"): enough to tell
// the categories apart in a chart label.
std::string ShortCategoryName(const AwardReportInput& in, const std::string& category) {
  const std::string name = CategoryName(in, category);
  const auto space = name.rfind(' ');
  return space == std::string::npos ? name : name.substr(space + 1);
}

// The weights whose move changes the scores most, over every category, in one chart.
HtmlBlock AssumptionsBlock(const AwardReportInput& in) {
  if (in.sensitivities.empty()) {
    return HtmlParagraph{"가중치 민감도 분석이 없습니다.", "note"};
  }
  struct Entry {
    const SensitivitySummary* sens;
    const SensitivitySummary::Row* row;
  };
  std::vector<Entry> entries;
  for (const auto& sens : in.sensitivities) {
    for (const auto& r : sens.rows) entries.push_back({&sens, &r});
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    if (a.row->award_changes != b.row->award_changes) {
      return a.row->award_changes > b.row->award_changes;
    }
    return Impact(*a.row) > Impact(*b.row);
  });
  if (entries.size() > kSummaryWeights) entries.resize(kSummaryWeights);
  std::vector<const SensitivitySummary::Row*> rows;
  std::vector<std::string> labels;
  for (const auto& e : entries) {
    rows.push_back(e.row);
    const std::string label = WeightLabel(*e.row);
    labels.push_back(in.sensitivities.size() > 1
                         ? ShortCategoryName(in, e.sens->category) + " · " + label
                         : label);
  }
  const auto& first = in.sensitivities.front();
  const std::string title =
      fmt::format("가장 중요한 가정: 가중치 {}/{} 의 영향", first.low_name, first.high_name);
  return HtmlFigure{
      RenderSvg(WeightTornado(title, first, rows, labels)),
      "막대: 2단계 진출 명단을 그대로 둔 가중치 자체의 효과. 검은 표시: 진출 명단이 바뀌는 "
      "효과까지 더한 전체 효과. 괄호: 수상이 바뀌는 자치단체 수; 그 수가 많은 가중치부터."};
}

}  // namespace

std::vector<LikelyChange> MostLikelyChanges(const AwardReportInput& input, std::size_t limit) {
  std::vector<LikelyChange> changes;
  for (const auto& sim : input.simulations) {
    const std::string category = CategoryName(input, sim.category);
    // The winner of each cohort losing first place, with the likeliest successor.
    std::vector<std::string> cohorts;
    for (const auto& r : sim.rows) {
      if (std::find(cohorts.begin(), cohorts.end(), r.cohort) == cohorts.end()) {
        cohorts.push_back(r.cohort);
      }
    }
    for (const auto& cohort : cohorts) {
      const SimulationSummary::Row* winner = nullptr;
      const SimulationSummary::Row* successor = nullptr;
      for (const auto& r : sim.rows) {
        if (r.cohort != cohort) continue;
        if (r.baseline_rank == 1 && winner == nullptr) {
          winner = &r;
        } else if (successor == nullptr || r.p_first > successor->p_first) {
          successor = &r;
        }
      }
      if (winner == nullptr) continue;
      std::string text = fmt::format("{} {} 평가군: 1위 {}이(가) 1위를 놓침", category, cohort,
                                     DisplayName(input, winner->code, winner->name_ko));
      if (successor != nullptr && successor->p_first > 0) {
        text += fmt::format(" (가장 유력한 1위: {} {})",
                            DisplayName(input, successor->code, successor->name_ko),
                            Percent(successor->p_first));
      }
      changes.push_back({text, 1 - winner->p_first, winner->p_first_se});
    }
    for (const auto& r : sim.rows) {
      const std::string& name = DisplayName(input, r.code, r.name_ko);
      if (r.baseline_award) {
        changes.push_back(
            {fmt::format("{} {} 평가군: {}이(가) 상을 받지 못함", category, r.cohort, name),
             1 - r.p_award, r.p_award_se});
      } else {
        changes.push_back(
            {fmt::format("{} {} 평가군: {}이(가) 상을 받음", category, r.cohort, name), r.p_award,
             r.p_award_se});
      }
    }
  }
  changes.erase(
      std::remove_if(changes.begin(), changes.end(),
                     [](const LikelyChange& c) { return !(c.p >= kMinChangeProbability); }),
      changes.end());
  std::stable_sort(changes.begin(), changes.end(),
                   [](const LikelyChange& a, const LikelyChange& b) { return a.p > b.p; });
  if (changes.size() > limit) changes.resize(limit);
  return changes;
}

namespace report_detail {

HtmlSection SummarySection(const AwardReportInput& in) {
  HtmlSection s{"summary", "요약", {}, {}};
  s.columns = true;
  s.blocks.emplace_back(HtmlParagraph{LeadSentence(in), "lead"});
  s.blocks.emplace_back(HtmlTable{"누가 무엇을 받나: 평가군별 1위", WinnersTable(in)});
  s.blocks.push_back(ChangesBlock(in));
  s.blocks.push_back(AssumptionsBlock(in));
  return s;
}

}  // namespace report_detail

}  // namespace jobaward
