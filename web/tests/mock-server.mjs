#!/usr/bin/env node
// A small stand-in for `rasd serve`: serves web/dist/ at / and the JSON API
// under /api from the canned fixtures in tests/fixtures.mjs. It lets the UI be
// developed and tested without the C++ build.
//
//   node web/tests/mock-server.mjs [--port 8099] [--web web/dist]
//   (prints "listening on http://127.0.0.1:PORT"; --port 0 picks a free port)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixtures } from './fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

// Arabic normalisation for the mock's search: diacritics, tatweel, alef forms,
// alef maqsura, taa marbuta.
export function normalize(s) {
  return String(s ?? '')
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .toLowerCase();
}

// Clitic prefixes and the article are dropped from both sides, as the real
// store does (docs/api.md, "Full-text search").
function stem(tok) {
  let t = tok;
  for (const p of ['وال', 'فال', 'بال', 'كال', 'لل', 'ال']) {
    if (t.startsWith(p) && t.length - p.length >= 2) return t.slice(p.length);
  }
  if (/^[وفبلك]/.test(t) && t.length > 3) t = t.slice(1);
  return t;
}

function tokens(s) {
  return normalize(s).split(/[^\p{L}\p{N}*]+/u).filter(Boolean);
}

function matchesQuery(doc, q) {
  if (!q) return true;
  const words = new Set(tokens(`${doc.title}\n${doc.text}`).map(stem));
  return tokens(q).every((tok) => {
    if (tok.endsWith('*')) {
      const pre = stem(tok.slice(0, -1));
      return [...words].some((w) => w.startsWith(pre));
    }
    return words.has(stem(tok));
  });
}

function actorMatch(a, code) {
  return !!a?.code && a.code.startsWith(code);
}

const MODALITY = ['asserted', 'reported', 'planned', 'conditional', 'hypothetical', 'negated'];
const ATTRIBUTION = ['named', 'anonymous', 'official', 'media', 'none'];

// The date `from`/`to` and the ordering use: the event's date, else published.
const effDate = (e) => e.date ?? e.published ?? null;

function list(p, key, { upper = false, allowed = null, pattern = null } = {}) {
  const raw = p.get(key);
  if (!raw) return null;
  const vals = raw.split(',').map((v) => v.trim()).filter(Boolean).map((v) => (upper ? v.toUpperCase() : v));
  for (const v of vals) {
    if (allowed && !allowed.includes(v)) throw httpError(400, `parameter '${key}': unknown value '${v}'`);
    if (pattern && !pattern.test(v)) throw httpError(400, `parameter '${key}': bad value '${v}'`);
  }
  return vals;
}

function code(p, key) {
  const v = p.get(key);
  if (!v) return null;
  if (!/^[A-Za-z0-9]+$/.test(v)) throw httpError(400, `parameter '${key}': expected letters and digits, got '${v}'`);
  return v.toUpperCase();
}

