// The what-if page of `jobaward serve`: a front end to the server's JSON API
// (engine/docs/serve.md). Every number it shows comes from the server, which computes it with the
// library (overrides, awards, differences, probabilities); the page keeps the overrides the user
// made, sends them with every request, and lays out the answers.
'use strict';

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

class ApiError extends Error {
  constructor(error, status) {
    super(error.message);
    this.status = status;
    this.details = error.details || [];
  }
}

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

async function post(path, body, signal) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  });
  return response;
}

async function api(path, body, signal) {
  const response = body === undefined ? await fetch(path) : await post(path, body, signal);
  const json = await response.json();
  if (!response.ok) throw new ApiError(json.error || { message: response.statusText }, response.status);
  return json;
}

// The server answers 429 when its computations are all busy (Retry-After: 1): ask again, while
// the answer is still wanted (`current()`), up to `tries` times.
async function apiRetrying(path, body, signal, current, tries = 60) {
  for (let attempt = 1; ; ++attempt) {
    try {
      return await api(path, body, signal);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 429 || attempt >= tries || !current()) throw error;
      await sleep(1000);
    }
  }
}

const integer = new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 0 });
const fixed = (v, digits = 2) => (v === null || v === undefined ? '-' : Number(v).toFixed(digits));
const won = (v) => `${integer.format(v)}원`;
const percent = (p, digits = 1) => (p === null || p === undefined ? '-' : `${(100 * p).toFixed(digits)}%`);
const signedPercent = (d) => `${d > 0 ? '+' : ''}${(100 * d).toFixed(1)}%p`;

let model = null;       // GET /api/model: the baseline.
let rules = null;       // The current rules (after the points rule), from the last award answer.
let overrides = {};     // KEY -> value, the user's changes (scenario keys, rubrics/README.md).
let lastAward = null;   // The last award answer (the browser test reads its totals).
let generation = 0;     // Bumped on every change; stale answers are dropped.
let selected = null;    // The explained government: {category, code}.

function setStatus(text, error = false) {
  $('#status').textContent = text;
  $('#status').classList.toggle('error', error);
}

// ---- controls --------------------------------------------------------------------------------

// One number input for a scenario key. `value` is the current value (null: none); `onSet` turns
// the typed value into overrides (the points rule needs companions).
function control(key, label, value, { step = 'any', min = 0, allowNone = false, none = '없음', onSet } = {}) {
  const input = el('input', { type: 'number', step, min, 'data-key': key, id: `control-${key}`,
                              value: value === null ? '' : value, placeholder: allowNone ? none : '' });
  const wrap = el('div', { class: 'control', 'data-key': key },
    el('label', { for: `control-${key}` }, label), input);
  input.addEventListener('change', () => {
    const text = input.value.trim();
    if (text === '' && !allowNone) return;
    const v = text === '' ? null : Number(text);
    (onSet || ((x) => { overrides[key] = x; }))(v);
    changed();
  });
  return wrap;
}

