// Event table (GET /api/events) with paging; a row opens the article view.
import { t, fmtNumber, rootName, modalityName, attributionName } from './i18n.js';
import { el, clear, arText, code } from './dom.js';

function actorCell(a) {
  if (!a) return el('td', { class: 'muted' }, '—');
  return el('td', {}, arText(a.text), a.code ? [' ', code(a.code)] : null);
}

export function createTable(container, ctx) {
  const wrap = container.querySelector('.table-wrap');
  const info = container.querySelector('[data-testid="page-info"]');
  const prev = container.querySelector('[data-testid="pager-prev"]');
  const next = container.querySelector('[data-testid="pager-next"]');
  let data = null;

  prev.addEventListener('click', () => ctx.setOffset(Math.max(0, (data?.offset ?? 0) - (data?.limit ?? 25))));
  next.addEventListener('click', () => ctx.setOffset((data?.offset ?? 0) + (data?.limit ?? 25)));

  function render() {
    clear(wrap);
    const lang = ctx.lang();
    if (!data) {
      wrap.append(el('div', { class: 'empty' }, t(lang, 'loading')));
      return;
    }
    const cols = ['c_date', 'c_source', 'c_trigger', 'c_target', 'c_cameo', 'c_modality', 'c_attribution', 'c_confidence'];
    const table = el(
      'table',
      { class: 'events', 'data-testid': 'event-table' },
      el('thead', {}, el('tr', {}, cols.map((c) => el('th', { scope: 'col' }, t(lang, c))))),
    );
    const tbody = el('tbody');
    for (const e of data.events ?? []) {
      const open = () => ctx.openEvent(e.event_id);
      const root = e.cameo_root ?? String(e.cameo ?? '').slice(0, 2);
      tbody.append(
        el(
          'tr',
          {
            'data-testid': 'event-row',
            'data-event-id': e.event_id,
            'data-cameo': e.cameo,
            tabindex: 0,
            class: ctx.currentEvent() === e.event_id ? 'selected' : null,
            onclick: open,
            onkeydown: (ev) => {
              if (ev.key === 'Enter' || ev.key === ' ') {
                ev.preventDefault();
                open();
              }
            },
          },
          el(
            'td',
            { class: 'nowrap' },
            e.date ? code(e.date) : e.published ? el('span', { class: 'muted', title: t(lang, 'published') }, code(e.published)) : el('span', { class: 'muted' }, '—'),
          ),
          actorCell(e.source),
          el('td', { class: 'trigger-cell' }, arText(e.trigger?.text, 'span', { 'data-testid': 'row-trigger' })),
          actorCell(e.target),
          el('td', {}, code(e.cameo), ' ', el('span', { class: 'muted' }, rootName(lang, root))),
          el('td', {}, el('span', { class: `badge modality-${e.modality}` }, modalityName(lang, e.modality))),
          el(
            'td',
            { title: e.attribution?.text ?? '' },
            attributionName(lang, e.attribution?.kind ?? 'none'),
            e.attribution?.text ? [' ', arText(e.attribution.text, 'span', { class: 'muted small' })] : null,
          ),
          el('td', { class: 'num' }, confidenceBar(e.confidence)),
        ),
      );
    }
    table.append(tbody);
    if (!(data.events ?? []).length) {
      wrap.append(el('div', { class: 'empty', 'data-testid': 'table-empty' }, t(lang, 'no_data')));
    } else {
      wrap.append(table);
    }
    const from = data.total ? data.offset + 1 : 0;
    const to = data.offset + (data.events ?? []).length;
    info.textContent = t(lang, 'page_info', { from: fmtNumber(from), to: fmtNumber(to), total: fmtNumber(data.total) });
    prev.disabled = data.offset <= 0;
    next.disabled = to >= data.total;
  }

  return {
    update(d) {
      data = d;
      render();
    },
    render,
  };
}

function confidenceBar(c) {
  if (c == null) return '—';
  const pct = Math.round(Math.max(0, Math.min(1, c)) * 100);
  return el(
    'span',
    { class: 'conf', title: fmtNumber(c, 2) },
    el('span', { class: 'conf-bar' }, el('span', { class: 'conf-fill', style: `width:${pct}%` })),
    el('span', { class: 'conf-num' }, fmtNumber(c, 2)),
  );
}
