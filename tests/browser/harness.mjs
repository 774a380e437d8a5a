// The browser-test harness: starts Debian's Chromium through playwright-core (installed by run.sh;
// no browser download), with every host name unresolvable and a Chromium net log, and measures
// what a reader sees: horizontal overflow, where an element lies on the first screen, Korean
// words broken across lines, charts without axis titles. Shared by every page test of jobaward
// (report.test.mjs; later the what-if page of `jobaward serve`).
//
//   import * as harness from './harness.mjs';
//   const browser = await harness.launch('report');      // net log in the artefact directory
//   const page = await browser.open('file:///.../report.html', {width: 420, height: 900});
//   harness.check(await harness.overflow(page) === null, 'no horizontal overflow');
//   await browser.close();
//   harness.check(harness.pageRequests(browser.netLog).length === 0, 'no network request');
//   harness.finish();                                    // exit 1 if any check failed
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const modules = process.env.JOBAWARD_BROWSER_MODULES;
if (!modules) {
  console.error('harness: run the test through tests/browser/run.sh');
  process.exit(2);
}
const { chromium } = createRequire(path.join(modules, 'package.json'))('playwright-core');

export const artefacts = process.env.JOBAWARD_BROWSER_ARTEFACTS ?? os.tmpdir();
export const executable = process.env.JOBAWARD_CHROMIUM ?? '/usr/bin/chromium';

// A4 at 96 px per inch, less the report's 12 mm print margins (html_report.cpp, @page).
export const A4_PRINT_WIDTH = Math.round(((210 - 2 * 12) / 25.4) * 96);  // 703 px
export const A4_PRINT_HEIGHT = Math.round(((297 - 2 * 12) / 25.4) * 96);  // 1032 px

let failures = 0;
let passes = 0;

/// Records one check; prints failures with `detail`.
export function check(ok, what, detail = '') {
  if (ok) {
    ++passes;
    console.log(`ok: ${what}`);
  } else {
    ++failures;
    console.log(`FAILED: ${what}${detail ? `\n  ${detail}` : ''}`);
  }
  return ok;
}

/// Prints a measured figure (kept in the ctest log).
export function measure(name, value) {
  console.log(`measured: ${name} = ${value}`);
}

/// Ends the test: the count line ctest logs, exit 1 when a check failed.
export function finish() {
  console.log(`${passes} passed, ${failures} failed`);
  process.exit(failures === 0 ? 0 : 1);
}

/// Starts Chromium with a fresh profile and a net log `<name>-netlog.json` in the artefacts.
/// The switches stop Chromium's own background services, so the log is about the pages; the
/// host-resolver rule makes any request that slips through fail instead of reaching a network
/// (IP literals included), except to the hosts in `allow` (e.g. ['127.0.0.1'] for a local server).
export async function launch(name, { allow = [] } = {}) {
  const resolverRules = ['MAP * ~NOTFOUND', ...allow.map((host) => `EXCLUDE ${host}`)].join(', ');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jobaward-chromium-'));
  const netLog = path.join(artefacts, `${name}-netlog.json`);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: executable,
    headless: true,
    args: [
      '--no-sandbox',  // CI runs as root, where Chromium's sandbox cannot start.
      '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--no-default-browser-check', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-extensions',
      '--disable-default-apps', `--host-resolver-rules=${resolverRules}`,
      `--log-net-log=${netLog}`,
    ],
  });
  return {
    netLog,
    /// A new page at the given viewport; `requests` collects every URL it asks for after its
    /// own document.
    async open(url, viewport) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      page.requests = [];
      page.on('request', (r) => {
        if (r.url() !== url) page.requests.push(r.url());
      });
      await page.goto(url, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/// URLs the pages asked for, from a Chromium net log (read after close()): URL requests whose
/// initiator is an origin. Chromium's own requests carry the initiator "not an origin"; a
/// request made by a file:// page carries "null".
export function pageRequests(netLog) {
  const log = JSON.parse(fs.readFileSync(netLog, 'utf8'));
  const urlRequest = log.constants.logSourceType.URL_REQUEST;
  const startJob = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  const urls = [];
  for (const e of log.events) {
    if (e.source.type !== urlRequest || e.type !== startJob || !e.params?.url) continue;
    if (e.params.initiator !== 'not an origin') urls.push(e.params.url);
  }
  return urls;
}

/// Horizontal overflow at the page's viewport: null when nothing sticks out, else the page's
/// scroll width and the first elements whose box reaches past the viewport's right edge (or
/// whose own content scrolls sideways).
export async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const sideways = el.scrollWidth > el.clientWidth + 1 &&
                       ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
      if (box.right > width + 0.5 || sideways) {
        const text = (el.textContent || '').trim().slice(0, 40);
        offenders.push(`<${el.tagName.toLowerCase()}> right=${Math.round(box.right)} "${text}"`);
      }
    }
    const scrollWidth = document.documentElement.scrollWidth;
    if (offenders.length === 0 && scrollWidth <= width) return null;
    return { width, scrollWidth, offenders: offenders.slice(0, 5), count: offenders.length };
  });
}

/// Korean words (runs of Hangul, digits and Latin letters containing Hangul; punctuation such
/// as "(" is a legitimate break) that the layout splits across two lines, inside the elements matching `selector`: the first few, with their count.
export async function brokenKoreanWords(page, selector = 'body') {
  return page.evaluate((sel) => {
    const broken = [];
    let words = 0;
    for (const root of document.querySelectorAll(sel)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent || parent.closest('svg, style, title') || parent.getClientRects().length === 0) {
          continue;
        }
        const re = /[0-9A-Za-z\uac00-\ud7a3]*[\uac00-\ud7a3][0-9A-Za-z\uac00-\ud7a3]*/g;
        for (let m = re.exec(node.data); m; m = re.exec(node.data)) {
          ++words;
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) broken.push(m[0]);
        }
      }
    }
    return { words, broken: broken.slice(0, 10), count: broken.length };
  }, selector);
}

/// Charts (svg.chart) without a non-empty Korean title on both axes inside the drawing, without
/// tick labels, or with a text that runs off the drawing's sides: their titles, and the number
/// of charts.
export async function unlabelledCharts(page) {
  return page.evaluate(() => {
    const hangul = /[\uac00-\ud7a3]/;
    const bad = [];
    const charts = [...document.querySelectorAll('svg.chart')];
    for (const svg of charts) {
      const frame = svg.getBoundingClientRect();
      const inside = (el) => {
        if (!el || !hangul.test(el.textContent)) return false;
        const b = el.getBoundingClientRect();
        return b.width > 0 && b.left >= frame.left - 1 && b.right <= frame.right + 1 &&
               b.top >= frame.top - 1 && b.bottom <= frame.bottom + 1;
      };
      const ticks = svg.querySelectorAll('g.axis text:not(.axis-title)').length;
      const clipped = [...svg.querySelectorAll('text')].some((t) => {
        const b = t.getBoundingClientRect();
        return b.width > 0 && (b.left < frame.left - 1 || b.right > frame.right + 1);
      });
      if (!inside(svg.querySelector('.x-title')) || !inside(svg.querySelector('.y-title')) ||
          ticks < 2 || clipped) {
        bad.push(svg.querySelector('title')?.textContent ?? '(untitled)');
      }
    }
    return { charts: charts.length, bad };
  });
}

/// The bottom of an element in page coordinates (px from the top of the page).
export async function bottomOf(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    return el ? el.getBoundingClientRect().bottom + window.scrollY : NaN;
  }, selector);
}

/// The page's full height.
export async function pageHeight(page) {
  return page.evaluate(() => document.documentElement.scrollHeight);
}
