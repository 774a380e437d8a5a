// The award report's detail sections and its assembly (award_report.hpp); the summary is in
// award_report_summary.cpp.
#include "jobaward/render/award_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "jobaward/error.hpp"
#include "jobaward/render/svg_chart.hpp"
#include "src/io/render/award_report_support.hpp"

namespace jobaward {

namespace report_detail {

std::string CategoryName(const AwardReportInput& in, const std::string& category) {
  for (const auto& r : in.results) {
    if (r.category == category) return r.rubric_name_ko;
  }
  return category;
}

const std::string& DisplayName(const AwardReportInput& in, const std::string& code,
                               const std::string& name_ko) {
  const auto it = in.display_names.find(code);
  return it == in.display_names.end() ? name_ko : it->second;
}

std::vector<std::string> CohortOrder(const AwardReportInput& in,
                                     const std::vector<std::string>& seen) {
  std::vector<std::string> order;
  for (const auto& c : in.cohorts) {
    if (std::find(seen.begin(), seen.end(), c.letter) != seen.end()) order.push_back(c.letter);
  }
  for (const auto& c : seen) {
    if (std::find(order.begin(), order.end(), c) == order.end()) order.push_back(c);
  }
  return order;
}

std::string SectionId(std::string_view prefix, std::string_view suffix) {
  std::string id(prefix);
  id += '-';
  for (char c : suffix) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    id += ok ? c : '-';
  }
  return id;
}

std::string Percent(double p) { return FormatFixed(p * 100, 0) + "%"; }

std::string PercentWithError(double p, double se) {
  return Percent(p) + " ± " + FormatFixed(se * 100, 1);
}

TornadoChart WeightTornado(const std::string& title, const SensitivitySummary& sens,
                           const std::vector<const SensitivitySummary::Row*>& rows,
                           const std::vector<std::string>& labels) {
  TornadoChart chart;
  chart.title = title;
  chart.x_label = sens.measure;
  chart.y_label = "가중치";
  chart.low_name = sens.low_name;
  chart.high_name = sens.high_name;
  chart.mark_name = "전체 효과 (2단계 진출 변동 포함)";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = *rows[i];
    chart.labels.push_back(labels[i]);
    // Without an own effect (older JSON input) the bar is the total and there is no mark.
    const bool own = std::isfinite(r.low) && std::isfinite(r.high);
    chart.low.push_back(own ? r.low : r.total_low);
    chart.high.push_back(own ? r.high : r.total_high);
    chart.mark_low.push_back(own ? r.total_low : std::nan(""));
    chart.mark_high.push_back(own ? r.total_high : std::nan(""));
  }
  return chart;
}

double Impact(const SensitivitySummary::Row& r) {
  const bool own = std::isfinite(r.low) && std::isfinite(r.high);
  return own ? std::max(std::fabs(r.low), std::fabs(r.high))
             : std::max(std::fabs(r.total_low), std::fabs(r.total_high));
}

std::string WeightLabel(const SensitivitySummary::Row& r) {
  return r.award_changes > 0 ? fmt::format("{} (수상 {})", r.label, r.award_changes) : r.label;
}

}  // namespace report_detail