export function filterEvents(data, p) {
  const docs = new Map(data.documents.map((d) => [d.id, d]));
  let bbox = null;
  if (p.get('bbox')) {
    bbox = p.get('bbox').split(',').map(Number);
    if (bbox.length !== 4 || bbox.some((v) => !Number.isFinite(v))) throw httpError(400, `parameter 'bbox': expected minlon,minlat,maxlon,maxlat, got '${p.get('bbox')}'`);
  }
  for (const k of ['from', 'to']) {
    const v = p.get(k);
    if (v && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) throw httpError(400, `parameter '${k}': expected a date YYYY-MM-DD, got '${v}'`);
  }
  const actor = code(p, 'actor');
  const source = code(p, 'source');
  const target = code(p, 'target');
  const country = code(p, 'country');
  if (country && !/^[A-Z]{3}$/.test(country)) throw httpError(400, `parameter 'country': expected a three-letter code, got '${p.get('country')}'`);
  const cameo = code(p, 'cameo');
  const roots = list(p, 'root', { pattern: /^\d{1,2}$/ })?.map((r) => r.padStart(2, '0'));
  const plover = list(p, 'plover', { upper: true });
  const modality = list(p, 'modality', { allowed: MODALITY });
  const attribution = list(p, 'attribution', { allowed: ATTRIBUTION });
  const from = p.get('from');
  const to = p.get('to');
  const doc = p.get('doc');
  const q = p.get('q');
  const out = data.events.filter((e) => {
    if (actor && !actorMatch(e.source, actor) && !actorMatch(e.target, actor)) return false;
    if (source && !actorMatch(e.source, source)) return false;
    if (target && !actorMatch(e.target, target)) return false;
    if (country && !actorMatch(e.source, country) && !actorMatch(e.target, country) && e.location?.country !== country) return false;
    if (cameo && !e.cameo.startsWith(cameo)) return false;
    if (roots && !roots.includes(e.cameo_root)) return false;
    if (plover && !plover.includes(e.plover?.event ?? '')) return false;
    if (modality && !modality.includes(e.modality)) return false;
    if (attribution && !attribution.includes(e.attribution?.kind)) return false;
    const d = effDate(e);
    if (from && !(d && d >= from)) return false;
    if (to && !(d && d <= to)) return false;
    if (bbox) {
      const l = e.location;
      if (!l || typeof l.lat !== 'number' || l.lon < bbox[0] || l.lat < bbox[1] || l.lon > bbox[2] || l.lat > bbox[3]) return false;
    }
    if (doc && e.doc_id !== doc) return false;
    if (q && !matchesQuery(docs.get(e.doc_id), q)) return false;
    return true;
  });
  // newest first, undated last, then event_id
  return out.sort((a, b) => {
    const da = effDate(a);
    const db = effDate(b);
    if (da !== db) {
      if (!da) return 1;
      if (!db) return -1;
      return da < db ? 1 : -1;
    }
    return a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0;
  });
}

function httpError(status, message) {
  const err = new Error(message);
  err.status = status;
  return err;
}

function paging(p, def = 50, max = 1000) {
  const int = (k, d) => {
    const v = p.get(k);
    if (!v) return d;
    if (!/^\d+$/.test(v)) throw httpError(400, `parameter '${k}': expected a non-negative integer, got '${v}'`);
    return Number(v);
  };
  const offset = int('offset', 0);
  let limit = int('limit', def);
  limit = Math.min(limit, max);
  return { offset, limit };
}

function weekStart(date) {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - dow);
  return d.toISOString().slice(0, 10);
}

const CSV_COLS = 'event_id,doc_id,doc_title,published,date,date_precision,sentence_index,source_code,source_text,target_code,target_text,cameo,cameo_root,goldstein,quad_class,plover_event,plover_mode,modality,attribution_kind,attribution_text,trigger_text,location_text,location_name_en,location_country,lat,lon,confidence,rule,sentence'.split(',');

