// Document list (GET /api/documents?q=): the full-text search over whole
// documents, newest first, with the matching word highlighted in the snippet.
// An item opens the article view for the document.
import { t, fmtNumber } from './i18n.js';
import { el, clear, code } from './dom.js';
import { sliceCp, codePointLength } from './highlight.js';

export const DOC_PAGE_SIZE = 10;

function snippetNode(item) {
  const s = item.snippet ?? '';
  const m = item.match;
  const box = el('div', { class: 'snippet', dir: 'rtl', lang: 'ar' });
  if (m && Number.isInteger(m.start) && Number.isInteger(m.end) && m.end > m.start) {
    box.append(
      sliceCp(s, 0, m.start),
      el('mark', { class: 'hl-match', 'data-testid': 'snippet-match' }, sliceCp(s, m.start, m.end)),
      sliceCp(s, m.end, codePointLength(s)),
    );
  } else box.append(s);
  return box;
}

export function createDocuments(container, ctx) {
  const list = container.querySelector('.doc-list');
  const info = container.querySelector('[data-testid="doc-page-info"]');
  const prev = container.querySelector('[data-testid="doc-pager-prev"]');
  const next = container.querySelector('[data-testid="doc-pager-next"]');
  const heading = container.querySelector('h2');
  let data = null;

  prev.addEventListener('click', () => ctx.setDocOffset(Math.max(0, (data?.offset ?? 0) - DOC_PAGE_SIZE)));
  next.addEventListener('click', () => ctx.setDocOffset((data?.offset ?? 0) + DOC_PAGE_SIZE));

  function render() {
    clear(list);
    const lang = ctx.lang();
    heading.textContent = ctx.query() ? t(lang, 'p_documents_q', { q: ctx.query() }) : t(lang, 'p_documents');
    if (!data) {
      list.append(el('div', { class: 'empty' }, t(lang, 'loading')));
      return;
    }
    const docs = data.documents ?? [];
    if (!docs.length) list.append(el('div', { class: 'empty', 'data-testid': 'documents-empty' }, t(lang, 'no_data')));
    for (const d of docs) {
      const open = () => ctx.openDocument(d.id);
      list.append(
        el(
          'article',
          {
            class: `doc-item${ctx.currentDocument() === d.id ? ' selected' : ''}`,
            'data-testid': 'document-item',
            'data-doc-id': d.id,
            tabindex: 0,
            onclick: open,
            onkeydown: (ev) => {
              if (ev.key === 'Enter') open();
            },
          },
          el(
            'div',
            { class: 'doc-item-head' },
            el('h3', { dir: 'rtl', lang: 'ar' }, d.title || d.id),
            el(
              'span',
              { class: 'muted small' },
              d.published ? code(d.published) : null,
              d.source ? [' · ', el('bdi', {}, d.source)] : null,
              ' · ',
              t(lang, 'events_n', { n: fmtNumber(d.events ?? 0) }),
            ),
          ),
          snippetNode(d),
        ),
      );
    }
    const from = data.total ? data.offset + 1 : 0;
    const to = data.offset + docs.length;
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