function categoryControls(c) {
  const rid = c.rubric;
  const total = (category) => category.total_points;
  const keepTotal = () => {
    if (!(`${rid}.total_points` in overrides)) overrides[`${rid}.total_points`] = total(c);
  };
  const box = el('div', { class: 'category-controls', 'data-category': c.category, role: 'tabpanel' });
  const domains = el('fieldset', {}, el('legend', {}, `영역 배점 (총 ${fixed(c.total_points, 0)}점)`));
  for (const d of c.domains) {
    domains.append(control(`${rid}.domains.${d.id}.points`, d.name_ko, d.points, {
      onSet: (v) => { overrides[`${rid}.domains.${d.id}.points`] = v; keepTotal(); },
    }));
  }
  box.append(domains);
  for (const d of c.domains) {
    const set = el('fieldset', {}, el('legend', {}, `지표 배점 — ${d.name_ko}`));
    for (const i of c.indicators.filter((x) => x.domain === d.id)) {
      set.append(control(`${rid}.indicators.${i.id}.points`, i.name_ko, i.points, {
        onSet: (v) => {
          overrides[`${rid}.indicators.${i.id}.points`] = v;
          // The domain keeps its points: the other indicators of the domain make room.
          const domainKey = `${rid}.domains.${d.id}.points`;
          if (!(domainKey in overrides)) overrides[domainKey] = currentDomain(rid, d.id);
          keepTotal();
        },
      }));
    }
    box.append(set);
  }
  const stages = el('fieldset', {}, el('legend', {}, '단계 가중치와 2단계 진출'));
  stages.append(control(`${rid}.stages.stage1_weight`, '1단계 (서면) 가중치', c.stages.stage1_weight));
  stages.append(control(`${rid}.stages.stage2_weight`, '2단계 (면접) 가중치', c.stages.stage2_weight));
  stages.append(control(`${rid}.stages.advance.top_n`, '평가군별 진출 수 (없음: 비율만)', c.stages.advance.top_n,
    { step: 1, min: 1, allowNone: true }));
  stages.append(control(`${rid}.stages.advance.top_share`, '진출 비율 (0~1, 없음: 수만)', c.stages.advance.top_share,
    { min: 0.01, allowNone: true }));
  box.append(stages);
  const quotas = el('fieldset', {}, el('legend', {}, '평가군별 상 개수'));
  for (const l of c.levels) {
    if (l.count !== null) {
      quotas.append(control(`${rid}.awards.levels.${l.id}.count`, l.name_ko, l.count, { step: 1 }));
      quotas.append(cohortQuotas(rid, l));
    } else if (l.share !== null) {
      quotas.append(control(`${rid}.awards.levels.${l.id}.share`, `${l.name_ko} 비율`, l.share, { min: 0.01 }));
    }
  }
  for (const p of c.national_prizes) {
    quotas.append(control(`${rid}.awards.national.${p.id}.count`, `${p.name_ko} (전국)`, p.count, { step: 1, min: 1 }));
  }
  box.append(quotas);
  return box;
}

// A count level's quota per cohort (count_by_cohort); empty: the level's count.
function cohortQuotas(rid, level) {
  const box = el('details', { class: 'by-cohort', 'data-level': `${rid}.${level.id}` },
    el('summary', {}, `${level.name_ko} — 평가군별로 다르게`));
  for (const k of model.cohorts) {
    box.append(control(`${rid}.awards.levels.${level.id}.count_by_cohort.${k.id}`, k.label,
      level.count_by_cohort[k.id] ?? null, { step: 1, allowNone: true, none: '공통' }));
  }
  return box;
}

function currentDomain(rid, domain) {
  const c = rules.categories.find((x) => x.rubric === rid);
  return c.domains.find((d) => d.id === domain).points;
}

function renderControls() {
  const tabs = $('#category-tabs');
  const panels = $('#category-controls');
  tabs.replaceChildren();
  panels.replaceChildren();
  model.categories.forEach((c, k) => {
    const panel = categoryControls(c);
    panel.hidden = k !== 0;
    panels.append(panel);
    tabs.append(el('button', { type: 'button', role: 'tab', 'aria-selected': k === 0 ? 'true' : 'false',
      'data-category': c.category,
      onclick: (event) => {
        for (const b of tabs.children) b.setAttribute('aria-selected', b === event.currentTarget ? 'true' : 'false');
        for (const p of panels.children) p.hidden = p.dataset.category !== c.category;
      } }, c.name_ko));
  });
  const cohorts = $('#cohort-controls');
  cohorts.replaceChildren(el('legend', {}, '평가군 기준 (매개변수)'));
  for (const p of model.cohort_parameters) {
    cohorts.append(control(`cohorts.${p.name}`, p.description || p.name, p.value));
  }
}