function csvCell(v) {
  const s = v == null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(events) {
  const rows = [CSV_COLS.join(',')];
  for (const e of events) {
    rows.push(
      [e.event_id, e.doc_id, e.doc_title, e.published, e.date, e.date_precision, e.sentence_index, e.source?.code, e.source?.text, e.target?.code, e.target?.text, e.cameo, e.cameo_root, e.goldstein, e.quad_class, e.plover?.event, e.plover?.mode, e.modality, e.attribution?.kind, e.attribution?.text, e.trigger.text, e.location?.text, e.location?.name_en, e.location?.country, e.location?.lat, e.location?.lon, e.confidence, e.rule, e.sentence]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}

export function handleApi(data, pathname, p) {
  const docById = new Map(data.documents.map((d) => [d.id, d]));
  let m;
  if (pathname === '/api/health') return { body: { ok: true } };
  if (pathname === '/api/stats') {
    const dates = data.events.map(effDate).filter(Boolean).sort();
    const roots = {};
    for (const e of data.events) roots[e.cameo_root] = (roots[e.cameo_root] ?? 0) + 1;
    return {
      body: {
        documents: data.documents.length,
        events: data.events.length,
        sentences: data.documents.reduce((a, d) => a + d.sentences.length, 0),
        mentions: data.documents.reduce((a, d) => a + d.mentions.length, 0),
        roots,
        first_date: dates[0] ?? null,
        last_date: dates[dates.length - 1] ?? null,
        engine: 'mock-server',
      },
    };
  }
  if (pathname === '/api/events') {
    const all = filterEvents(data, p);
    const format = p.get('format') || 'json';
    if (format === 'csv' || format === 'jsonl') {
      const { offset, limit } = paging(p, 100000, 100000);
      const rows = all.slice(offset, offset + limit);
      const disposition = `attachment; filename="rasd-events.${format}"`;
      if (format === 'csv') return { raw: toCsv(rows), type: 'text/csv; charset=utf-8', disposition };
      return { raw: rows.map((e) => JSON.stringify(e)).join('\n') + (rows.length ? '\n' : ''), type: 'application/x-ndjson', disposition };
    }
    if (format !== 'json') throw httpError(400, `parameter 'format': expected json, csv or jsonl, got '${format}'`);
    const { offset, limit } = paging(p);
    return { body: { total: all.length, offset, limit, events: all.slice(offset, offset + limit) } };
  }
  if ((m = pathname.match(/^\/api\/events\/([^/]+)$/))) {
    const id = decodeURIComponent(m[1]);
    const ev = data.events.find((e) => e.event_id === id);
    if (!ev) throw httpError(404, `no event with id '${id}'`);
    return { body: { event: ev, document: docById.get(ev.doc_id) } };
  }
  if (pathname === '/api/documents') {
    const { offset, limit } = paging(p);
    const q = p.get('q');
    const docs = data.documents
      .filter((d) => matchesQuery(d, q))
      .sort((a, b) => (a.published === b.published ? (a.id < b.id ? -1 : 1) : !a.published ? 1 : !b.published ? -1 : a.published < b.published ? 1 : -1));
    return {
      body: {
        total: docs.length,
        offset,
        limit,
        documents: docs.slice(offset, offset + limit).map((d) => ({
          id: d.id,
          title: d.title,
          published: d.published,
          source: d.source,
          url: d.url,
          events: d.events.length,
          ...snippet(d, q),
        })),
      },
    };
  }
  if ((m = pathname.match(/^\/api\/documents\/([^/]+)$/))) {
    const id = decodeURIComponent(m[1]);
    const d = docById.get(id);
    if (!d) throw httpError(404, `no document with id '${id}'`);
    return { body: d };
  }
  if (pathname === '/api/actors') {
    const { limit } = paging(p, 100, 1000);
    const role = p.get('role') || 'any';
    if (!['any', 'source', 'target'].includes(role)) throw httpError(400, `parameter 'role': expected source, target or any, got '${role}'`);
    const counts = new Map();
    const bump = (code, role) => {
      if (!code) return;
      const c = counts.get(code) ?? { code, count: 0, as_source: 0, as_target: 0 };
      c.count++;
      c[role]++;
      counts.set(code, c);
    };
    for (const e of filterEvents(data, p)) {
      if (role !== 'target') bump(e.source?.code, 'as_source');
      if (role !== 'source') bump(e.target?.code, 'as_target');
    }
    if (role !== 'any') for (const c of counts.values()) c.count = role === 'source' ? c.as_source : c.as_target;
    return { body: { actors: [...counts.values()].filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, limit) } };
  }
  if (pathname === '/api/timeline') {
    const interval = p.get('interval') ?? 'day';
    const by = p.get('by') ?? 'root';
    if (!['day', 'week'].includes(interval)) throw httpError(400, 'interval must be day or week');
    if (!['root', 'quad', 'plover'].includes(by)) throw httpError(400, 'by must be root, quad or plover');
    const series = new Map();
    for (const e of filterEvents(data, p)) {
      const d = effDate(e);
      if (!d) continue;
      const key = by === 'root' ? e.cameo_root : by === 'quad' ? String(e.quad_class) : e.plover?.event ?? 'none';
      const date = interval === 'week' ? weekStart(d) : d;
      const s = series.get(key) ?? new Map();
      s.set(date, (s.get(date) ?? 0) + 1);
      series.set(key, s);
    }
    return {
      body: {
        interval,
        by,
        series: [...series.entries()]
          .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1))
          .map(([key, pts]) => ({
            key,
            total: [...pts.values()].reduce((x, y) => x + y, 0),
            points: [...pts.entries()].sort().map(([date, count]) => ({ date, count })),
          })),
      },
    };
  }
  if (pathname === '/api/network') {
    const { limit } = paging(p, 200, 5000);
    const min = Number(p.get('min') || 1);
    if (!Number.isInteger(min) || min < 1) throw httpError(400, `parameter 'min': expected a positive integer, got '${p.get('min')}'`);
    const edges = new Map();
    for (const e of filterEvents(data, p)) {
      if (!e.source?.code || !e.target?.code) continue;
      const k = `${e.source.code}\t${e.target.code}`;
      const x = edges.get(k) ?? { source: e.source.code, target: e.target.code, count: 0, gsum: 0 };
      x.count++;
      x.gsum += e.goldstein ?? 0;
      edges.set(k, x);
    }
    const list = [...edges.values()]
      .filter((x) => x.count >= min)
      .sort((a, b) => b.count - a.count)
      .slice(0, limit)
      .map((x) => ({ source: x.source, target: x.target, count: x.count, goldstein: Math.round((x.gsum / x.count) * 100) / 100 }));
    const nodes = new Map();
    for (const x of list) {
      for (const id of [x.source, x.target]) nodes.set(id, (nodes.get(id) ?? 0) + x.count);
    }
    return { body: { nodes: [...nodes.entries()].sort((a, b) => b[1] - a[1]).map(([id, count]) => ({ id, count })), edges: list } };
  }
  throw httpError(404, `no such endpoint ${pathname}`);
}