namespace {

using namespace report_detail;

// The score of `code` in the result of `category`, or null.
const GovernmentScore* FindScore(const AwardReportInput& in, const std::string& category,
                                 const std::string& code) {
  for (const auto& result : in.results) {
    if (result.category != category) continue;
    for (const auto& g : result.governments) {
      if (g.code == code) return &g;
    }
  }
  return nullptr;
}

// The cohort labels of a result, in the report's cohort order.
std::vector<std::string> ResultCohorts(const AwardReportInput& in, const ScoreResult& result) {
  std::vector<std::string> seen;
  for (const auto& g : result.governments) {
    if (std::find(seen.begin(), seen.end(), g.cohort_label) == seen.end()) {
      seen.push_back(g.cohort_label);
    }
  }
  return CohortOrder(in, seen);
}

// The award line of one cohort: the lowest-ranked holder of a level award or national prize
// (special prizes are given outside the ranking) and the best-ranked government below it
// without one; null when the cohort has no such holder or no one below it.
struct AwardLine {
  const GovernmentScore* last = nullptr;
  const GovernmentScore* next = nullptr;
};

AwardLine FindAwardLine(const ScoreResult& result, const std::string& cohort) {
  AwardLine line;
  for (const auto& g : result.governments) {
    if (g.cohort_label == cohort && !g.award_id.empty() &&
        (line.last == nullptr || g.rank > line.last->rank)) {
      line.last = &g;
    }
  }
  if (line.last == nullptr) return line;
  for (const auto& g : result.governments) {
    if (g.cohort_label == cohort && g.award_id.empty() && g.rank > line.last->rank &&
        (line.next == nullptr || g.rank < line.next->rank)) {
      line.next = &g;
    }
  }
  return line;
}

// Per category: the national prizes and the count and money of each award in two sentences,
// then one row per cohort with the holders of each award (rank order, final score) and the
// margin at the award line. The award-by-award list with ranks and prize money is `jobaward
// award`'s, which the note names: a row per award made this section 2,000 px long.
HtmlSection AwardSection(const AwardReportInput& in) {
  HtmlSection s{"awards", "수상 결과", {}, {}};
  s.blocks.emplace_back(HtmlParagraph{
      "평가군마다 상별 수상 자치단체(최종 점수, 순위 순)와 수상선: 상(특별상 제외)을 받은 마지막 "
      "자치단체와 그 아래 첫 자치단체의 점수 차. 상마다 순위와 상금을 적은 전체 목록은 jobaward "
      "award --format xlsx (또는 csv) 가 같은 입력에서 만듭니다.",
      "note"});
  for (const auto& result : in.results) {
    const std::string& category = result.category;
    HtmlSection sub{SectionId("awards", category), result.rubric_name_ko, {}, {}};
    std::string national;
    std::vector<std::string> columns;  // Award names, first-seen (rubric) order.
    for (const auto& e : in.awards.entries) {
      if (e.category != category) continue;
      if (e.kind == "national") {
        national += fmt::format("{}{} {} {}", national.empty() ? "" : " · ", e.award_name_ko,
                                DisplayName(in, e.code, e.name_ko), FormatFixed(e.final_score, 2));
      } else if (std::find(columns.begin(), columns.end(), e.award_name_ko) == columns.end()) {
        columns.push_back(e.award_name_ko);
      }
    }
    if (!national.empty()) sub.blocks.emplace_back(HtmlParagraph{"전국: " + national});
    std::string counts;
    for (const auto& c : in.awards.counts) {
      if (c.category != category || c.count == 0) continue;
      counts += fmt::format("{}{} {}건 {}원", counts.empty() ? "" : " · ", c.award_name_ko, c.count,
                            FormatThousands(c.prize_money));
    }
    if (!counts.empty()) sub.blocks.emplace_back(HtmlParagraph{"상별 건수와 상금: " + counts});
    Table t;
    t.header = {"평가군"};
    t.align = {Align::kLeft};
    for (const auto& c : columns) {
      t.header.push_back(c);
      t.align.push_back(Align::kLeft);
    }
    t.header.insert(t.header.end(), {"수상선 아래 첫 자치단체", "점수 차"});
    t.align.insert(t.align.end(), {Align::kLeft, Align::kRight});
    for (const auto& cohort : ResultCohorts(in, result)) {
      std::vector<std::string> row = {cohort};
      for (const auto& column : columns) {
        std::string names;
        for (const auto& e : in.awards.entries) {
          if (e.category != category || e.kind == "national" || e.cohort_label != cohort ||
              e.award_name_ko != column) {
            continue;
          }
          names += fmt::format("{}{} {}{}", names.empty() ? "" : ", ",
                               DisplayName(in, e.code, e.name_ko), FormatFixed(e.final_score, 2),
                               e.tied ? " (동점)" : "");
        }
        row.push_back(names.empty() ? "-" : names);
      }
      const AwardLine line = FindAwardLine(result, cohort);
      if (line.last != nullptr && line.next != nullptr) {
        row.push_back(fmt::format("{}위 {} {}", line.next->rank,
                                  DisplayName(in, line.next->code, line.next->name_ko),
                                  FormatFixed(line.next->final_score, 2)));
        row.push_back(FormatFixed(line.last->final_score - line.next->final_score, 2));
      } else {
        row.insert(row.end(), {"-", "-"});
      }
      t.rows.push_back(std::move(row));
    }
    sub.blocks.emplace_back(HtmlTable{"", std::move(t)});
    s.subsections.push_back(std::move(sub));
  }
  if (!in.awards.unresolved_ties.empty()) {
    std::string text = "동점이 풀리지 않은 자리 (동점인 자치단체가 모두 받음): ";
    for (std::size_t i = 0; i < in.awards.unresolved_ties.size(); ++i) {
      const auto& tie = in.awards.unresolved_ties[i];
      text += (i > 0 ? "; " : "") + tie.place + ":";
      for (const auto& code : tie.codes) text += " " + code;
    }
    s.blocks.emplace_back(HtmlParagraph{text, "note"});
  }
  return s;
}

// A government is listed in the uncertainty section when its award changes (a holder getting
// none, another government getting one) with at least this probability: LikelihoodWord's
// "가능성 있음". Below it the change is unlikely, and listing every government with a chance (as
// charts did, 12,000 px of them) buried the few that matter.
constexpr double kListedChange = 0.2;
// At most this many per cohort and category, the likeliest changes first: a batch of thousands
// of reports must not make the report thousands of rows long.
constexpr std::size_t kListedPerCohort = 10;

HtmlSection UncertaintySection(const AwardReportInput& in) {
  HtmlSection s{"uncertainty", "불확실성: 바뀔 수 있는 수상", {}, {}};
  for (const auto& sim : in.simulations) {
    HtmlSection cat{SectionId("uncertainty", sim.category), CategoryName(in, sim.category), {}, {}};
    cat.blocks.emplace_back(HtmlParagraph{
        fmt::format("몬테카를로 {}회 추출 (seed {}). 상을 받거나 잃을 확률이 {} 이상인 자치단체 "
                    "(평가군마다 많아야 {}곳, 가능성이 큰 순): 지금의 순위와 상, 어떤 상이든 받을 "
                    "확률 ± 1 표준오차, 평가군 내 순위의 5–95% 구간과 평균. 모든 자치단체의 확률과 "
                    "순위 분포는 jobaward simulate --format xlsx 가 같은 입력에서 만듭니다.",
                    sim.draws, sim.seed, Percent(kListedChange), kListedPerCohort),
        "note"});
    Table t;
    t.header = {"평가군", "자치단체", "지금", "수상 확률", "순위 5–95%", "판단"};
    t.align = {Align::kLeft,  Align::kLeft,  Align::kLeft,
               Align::kRight, Align::kRight, Align::kLeft};
    std::vector<std::string> seen;
    for (const auto& r : sim.rows) {
      if (std::find(seen.begin(), seen.end(), r.cohort) == seen.end()) seen.push_back(r.cohort);
    }
    // The probability that the government's award changes: losing it, or getting one.
    auto change = [](const SimulationSummary::Row* r) {
      return r->baseline_award ? 1 - r->p_award : r->p_award;
    };
    std::size_t left_out = 0;
    for (const auto& cohort : CohortOrder(in, seen)) {
      std::vector<const SimulationSummary::Row*> rows;
      for (const auto& r : sim.rows) {
        if (r.cohort == cohort && change(&r) >= kListedChange) rows.push_back(&r);
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [&](const auto* a, const auto* b) { return change(a) > change(b); });
      if (rows.size() > kListedPerCohort) {
        left_out += rows.size() - kListedPerCohort;
        rows.resize(kListedPerCohort);
      }
      // Read in rank order, so the award line runs through the cohort's rows.
      std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
        return a->baseline_rank != b->baseline_rank ? a->baseline_rank < b->baseline_rank
                                                    : a->rank_mean < b->rank_mean;
      });
      for (const auto* r : rows) {
        const GovernmentScore* g = FindScore(in, sim.category, r->code);
        std::string now = r->baseline_rank > 0 ? fmt::format("{}위", r->baseline_rank) : "";
        std::string award = g != nullptr ? g->award_name_ko : (r->baseline_award ? "수상" : "");
        if (g != nullptr && !g->special_name_ko.empty()) {
          award += (award.empty() ? "" : ", ") + g->special_name_ko;
        }
        if (!award.empty()) now += (now.empty() ? "" : " ") + award;
        t.rows.push_back({cohort, DisplayName(in, r->code, r->name_ko), now.empty() ? "-" : now,
                          PercentWithError(r->p_award, r->p_award_se),
                          fmt::format("{}–{}위 (평균 {})", FormatFixed(r->rank_p05, 0),
                                      FormatFixed(r->rank_p95, 0), FormatFixed(r->rank_mean, 1)),
                          std::string(r->baseline_award ? "상을 잃을 " : "상을 받을 ") +
                              LikelihoodWord(change(r))});
      }
    }
    if (t.rows.empty()) {
      t.rows.push_back(
          {"-", fmt::format("상이 바뀔 확률이 {} 이상인 자치단체 없음", Percent(kListedChange)), "",
           "", "", ""});
    }
    cat.blocks.emplace_back(HtmlTable{"", std::move(t)});
    if (left_out > 0) {
      cat.blocks.emplace_back(
          HtmlParagraph{fmt::format("그 밖에 {}곳도 {} 이상이지만 평가군당 {}곳만 보입니다.",
                                    left_out, Percent(kListedChange), kListedPerCohort),
                        "note"});
    }
    s.subsections.push_back(std::move(cat));
  }
  return s;
}