// The inputs show the current rules (the points rule may have rescaled what the user did not
// touch); the one being typed in is left alone.
function showRules() {
  const values = new Map();
  for (const c of rules.categories) {
    const rid = c.rubric;
    for (const d of c.domains) values.set(`${rid}.domains.${d.id}.points`, d.points);
    for (const i of c.indicators) values.set(`${rid}.indicators.${i.id}.points`, i.points);
    values.set(`${rid}.stages.stage1_weight`, c.stages.stage1_weight);
    values.set(`${rid}.stages.stage2_weight`, c.stages.stage2_weight);
    values.set(`${rid}.stages.advance.top_n`, c.stages.advance.top_n);
    values.set(`${rid}.stages.advance.top_share`, c.stages.advance.top_share);
    for (const l of c.levels) {
      values.set(`${rid}.awards.levels.${l.id}.count`, l.count);
      values.set(`${rid}.awards.levels.${l.id}.share`, l.share);
      for (const k of model.cohorts) {
        values.set(`${rid}.awards.levels.${l.id}.count_by_cohort.${k.id}`, l.count_by_cohort[k.id] ?? null);
      }
    }
    for (const p of c.national_prizes) values.set(`${rid}.awards.national.${p.id}.count`, p.count);
  }
  for (const p of rules.cohort_parameters) values.set(`cohorts.${p.name}`, p.value);
  for (const input of document.querySelectorAll('input[data-key]')) {
    const key = input.dataset.key;
    input.closest('.control').classList.toggle('set', key in overrides);
    input.closest('.control').classList.remove('invalid');
    if (document.activeElement === input || !values.has(key)) continue;
    const v = values.get(key);
    input.value = v === null ? '' : Number(Number(v).toFixed(4));
  }
  const list = $('#override-list');
  const keys = Object.keys(overrides);
  list.replaceChildren(keys.length === 0 ? el('p', { class: 'hint' }, '바꾼 값 없음 (기준과 같음)')
    : el('ul', { id: 'overrides' }, keys.map((k) => el('li', {}, `${k}: ${overrides[k] === null ? 'none' : overrides[k]}`))));
}

// ---- awards and differences ------------------------------------------------------------------

function changesByCategory(award) {
  const map = new Map();
  for (const c of award.comparison.award_changes) {
    if (!map.has(c.category)) map.set(c.category, new Map());
    map.get(c.category).set(c.code, c);
  }
  return map;
}

function renderAwards(award) {
  const root = $('#award-tables');
  root.replaceChildren();
  const changes = changesByCategory(award);
  for (const category of award.categories) {
    const moved = changes.get(category.category) || new Map();
    root.append(el('h3', {}, `${category.name_ko} — ${category.total_count}개 상, ${won(category.total_money)}`));
    const blocks = el('div', { class: 'cohorts' });
    const block = (title, entries, cohortLabel) => {
      const table = el('table', { class: 'awards', 'data-category': category.category, 'data-cohort': cohortLabel },
        el('caption', {}, title),
        el('tr', {}, el('th', {}, '상'), el('th', {}, '지자체'), el('th', { class: 'num' }, '순위'),
           el('th', { class: 'num' }, '최종점수')));
      for (const e of entries) {
        const change = moved.get(e.code);
        const kind = change ? (change.change === 'gain' ? 'gained' : 'changed') : '';
        table.append(el('tr', { class: `clickable ${kind}`, 'data-code': e.code, 'data-award': e.award,
                                'data-change': change ? change.change : null,
                                onclick: () => explain(category.category, e.code) },
          el('td', {}, e.award_name_ko, change && change.change === 'switch' ? ` (기준: ${change.award_ko_before})` : ''),
          el('td', { class: 'name' }, `${e.name_ko} (${e.code})`),
          el('td', { class: 'num' }, e.rank), el('td', { class: 'num' }, fixed(e.final_score, 3))));
      }
      // Who lost an award here: shown struck through, under the winners.
      for (const change of moved.values()) {
        if (change.change !== 'loss' || (cohortLabel !== null && change.cohort !== cohortLabel)) continue;
        if (cohortLabel === null) continue;
        table.append(el('tr', { class: 'clickable lost', 'data-code': change.code, 'data-change': 'loss',
                                onclick: () => explain(category.category, change.code) },
          el('td', {}, `탈락: ${change.award_ko_before}`), el('td', { class: 'name' }, `${change.name_ko} (${change.code})`),
          el('td', { class: 'num' }, ''), el('td', { class: 'num' }, '')));
      }
      return table;
    };
    if (category.national.length > 0) blocks.append(block('전국 (종합·부문대상)', category.national, null));
    for (const cohort of category.cohorts) blocks.append(block(`평가군 ${cohort.label}`, cohort.awards, cohort.label));
    root.append(blocks);
  }
}