// About 200 characters around the first matching word (docs/api.md).
function snippet(d, q) {
  const cps = Array.from(d.text);
  const body = d.text.indexOf('\n') >= 0 ? Array.from(d.text.slice(0, d.text.indexOf('\n') + 1)).length : 0;
  let match = null;
  if (q) {
    const want = tokens(q).map((t) => stem(t.replace(/\*$/, '')));
    const re = /[\p{L}\p{N}]+/gu;
    let m;
    while ((m = re.exec(d.text))) {
      const w = stem(normalize(m[0]));
      if (want.some((x) => w === x || w.startsWith(x))) {
        const start = Array.from(d.text.slice(0, m.index)).length;
        match = { start, end: start + Array.from(m[0]).length };
        break;
      }
    }
  }
  const from = match ? Math.max(0, match.start - 80) : body;
  return {
    snippet: cps.slice(from, from + 200).join(''),
    match: match ? { start: match.start - from, end: match.end - from } : null,
  };
}

function serveStatic(webDir, pathname, res) {
  let rel = decodeURIComponent(pathname);
  if (rel.split('/').includes('..')) {
    res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: 'bad path' }));
    return;
  }
  if (rel === '/' || rel === '' || !path.extname(rel)) rel = '/index.html';
  const file = path.normalize(path.join(webDir, rel));
  if (!file.startsWith(path.resolve(webDir))) {
    res.writeHead(403).end();
    return;
  }
  fs.readFile(file, (err, buf) => {
    if (err) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(buf);
  });
}

export function createMockServer({ webDir = path.resolve(here, '../dist'), data = buildFixtures() } = {}) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      try {
        const out = handleApi(data, url.pathname, url.searchParams);
        if (out.raw !== undefined) {
          res.writeHead(200, { 'Content-Type': out.type, ...(out.disposition ? { 'Content-Disposition': out.disposition } : {}) });
          res.end(out.raw);
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(out.body));
        }
      } catch (err) {
        const status = err.status ?? 500;
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ error: err.message }));
      }
      return;
    }
    serveStatic(webDir, url.pathname, res);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : def;
  };
  const port = Number(opt('--port', '8099'));
  const webDir = path.resolve(opt('--web', path.resolve(here, '../dist')));
  const server = createMockServer({ webDir });
  server.listen(port, '127.0.0.1', () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}`);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
}
