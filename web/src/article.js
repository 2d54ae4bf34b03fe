// Article view: the document text (RTL) with actors, places, dates, triggers
// and entities highlighted, the selected event's trigger/source/target
// emphasised, and a side panel with the event's codes and the document's other
// events. Data: GET /api/events/{id} -> {event, document}.
import { highlight, documentSpans } from './highlight.js';
import {
  t, fmtNumber, rootName, quadName, ploverName, modalityName, attributionName, mentionKindName, precisionName, MENTION_KINDS,
} from './i18n.js';
import { countryName } from './countries.js';
import { goldsteinColor } from './colors.js';
import { el, clear, arText, code, safeHref } from './dom.js';

function renderSegments(segs) {
  const frag = document.createDocumentFragment();
  for (const s of segs) {
    if (s.type === 'text') {
      frag.append(document.createTextNode(s.text));
      continue;
    }
    const mark = document.createElement('mark');
    if (s.classes.length) mark.className = s.classes.join(' ');
    for (const [k, v] of Object.entries(s.attrs ?? {})) if (v != null) mark.setAttribute(k, v);
    mark.dataset.start = String(s.start);
    mark.dataset.end = String(s.end);
    mark.append(renderSegments(s.content));
    frag.append(mark);
  }
  return frag;
}

function field(lang, key, value) {
  return [el('dt', {}, t(lang, key)), el('dd', {}, value ?? el('span', { class: 'muted' }, '—'))];
}

function actorValue(a) {
  if (!a) return null;
  return [arText(a.text), a.code ? [' ', code(a.code)] : null];
}

export function eventFields(lang, e) {
  const root = e.cameo_root ?? String(e.cameo ?? '').slice(0, 2);
  const loc = e.location;
  return [
    ...field(lang, 'k_trigger', arText(e.trigger?.text, 'span', { 'data-testid': 'panel-trigger' })),
    ...field(lang, 'k_source', actorValue(e.source)),
    ...field(lang, 'k_target', actorValue(e.target)),
    ...field(lang, 'k_cameo', code(e.cameo, { 'data-testid': 'panel-cameo' })),
    ...field(lang, 'k_root', [code(root), ' ', rootName(lang, root)]),
    ...field(
      lang,
      'k_goldstein',
      e.goldstein == null ? null : [el('span', { class: 'swatch', style: `background:${goldsteinColor(e.goldstein)}` }), code(fmtNumber(e.goldstein, 1), { 'data-testid': 'panel-goldstein' })],
    ),
    ...field(lang, 'k_quad', e.quad_class == null ? null : `${e.quad_class} · ${quadName(lang, e.quad_class)}`),
    ...field(
      lang,
      'k_plover',
      e.plover?.event ? [code(e.plover.event), ' ', ploverName(lang, e.plover.event), e.plover.mode ? [' / ', code(e.plover.mode)] : null] : null,
    ),
    ...field(lang, 'k_modality', el('span', { class: `badge modality-${e.modality}` }, modalityName(lang, e.modality))),
    ...field(
      lang,
      'k_attribution',
      [attributionName(lang, e.attribution?.kind ?? 'none'), e.attribution?.text ? [': ', arText(e.attribution.text)] : null],
    ),
    ...field(lang, 'k_date', e.date ? [code(e.date), e.date_precision ? el('span', { class: 'muted' }, ` (${precisionName(lang, e.date_precision)})`) : null] : null),
    ...field(
      lang,
      'k_location',
      loc
        ? [
            arText(loc.text),
            loc.name_en ? [' · ', el('span', { dir: 'ltr' }, loc.name_en)] : null,
            loc.country ? [' · ', code(loc.country), ' ', countryName(lang, loc.country)] : null,
            typeof loc.lat === 'number' ? el('div', { class: 'muted small' }, code(`${fmtNumber(loc.lat, 3)}, ${fmtNumber(loc.lon, 3)}`)) : null,
          ]
        : null,
    ),
    ...field(lang, 'k_confidence', e.confidence == null ? null : fmtNumber(e.confidence, 2)),
    ...field(lang, 'k_rule', e.rule ? el('code', { dir: 'ltr', class: 'rule' }, e.rule) : null),
  ];
}

