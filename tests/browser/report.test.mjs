// The HTML report of the bundled 2020 data as a reader sees it in headless Chromium
// (tests/browser/README.md). ctest: browser_report.
//
// usage (through run.sh): report.test.mjs JOBAWARD_CLI
// Writes to the artefact directory: report.html, summary-1280.png and summary-420.png (the first
// screen), report.pdf (A4 print), report-netlog.json.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as h from './harness.mjs';

const cli = process.argv[2];
const report = path.join(h.artefacts, 'report.html');
execFileSync(cli, ['report', '--out', report, '--government', '11530'], { stdio: 'inherit' });
// The control: a page that fetches, so that the request checks cannot pass vacuously.
const control = path.join(h.artefacts, 'fetching.html');
fs.writeFileSync(control, '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png">' +
                          '</body></html>\n');
const reportUrl = pathToFileURL(report).href;
const started = Date.now();
const browser = await h.launch('report');

// How long the report may be: a director reads a few pages, so the details after the summary are
// compact (the full per-government tables are `jobaward award|simulate|score` outputs). Measured
// on the bundled 2020 data with --government 11530: 32,421 px and 42 A4 pages when the details
// listed every government; 10,016 px and 10 pages since (with the per-cohort reversal table).
// The bounds leave room for a longer rubric, not for per-government tables to come back.
const MAX_HEIGHT_1280 = 12000;
const MAX_A4_PAGES = 12;

// A desktop screen: the summary is the first thing, and all of it is on the first screen.
const desktop = { width: 1280, height: 900 };
let page = await browser.open(reportUrl, desktop);
const height = await h.pageHeight(page);
h.measure('page height at 1280 px (px)', height);
h.check(height <= MAX_HEIGHT_1280, `the report is at most ${MAX_HEIGHT_1280} px tall at 1280 px`,
        `it is ${height} px`);
const summaryBottom = await h.bottomOf(page, '#summary');
h.measure('summary bottom at 1280 px (px)', Math.round(summaryBottom));
h.check(summaryBottom <= desktop.height, `the summary ends within the first screen (${desktop.width}x${desktop.height})`,
        `it ends at ${Math.round(summaryBottom)} px`);
await page.screenshot({ path: path.join(h.artefacts, 'summary-1280.png') });
h.check(await h.overflow(page) === null, 'no horizontal overflow at 1280 px');
const charts = await h.unlabelledCharts(page);
h.measure('charts', charts.charts);
h.check(charts.charts >= 5 && charts.bad.length === 0,
        'every chart has a Korean title on both axes, tick labels, and no text cut off',
        JSON.stringify(charts.bad.slice(0, 5)));
const dom = await page.evaluate(() => ({
  wordBreak: getComputedStyle(document.body).wordBreak,
  h2: [...document.querySelectorAll('h2')].map((e) => e.textContent),
  summaryFirst: document.querySelector('body > section, main > section')?.id,
  guro: document.querySelector('#government-11530 h3')?.textContent ?? '',
  changes: document.querySelectorAll('#summary table')[1]?.querySelectorAll('tbody tr').length ?? 0,
  summaryChart: document.querySelectorAll('#summary svg.chart .mark').length,
}));
h.check(dom.wordBreak === 'keep-all', 'Korean text keeps words whole (word-break: keep-all)');
// Table columns too: a narrow column once split its heading ("그/룹").
const wide = await h.brokenKoreanWords(page);
h.measure('Korean words checked at 1280 px', wide.words);
h.check(wide.count === 0, 'no Korean word is split across lines at 1280 px',
        `${wide.count}: ${wide.broken.join(' ')}`);
h.check(dom.summaryFirst === 'summary', 'the summary is the first section');
for (const heading of ['요약', '수상 결과', '불확실성: 바뀔 수 있는 수상', '가중치 민감도',
                       '점수 구성', '자치단체별 상세', '평가군', '출처']) {
  h.check(dom.h2.includes(heading), `section ${heading}`);
}
h.check(dom.guro === '구로구 (11530)', "Guro-gu's page", dom.guro);
h.check(dom.changes >= 1, 'the summary lists the most likely changes');
h.check(dom.summaryChart > 0, "the summary's weight chart marks the total beside the own effect");
h.check(page.requests.length === 0, 'the report asks for nothing (page events)', page.requests.join(' '));
await page.close();

// A phone: nothing sticks out sideways, no Korean word is split, the summary starts on screen.
const phone = { width: 420, height: 900 };
page = await browser.open(reportUrl, phone);
const narrow = await h.overflow(page);
h.check(narrow === null, 'no horizontal overflow at 420 px', JSON.stringify(narrow));
h.measure('scroll width at 420 px (px)', await page.evaluate(() => document.documentElement.scrollWidth));
h.measure('page height at 420 px (px)', await h.pageHeight(page));
const summaryTop = await page.evaluate(() => document.querySelector('#summary').getBoundingClientRect().top);
h.check(summaryTop < phone.height / 2, 'the summary starts in the upper half of the first screen at 420 px');
const words = await h.brokenKoreanWords(page);
h.measure('Korean words checked at 420 px', words.words);
h.check(words.count === 0, 'no Korean word is split across lines at 420 px',
        `${words.count}: ${words.broken.join(' ')}`);
await page.screenshot({ path: path.join(h.artefacts, 'summary-420.png') });
await page.close();

// Print on A4: nothing wider than the printable width, the summary alone fits page 1.
page = await browser.open(reportUrl, { width: h.A4_PRINT_WIDTH, height: h.A4_PRINT_HEIGHT });
await page.emulateMedia({ media: 'print' });
const printed = await h.overflow(page);
h.check(printed === null, `no horizontal overflow at the A4 print width (${h.A4_PRINT_WIDTH} px)`,
        JSON.stringify(printed));
h.measure('scroll width at A4 print width (px)', await page.evaluate(() => document.documentElement.scrollWidth));
const printSummary = await h.bottomOf(page, '#summary');
h.measure('summary bottom in print (px of 1032)', Math.round(printSummary));
h.check(printSummary <= h.A4_PRINT_HEIGHT, 'the summary fits on the first A4 page',
        `it ends at ${Math.round(printSummary)} px`);
const pdf = await page.pdf({ path: path.join(h.artefacts, 'report.pdf'), preferCSSPageSize: true });
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
h.measure('A4 pages', pages);
h.check(pages >= 2 && pages <= MAX_A4_PAGES, `the printed report has at most ${MAX_A4_PAGES} A4 pages`,
        `it has ${pages}`);
await page.close();

const fetching = await browser.open(pathToFileURL(control).href, { width: 800, height: 600 });
h.check(fetching.requests.includes('http://example.invalid/x.png'),
        'control: the page events see the fetching page\'s request');
await fetching.close();
await browser.close();

// The net log of both pages holds the control's request and nothing else.
const requests = h.pageRequests(browser.netLog);
h.check(requests.includes('http://example.invalid/x.png'), 'control: the net log sees the request');
h.check(requests.every((u) => u === 'http://example.invalid/x.png'),
        'the report made no network request (net log)', requests.join(' '));
h.measure('browser time (s)', ((Date.now() - started) / 1000).toFixed(1));
h.finish();
