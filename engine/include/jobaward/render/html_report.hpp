// The HTML report for briefings: ONE self-contained file that a colleague without jobaward can
// open, read and print. No script, no external stylesheet, font or image, and a
// Content-Security-Policy that forbids every fetch, so opening it makes no network request.
// Charts are inline SVG from svg_chart.hpp; Korean text uses a CJK font stack (Noto Sans CJK KR,
// Nanum Gothic, Malgun Gothic, Apple SD Gothic Neo); print CSS keeps tables and figures whole.
//
// This header is the generic document (HtmlReport: sections of paragraphs, tables and figures,
// rendered by RenderHtml with every text escaped); award_report.hpp builds the award report as
// such a document. Output is a pure function of the input — no timestamp — so identical inputs
// give identical bytes.
//
// Layout for readers (CSS in html_report.cpp): Korean words never break mid-word
// (`word-break: keep-all`), long ASCII tokens wrap anywhere; on a narrow screen (< 40rem) every
// table turns into one card per row with the column names beside the values, so nothing
// overflows at 420 px; in print, A4 pages, the first section alone on the first page, the others
// flowing after it (a heading never alone at the foot of a page, no figure or table row split),
// and a section marked new_page (a government's page) on a page of its own. Flowing instead of a
// page per section keeps the printed report short: short sections no longer leave most of a
// page blank.
//
// Thread-safe (pure functions). Tests: tests/unit/render/html_report_test.cpp (escaping, structure,
// no external references) and tests/browser/ (what a reader sees in headless Chromium).
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "jobaward/io/provenance.hpp"
#include "jobaward/render/text_table.hpp"

namespace jobaward {

struct HtmlParagraph {
  std::string text;            ///< Plain text (escaped when rendered).
  std::string css_class = {};  ///< Optional: "lead" (larger, the summary's first sentence), "note".
};

struct HtmlTable {
  std::string caption;
  Table table;  ///< Right-aligned columns (Table::align) get class "num".
};

struct HtmlFigure {
  std::string svg;  ///< Trusted markup from RenderSvg (already escaped).
  std::string caption;
};

using HtmlBlock = std::variant<HtmlParagraph, HtmlTable, HtmlFigure>;

struct HtmlSection {
  std::string id;  ///< Anchor for the table of contents; ASCII letters, digits, '-'.
  std::string heading;
  std::vector<HtmlBlock> blocks;
  std::vector<HtmlSection> subsections;
  /// Blocks side by side on a wide screen (two columns from 60rem), stacked otherwise.
  bool columns = false;
  /// In print, starts a new page.
  bool new_page = false;
};

struct HtmlReport {
  std::string title;
  std::string subtitle;
  /// In order. The first (the summary) comes before the contents list and is printed alone on
  /// page 1; the others follow from page 2.
  std::vector<HtmlSection> sections;
  /// Rendered as a last section, "출처"; when it says reports are synthetic, a banner under the
  /// title says so (SyntheticNotice).
  std::optional<Provenance> provenance;
};

/// The whole page: doctype, UTF-8, CSP, inline CSS (screen and print), first section, contents,
/// the other sections.
[[nodiscard]] std::string RenderHtml(const HtmlReport& report);

}  // namespace jobaward