std::string Names(const AwardReportInput& in,
                  const std::vector<std::pair<std::string, std::string>>& governments) {
  std::string names;
  for (const auto& [code, name] : governments) {
    names += (names.empty() ? "" : ", ") + DisplayName(in, code, name);
  }
  return names.empty() ? "-" : names;
}

// Per cohort the assumption that matters most there: the weight whose smallest move (relative
// to its points) gives the cohort another winner, one table per category.
HtmlSection ReversalSubsection(const AwardReportInput& in) {
  HtmlSection sub{"sensitivity-reversals", "평가군마다 1위를 바꾸는 가장 작은 가중치 변화", {}, {}};
  sub.blocks.emplace_back(HtmlParagraph{
      "가중치 하나를 (나머지는 비례로 조정해) 어디까지 움직이면 평가군의 1위가 바뀌는지, 기준 "
      "배점에 "
      "대한 비율이 가장 작은 것. 모든 가중치와 방향의 임계값은 jobaward sensitivity reversal 이 "
      "같은 입력에서 만듭니다.",
      "note"});
  std::vector<std::string> categories;
  for (const auto& r : in.reversals) {
    if (std::find(categories.begin(), categories.end(), r.category) == categories.end()) {
      categories.push_back(r.category);
    }
  }
  for (const auto& category : categories) {
    Table t;
    t.header = {"평가군", "1위", "가중치", "배점 변화", "새 1위"};
    t.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
    for (const auto& r : in.reversals) {
      if (r.category != category) continue;
      if (r.stable) {
        t.rows.push_back({r.cohort, "-", "-", "어느 가중치로도 바뀌지 않음", "-"});
        continue;
      }
      t.rows.push_back({r.cohort, Names(in, r.winners_before), r.weight,
                        fmt::format("{} → {}점 ({}{}%)", FormatFixed(r.nominal, 2),
                                    FormatFixed(r.threshold, 2), r.threshold > r.nominal ? "+" : "",
                                    FormatFixed((r.threshold - r.nominal) / r.nominal * 100, 1)),
                        Names(in, r.winners_after)});
    }
    sub.blocks.emplace_back(HtmlTable{CategoryName(in, category), std::move(t)});
  }
  return sub;
}