function renderChanges(award) {
  const cmp = award.comparison;
  const all = cmp.totals.find((t) => t.category === 'all') || cmp.totals[cmp.totals.length - 1];
  $('#totals').replaceChildren(
    el('li', { id: 'awards-moved' }, '바뀐 상 ', el('strong', {}, integer.format(cmp.awards_moved))),
    el('li', {}, '영향 받은 자치단체 ', el('strong', {}, integer.format(cmp.governments_affected))),
    el('li', {}, '옮겨간 상금 ', el('strong', {}, won(cmp.prize_money_moved_krw))),
    el('li', {}, '상 수 ', el('strong', {}, `${all ? all.awards_before : '-'} → ${all ? all.awards_after : '-'}`)));
  const list = $('#change-list');
  if (cmp.award_changes.length === 0) {
    list.replaceChildren(el('p', { class: 'hint', id: 'no-change' }, '기준과 같은 수상 결과입니다.'));
    return;
  }
  const names = new Map(model.categories.map((c) => [c.category, c.name_ko]));
  const table = el('table', { id: 'change-table' },
    el('tr', {}, ['부문', '평가군', '지자체', '변화', '기준', '대안', '상금 변화'].map((h) => el('th', {}, h))));
  for (const c of cmp.award_changes) {
    const kind = c.change === 'gain' ? 'gained' : c.change === 'loss' ? 'lost' : 'changed';
    table.append(el('tr', { class: `clickable ${kind}`, 'data-category': c.category, 'data-code': c.code,
                            'data-change': c.change, onclick: () => explain(c.category, c.code) },
      el('td', {}, names.get(c.category) || c.category), el('td', {}, c.cohort), el('td', { class: 'name' }, `${c.name_ko} (${c.code})`),
      el('td', {}, c.change_ko), el('td', {}, c.award_ko_before || '-'), el('td', {}, c.award_ko_after || '-'),
      el('td', { class: 'num' }, won(c.prize_change_krw))));
  }
  list.replaceChildren(table);
}

// ---- one government --------------------------------------------------------------------------

