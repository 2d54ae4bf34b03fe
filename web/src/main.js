// rasd analyst UI: wires the header filters, the stats strip, the timeline, the
// map, the actor network, the event table and the article view to the API.
import '@fontsource/noto-naskh-arabic/arabic-400.css';
import '@fontsource/noto-naskh-arabic/arabic-700.css';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-700.css';
import './style.css';

import { api } from './api.js';
import {
  t, CAMEO_ROOTS, PLOVER_TYPES, MODALITIES, ATTRIBUTION_KINDS, fmtNumber, rootName, ploverName, modalityName, attributionName,
} from './i18n.js';
import { COUNTRIES, countryName } from './countries.js';
import { parseHash, toHash, filtersKey, PAGE_SIZE } from './state.js';
import { el, clear, code } from './dom.js';
import { createTimeline } from './timeline.js';
import { createMap } from './map.js';
import { createNetwork } from './network.js';
import { createTable } from './table.js';
import { createArticle } from './article.js';
import { createDocuments, DOC_PAGE_SIZE } from './documents.js';

const LANG_KEY = 'rasd.lang';
const $ = (sel) => document.querySelector(sel);

let lang = 'ar';
try {
  lang = localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ar';
} catch {
  /* storage disabled: keep Arabic */
}

let state = parseHash(location.hash);
let loadedFilters = null;
let loadedOffset = null;
let loadedEvent = null;
let loadedDocs = null;
let stats = null;
let tableData = null;
const timelineOpts = { by: 'root', interval: '' };
const aborts = {};

function abortable(name) {
  aborts[name]?.abort();
  aborts[name] = new AbortController();
  return aborts[name].signal;
}

function isAbort(err) {
  return err?.name === 'AbortError';
}

function showError(err) {
  if (isAbort(err)) return;
  console.error(err);
  const toast = $('.toast');
  toast.textContent = `${t(lang, 'error')}: ${err?.message ?? err}`;
  toast.hidden = false;
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => {
    toast.hidden = true;
  }, 6000);
}

// ---- navigation -----------------------------------------------------------

