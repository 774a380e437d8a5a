// The award report's detail sections and its assembly (award_report.hpp); the summary is in
// award_report_summary.cpp.
#include "jobaward/award_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "award_report_support.hpp"
#include "jobaward/error.hpp"
#include "jobaward/svg_chart.hpp"

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

HtmlSection AwardSection(const AwardReportInput& in) {
  HtmlSection s{"awards", "수상 결과", {}, {}};
  std::vector<std::string> categories;
  for (const auto& e : in.awards.entries) {
    if (std::find(categories.begin(), categories.end(), e.category) == categories.end()) {
      categories.push_back(e.category);
    }
  }
  for (const auto& category : categories) {
    Table t;
    t.header = {"그룹", "상", "코드", "지자체", "최종 점수", "순위", "상금(원)"};
    t.align = {Align::kLeft,  Align::kLeft,  Align::kLeft, Align::kLeft,
               Align::kRight, Align::kRight, Align::kRight};
    for (const auto& e : in.awards.entries) {
      if (e.category != category) continue;
      t.rows.push_back({e.kind == "national" ? "전국" : e.cohort_label,
                        e.award_name_ko + (e.tied ? " (동점)" : ""), e.code,
                        DisplayName(in, e.code, e.name_ko), FormatFixed(e.final_score, 2),
                        std::to_string(e.rank), FormatThousands(e.prize_money)});
    }
    HtmlSection sub{SectionId("awards", category), CategoryName(in, category), {}, {}};
    sub.blocks.emplace_back(HtmlTable{"", std::move(t)});
    s.subsections.push_back(std::move(sub));
  }
  if (!in.awards.unresolved_ties.empty()) {
    std::string text = "동점이 풀리지 않은 자리 (동점인 지자체가 모두 받음): ";
    for (std::size_t i = 0; i < in.awards.unresolved_ties.size(); ++i) {
      const auto& tie = in.awards.unresolved_ties[i];
      text += (i > 0 ? "; " : "") + tie.place + ":";
      for (const auto& code : tie.codes) text += " " + code;
    }
    s.blocks.emplace_back(HtmlParagraph{text, "note"});
  }
  return s;
}

HtmlSection UncertaintySection(const AwardReportInput& in) {
  HtmlSection s{"uncertainty", "불확실성: 수상 확률과 순위 구간", {}, {}};
  for (const auto& sim : in.simulations) {
    HtmlSection cat{SectionId("uncertainty", sim.category), CategoryName(in, sim.category), {}, {}};
    cat.blocks.emplace_back(HtmlParagraph{
        fmt::format("몬테카를로 {}회 추출 (seed {}). 한 번이라도 상을 받은 지자체만: 막대는 어떤 "
                    "상이든 받을 확률과 ±1 표준오차, 구간은 그룹 내 순위의 5–95% 범위와 평균 "
                    "순위.",
                    sim.draws, sim.seed),
        "note"});
    std::vector<std::string> seen;
    for (const auto& r : sim.rows) {
      if (std::find(seen.begin(), seen.end(), r.cohort) == seen.end()) seen.push_back(r.cohort);
    }
    for (const auto& cohort : CohortOrder(in, seen)) {
      std::vector<const SimulationSummary::Row*> rows;
      for (const auto& r : sim.rows) {
        if (r.cohort == cohort) rows.push_back(&r);
      }
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto* a, const auto* b) { return a->rank_mean < b->rank_mean; });
      BarChart bars;
      bars.title = fmt::format("{} 그룹: 수상 확률", cohort);
      bars.x_label = "어떤 상이든 받을 확률";
      bars.y_label = "지자체";
      bars.percent = true;
      bars.x_max = 1.0;
      IntervalChart ranks;
      ranks.title = fmt::format("{} 그룹: 순위 5–95% 구간", cohort);
      ranks.x_label = "그룹 내 순위 (1 = 최고)";
      ranks.y_label = "지자체";
      ranks.mid_name = "평균 순위";
      ranks.x_min = 1;
      for (const auto* r : rows) {
        const std::string& name = DisplayName(in, r->code, r->name_ko);
        // Governments that never win an award are left out of both charts: they are the
        // bulk of a cohort and say nothing about the award.
        if (!(r->p_award > 0)) continue;
        bars.labels.push_back(name);
        bars.values.push_back(r->p_award);
        bars.errors.push_back(r->p_award_se);
        ranks.labels.push_back(name);
        ranks.low.push_back(r->rank_p05);
        ranks.mid.push_back(r->rank_mean);
        ranks.high.push_back(r->rank_p95);
      }
      if (bars.labels.empty()) continue;
      cat.blocks.emplace_back(HtmlFigure{RenderSvg(bars), ""});
      cat.blocks.emplace_back(HtmlFigure{RenderSvg(ranks), ""});
    }
    s.subsections.push_back(std::move(cat));
  }
  return s;
}