HtmlSection SensitivitySection(const AwardReportInput& in) {
  HtmlSection s{"sensitivity", "가중치 민감도", {}, {}};
  s.blocks.emplace_back(HtmlParagraph{
      "가중치 하나를 줄이거나 늘리고 나머지를 비례로 조정해 총점을 유지할 때, 점수가 가장 크게 "
      "바뀌는 자치단체의 변화입니다. 막대는 2단계(면접심사) 진출 명단을 그대로 둔 가중치 자체의 "
      "효과, 검은 표시는 진출 명단이 바뀌는 효과까지 더한 전체 효과입니다: 진출선을 넘는 "
      "자치단체는 2단계 점수 전체를 얻거나 잃기 때문에 전체 효과가 훨씬 클 수 있습니다. 괄호는 "
      "수상이 바뀌는 자치단체 수.",
      "note"});
  for (std::size_t i = 0; i < in.sensitivities.size(); ++i) {
    const auto& sens = in.sensitivities[i];
    std::vector<const SensitivitySummary::Row*> rows;
    for (const auto& r : sens.rows) rows.push_back(&r);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const auto* a, const auto* b) { return Impact(*a) > Impact(*b); });
    std::vector<std::string> labels;
    for (const auto* r : rows) labels.push_back(WeightLabel(*r));
    HtmlSection sub{"sensitivity-" + std::to_string(i + 1), sens.title, {}, {}};
    sub.blocks.emplace_back(
        HtmlFigure{RenderSvg(WeightTornado(sens.title, sens, rows, labels)), "영향이 큰 순서."});
    s.subsections.push_back(std::move(sub));
  }
  if (!in.reversals.empty()) s.subsections.push_back(ReversalSubsection(in));
  return s;
}