function navigate(next, { replace = false } = {}) {
  const hash = toHash(next);
  const url = `${location.pathname}${location.search}${hash}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  state = next;
  refresh();
}

const ctx = {
  lang: () => lang,
  query: () => state.filters.q,
  currentEvent: () => state.event,
  currentDocument: () => state.article,
  setFilters(patch) {
    const filters = { ...state.filters, ...patch };
    const doffset = filters.q === state.filters.q ? state.doffset : 0;
    navigate({ ...state, filters, offset: 0, doffset, event: '', article: '' });
  },
  setOffset(offset) {
    navigate({ ...state, offset });
  },
  setDocOffset(doffset) {
    navigate({ ...state, doffset });
  },
  openEvent(id) {
    navigate({ ...state, event: id || '', article: id ? state.article : '' });
  },
  openDocument(id) {
    navigate({ ...state, event: '', article: id || '' });
  },
  closeArticle() {
    navigate({ ...state, event: '', article: '' });
  },
};

window.addEventListener('popstate', () => {
  state = parseHash(location.hash);
  refresh();
});
window.addEventListener('hashchange', () => {
  state = parseHash(location.hash);
  refresh();
});

// ---- panels ---------------------------------------------------------------

const timeline = createTimeline($('[data-testid="timeline"]'), ctx);
const map = createMap($('[data-testid="map"]'), ctx);
const network = createNetwork($('[data-testid="network"]'), ctx);
const table = createTable($('[data-testid="events"]'), ctx);
const article = createArticle($('[data-testid="article-view"]'), $('.article-backdrop'), ctx);
const documents = createDocuments($('[data-testid="documents"]'), ctx);

function renderStats() {
  const box = $('[data-testid="stats"]');
  clear(box);
  const item = (key, value, testid) =>
    el('div', { class: 'stat', 'data-testid': testid }, el('div', { class: 'stat-value' }, value), el('div', { class: 'stat-label' }, t(lang, key)));
  if (!stats) {
    box.append(el('div', { class: 'stat muted' }, t(lang, 'loading')));
    return;
  }
  box.append(
    item('s_documents', fmtNumber(stats.documents), 'stat-documents'),
    item('s_events', fmtNumber(stats.events), 'stat-events'),
    item('s_sentences', fmtNumber(stats.sentences), 'stat-sentences'),
    item('s_mentions', fmtNumber(stats.mentions), 'stat-mentions'),
    item('s_matching', tableData ? fmtNumber(tableData.total) : '…', 'stat-matching'),
    item(
      's_range',
      stats.first_date ? [code(stats.first_date), ' — ', code(stats.last_date ?? '')] : '—',
      'stat-range',
    ),
  );
  if (stats.engine) {
    const engine = typeof stats.engine === 'string' ? stats.engine : stats.engine.version ?? JSON.stringify(stats.engine);
    box.append(item('s_engine', code(engine), 'stat-engine'));
  }
}

// ---- filters --------------------------------------------------------------

function fillSelect(select, table, nameFn, withCode) {
  const value = select.value;
  clear(select);
  select.append(el('option', { value: '' }, t(lang, 'any')));
  for (const key of Object.keys(table)) {
    select.append(el('option', { value: key }, withCode ? `${key} · ${nameFn(lang, key)}` : nameFn(lang, key)));
  }
  select.value = value;
}

function fillFilterOptions() {
  fillSelect($('[data-testid="filter-root"]'), CAMEO_ROOTS, rootName, true);
  fillSelect($('[data-testid="filter-plover"]'), PLOVER_TYPES, ploverName, false);
  fillSelect($('[data-testid="filter-modality"]'), MODALITIES, modalityName, false);
  fillSelect($('[data-testid="filter-attribution"]'), ATTRIBUTION_KINDS, attributionName, false);
  const cl = $('#country-codes');
  clear(cl);
  for (const c of Object.keys(COUNTRIES)) cl.append(el('option', { value: c }, countryName(lang, c)));
  const by = $('[data-testid="timeline-by"]');
  const byValue = timelineOpts.by;
  clear(by);
  by.append(
    el('option', { value: 'root' }, t(lang, 'by_root')),
    el('option', { value: 'quad' }, t(lang, 'by_quad')),
    el('option', { value: 'plover' }, t(lang, 'by_plover')),
  );
  by.value = byValue;
  const iv = $('[data-testid="timeline-interval"]');
  const ivValue = iv.value;
  clear(iv);
  iv.append(el('option', { value: 'day' }, t(lang, 'day')), el('option', { value: 'week' }, t(lang, 'week')));
  iv.value = ivValue || timelineOpts.interval || 'day';
}

function syncFilterInputs() {
  $('[data-testid="search-input"]').value = state.filters.q;
  for (const name of ['actor', 'country', 'root', 'plover', 'modality', 'attribution', 'from', 'to']) {
    const input = document.querySelector(`.filters [name="${name}"]`);
    if (input && input !== document.activeElement) input.value = state.filters[name] ?? '';
  }
  renderChips();
}

// Filters with no input of their own (set from the map, network, timeline).
const CHIP_KEYS = ['source', 'target', 'cameo', 'bbox', 'doc'];
const CHIP_LABELS = { source: 'f_source', target: 'f_target', cameo: 'c_cameo', bbox: 'f_bbox', doc: 'f_doc' };

function renderChips() {
  const box = $('[data-testid="filter-chips"]');
  clear(box);
  for (const k of CHIP_KEYS) {
    if (!state.filters[k]) continue;
    box.append(
      el(
        'span',
        { class: 'chip', 'data-testid': `chip-${k}` },
        `${t(lang, CHIP_LABELS[k])}: `,
        code(state.filters[k]),
        el('button', { type: 'button', 'aria-label': t(lang, 'close'), onclick: () => ctx.setFilters({ [k]: '' }) }, '×'),
      ),
    );
  }
  box.hidden = !box.firstChild;
}

$('[data-testid="search-form"]').addEventListener('submit', (ev) => {
  ev.preventDefault();
  ctx.setFilters({ q: $('[data-testid="search-input"]').value.trim() });
});

for (const input of document.querySelectorAll('.filters input, .filters select')) {
  input.addEventListener('change', () => {
    let v = input.value.trim();
    if (input.name === 'actor' || input.name === 'country') v = v.toUpperCase();
    ctx.setFilters({ [input.name]: v });
  });
}

$('[data-testid="filter-reset"]').addEventListener('click', () => {
  const filters = {};
  for (const k of Object.keys(state.filters)) filters[k] = '';
  navigate({ ...state, filters, offset: 0 });
});

$('[data-testid="timeline-by"]').addEventListener('change', (ev) => {
  timelineOpts.by = ev.target.value;
  loadTimeline();
});
$('[data-testid="timeline-interval"]').addEventListener('change', (ev) => {
  timelineOpts.interval = ev.target.value;
  loadTimeline();
});

// ---- language -------------------------------------------------------------

function applyLanguage() {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = t(lang, 'app_title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(lang, node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) node.placeholder = t(lang, node.dataset.i18nPlaceholder);
  $('[data-testid="lang-toggle"]').setAttribute('lang', lang === 'ar' ? 'en' : 'ar');
  fillFilterOptions();
  syncFilterInputs();
  renderStats();
  timeline.render();
  map.render();
  network.render();
  table.render();
  documents.render();
  article.render();
}

$('[data-testid="lang-toggle"]').addEventListener('click', () => {
  lang = lang === 'ar' ? 'en' : 'ar';
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* ignore */
  }
  applyLanguage();
});

// ---- data loading ---------------------------------------------------------

async function loadStats() {
  try {
    stats = await api.stats(abortable('stats'));
    if (!timelineOpts.interval && stats.first_date && stats.last_date) {
      const days = (Date.parse(stats.last_date) - Date.parse(stats.first_date)) / 86400000;
      timelineOpts.interval = days > 120 ? 'week' : 'day';
      $('[data-testid="timeline-interval"]').value = timelineOpts.interval;
    }
    renderStats();
  } catch (err) {
    showError(err);
  }
}

async function loadActors() {
  try {
    const { actors } = await api.actors(500, abortable('actors'));
    const dl = $('#actor-codes');
    clear(dl);
    for (const a of actors ?? []) dl.append(el('option', { value: a.code }, `${a.code} (${a.count})`));
  } catch (err) {
    showError(err);
  }
}

async function loadTimeline() {
  const signal = abortable('timeline');
  try {
    const interval = timelineOpts.interval || 'day';
    const data = await api.timeline(state.filters, { interval, by: timelineOpts.by }, signal);
    timeline.update({ ...data, by: timelineOpts.by, interval });
  } catch (err) {
    showError(err);
  }
}

async function loadMap() {
  const signal = abortable('map');
  try {
    const data = await api.events(state.filters, { offset: 0, limit: 1000 }, signal);
    map.update(data.events);
  } catch (err) {
    showError(err);
  }
}

async function loadNetwork() {
  const signal = abortable('network');
  try {
    network.update(await api.network(state.filters, { min: 1, limit: 150 }, signal));
  } catch (err) {
    showError(err);
  }
}

async function loadTable() {
  const signal = abortable('table');
  try {
    tableData = await api.events(state.filters, { offset: state.offset, limit: PAGE_SIZE }, signal);
    table.update(tableData);
    renderStats();
  } catch (err) {
    showError(err);
  }
  $('[data-testid="export-csv"]').href = api.exportUrl(state.filters, 'csv');
  $('[data-testid="export-jsonl"]').href = api.exportUrl(state.filters, 'jsonl');
}

async function loadDocuments() {
  const signal = abortable('documents');
  try {
    documents.update(await api.documents({ q: state.filters.q, offset: state.doffset, limit: DOC_PAGE_SIZE }, signal));
  } catch (err) {
    showError(err);
  }
}

async function loadArticle() {
  const id = state.event;
  const docId = state.article;
  if (!id && !docId) {
    article.hide();
    return;
  }
  const cur = article.current();
  if (id) {
    const inDoc = cur?.document?.events?.find((x) => x.event_id === id);
    if (inDoc) {
      article.show({ event: inDoc, document: cur.document });
      return;
    }
  } else if (cur?.document?.id === docId) {
    article.show({ event: null, document: cur.document });
    return;
  }
  article.loading();
  try {
    if (id) {
      const data = await api.event(id, abortable('article'));
      if (state.event === id) article.show(data);
    } else {
      const doc = await api.document(docId, abortable('article'));
      if (state.article === docId && !state.event) article.show({ event: null, document: doc });
    }
  } catch (err) {
    if (!isAbort(err)) article.fail(err.message);
  }
}

function refresh() {
  syncFilterInputs();
  const fk = filtersKey(state.filters);
  if (fk !== loadedFilters) {
    loadedFilters = fk;
    loadedOffset = state.offset;
    loadTimeline();
    loadMap();
    loadNetwork();
    loadTable();
  } else if (state.offset !== loadedOffset) {
    loadedOffset = state.offset;
    loadTable();
  } else if (tableData) {
    table.render(); // selected row
  }
  const dk = `${state.filters.q}|${state.doffset}`;
  if (dk !== loadedDocs) {
    loadedDocs = dk;
    loadDocuments();
  } else documents.render();
  const ak = `${state.event}|${state.article}`;
  if (ak !== loadedEvent) {
    loadedEvent = ak;
    loadArticle();
  }
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    timeline.render();
    map.render();
  }, 150);
});

applyLanguage();
loadStats();
loadActors();
refresh();
document.body.dataset.ready = '1';
