// The HTML report: escaping, structure, the summary's choice of changes and weights. What a
// reader sees in a browser (overflow, first screen, charts, no network request) is tested in
// headless Chromium by tests/browser/report.test.mjs.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "bundled_inputs.hpp"
#include "jobaward/io/award_setup.hpp"
#include "jobaward/render/award_report.hpp"
#include "jobaward/render/html_report.hpp"
#include "jobaward/render/svg_chart.hpp"
#include "test_support.hpp"

namespace jobaward {

namespace {

GovernmentScore Gov(std::string code, std::string name, std::string cohort, int rank, double plan,
                    double execution, double outcome, std::string award) {
  GovernmentScore g;
  g.code = std::move(code);
  g.name_ko = std::move(name);
  g.cohort_label = std::move(cohort);
  g.rank = rank;
  g.domain = {plan, execution, outcome};
  g.stage1 = plan + execution + outcome;
  g.final_score = g.stage1;
  g.award_id = award;  // Any non-empty id: the report reads the names.
  g.award_name_ko = std::move(award);
  return g;
}

AwardReportInput SmallInput() {
  AwardReportInput in;
  in.year = 2020;
  in.cohorts = {{"가",
                 "ga",
                 "Seoul districts",
                 "자치구 (서울)",
                 "type == 'gu' and seoul",
                 {"구로구", "종로구"}},
                {"나", "na", "Cities", "", "type == 'si'", {"수원시"}}};
  ScoreResult r;
  r.category = "disclosure";
  r.rubric_name_ko = "공시제";
  r.governments = {Gov("11530", "구로구", "가", 1, 20, 30, 40, "최우수상"),
                   Gov("11110", "종로구", "가", 2, 10, 20, 30, ""),
                   Gov("41110", "수원시", "나", 1, 15, 25, 35, "우수상")};
  in.results.push_back(r);
  in.awards.entries.push_back(
      {"disclosure", "가", "11530", "구로구", "top", "최우수상", "level", 90, 1, 1e8, false});
  in.awards.entries.push_back(
      {"disclosure", "나", "41110", "수원시", "excellent", "우수상", "level", 75, 1, 8e7, false});
  in.awards.counts = {{"disclosure", "top", "최우수상", 1, 1e8},
                      {"disclosure", "excellent", "우수상", 1, 8e7}};
  in.awards.category_counts = {{"disclosure", 2}};
  in.awards.category_money = {{"disclosure", 1.8e8}};
  in.awards.total_count = 2;
  in.awards.total_money = 1.8e8;
  in.awards.governments_awarded = 2;
  in.provenance = MakeProvenance("report", "jobaward report --out r.html");
  in.provenance.version = "0.1.0";
  return in;
}

// SmallInput with a simulation of the disclosure category and its tornado.
AwardReportInput WithAnalyses(AwardReportInput in) {
  SimulationSummary sim;
  sim.category = "disclosure";
  sim.draws = 1000;
  sim.seed = 7;
  sim.rows = {{"가", "11530", "구로구", 0.9, 0.01, 1.1, 1, 2, 1, true, 0.7, 0.02},
              {"가", "11110", "종로구", 0.1, 0.01, 1.9, 1, 2, 2, false, 0.3, 0.02},
              {"나", "41110", "수원시", 1.0, 0.0, 1.0, 1, 1, 1, true, 1.0, 0.0}};
  in.simulations.push_back(sim);
  SensitivitySummary sens;
  sens.category = "disclosure";
  sens.title = "공시제: 가중치 ±10%";
  sens.measure = "점수 변화";
  sens.low_name = "-10%";
  sens.high_name = "+10%";
  sens.rows = {{"계획 영역", -0.5, 0.5, -20, 0.5, 0, 1}, {"성과 영역", -2, 2, -2, 2, 0, 0}};
  in.sensitivities.push_back(sens);
  return in;
}

}  // namespace

TEST_SUITE("html_report") {
  TEST_CASE("every text is escaped and the page references nothing outside itself") {
    HtmlReport r;
    r.title = "<script>alert(1)</script>";
    HtmlSection s{"s1", "A & B", {}, {}};
    Table t;
    t.header = {"name", "v"};
    t.align = {Align::kLeft, Align::kRight};
    t.rows = {{"<img src=x onerror=alert(1)>", "1"}};
    s.blocks.emplace_back(HtmlTable{"cap \"q\"", t});
    s.blocks.emplace_back(HtmlParagraph{"x < y"});
    r.sections.push_back(s);
    const std::string html = RenderHtml(r);
    CHECK_EQ(html.find("<script"), std::string::npos);
    CHECK_EQ(html.find("<img"), std::string::npos);
    CHECK_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    CHECK_NE(html.find("<h2>A &amp; B</h2>"), std::string::npos);
    CHECK_NE(html.find("<td class=\"num\" data-label=\"v\">1</td>"), std::string::npos);
    CHECK_NE(html.find("<caption>cap &quot;q&quot;</caption>"), std::string::npos);
    CHECK_NE(html.find("<p>x &lt; y</p>"), std::string::npos);
    CHECK_NE(html.find("Content-Security-Policy\" content=\"default-src &#39;none&#39;"),
             std::string::npos);
    CHECK_NE(html.find("@media print"), std::string::npos);
    CHECK_NE(html.find("Noto Sans CJK KR"), std::string::npos);
    CHECK_EQ(html.find("http:"), std::string::npos);
    CHECK_EQ(html.find("https:"), std::string::npos);
    CHECK_EQ(html.find("url("), std::string::npos);
    CHECK_EQ(html.find("@import"), std::string::npos);
  }

  TEST_CASE("the award report has cohorts, awards, score charts and provenance") {
    const std::string html = RenderHtml(BuildAwardReport(SmallInput()));
    for (const char* id : {"summary", "cohorts", "cohort-ga", "awards", "awards-disclosure",
                           "scores", "scores-disclosure", "provenance"}) {
      CAPTURE(id);
      CHECK_NE(html.find(std::string("<section id=\"") + id + "\">"), std::string::npos);
    }
    CHECK_EQ(html.find("id=\"uncertainty\""), std::string::npos);
    CHECK_EQ(html.find("id=\"sensitivity\""), std::string::npos);
    CHECK_EQ(html.find("id=\"governments\""), std::string::npos);
    // The summary comes before the contents list, the details after it.
    CHECK_LT(html.find("<section id=\"summary\">"), html.find("<nav class=\"toc\">"));
    CHECK_LT(html.find("<nav class=\"toc\">"), html.find("<section id=\"awards\">"));
    CHECK_NE(html.find("3개 자치단체, 2개 평가군. 상 2개"), std::string::npos);  // lead
    // The awards: a row per cohort, the holders under their award with the final score, and
    // the award line (구로구 90 holds the last award of 가, 종로구 60 is the first below it).
    CHECK_NE(html.find("<td data-label=\"평가군\">가</td><td data-label=\"최우수상\">구로구 "
                       "90.00</td><td data-label=\"우수상\">-</td><td data-label=\"수상선 아래 "
                       "첫 자치단체\">2위 종로구 60.00</td><td class=\"num\" data-label=\"점수 "
                       "차\">30.00</td>"),
             std::string::npos);
    CHECK_NE(html.find("상별 건수와 상금: 최우수상 1건 100,000,000원 · 우수상 1건 80,000,000원"),
             std::string::npos);
    CHECK_NE(html.find("jobaward award --format xlsx"), std::string::npos);  // the full list
    CHECK_NE(html.find("상금 합계 180,000,000원"), std::string::npos);
    CHECK_NE(html.find("type == &#39;gu&#39; and seoul"), std::string::npos);
    // Winners per cohort in the summary, by category.
    CHECK_NE(
        html.find(
            "<td data-label=\"평가군\">가 평가군</td><td data-label=\"공시제 1위\">구로구</td>"),
        std::string::npos);
    CHECK_NE(html.find("불확실성 분석이 없습니다"), std::string::npos);
    // One chart of the domain means per category, a bar for the holders and one for the others
    // of each cohort (나 has no one without an award).
    int charts = 0;
    for (auto p = html.find("<svg "); p != std::string::npos; p = html.find("<svg ", p + 1)) {
      ++charts;
    }
    CHECK_EQ(charts, 1);
    CHECK_NE(html.find(">가 ★ 수상 (1)</text>"), std::string::npos);
    CHECK_NE(html.find(">가 그 밖 (1)</text>"), std::string::npos);
    CHECK_NE(html.find(">나 ★ 수상 (1)</text>"), std::string::npos);
    CHECK_EQ(html.find(">나 그 밖"), std::string::npos);
  }

  TEST_CASE("simulation and sensitivity results add probability, rank and tornado charts") {
    AwardReportInput in = WithAnalyses(SmallInput());
    in.government_pages = {"11530"};
    const std::string html = RenderHtml(BuildAwardReport(in));
    CHECK_NE(html.find("<section id=\"uncertainty-disclosure\">"), std::string::npos);
    CHECK_NE(html.find("<section id=\"sensitivity-1\">"), std::string::npos);
    CHECK_NE(html.find("<section id=\"government-11530\">"), std::string::npos);
    CHECK_NE(html.find("<h3>구로구 (11530)</h3>"), std::string::npos);
    CHECK_NE(html.find("몬테카를로 1000회 추출 (seed 7)"), std::string::npos);
    // 구로구 (0.9) and 수원시 (1.0) keep their awards and 종로구 (0.1) gets none with at least
    // 80%: nothing is listed.
    CHECK_NE(html.find("상이 바뀔 확률이 20% 이상인 자치단체 없음"), std::string::npos);
    // The detail tornado is sorted by own effect: outcome (2) before plan (0.5), although
    // plan's total (a cut-off crossing) is larger; the total is a mark.
    const auto detail = html.find("<section id=\"sensitivity-1\">");
    CHECK_LT(html.find(">성과 영역</text>", detail), html.find(">계획 영역</text>", detail));
    CHECK_NE(html.find("계획 영역 -10%: -0.500 (전체 효과 (2단계 진출 변동 포함): -20.000)"),
             std::string::npos);
    // The summary lists the likely changes with words and the chart of the weights.
    const std::string summary = html.substr(0, html.find("<nav class=\"toc\">"));
    CHECK_NE(summary.find("가능성 있음"), std::string::npos);
    CHECK_NE(summary.find("class=\"mark\""), std::string::npos);
  }

  TEST_CASE("the uncertainty section lists the likely award changes, ten per cohort, by rank") {
    AwardReportInput in = WithAnalyses(SmallInput());
    SimulationSummary& sim = in.simulations.front();
    sim.rows[0].p_award = 0.7;  // 구로구 loses its award with 30%: listed.
    sim.rows[0].p_award_se = 0.015;
    sim.rows[1].p_award = 0.19;  // 종로구 gains one with 19%: not listed.
    // Twelve more in 나, each gaining an award with 21..32%: the ten likeliest are listed.
    for (int i = 0; i < 12; ++i) {
      sim.rows.push_back({"나", std::to_string(42000 + i), "군" + std::to_string(i),
                          0.21 + 0.01 * i, 0.01, 2.0 + i, 2, 3.0 + i, 2 + i, false, 0, 0});
    }
    const std::string html = RenderHtml(BuildAwardReport(in));
    const auto begin = html.find("<section id=\"uncertainty-disclosure\">");
    const auto end = html.find("</section>", begin);
    REQUIRE_NE(begin, std::string::npos);
    const std::string section = html.substr(begin, end - begin);
    CHECK_NE(section.find("<td data-label=\"자치단체\">구로구</td><td data-label=\"지금\">1위 "
                          "최우수상</td><td class=\"num\" data-label=\"수상 확률\">70% ± "
                          "1.5</td><td class=\"num\" data-label=\"순위 5–95%\">1–2위 (평균 "
                          "1.1)</td><td data-label=\"판단\">상을 잃을 가능성 있음</td>"),
             std::string::npos);
    CHECK_EQ(section.find("종로구"), std::string::npos);
    CHECK_EQ(section.find("수원시"), std::string::npos);
    CHECK_EQ(section.find(">군0<"), std::string::npos);  // 21% and 22%: the two left out
    CHECK_EQ(section.find(">군1<"), std::string::npos);
    CHECK_NE(section.find("그 밖에 2곳도 20% 이상이지만 평가군당 10곳만 보입니다."),
             std::string::npos);
    // In rank order: 군2 (rank 4) before 군11 (rank 13), whose change is likelier.
    CHECK_LT(section.find(">군2<"), section.find(">군11<"));
    CHECK_NE(section.find("<td data-label=\"판단\">상을 받을 가능성 있음</td>"), std::string::npos);
  }

  TEST_CASE("per cohort, the smallest weight move that changes the winner, after the tornados") {
    AwardReportInput in = WithAnalyses(SmallInput());
    in.display_names["11110"] = "서울 종로구";
    WinnerReversal moved{
        "disclosure",         "가", false, "성과 영역", 40, 36.5, {{"11530", "구로구"}},
        {{"11110", "종로구"}}};
    WinnerReversal stable;
    stable.category = "disclosure";
    stable.cohort = "나";
    in.reversals = {moved, stable};
    const std::string html = RenderHtml(BuildAwardReport(in));
    const auto begin = html.find("<section id=\"sensitivity-reversals\">");
    REQUIRE_NE(begin, std::string::npos);
    CHECK_GT(begin, html.find("<section id=\"sensitivity-1\">"));
    const std::string section = html.substr(begin, html.find("</section>", begin) - begin);
    CHECK_NE(section.find("<caption>공시제</caption>"), std::string::npos);
    CHECK_NE(section.find("<td data-label=\"평가군\">가</td><td data-label=\"1위\">구로구</td><td "
                          "data-label=\"가중치\">성과 영역</td><td class=\"num\" data-label=\"배점 "
                          "변화\">40.00 → 36.50점 (-8.8%)</td><td data-label=\"새 1위\">서울 "
                          "종로구</td>"),
             std::string::npos);
    CHECK_NE(section.find("어느 가중치로도 바뀌지 않음"), std::string::npos);
    // Without reversals (e.g. only --sensitivity files) there is no such table.
    in.reversals.clear();
    CHECK_EQ(RenderHtml(BuildAwardReport(in)).find("sensitivity-reversals"), std::string::npos);
  }

  TEST_CASE("a government page ends with what it takes, per category, captioned with the rival") {
    AwardReportInput in = SmallInput();
    in.government_pages = {"11530"};
    Table t;
    t.header = {"입력", "현재값", "윗순위 추월", "2차 진출", "다음 상"};
    t.rows = {{"일자리 목표 달성률", "13,752", "14,303 (+551) → 28위", "이미 진출", "최고 상"}};
    in.gaps.push_back({"disclosure", "11530", "28200 남동구", t});
    in.gaps.push_back({"disclosure", "99999", "", t});  // Another government's: not on this page.
    const std::string html = RenderHtml(BuildAwardReport(in));
    const auto page = html.find("<section id=\"government-11530\">");
    REQUIRE_NE(page, std::string::npos);
    const auto gaps = html.find("무엇이 필요한가 (윗순위 28200 남동구)", page);
    CHECK_NE(gaps, std::string::npos);
    CHECK_GT(gaps, html.find("지표별 점수", page));  // Last on the page.
    CHECK_NE(html.find("14,303 (+551) → 28위", page), std::string::npos);
    CHECK_EQ(html.find("무엇이 필요한가", gaps + 1), std::string::npos);
    CHECK_NE(html.find("두 입력을 함께 바꾸는 경우는 다루지 않음", page), std::string::npos);
  }

  TEST_CASE("the likely changes: a winner losing first place, holders losing, others gaining") {
    const AwardReportInput in = WithAnalyses(SmallInput());
    const std::vector<LikelyChange> changes = MostLikelyChanges(in, 5);
    // 구로구 is the baseline winner of 가 with P(first) 0.7: it loses first place with 0.3,
    // and its award with 0.1; 종로구 gains one with 0.1; 수원시 (P(any) 1) loses nothing, and
    // changes below 1% are not listed.
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].p == doctest::Approx(0.3));
    CHECK(changes[0].se == doctest::Approx(0.02));
    CHECK(changes[0].text ==
          "공시제 가 평가군: 1위 구로구이(가) 1위를 놓침 (가장 유력한 1위: 종로구 30%)");
    CHECK(changes[1].p == doctest::Approx(0.1));
    CHECK(changes[1].text == "공시제 가 평가군: 종로구이(가) 상을 받음");
    CHECK(changes[2].p == doctest::Approx(0.1));  // 1 - 0.9, a rounding below 0.1
    CHECK(changes[2].text == "공시제 가 평가군: 구로구이(가) 상을 받지 못함");
    CHECK(MostLikelyChanges(in, 1).size() == 1);
    CHECK(std::string(LikelihoodWord(0.5)) == "가능성 높음");
    CHECK(std::string(LikelihoodWord(0.3)) == "가능성 있음");
    CHECK(std::string(LikelihoodWord(0.19)) == "가능성 낮음");
  }

  TEST_CASE("jobaward report lists each cohort's members by the names every output shows") {
    const test::TempDir dir;
    const std::string out = (dir.path() / "report.html").string();
    const test::CliResult r =
        test::RunCli({"report", "--out", out, "--draws", "0", "--tornado-step", "0"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string html = test::Slurp(out);
    const std::size_t cohorts = html.find("<section id=\"cohorts\">");
    REQUIRE_NE(cohorts, std::string::npos);
    // Its subsections, one per cohort, end with the last one's (사).
    const std::size_t end = html.find("</section>", html.find("id=\"cohort-sa\"", cohorts));
    REQUIRE_NE(end, std::string::npos);
    const std::string section = html.substr(cohorts, end - cohorts);
    CHECK_NE(section.find("울산 남구"), std::string::npos);
    CHECK_EQ(section.find(", 남구,"), std::string::npos);  // a shared name never stands alone
  }

  TEST_CASE("a program linking the library writes the report that jobaward report writes") {
    const test::TempDir dir;
    const std::string out = (dir.path() / "report.html").string();
    const test::CliResult r =
        test::RunCli({"report", "--out", out, "--draws", "0", "--government", "구로구"});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string cli = test::Slurp(out);
    const ScoringSetup setup = LoadScoringSetup(test::BundledAwardPaths());
    const std::vector<ScoringModel> models =
        CompileReports(setup, test::SourcePath("examples/2020/reports"));
    AwardReportInput input =
        MakeAwardReportInput(setup.registry, setup.rules, setup.rubrics, models, {"11530"});
    input.sensitivities = WeightTornados(models, 0.10);
    input.reversals = WinnerReversals(models);
    const std::string library = RenderHtml(BuildAwardReport(input));
    // From the summary to the provenance (which holds the command line and the input hashes):
    // awards, tornados, the government page with what it takes, cohorts.
    auto body = [](const std::string& html) {
      const auto begin = html.find("<section id=\"summary\">");
      const auto end = html.find("<section id=\"provenance\">");
      REQUIRE_NE(begin, std::string::npos);
      REQUIRE_NE(end, std::string::npos);
      return html.substr(begin, end - begin);
    };
    const std::string cli_body = body(cli);
    CHECK_NE(cli_body.find("구로구 (11530)"), std::string::npos);
    CHECK_NE(cli_body.find("무엇이 필요한가"), std::string::npos);
    CHECK_NE(cli_body.find("id=\"sensitivity-2\""), std::string::npos);
    CHECK_NE(cli_body.find("id=\"sensitivity-reversals\""), std::string::npos);
    CHECK(body(library) == cli_body);
  }

  TEST_CASE("the same input renders the same bytes") {
    CHECK_EQ(RenderHtml(BuildAwardReport(SmallInput())),
             RenderHtml(BuildAwardReport(SmallInput())));
  }
}

}  // namespace jobaward
