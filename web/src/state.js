// UI state <-> URL hash, so that a view (filters, page, open event) can be
// bookmarked, shared, and navigated with the browser's back button.
import { FILTER_KEYS } from './api.js';

export const PAGE_SIZE = 25;

export function emptyState() {
  const filters = {};
  for (const k of FILTER_KEYS) filters[k] = '';
  return { filters, offset: 0, event: '', article: '', doffset: 0 };
}

export function parseHash(hash) {
  const st = emptyState();
  const p = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  for (const k of FILTER_KEYS) st.filters[k] = p.get(k) ?? '';
  const int = (k) => {
    const v = Number.parseInt(p.get(k) ?? '0', 10);
    return Number.isFinite(v) && v > 0 ? v : 0;
  };
  st.offset = int('offset');
  st.doffset = int('doffset');
  st.event = p.get('event') ?? '';
  st.article = p.get('article') ?? '';
  return st;
}

export function toHash(st) {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) if (st.filters[k]) p.set(k, st.filters[k]);
  if (st.offset) p.set('offset', String(st.offset));
  if (st.doffset) p.set('doffset', String(st.doffset));
  if (st.event) p.set('event', st.event);
  else if (st.article) p.set('article', st.article);
  const s = p.toString();
  return s ? `#${s}` : '';
}

export function filtersKey(filters) {
  return FILTER_KEYS.map((k) => `${k}=${filters[k] ?? ''}`).join('&');
}