async function explain(category, code) {
  selected = { category, code };
  let g;
  try {
    g = await api('/api/explain', { category, code, overrides });
  } catch (error) { setStatus(`오류: ${error.message}`, true); return; }
  const award = [g.award_name_ko, g.special_name_ko].filter(Boolean).join(' + ') || '수상 없음';
  const body = $('#explanation-body');
  body.replaceChildren(
    el('h3', { id: 'explained', 'data-code': g.code }, `${g.name_ko} (${g.code}) — 평가군 ${g.cohort}`),
    el('p', {}, `${g.rank}위 / ${g.cohort_size}곳, 최종점수 ${fixed(g.final_score, 4)} (1단계 ${fixed(g.stage1, 3)} × ${g.stage1_weight} + 2단계 ${fixed(g.stage2, 3)} × ${g.stage2_weight}); ${g.advanced ? '2단계 진출' : '2단계 미진출'}; ${award}`));
  const table = el('table', {}, el('tr', {}, ['지표', '단계', '입력', '원값', '점수', '배점', '바로 위와 차이'].map((h) => el('th', {}, h))));
  for (const s of g.indicators) {
    const gap = g.above ? g.above.points_difference[s.id] : null;
    table.append(el('tr', {}, el('td', {}, s.name_ko), el('td', { class: 'num' }, s.stage), el('td', {}, s.inputs.join(' ')),
      el('td', { class: 'num' }, s.raw === null ? '(없음)' : fixed(s.raw, 4)), el('td', { class: 'num' }, fixed(s.points, 3)),
      el('td', { class: 'num' }, fixed(s.max_points, 1)),
      el('td', { class: `num ${gap > 0 ? 'down' : gap < 0 ? 'up' : ''}` }, gap === null || gap === undefined ? '' : fixed(gap, 3))));
  }
  body.append(el('div', { class: 'table-wrap' }, table));
  const why = (s) => (s.kind === 'advanced' ? '위 지자체만 2단계에 진출'
    : s.kind === 'key' ? `${s.key === 'final' ? '최종점수' : s.key} ${fixed(s.higher, 4)} 대 ${fixed(s.lower, 4)}` : '동점');
  if (g.above) {
    body.append(el('p', { id: 'separation' }, `바로 위: ${g.above.name_ko} (${g.above.code}), ${g.above.rank}위 — 가르는 기준: ${why(g.above.separation)}`));
  }
  if (g.below) {
    body.append(el('p', {}, `바로 아래: ${g.below.name_ko} (${g.below.code}), ${g.below.rank}위 — 가르는 기준: ${why(g.below.separation)}`));
  }
  // What it takes: the library's answers as `jobaward explain CODE --to-next` prints them.
  const steps = el('table', { id: 'to-next' },
    el('tr', {}, ['입력', '현재값', '윗순위 추월', '2차 진출', '다음 상'].map((h) => el('th', {}, h))));
  for (const r of g.to_next_overview) {
    steps.append(el('tr', { 'data-lever': r.lever }, [r.lever_ko, r.baseline ?? '', r.pass_above, r.advance, r.better_award]
      .map((text) => el('td', {}, text))));
  }
  body.append(el('h4', {}, '무엇이 필요한가 — 입력 하나씩, 나머지는 그대로 (두 입력을 함께 바꾸는 경우는 다루지 않음)'),
    el('div', { class: 'table-wrap' }, steps));
  $('#explanation').hidden = false;
}

// ---- probabilities ---------------------------------------------------------------------------

function renderProbabilities(result) {
  const root = $('#probability-tables');
  root.replaceChildren();
  const names = new Map(model.categories.map((c) => [c.category, c.name_ko]));
  for (const c of result.categories) {
    const head = ['평가군', '지자체', '기준 상', '수상 확률 ± 표준오차'];
    if (result.paired) head.push('기준 대비 (± 쌍체 표준오차)');
    const table = el('table', { class: 'probabilities', 'data-category': c.category },
      el('tr', {}, head.map((h) => el('th', {}, h))));
    const shown = c.governments.filter((x) => x.any_award.p > 0 || (x.baseline_any_award && x.baseline_any_award.p > 0));
    shown.sort((a, b) => (a.cohort < b.cohort ? -1 : a.cohort > b.cohort ? 1 : b.any_award.p - a.any_award.p));
    for (const g of shown) {
      const row = el('tr', { 'data-code': g.code }, el('td', {}, g.cohort), el('td', {}, `${g.name_ko} (${g.code})`),
        el('td', {}, g.baseline_award || '-'),
        el('td', { class: 'num' }, `${percent(g.any_award.p)} ± ${percent(g.any_award.se, 2)}`));
      if (result.paired) {
        const d = g.difference.d;
        row.append(el('td', { class: `num ${d > 0 ? 'up' : d < 0 ? 'down' : ''}` },
          `${signedPercent(d)} ± ${percent(g.difference.paired_se, 2)}`));
      }
      table.append(row);
    }
    root.append(el('h3', {}, names.get(c.category) || c.category), el('div', { class: 'table-wrap' }, table));
  }
}

// A first estimate at once, then four times the draws each round until the cap, the time limit
// or a new change.
let simulation = null;  // The AbortController of the simulation in flight.