HtmlSection SensitivitySection(const AwardReportInput& in) {
  HtmlSection s{"sensitivity", "가중치 민감도", {}, {}};
  s.blocks.emplace_back(HtmlParagraph{
      "가중치 하나를 줄이거나 늘리고 나머지를 비례로 조정해 총점을 유지할 때, 점수가 가장 크게 "
      "바뀌는 지자체의 변화입니다. 막대는 2단계(면접심사) 진출 명단을 그대로 둔 가중치 자체의 "
      "효과, 검은 표시는 진출 명단이 바뀌는 효과까지 더한 전체 효과입니다: 진출선을 넘는 "
      "지자체는 2단계 점수 전체를 얻거나 잃기 때문에 전체 효과가 훨씬 클 수 있습니다. 괄호는 "
      "수상이 바뀌는 지자체 수.",
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
  return s;
}

HtmlSection ScoreSection(const AwardReportInput& in) {
  HtmlSection s{"scores", "점수 구성", {}, {}};
  s.blocks.emplace_back(HtmlParagraph{
      "그룹별로 모든 지자체의 영역별 점수(계획, 집행, 성과)를 순위 순으로 보입니다. 최종 "
      "점수는 단계별 가중치와 가점·감점을 반영하므로 막대의 합과 다를 수 있습니다. 지표별 "
      "점수 전체는 jobaward score --format xlsx 로 볼 수 있습니다.",
      "note"});
  for (const auto& result : in.results) {
    HtmlSection cat{SectionId("scores", result.category), result.rubric_name_ko, {}, {}};
    std::map<std::string, std::vector<const GovernmentScore*>> by_cohort;
    std::vector<std::string> seen;
    for (const auto& g : result.governments) {
      if (by_cohort.find(g.cohort_label) == by_cohort.end()) seen.push_back(g.cohort_label);
      by_cohort[g.cohort_label].push_back(&g);
    }
    for (const auto& cohort : CohortOrder(in, seen)) {
      auto govs = by_cohort[cohort];
      std::stable_sort(govs.begin(), govs.end(),
                       [](const auto* a, const auto* b) { return a->rank < b->rank; });
      StackedBarChart chart;
      chart.title = fmt::format("{} 그룹: 영역별 점수", cohort);
      chart.x_label = "점수 (점)";
      chart.y_label = "지자체 (★ 수상)";
      chart.series = {"계획", "집행", "성과"};
      for (const auto* g : govs) {
        const bool award = !g->award_name_ko.empty() || !g->special_name_ko.empty();
        chart.labels.push_back(DisplayName(in, g->code, g->name_ko) + (award ? " ★" : ""));
        chart.values.push_back({g->domain[0], g->domain[1], g->domain[2]});
      }
      cat.blocks.emplace_back(HtmlFigure{RenderSvg(chart), ""});
    }
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
  standing.header = {"부문", "그룹", "순위", "최종 점수", "수상", "수상 확률"};
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
      t.header = {"지표", "영역", "점수", "만점", "그룹 평균"};
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
  HtmlSection s{"governments", "지자체별 상세", {}, {}};
  for (const auto& code : in.government_pages) s.subsections.push_back(GovernmentPage(in, code));
  return s;
}

HtmlSection CohortSection(const AwardReportInput& in) {
  HtmlSection s{"cohorts", "평가 그룹", {}, {}};
  Table sizes;
  sizes.header = {"그룹", "id", "이름", "지자체 수", "규칙"};
  sizes.align = {Align::kLeft, Align::kLeft, Align::kLeft, Align::kRight, Align::kLeft};
  std::size_t total = 0;
  for (const auto& c : in.cohorts) {
    sizes.rows.push_back({c.letter, c.id, c.name_en, std::to_string(c.members.size()), c.rule});
    total += c.members.size();
  }
  sizes.rows.push_back({"합계", "", "", std::to_string(total), ""});
  s.blocks.emplace_back(HtmlTable{"그룹 크기와 규칙", sizes});
  if (!in.cohort_parameters.rows.empty()) {
    s.blocks.emplace_back(HtmlTable{"규칙의 기준값", in.cohort_parameters});
  }
  for (const auto& c : in.cohorts) {
    std::string members;
    for (const auto& m : c.members) members += (members.empty() ? "" : ", ") + m;
    HtmlSection sub{
        SectionId("cohort", c.id),
        fmt::format("{} 그룹 ({}) — {}개 지자체", c.letter, c.name_en, c.members.size()),
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