export function createArticle(aside, backdrop, ctx) {
  let payload = null; // {event, document}
  let error = null;

  function close() {
    ctx.closeArticle();
  }
  backdrop.addEventListener('click', close);
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !aside.hidden) close();
  });

  function selectInDocument(eventId) {
    const e = payload?.document?.events?.find((x) => x.event_id === eventId);
    if (e) payload = { ...payload, event: e };
    ctx.openEvent(eventId);
  }

  function render() {
    clear(aside);
    const lang = ctx.lang();
    if (error) {
      aside.append(
        el('div', { class: 'article-head' }, el('h2', {}, t(lang, 'error')), closeButton(lang)),
        el('div', { class: 'empty' }, error),
      );
      return;
    }
    if (!payload) {
      aside.append(el('div', { class: 'article-head' }, el('h2', {}, t(lang, 'loading')), closeButton(lang)));
      return;
    }
    const { event: ev, document: doc } = payload;
    const head = el(
      'div',
      { class: 'article-head' },
      el(
        'div',
        { class: 'titles' },
        arText(doc.title || doc.id, 'h2', { 'data-testid': 'article-title' }),
        el(
          'div',
          { class: 'meta' },
          doc.published ? [t(lang, 'published'), ': ', code(doc.published), ' '] : null,
          doc.source ? ['· ', t(lang, 'outlet'), ': ', el('bdi', {}, doc.source), ' '] : null,
          safeHref(doc.url) ? ['· ', el('a', { href: safeHref(doc.url), target: '_blank', rel: 'noopener noreferrer', dir: 'ltr', 'data-testid': 'article-link' }, t(lang, 'link'))] : null,
          ' · ', code(doc.id),
          (doc.events ?? []).length
            ? [' · ', el('button', { type: 'button', class: 'linkish', 'data-testid': 'show-doc-events', onclick: () => ctx.setFilters({ doc: doc.id }) }, t(lang, 'show_doc_events'))]
            : null,
        ),
      ),
      closeButton(lang),
    );

    const legend = el(
      'div',
      { class: 'legend hl-legend', 'data-testid': 'article-legend' },
      el('span', { class: 'legend-title' }, t(lang, 'legend')),
      Object.keys(MENTION_KINDS).map((k) => el('mark', { class: `hl-${k}` }, mentionKindName(lang, k))),
      el('mark', { class: 'hl-selected hl-sel-trigger' }, t(lang, 'sel_trigger')),
      el('mark', { class: 'hl-selected hl-sel-source' }, t(lang, 'sel_source')),
      el('mark', { class: 'hl-selected hl-sel-target' }, t(lang, 'sel_target')),
    );

    const textBox = el('div', { class: 'doc-text', dir: 'rtl', lang: 'ar', 'data-testid': 'article-text' });
    textBox.append(renderSegments(highlight(doc.text ?? '', documentSpans(doc, ev))));
    textBox.addEventListener('click', (e) => {
      const m = e.target.closest?.('mark.hl-trigger');
      if (!m) return;
      const start = Number(m.dataset.start);
      const hit = (doc.events ?? []).find((x) => x.trigger?.start === start);
      if (hit && hit.event_id !== ev?.event_id) selectInDocument(hit.event_id);
    });

    const panel = el(
      'div',
      { class: 'side', 'data-testid': 'event-panel' },
      el('h3', {}, t(lang, 'selected_event')),
      ev ? el('dl', { class: 'fields' }, eventFields(lang, ev)) : el('p', { class: 'muted', 'data-testid': 'no-event' }, t(lang, 'no_event_selected')),
      el('h3', {}, t(lang, 'doc_events'), ` (${fmtNumber((doc.events ?? []).length)})`),
      el(
        'ol',
        { class: 'doc-events' },
        (doc.events ?? []).map((x) =>
          el(
            'li',
            {
              class: x.event_id === ev?.event_id ? 'selected' : null,
              'data-testid': 'doc-event',
              'data-event-id': x.event_id,
              tabindex: 0,
              onclick: () => selectInDocument(x.event_id),
              onkeydown: (k) => {
                if (k.key === 'Enter') selectInDocument(x.event_id);
              },
            },
            code(x.cameo),
            ' ',
            arText(x.trigger?.text, 'strong'),
            ' — ',
            el('bdi', { dir: 'ltr', class: 'code' }, `${x.source?.code || '∅'} → ${x.target?.code || '∅'}`),
          ),
        ),
      ),
    );

    aside.append(head, legend, el('div', { class: 'article-body' }, textBox, panel));
    const trig = textBox.querySelector('[data-testid="hl-trigger"]');
    if (trig) requestAnimationFrame(() => trig.scrollIntoView({ block: 'center', behavior: 'instant' }));
  }

  function closeButton(lang) {
    return el('button', { type: 'button', class: 'close', 'data-testid': 'article-close', onclick: close, 'aria-label': t(lang, 'close') }, '×');
  }

  return {
    show(p) {
      payload = p;
      error = null;
      aside.hidden = false;
      backdrop.hidden = false;
      render();
    },
    loading() {
      payload = null;
      error = null;
      aside.hidden = false;
      backdrop.hidden = false;
      render();
    },
    fail(msg) {
      error = msg;
      aside.hidden = false;
      backdrop.hidden = false;
      render();
    },
    hide() {
      payload = null;
      error = null;
      aside.hidden = true;
      backdrop.hidden = true;
      clear(aside);
    },
    current: () => payload,
    render() {
      if (!aside.hidden) render();
    },
  };
}
