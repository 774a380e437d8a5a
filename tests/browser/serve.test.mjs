// The what-if page of `jobaward serve` in headless Chromium (tests/browser/README.md). ctest:
// browser_serve.
//
// usage (through run.sh): serve.test.mjs JOBAWARD_CLI
// Starts `jobaward serve --port 0` on the bundled 2020 inputs, loads the page, moves one control
// (the number of 최우수상 per cohort in 정보공시, one more), and checks that the page's differences
// are exactly what `jobaward compare default <the page's exported scenario>` says; that the
// exported scenario round-trips; that a click explains a government; that probabilities arrive;
// that the government view's "what it takes" is `jobaward explain CODE --to-next`'s; that no
// request leaves the machine; and that SIGTERM stops the server with exit 0.
// Also: the award table's CSV download is `jobaward award`'s CSV for the exported scenario, byte
// for byte; the page says its reports are synthetic.
// Artefacts: serve-1280.png, serve-420.png, what-if.yaml, awards.csv, awards.xlsx, serve-netlog.json.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as h from './harness.mjs';

const cli = process.argv[2];
const started = Date.now();

// The server, on any free port; its first stdout line is the URL.
const server = spawn(cli, ['serve', '--port', '0', '--threads', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
// Whatever happens to this test (a failed wait throws), no server outlives it.
const servers = [server];
process.on('exit', () => { for (const s of servers) if (s.exitCode === null) s.kill('SIGKILL'); });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
    if (m) resolve(m[0]);
  });
  server.on('exit', () => reject(new Error(`jobaward serve exited: ${serverErr}`)));
  setTimeout(() => reject(new Error('jobaward serve printed no URL within 60 s')), 60000);
});
h.measure('server start (ms)', Date.now() - started);
const origin = url.replace(/\/$/, '');

const browser = await h.launch('serve', { allow: ['127.0.0.1'] });
let page = await browser.open(url, { width: 1280, height: 900 });
// Generous waits: under the sanitizer build (CI) every computation is ~10x slower.
const generation = (n) => page.waitForFunction((g) => Number(document.body.dataset.generation) >= g, n,
                                               { timeout: 90000 });
await generation(1);
h.check(await page.locator('table.awards').count() > 0, 'the award tables are shown');
h.check(await page.locator('#no-change').count() === 1, 'the baseline shows no difference');
const statusText = await page.locator('#status').textContent();
h.check(statusText.startsWith('준비됨'), 'the status says ready', statusText);

// Move one control: one more 최우수상 per cohort in 정보공시 (the three-top scenario's question).
const key = '2020-disclosure.awards.levels.top.count';
const input = page.locator(`input[data-key="${key}"]`);
const model = await (await fetch(`${url}api/model`)).json();
const count = model.categories[0].levels.find((l) => l.id === 'top').count;
h.check(await input.inputValue() === String(count), `the control shows the 2020 count (${count})`);
const t0 = Date.now();
await input.fill(String(count + 1));
await input.dispatchEvent('change');
await generation(2);
h.measure('award recomputation seen by the page (ms, incl. 120 ms debounce)', Date.now() - t0);
const pageChanges = await page.$$eval('#change-table tr[data-code]', (rows) => rows.map((r) => ({
  category: r.dataset.category, code: r.dataset.code, change: r.dataset.change })));
const pageMoved = await page.locator('#awards-moved strong').textContent();
h.check(pageChanges.length > 0, 'the page lists award changes', String(pageChanges.length));
h.check(await page.locator(`.control.set[data-key="${key}"]`).count() === 1, 'the control is marked as changed');
h.check(await page.locator('table.awards tr.gained').count() > 0, 'gains are highlighted in the award tables');

// Export the scenario, then ask `jobaward compare` about the file.
const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-scenario')]);
const exported = path.join(h.artefacts, 'what-if.yaml');
await download.saveAs(exported);
const yaml = fs.readFileSync(exported, 'utf8');
h.check(/^id: what-if$/m.test(yaml) && yaml.includes(`${key}: ${count + 1}`), 'the exported scenario holds the override', yaml);
const compare = JSON.parse(execFileSync(cli, ['compare', 'default', exported, '--format', 'json'], { encoding: 'utf8' }));
const expected = compare.award_changes.map((c) => ({ category: c.category, code: c.code, change: c.change }));
h.check(JSON.stringify(pageChanges) === JSON.stringify(expected),
        'the page shows exactly the award changes `jobaward compare` gives for the exported scenario',
        `page ${JSON.stringify(pageChanges.slice(0, 4))} vs compare ${JSON.stringify(expected.slice(0, 4))}`);
h.check(Number(pageMoved) === compare.awards_moved, 'awards moved: the page and compare agree',
        `${pageMoved} vs ${compare.awards_moved}`);