async function refineProbabilities(mine) {
  for (let draws = model.limits.default_draws; draws <= model.limits.max_draws; draws *= 4) {
    let result;
    simulation = new AbortController();
    try {
      result = await apiRetrying('/api/simulate', { draws, seed: 2020, overrides }, simulation.signal,
                                 () => mine === generation);
    } catch (error) {
      if (mine === generation && error.name !== 'AbortError') {
        $('#probability-status').textContent = `확률 계산 오류: ${error.message}`;
      }
      return;
    }
    if (mine !== generation) return;
    renderProbabilities(result);
    $('#probability-status').textContent =
      `${integer.format(result.draws)}회 추첨 (시드 ${result.seed}), 최대 표준오차 ${fixed(result.max_se, 4)}` +
      (draws * 4 <= model.limits.max_draws && !result.interrupted ? ' — 더 정밀하게 계산하는 중…' : '');
    if (result.interrupted) return;
  }
}

// ---- recomputation ---------------------------------------------------------------------------

async function recompute() {
  const mine = ++generation;
  if (simulation) simulation.abort();  // The page stops waiting for the old rules' estimate.
  setStatus('계산 중…');
  let award;
  try {
    award = await apiRetrying('/api/award', { overrides }, undefined, () => mine === generation);
  } catch (error) {
    if (mine !== generation) return;
    setStatus(`오류: ${error.message}`, true);
    $('#override-error')?.remove();
    $('#override-list').append(el('p', { class: 'error', id: 'override-error' }, [error.message, ...error.details].join('\n')));
    return;
  }
  if (mine !== generation) return;
  lastAward = award;
  rules = award.rules;
  showRules();
  renderChanges(award);
  renderAwards(award);
  setStatus(`준비됨 — 서버 계산 ${fixed(award.server_ms, 1)} ms`);
  document.body.dataset.generation = String(mine);
  if (selected) explain(selected.category, selected.code);
  refineProbabilities(mine);
}

let timer = null;
function changed() {
  clearTimeout(timer);
  timer = setTimeout(recompute, 120);
}

// ---- exports ---------------------------------------------------------------------------------

function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

async function exportFile(path, body, name) {
  const response = await post(path, body);
  if (!response.ok) {
    const json = await response.json();
    setStatus(`오류: ${json.error.message}`, true);
    return;
  }
  download(name, await response.blob());
}

function wireActions() {
  $('#reset').addEventListener('click', () => { overrides = {}; changed(); });
  $('#export-scenario').addEventListener('click', () => {
    const id = $('#scenario-id').value.trim() || 'what-if';
    exportFile('/api/scenario', { id, overrides }, `${id}.yaml`);
  });
  // Every export is the library's own table (jobaward compare's or jobaward award's), never one
  // rebuilt here.
  const exporter = (what, format, name) => () => exportFile('/api/export', { what, format, overrides }, name);
  $('#export-csv').addEventListener('click', exporter('comparison', 'csv', 'award_changes.csv'));
  $('#export-xlsx').addEventListener('click', exporter('comparison', 'xlsx', 'what-if.xlsx'));
  $('#export-awards').addEventListener('click', exporter('awards', 'csv', 'awards.csv'));
  $('#export-awards-xlsx').addEventListener('click', exporter('awards', 'xlsx', 'awards.xlsx'));
}

async function start() {
  try {
    model = await api('/api/model');
    rules = { categories: model.categories, cohort_parameters: model.cohort_parameters };
    $('#baseline-name').textContent = model.scenario.id === 'default' ? '2020년 규칙 그대로'
      : `${model.scenario.name_ko || model.scenario.id} (${model.scenario.id})`;
    if (model.reports.synthetic > 0) {
      $('#banner').textContent = `주의: 보고서 ${model.reports.count}건 중 ${model.reports.synthetic}건은 합성(가상) 자료입니다.`;
      $('#banner').hidden = false;
    }
    renderControls();
    wireActions();
    await recompute();
  } catch (error) {
    setStatus(`오류: ${error.message}`, true);
  }
}

start();
