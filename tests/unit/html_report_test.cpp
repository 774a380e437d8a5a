// The HTML report: structure and escaping (unit), and the rendered page in headless Chromium
// (charts drawn, headings and Guro-gu's row present, no network request). The Chromium test
// skips with a message when no chromium is installed; CI installs it (see tests/browser/README.md).
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "jobaward/html_report.hpp"
#include "jobaward/svg_chart.hpp"
#include "test_support.hpp"

namespace jobaward {

namespace {

namespace fs = std::filesystem;

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

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "jobaward-html-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

// Renders `page` with tests/browser/render.sh into `dir`. Returns false when Chromium is not
// installed (the caller skips).
bool RenderInChromium(const fs::path& page, const fs::path& dir) {
  const std::string command = "sh '" + test::SourcePath("tests/browser/render.sh") + "' '" +
                              page.string() + "' '" + dir.string() + "'";
  const int status = std::system(command.c_str());
  REQUIRE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) return false;
  REQUIRE_EQ(WEXITSTATUS(status), 0);
  return true;
}

// URLs the page itself asked for, from a Chromium net log: URL requests whose initiator is an
// origin. Chromium's own background requests (time, update, account checks) carry the initiator
// "not an origin"; a request made by a file:// page carries "null".
std::vector<std::string> PageRequests(const fs::path& netlog) {
  const nlohmann::json log = nlohmann::json::parse(test::Slurp(netlog.string()));
  const int url_request = log.at("constants").at("logSourceType").at("URL_REQUEST").get<int>();
  const int start_job =
      log.at("constants").at("logEventTypes").at("URL_REQUEST_START_JOB").get<int>();
  std::vector<std::string> urls;
  for (const auto& e : log.at("events")) {
    if (e.at("source").at("type") != url_request || e.at("type") != start_job) continue;
    const auto& params = e.value("params", nlohmann::json::object());
    if (!params.contains("url")) continue;
    if (params.value("initiator", "") != "not an origin") urls.push_back(params.at("url"));
  }
  return urls;
}

int Occurrences(const std::string& s, const std::string& part) {
  int n = 0;
  for (auto p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
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
    CHECK_NE(html.find("<td class=\"num\">1</td>"), std::string::npos);
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
    CHECK_EQ(html.find("id=\"simulation\""), std::string::npos);
    CHECK_EQ(html.find("id=\"sensitivity\""), std::string::npos);
    CHECK_NE(html.find("<td>11530</td><td>구로구</td>"), std::string::npos);
    CHECK_NE(html.find("<td class=\"num\">100,000,000</td>"), std::string::npos);
    CHECK_NE(html.find("<td class=\"num\">180,000,000</td>"), std::string::npos);
    CHECK_NE(html.find("type == &#39;gu&#39; and seoul"), std::string::npos);
    // One stacked chart per cohort.
    int charts = 0;
    for (auto p = html.find("<svg "); p != std::string::npos; p = html.find("<svg ", p + 1)) {
      ++charts;
    }
    CHECK_EQ(charts, 2);
    CHECK_NE(html.find("구로구 ★"), std::string::npos);
  }

  TEST_CASE("simulation and sensitivity results add probability, rank and tornado charts") {
    AwardReportInput in = SmallInput();
    SimulationSummary sim;
    sim.category = "disclosure";
    sim.draws = 1000;
    sim.seed = 7;
    sim.rows = {{"가", "11530", "구로구", 0.9, 0.01, 1.1, 1, 2},
                {"가", "11110", "종로구", 0.1, 0.01, 1.9, 1, 2}};
    in.simulations.push_back(sim);
    SensitivitySummary sens;
    sens.title = "weights ±20%";
    sens.measure = "score change";
    sens.rows = {{"plan", -0.1, 0.1}, {"outcome", -2, 1.5}};
    in.sensitivities.push_back(sens);
    const std::string html = RenderHtml(BuildAwardReport(in));
    CHECK_NE(html.find("<section id=\"simulation-disclosure\">"), std::string::npos);
    CHECK_NE(html.find("<section id=\"sensitivity-1\">"), std::string::npos);
    CHECK_NE(html.find("1000 draws, seed 7"), std::string::npos);
    CHECK_NE(html.find(">구로구: 90.0%</title>"), std::string::npos);
    // Tornado sorted by impact: outcome first.
    CHECK_LT(html.find(">outcome</text>"), html.find(">plan</text>"));
  }

  TEST_CASE("the same input renders the same bytes") {
    CHECK_EQ(RenderHtml(BuildAwardReport(SmallInput())),
             RenderHtml(BuildAwardReport(SmallInput())));
  }

  TEST_CASE("the report of the 2020 data renders in Chromium with charts, Guro-gu and no request") {
    TempDir dir;
    const fs::path page = dir.path / "report.html";
    const test::CliResult r = test::RunCli({"report", "--out", page.string()});
    REQUIRE_MESSAGE(r.exit_code == 0, r.err);
    const std::string html = test::Slurp(page.string());
    CHECK_EQ(html.find("http://"), std::string::npos);
    CHECK_EQ(html.find("https://"), std::string::npos);
    if (!RenderInChromium(page, dir.path)) {
      MESSAGE("chromium is not installed: browser check skipped (CI installs it)");
      return;
    }
    const std::string dom = test::Slurp((dir.path / "dom.html").string());
    for (const char* heading :
         {"<h1>전국 지방자치단체 일자리대상 평가 보고서</h1>", "<h2>요약 Summary</h2>",
          "<h2>평가 그룹 Cohorts</h2>", "<h2>수상 Awards by category and cohort</h2>",
          "<h2>점수 Score breakdown</h2>", "<h2>출처 Provenance</h2>"}) {
      CAPTURE(heading);
      CHECK_NE(dom.find(heading), std::string::npos);
    }
    // One stacked chart per cohort and category, each with drawn bars.
    const int charts = Occurrences(dom, "<svg ");
    CHECK_GE(charts, 14);
    for (auto p = dom.find("<svg "); p != std::string::npos; p = dom.find("<svg ", p + 1)) {
      const std::string svg = dom.substr(p, dom.find("</svg>", p) - p);
      CHECK_GT(Occurrences(svg, "<rect "), 0);
    }
    CHECK_NE(dom.find("<td>11530</td><td>구로구</td>"), std::string::npos);
    CHECK(PageRequests(dir.path / "netlog-dom.json").empty());
    CHECK(PageRequests(dir.path / "netlog-shot.json").empty());
    // The screenshot is a 1280x2000 PNG (width and height are big-endian at bytes 16..23).
    const std::string png = test::Slurp((dir.path / "screenshot.png").string());
    REQUIRE_GT(png.size(), 24U);
    CHECK_EQ(png.substr(1, 3), "PNG");
    auto be32 = [&](std::size_t at) {
      return (static_cast<unsigned>(static_cast<unsigned char>(png[at])) << 24) |
             (static_cast<unsigned>(static_cast<unsigned char>(png[at + 1])) << 16) |
             (static_cast<unsigned>(static_cast<unsigned char>(png[at + 2])) << 8) |
             static_cast<unsigned>(static_cast<unsigned char>(png[at + 3]));
    };
    CHECK_EQ(be32(16), 1280U);
    CHECK_EQ(be32(20), 2000U);
  }

  TEST_CASE("the net-log check sees a request that a page makes") {
    // The control for the test above: a page with an external image is caught.
    TempDir dir;
    const fs::path page = dir.path / "fetching.html";
    std::ofstream(page) << "<!DOCTYPE html><html><body><img src=\"http://example.invalid/x.png\">"
                           "</body></html>\n";
    if (!RenderInChromium(page, dir.path)) {
      MESSAGE("chromium is not installed: browser check skipped (CI installs it)");
      return;
    }
    CHECK_EQ(PageRequests(dir.path / "netlog-dom.json"),
             std::vector<std::string>{"http://example.invalid/x.png"});
  }
}

}  // namespace jobaward