// Round trip: the exported file, served as the baseline, is the page's scenario with no change left.
const again = spawn(cli, ['serve', '--port', '0', '--threads', '1', '--scenario', exported], { stdio: ['ignore', 'pipe', 'pipe'] });
servers.push(again);
const againUrl = await new Promise((resolve, reject) => {
  let out = '';
  again.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/127\.0\.0\.1:\d+\//); if (m) resolve(m[0]); });
  again.on('exit', () => reject(new Error('jobaward serve --scenario exited')));
});
const againAward = await (await fetch(`${againUrl}api/award`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json();
const pageAward = await page.evaluate(() => ({ count: lastAward.total_count, money: lastAward.total_money }));
h.check(againAward.total_count === pageAward.count && againAward.total_money === pageAward.money &&
        againAward.comparison.award_changes.length === 0,
        'the exported scenario read back as a baseline gives the page\'s awards',
        `${againAward.total_count}/${pageAward.count}`);
again.kill('SIGTERM');

// The award table as a download is `jobaward award`'s own CSV for the same scenario, byte for
// byte (the synthetic-reports column included); the workbook is a workbook.
const [awardsDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-awards')]);
const awardsCsv = path.join(h.artefacts, 'awards.csv');
await awardsDownload.saveAs(awardsCsv);
const cliAwards = execFileSync(cli, ['award', '--scenario', exported, '--format', 'csv', '--excel-bom']);
h.check(Buffer.compare(fs.readFileSync(awardsCsv), cliAwards) === 0,
        'the page\'s award CSV is exactly `jobaward award --scenario <exported> --format csv --excel-bom`',
        fs.readFileSync(awardsCsv, 'utf8').slice(0, 300));
const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-awards-xlsx')]);
const awardsXlsx = path.join(h.artefacts, 'awards.xlsx');
await xlsxDownload.saveAs(awardsXlsx);
h.check(fs.readFileSync(awardsXlsx).subarray(0, 2).toString() === 'PK', 'the award workbook is a zip (xlsx)');
h.check(await page.locator('input[data-key="2020-disclosure.awards.levels.top.count_by_cohort.ga"]').count() === 1,
        'each count level has a quota control per cohort');
h.check((await page.locator('#banner').textContent()).includes('합성') && await page.locator('#banner').isVisible(),
        'the page says its reports are synthetic', await page.locator('#banner').textContent());

// A click explains a government.
const first = page.locator('#change-table tr[data-code]').first();
const code = await first.getAttribute('data-code');
await first.click();
await page.waitForSelector(`#explained[data-code="${code}"]`, { timeout: 60000 });
h.check(await page.locator('#explanation-body table tr').count() > 3, 'the explanation lists the indicators');
// What it takes, on the page, is `jobaward explain CODE --to-next` for the same scenario.
const category = await first.getAttribute('data-category');
const pageSteps = await page.$$eval('#to-next tr[data-lever]', (rows) =>
  rows.map((r) => [r.dataset.lever, ...[...r.cells].map((c) => c.textContent)]));
const cliSteps = JSON.parse(execFileSync(cli, ['explain', code, '--to-next', '--scenario', exported, '--format', 'json'],
                                         { encoding: 'utf8' }))
  .to_next_overview.filter((r) => r.category === category)
  .map((r) => [r.lever, r.lever_ko, r.baseline ?? '', r.pass_above, r.advance, r.better_award]);
h.check(pageSteps.length > 0 && JSON.stringify(pageSteps) === JSON.stringify(cliSteps),
        'what it takes on the page is `jobaward explain CODE --to-next --scenario <exported>`',
        `page ${JSON.stringify(pageSteps.slice(0, 2))} vs cli ${JSON.stringify(cliSteps.slice(0, 2))}`);

// Probabilities: a first estimate, with the paired difference from the baseline.
// (The baseline's estimate may still be on screen: wait for the scenario's, paired.)
const paired = await page.waitForSelector('#probability-tables th:has-text("기준 대비")', { timeout: 120000 })
  .then(() => true, () => false);
h.check(paired && await page.locator('#probability-tables table.probabilities tr[data-code]').count() > 0,
        'the probabilities show the difference from the baseline', await page.locator('#probability-status').textContent());
await page.screenshot({ path: path.join(h.artefacts, 'serve-1280.png') });
const requests = page.requests;
await page.close();

// A phone: the page still lays out (measured, the tables scroll sideways inside their boxes).
page = await browser.open(url, { width: 420, height: 900 });
await page.waitForFunction(() => Number(document.body.dataset.generation) >= 1, null, { timeout: 90000 });
h.measure('scroll width at 420 px (px)', await page.evaluate(() => document.documentElement.scrollWidth));
await page.screenshot({ path: path.join(h.artefacts, 'serve-420.png') });
await page.close();
await browser.close();

// Nothing left the machine: every request of the page, and every request in Chromium's net log
// made by a page, went to the server.
h.check(requests.length > 3 && requests.every((u) => u.startsWith(origin)),
        'the page asks only its own server (page events)', requests.filter((u) => !u.startsWith(origin)).join(' '));
const logged = h.pageRequests(browser.netLog);
h.check(logged.length > 3 && logged.every((u) => u.startsWith(origin)),
        'the page asks only its own server (net log)', logged.filter((u) => !u.startsWith(origin)).join(' '));

// SIGTERM: a clean stop.
server.kill('SIGTERM');
const { code: exitCode } = await exited;
h.check(exitCode === 0 && serverErr.includes('stopped'), 'SIGTERM stops the server cleanly (exit 0)', serverErr);
h.measure('test time (ms)', Date.now() - started);
h.finish();