// Per category one chart: in every cohort the mean domain points of the award holders (★, any
// award) beside those of the others — what separates the winners. A bar per government (as
// before) made this section 11,600 px long; every government's points are in `jobaward score`.
HtmlSection ScoreSection(const AwardReportInput& in) {
  HtmlSection s{"scores", "점수 구성", {}, {}};
  s.blocks.emplace_back(HtmlParagraph{
      "평가군마다 상을 받은 자치단체(★)와 나머지의 영역별(계획, 집행, 성과) 평균 점수. 최종 점수는 "
      "단계별 가중치와 가점·감점을 반영하므로 막대의 합과 다를 수 있습니다. 자치단체별·지표별 "
      "점수 전체는 jobaward score --format xlsx 가 같은 입력에서 만듭니다.",
      "note"});
  for (const auto& result : in.results) {
    HtmlSection cat{SectionId("scores", result.category), result.rubric_name_ko, {}, {}};
    StackedBarChart chart;
    chart.title = result.rubric_name_ko + ": 평가군별 영역 평균 점수";
    chart.x_label = "평균 점수 (점)";
    chart.y_label = "평가군 (★ 수상, 괄호 자치단체 수)";
    chart.series = {"계획", "집행", "성과"};
    for (const auto& cohort : ResultCohorts(in, result)) {
      for (const bool awarded : {true, false}) {
        std::vector<double> sum(kDomainCount, 0);
        int n = 0;
        for (const auto& g : result.governments) {
          const bool award = !g.award_name_ko.empty() || !g.special_name_ko.empty();
          if (g.cohort_label != cohort || award != awarded) continue;
          for (std::size_t d = 0; d < kDomainCount; ++d) sum[d] += g.domain[d];
          ++n;
        }
        if (n == 0) continue;
        for (auto& v : sum) v /= n;
        chart.labels.push_back(fmt::format("{} {} ({})", cohort, awarded ? "★ 수상" : "그 밖", n));
        chart.values.push_back(std::move(sum));
      }
    }
    if (chart.labels.empty()) continue;
    cat.blocks.emplace_back(HtmlFigure{RenderSvg(chart), ""});
    s.subsections.push_back(std::move(cat));
  }
  return s;
}

// Mean points of every indicator over the cohort's members in one category.
std::vector<double> CohortMeanPoints(const ScoreResult& result, const std::string& cohort,
                                     std::size_t indicators) {
  std::vector<double> sum(indicators, 0);
  int n = 0;
  for (const auto& g : result.governments) {
    if (g.cohort_label != cohort || g.indicators.size() != indicators) continue;
    for (std::size_t i = 0; i < indicators; ++i) sum[i] += g.indicators[i].points;
    ++n;
  }
  for (auto& v : sum) v = n > 0 ? v / n : 0;
  return sum;
}

const SimulationSummary::Row* FindSimulated(const AwardReportInput& in, const std::string& category,
                                            const std::string& code) {
  for (const auto& sim : in.simulations) {
    if (sim.category != category) continue;
    for (const auto& r : sim.rows) {
      if (r.code == code) return &r;
    }
  }
  return nullptr;
}

