// The mock API's canned data and behaviour stay consistent with docs/api.md,
// so that the browser test against it means something.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildFixtures } from './fixtures.mjs';
import { handleApi, normalize } from './mock-server.mjs';

const data = buildFixtures();
const get = (path, query = '') => handleApi(data, path, new URLSearchParams(query));
const cps = (s) => Array.from(s);

test('every fixture offset is a code-point span of its document', () => {
  for (const d of data.documents) {
    const text = cps(d.text);
    for (const m of d.mentions) assert.equal(text.slice(m.start, m.end).join(''), m.text, `${d.id} ${m.kind} ${m.text}`);
    for (const e of d.events) {
      for (const k of ['trigger', 'source', 'target', 'location']) {
        if (e[k]) assert.equal(text.slice(e[k].start, e[k].end).join(''), e[k].text, `${e.event_id} ${k}`);
      }
      const s = d.sentences[e.sentence_index];
      assert.equal(e.sentence_start, s.start);
      assert.equal(text.slice(s.start, s.end).join(''), e.sentence);
      assert.ok(s.start <= e.trigger.start && e.trigger.end <= s.end);
    }
  }
  // one document has astral characters, so UTF-16 and code-point offsets differ
  assert.ok(data.documents.some((d) => d.text.length !== cps(d.text).length));
});

test('events: filters, paging and ordering', () => {
  const all = get('/api/events', 'limit=1000').body;
  assert.equal(all.total, data.events.length);
  const dates = all.events.map((e) => e.date ?? e.published);
  assert.deepEqual(dates, [...dates].sort().reverse());
  assert.ok(get('/api/events', 'actor=rus').body.events.every((e) => e.source?.code.startsWith('RUS') || e.target?.code.startsWith('RUS')));
  assert.ok(get('/api/events', 'root=18,19').body.events.every((e) => ['18', '19'].includes(e.cameo_root)));
  assert.equal(get('/api/events', 'limit=2&offset=1').body.events.length, 2);
  // Arabic-aware search: clitics and alef forms
  assert.ok(get('/api/events', `q=${encodeURIComponent('بالجزائر')}`).body.total > 0);
  assert.equal(normalize('أإآى'), 'اااي');
});

test('errors are JSON with 400/404', () => {
  assert.throws(() => get('/api/events', 'from=16/02/2016'), (e) => e.status === 400);
  assert.throws(() => get('/api/events', 'country=Libya'), (e) => e.status === 400);
  assert.throws(() => get('/api/events', 'modality=sure'), (e) => e.status === 400);
  assert.throws(() => get('/api/events/nope'), (e) => e.status === 404);
});

test('event detail, documents, timeline, network, actors, stats', () => {
  const ev = data.events[0];
  const detail = get(`/api/events/${ev.event_id}`).body;
  assert.equal(detail.event.event_id, ev.event_id);
  assert.equal(detail.document.id, ev.doc_id);
  const docs = get('/api/documents', `q=${encodeURIComponent('مستشفي')}`).body;
  assert.equal(docs.total, 1);
  const m = docs.documents[0].match;
  assert.equal(cps(docs.documents[0].snippet).slice(m.start, m.end).join(''), 'مستشفى');
  const tl = get('/api/timeline', 'by=quad&interval=week').body;
  assert.equal(tl.by, 'quad');
  assert.ok(tl.series.every((s) => s.points.every((p) => new Date(`${p.date}T00:00:00Z`).getUTCDay() === 1)));
  const net = get('/api/network').body;
  assert.ok(net.edges.every((e) => net.nodes.some((n) => n.id === e.source) && net.nodes.some((n) => n.id === e.target)));
  const actors = get('/api/actors', 'role=source').body.actors;
  assert.ok(actors.every((a) => a.count === a.as_source && a.count > 0));
  const stats = get('/api/stats').body;
  assert.equal(stats.events, data.events.length);
  assert.equal(get('/api/health').body.ok, true);
});
