// Thin client for rasd's JSON API (docs/api.md). All paths are relative to the
// page, so the UI works when served at / or behind a reverse proxy at a prefix.

export const FILTER_KEYS = [
  'q', 'actor', 'source', 'target', 'country', 'cameo', 'root', 'plover',
  'modality', 'attribution', 'from', 'to', 'bbox', 'doc',
];

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

export function apiUrl(path, params) {
  const url = new URL(`api/${path.replace(/^\/+/, '')}`, document.baseURI);
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    url.searchParams.set(k, String(v));
  }
  return url.toString();
}

async function getJson(path, params, signal) {
  const res = await fetch(apiUrl(path, params), { signal, headers: { Accept: 'application/json' } });
  let body = null;
  const text = await res.text();
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(body?.error ?? `HTTP ${res.status}`, res.status);
  if (body === null) throw new ApiError('invalid JSON from server', res.status);
  return body;
}

export function filterParams(filters) {
  const p = {};
  for (const k of FILTER_KEYS) if (filters[k]) p[k] = filters[k];
  return p;
}

export const api = {
  stats: (signal) => getJson('stats', null, signal),
  events: (filters, { offset = 0, limit = 50 } = {}, signal) =>
    getJson('events', { ...filterParams(filters), offset, limit }, signal),
  event: (id, signal) => getJson(`events/${encodeURIComponent(id)}`, null, signal),
  documents: (params, signal) => getJson('documents', params, signal),
  document: (id, signal) => getJson(`documents/${encodeURIComponent(id)}`, null, signal),
  actors: (limit = 500, signal) => getJson('actors', { limit }, signal),
  timeline: (filters, { interval = 'day', by = 'root' } = {}, signal) =>
    getJson('timeline', { ...filterParams(filters), interval, by }, signal),
  network: (filters, { min = 1, limit = 200 } = {}, signal) =>
    getJson('network', { ...filterParams(filters), min, limit }, signal),
  exportUrl: (filters, format) => apiUrl('events', { ...filterParams(filters), format, limit: 100000 }),
};