// One government's page: its standing in each category, then its indicators against the
// cohort's mean. Analyses of one government (e.g. what it takes to move up) belong here.
HtmlSection GovernmentPage(const AwardReportInput& in, const std::string& code) {
  const GovernmentScore* any = nullptr;
  for (const auto& result : in.results) {
    for (const auto& g : result.governments) {
      if (g.code == code) any = &g;
    }
  }
  if (any == nullptr) {
    throw InternalError("BuildAwardReport: government " + code + " is in no result");
  }
  HtmlSection page{SectionId("government", code),
                   DisplayName(in, code, any->name_ko) + " (" + code + ")",
                   {},
                   {}};
  Table standing;
  standing.header = {"부문", "평가군", "순위", "최종 점수", "수상", "수상 확률"};
  standing.align = {Align::kLeft,  Align::kLeft, Align::kRight,
                    Align::kRight, Align::kLeft, Align::kRight};
  for (const auto& result : in.results) {
    for (const auto& g : result.governments) {
      if (g.code != code) continue;
      std::string award = g.award_name_ko;
      if (!g.special_name_ko.empty()) award += (award.empty() ? "" : ", ") + g.special_name_ko;
      const auto* sim = FindSimulated(in, result.category, code);
      standing.rows.push_back(
          {result.rubric_name_ko, g.cohort_label, fmt::format("{} / {}", g.rank, g.cohort_size),
           FormatFixed(g.final_score, 2), award.empty() ? "-" : award,
           sim != nullptr ? PercentWithError(sim->p_award, sim->p_award_se) : "-"});
    }
  }
  page.blocks.emplace_back(HtmlTable{"순위와 수상", std::move(standing)});
  for (const auto& result : in.results) {
    for (const auto& g : result.governments) {
      if (g.code != code) continue;
      const std::vector<double> mean =
          CohortMeanPoints(result, g.cohort_label, g.indicators.size());
      Table t;
      t.header = {"지표", "영역", "점수", "만점", "평가군 평균"};
      t.align = {Align::kLeft, Align::kLeft, Align::kRight, Align::kRight, Align::kRight};
      static constexpr const char* kDomainKo[] = {"계획", "집행", "성과"};
      for (std::size_t i = 0; i < g.indicators.size(); ++i) {
        const auto& ind = g.indicators[i];
        t.rows.push_back({ind.name_ko, kDomainKo[static_cast<int>(ind.domain)],
                          FormatFixed(ind.points, 2), FormatFixed(ind.max_points, 2),
                          FormatFixed(mean[i], 2)});
      }
      page.blocks.emplace_back(HtmlTable{result.rubric_name_ko + ": 지표별 점수", std::move(t)});
    }
  }
  report_detail::AddGapsBlocks(in, code, page);
  return page;
}

HtmlSection GovernmentSection(const AwardReportInput& in) {
  HtmlSection s{"governments", "자치단체별 상세", {}, {}};
  // In print each government's page starts a page of its own, to hand out; the first one
  // under the section's heading.
  s.new_page = true;
  for (const auto& code : in.government_pages) {
    s.subsections.push_back(GovernmentPage(in, code));
    s.subsections.back().new_page = s.subsections.size() > 1;
  }
  return s;
}

HtmlSection CohortSection(const AwardReportInput& in) {
  HtmlSection s{"cohorts", "평가군", {}, {}};
  Table sizes;
  sizes.header = {"평가군", "id", "이름", "자치단체 수", "규칙"};
  sizes.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
  std::size_t total = 0;
  for (const auto& c : in.cohorts) {
    sizes.rows.push_back({c.letter, c.id, c.name_en, std::to_string(c.members.size()), c.rule});
    total += c.members.size();
  }
  sizes.rows.push_back({"합계", "", "", std::to_string(total), ""});
  s.blocks.emplace_back(HtmlTable{"평가군 크기와 규칙", sizes});
  if (!in.cohort_parameters.rows.empty()) {
    s.blocks.emplace_back(HtmlTable{"규칙의 기준값", in.cohort_parameters});
  }
  for (const auto& c : in.cohorts) {
    std::string members;
    for (const auto& m : c.members) members += (members.empty() ? "" : ", ") + m;
    HtmlSection sub{
        SectionId("cohort", c.id),
        fmt::format("{} 평가군 ({}) — {}개 자치단체", c.letter, c.name_en, c.members.size()),
        {},
        {}};
    if (!c.description.empty()) sub.blocks.emplace_back(HtmlParagraph{c.description});
    sub.blocks.emplace_back(HtmlParagraph{members, "note"});
    s.subsections.push_back(std::move(sub));
  }
  return s;
}

}  // namespace

const char* LikelihoodWord(double p) {
  if (p >= 0.5) return "가능성 높음";
  if (p >= 0.2) return "가능성 있음";
  return "가능성 낮음";
}

HtmlReport BuildAwardReport(const AwardReportInput& input) {
  HtmlReport report;
  report.title = input.title;
  std::string categories;
  for (const auto& r : input.results) {
    categories += (categories.empty() ? "" : ", ") + r.rubric_name_ko;
  }
  report.subtitle = (input.year > 0 ? std::to_string(input.year) + "년 · " : std::string()) +
                    categories + " · jobaward " + input.provenance.version;
  report.sections.push_back(report_detail::SummarySection(input));
  report.sections.push_back(AwardSection(input));
  if (!input.simulations.empty()) report.sections.push_back(UncertaintySection(input));
  if (!input.sensitivities.empty()) report.sections.push_back(SensitivitySection(input));
  report.sections.push_back(ScoreSection(input));
  if (!input.government_pages.empty()) report.sections.push_back(GovernmentSection(input));
  report.sections.push_back(CohortSection(input));
  report.provenance = input.provenance;
  return report;
}

}  // namespace jobaward
