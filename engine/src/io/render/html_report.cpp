#include "jobaward/render/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "jobaward/render/svg_chart.hpp"

namespace jobaward {

namespace {

// Fetches nothing: inline styles only; no script, image, font or connection is allowed.
constexpr const char* kCsp = "default-src 'none'; style-src 'unsafe-inline'";

constexpr const char* kCss = R"css(
:root { color-scheme: light; }
body { font-family: 'Noto Sans CJK KR', 'Noto Sans KR', 'NanumGothic', 'Nanum Gothic',
       'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif;
       margin: 1.2rem auto; max-width: 64rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.45;
       word-break: keep-all; overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 0 0 0.2rem; }
.synthetic { border: 2px solid #b00020; color: #b00020; font-weight: bold; padding: 0.4rem 0.6rem;
             margin: 0.6rem 0; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #4e79a7; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
h4 { font-size: 1rem; margin-top: 1.2rem; }
#summary > h2 { margin-top: 0.8rem; }
.subtitle { color: #555; margin: 0; }
p.lead { font-size: 1.05rem; margin: 0.4rem 0 0.6rem; }
p.note { font-size: 0.85rem; color: #444; }
nav.toc { background: #f4f6f9; padding: 0.4rem 1rem; border-radius: 4px; margin-top: 1.5rem;
          font-size: 0.9rem; }
nav.toc ul { margin: 0.2rem 0; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.4rem 0 0.8rem; font-size: 0.85rem; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.15rem 0.5rem; text-align: left;
         vertical-align: top; }
/* A column is at least as wide as its longest word: with 'anywhere' a narrow column split its
   heading and cells ("그/룹", "합/계"); a token too long for the page still wraps. */
th, td { overflow-wrap: break-word; }
th { background: #eef1f5; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 0.6rem 0 1rem; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; }
@media (min-width: 60rem) {
  .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; align-items: start; }
  .columns > figure, .columns > p { grid-column: 1 / -1; }
}
/* Narrow screens: a table becomes one card per row, each value with its column's name. */
@media screen and (max-width: 40rem) {
  body { padding: 0 0.6rem; }
  table, thead, tbody, tr, th, td, caption { display: block; }
  thead { display: none; }
  tr { border: 1px solid #ddd; border-radius: 4px; margin-bottom: 0.4rem; padding: 0.2rem 0.4rem; }
  td { border: none; padding: 0.05rem 0; text-align: left; }
  td.num { text-align: left; white-space: normal; }
  td[data-label]::before { content: attr(data-label) ": "; color: #555; font-size: 0.8rem; }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  table { font-size: 8.5pt; }
  th, td { padding: 0.05rem 0.4rem; }
  p.lead { font-size: 10.5pt; margin: 0.2rem 0 0.4rem; }
  nav.toc { display: none; }
  main > section:first-child, section.new-page { break-before: page; }
  h2, h3, h4 { break-after: avoid; }
  figure, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
)css";

void RenderTable(const HtmlTable& t, std::string& out) {
  out += "<table>\n";
  if (!t.caption.empty()) out += "<caption>" + XmlEscape(t.caption) + "</caption>\n";
  auto cls = [&](std::size_t c) {
    return c < t.table.align.size() && t.table.align[c] == Align::kRight ? " class=\"num\"" : "";
  };
  out += "<thead><tr>";
  for (std::size_t c = 0; c < t.table.header.size(); ++c) {
    out += fmt::format("<th{}>{}</th>", cls(c), XmlEscape(t.table.header[c]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string label = c < t.table.header.size() ? t.table.header[c] : std::string();
      out += fmt::format("<td{} data-label=\"{}\">{}</td>", cls(c), XmlEscape(label),
                         XmlEscape(row[c]));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

void RenderSection(const HtmlSection& s, int level, std::string& out) {
  const int h = std::min(level, 6);
  out += fmt::format("<section id=\"{}\"{}>\n<h{}>{}</h{}>\n", XmlEscape(s.id),
                     s.new_page ? " class=\"new-page\"" : "", h, XmlEscape(s.heading), h);
  if (s.columns) out += "<div class=\"columns\">\n";
  for (const auto& block : s.blocks) {
    if (const auto* p = std::get_if<HtmlParagraph>(&block)) {
      out += p->css_class.empty() ? "<p>" : "<p class=\"" + XmlEscape(p->css_class) + "\">";
      out += XmlEscape(p->text) + "</p>\n";
    } else if (const auto* t = std::get_if<HtmlTable>(&block)) {
      RenderTable(*t, out);
    } else if (const auto* f = std::get_if<HtmlFigure>(&block)) {
      out += "<figure>\n" + f->svg;
      if (!f->caption.empty()) out += "<figcaption>" + XmlEscape(f->caption) + "</figcaption>\n";
      out += "</figure>\n";
    }
  }
  if (s.columns) out += "</div>\n";
  for (const auto& sub : s.subsections) RenderSection(sub, level + 1, out);
  out += "</section>\n";
}

void RenderToc(const std::vector<HtmlSection>& sections, int depth, std::string& out) {
  if (sections.empty() || depth > 2) return;
  out += "<ul>\n";
  for (const auto& s : sections) {
    out += fmt::format("<li><a href=\"#{}\">{}</a>", XmlEscape(s.id), XmlEscape(s.heading));
    RenderToc(s.subsections, depth + 1, out);
    out += "</li>\n";
  }
  out += "</ul>\n";
}

}  // namespace

std::string RenderHtml(const HtmlReport& report) {
  std::string out;
  out.reserve(1 << 16);
  out += "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n",
                     XmlEscape(kCsp));
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"jobaward\">\n";
  out += "<title>" + XmlEscape(report.title) + "</title>\n<style>" + kCss + "</style>\n";
  out += "</head>\n<body>\n<header>\n<h1>" + XmlEscape(report.title) + "</h1>\n";
  if (!report.subtitle.empty()) {
    out += "<p class=\"subtitle\">" + XmlEscape(report.subtitle) + "</p>\n";
  }
  // Every page of a run on synthetic figures says so before anything else (printed too).
  if (report.provenance && IsSynthetic(*report.provenance)) {
    out += "<p class=\"synthetic\" role=\"note\">" +
           XmlEscape(SyntheticNotice(*report.provenance)) + "</p>\n";
  }
  out += "</header>\n";
  std::vector<HtmlSection> sections = report.sections;
  if (report.provenance) {
    HtmlSection p{"provenance", "출처", {}, {}};
    p.blocks.emplace_back(HtmlParagraph{
        "이 보고서를 만든 명령과 입력 파일입니다. 같은 SHA-256의 파일로 명령을 다시 실행하면 "
        "바이트까지 같은 보고서가 나옵니다."});
    p.blocks.emplace_back(HtmlTable{"", ProvenanceTable(*report.provenance)});
    sections.push_back(std::move(p));
  }
  // The first section (the summary) before the contents, so that it fills the first screen.
  if (!sections.empty()) RenderSection(sections.front(), 2, out);
  out += "<nav class=\"toc\">\n<strong>목차</strong>\n";
  RenderToc(sections, 1, out);
  out += "</nav>\n<main>\n";
  for (std::size_t i = 1; i < sections.size(); ++i) RenderSection(sections[i], 2, out);
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace jobaward
